package org.neuroracle.forecast.model;

import java.util.Arrays;
import java.util.List;

/**
 * A forecast combination chosen on the series' own past only: every candidate {@link FlowMethods} method is
 * backtested on the last {@code backtestDays} of the history (forecasts made at t' for t'+1..t'+h whose outcome is
 * already known), weighted by its backtest error, and the 10/90% bounds are the 10th/90th percentile of the
 * combination's backtest errors in log1p space. Nothing after the last day of the history is used, so the same
 * function serves queries and is what the rolling-origin evaluation scores.
 *
 * @param candidates   method names ({@link FlowMethods#ALL})
 * @param strategy     {@code inverse_mae} (weights 1/MAE), {@code inverse_mse} (1/MAE^2), {@code select} (the best one),
 *                     {@code top2} (mean of the two best), {@code top3} (1/MAE over the three best), {@code median}
 *                     (of all candidates), {@code weighted_median} (weights 1/MAE^2), {@code median_or_best} (whichever
 *                     of the median and the best single candidate had the lower backtest error), {@code median_gate}
 *                     (the median, unless the best single candidate's exponentially weighted backtest error is below
 *                     {@code gateRatio} times the median's: then that candidate; needs {@value #GATE_MIN_POINTS}
 *                     backtest points, else the median)
 * @param backtestDays how far back the backtest that weighs the candidates reaches, in days
 * @param intervalDays how far back the backtest whose errors give the 10/90% bounds reaches, in days
 * @param interval     {@code log1p}: the bounds add the 10th/90th percentile of the combination's backtest errors in
 *                     log1p space; {@code tracker}: the bounds are two online quantile trackers (Angelopoulos, Candes
 *                     and Tibshirani 2023, "Conformal PID control", the quantile-tracking part) run over the
 *                     backtest in log1p space, each offset moved after every outcome that is known by then (an
 *                     h-period target is known h periods after its origin), so the long-run share of outcomes below
 *                     the lower bound and above the upper bound each tends to 10% whatever the error distribution.
 *                     Offsets stay on their side of the median (lower &lt;= 0 &lt;= upper), so the fan stays ordered;
 *                     where most outcomes equal the median (flows that are mostly zero) this over-covers.
 * @param trackerStep  the tracker's step as a share of the mean absolute log1p backtest error (0 for {@code log1p})
 * @param halfLifeDays {@code median_gate}: the half-life, in days, of the weights of past backtest errors (0 otherwise)
 * @param gateRatio    {@code median_gate}: how much lower (as a share) the best candidate's weighted backtest error
 *                     must be than the median's for it to replace the median, in (0, 1] (0 otherwise)
 */
public record TreasuryEnsemble(List<String> candidates, String strategy, int backtestDays, int intervalDays, String interval, double trackerStep,
                               int halfLifeDays, double gateRatio,
                               @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT) int conformalDays,
                               @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT) int conformalHalfLifeDays) {
    public static final List<String> STRATEGIES = List.of("inverse_mae", "inverse_mse", "select", "top2", "top3", "median", "weighted_median", "median_or_best", "median_gate");
    /** A gate decided on fewer backtest points than this would follow noise: the median is kept. */
    public static final int GATE_MIN_POINTS = 20;
    public static final List<String> INTERVALS = List.of("log1p", "tracker", "conformal", "balanced_tracker");
    /** Conformal bounds from fewer past residuals than this would be noise: the tracker's bounds are used instead. */
    public static final int CONFORMAL_MIN_POINTS = 30;

    public TreasuryEnsemble {
        if (candidates == null || candidates.isEmpty()) throw new IllegalArgumentException("ensemble.candidates: at least one method");
        for (String c : candidates) if (!FlowMethods.EXTENDED.contains(c)) throw new IllegalArgumentException("ensemble.candidates: unknown method '" + c + "'");
        candidates = List.copyOf(candidates);
        if (!STRATEGIES.contains(strategy)) throw new IllegalArgumentException("ensemble.strategy: one of " + STRATEGIES + ", got " + strategy);
        if (backtestDays < 7 || backtestDays > 3650) throw new IllegalArgumentException("ensemble.backtestDays: 7..3650, got " + backtestDays);
        if (intervalDays < 7 || intervalDays > 3650) throw new IllegalArgumentException("ensemble.intervalDays: 7..3650, got " + intervalDays);
        // Artifacts written before the tracker existed carry neither field: they are log1p models.
        if (interval == null) interval = "log1p";
        if (!INTERVALS.contains(interval)) throw new IllegalArgumentException("ensemble.interval: one of " + INTERVALS + ", got " + interval);
        if (!interval.equals("log1p") && !(trackerStep > 0 && trackerStep <= 1)) throw new IllegalArgumentException("ensemble.trackerStep: in (0, 1] for the tracker, got " + trackerStep);
        if (interval.equals("conformal")) {
            if (conformalDays < 7 || conformalDays > intervalDays) throw new IllegalArgumentException("ensemble.conformalDays: 7..intervalDays (" + intervalDays + ") for conformal bounds, got " + conformalDays);
            if (conformalHalfLifeDays < 0 || conformalHalfLifeDays > 3650) throw new IllegalArgumentException("ensemble.conformalHalfLifeDays: 0..3650, got " + conformalHalfLifeDays);
        } else {
            if (conformalDays != 0) throw new IllegalArgumentException("ensemble.conformalDays: only for conformal bounds, got " + conformalDays);
            if (conformalHalfLifeDays != 0) throw new IllegalArgumentException("ensemble.conformalHalfLifeDays: only for conformal bounds, got " + conformalHalfLifeDays);
        }
        if (interval.equals("log1p") && trackerStep != 0) throw new IllegalArgumentException("ensemble.trackerStep: 0 for log1p bounds, got " + trackerStep);
        if (strategy.equals("median_gate")) {
            if (halfLifeDays < 1 || halfLifeDays > 3650) throw new IllegalArgumentException("ensemble.halfLifeDays: 1..3650 for median_gate, got " + halfLifeDays);
            if (!(gateRatio > 0 && gateRatio <= 1)) throw new IllegalArgumentException("ensemble.gateRatio: in (0, 1] for median_gate, got " + gateRatio);
        } else {
            if (halfLifeDays != 0) throw new IllegalArgumentException("ensemble.halfLifeDays: only for median_gate, got " + halfLifeDays);
            if (gateRatio != 0) throw new IllegalArgumentException("ensemble.gateRatio: only for median_gate, got " + gateRatio);
        }
    }

    /**
     * From a model file's JSON. Written by hand because the artifact reader refuses missing creator properties, and
     * artifacts from before the tracker have no {@code interval} / {@code trackerStep}: they mean log1p bounds.
     */
    @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
    static TreasuryEnsemble fromJson(com.fasterxml.jackson.databind.JsonNode n) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException("ensemble: an object");
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("candidates", "strategy", "backtestDays", "intervalDays", "interval", "trackerStep", "halfLifeDays", "gateRatio", "conformalDays", "conformalHalfLifeDays").contains(f)) throw new IllegalArgumentException("ensemble." + f + ": unknown field");
        }
        var c = n.get("candidates");
        if (c == null || !c.isArray()) throw new IllegalArgumentException("ensemble.candidates: a list of method names");
        List<String> names = new java.util.ArrayList<>();
        for (var x : c) { if (!x.isTextual()) throw new IllegalArgumentException("ensemble.candidates: a list of method names"); names.add(x.asText()); }
        var st = n.get("strategy");
        if (st == null || !st.isTextual()) throw new IllegalArgumentException("ensemble.strategy: required text");
        var iv = n.get("interval");
        if (iv != null && !iv.isTextual()) throw new IllegalArgumentException("ensemble.interval: text");
        var ts = n.get("trackerStep");
        if (ts != null && !ts.isNumber()) throw new IllegalArgumentException("ensemble.trackerStep: a number");
        var gr = n.get("gateRatio");
        if (gr != null && !gr.isNumber()) throw new IllegalArgumentException("ensemble.gateRatio: a number");
        // Artifacts written before the gate existed carry neither gate field.
        return new TreasuryEnsemble(names, st.asText(), whole(n, "backtestDays"), whole(n, "intervalDays"), iv == null ? "log1p" : iv.asText(), ts == null ? 0 : ts.asDouble(),
                n.has("halfLifeDays") ? whole(n, "halfLifeDays") : 0, gr == null ? 0 : gr.asDouble(),
                n.has("conformalDays") ? whole(n, "conformalDays") : 0, n.has("conformalHalfLifeDays") ? whole(n, "conformalHalfLifeDays") : 0);
    }

    /** A rule without conformal bounds (every artifact before issue 13's calibration). */
    public TreasuryEnsemble(List<String> candidates, String strategy, int backtestDays, int intervalDays, String interval, double trackerStep,
                            int halfLifeDays, double gateRatio) {
        this(candidates, strategy, backtestDays, intervalDays, interval, trackerStep, halfLifeDays, gateRatio, 0, 0);
    }

    /**
     * The same point rule and tracker with conformal bounds from the last {@code days} of past residuals, weighted
     * with half-life {@code halfLifeDays} (0: equal weights).
     */
    public TreasuryEnsemble withConformal(int days, int halfLifeDays) {
        return new TreasuryEnsemble(candidates, strategy, backtestDays, intervalDays, "conformal", trackerStep, this.halfLifeDays, gateRatio, days, halfLifeDays);
    }

    private static int whole(com.fasterxml.jackson.databind.JsonNode n, String f) {
        var v = n.get(f);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) throw new IllegalArgumentException("ensemble." + f + ": a whole number of days");
        return v.asInt();
    }

    /** Bounds from the log1p backtest-error percentiles (the first served combination). */
    public TreasuryEnsemble(List<String> candidates, String strategy, int backtestDays, int intervalDays) {
        this(candidates, strategy, backtestDays, intervalDays, "log1p", 0, 0, 0);
    }

    /** A point rule other than {@code median_gate} with the given bounds. */
    public TreasuryEnsemble(List<String> candidates, String strategy, int backtestDays, int intervalDays, String interval, double trackerStep) {
        this(candidates, strategy, backtestDays, intervalDays, interval, trackerStep, 0, 0);
    }

    /** The {@code median_gate} rule over {@code backtestDays} of backtest, with log1p bounds. */
    public static TreasuryEnsemble gate(List<String> candidates, int backtestDays, int intervalDays, int halfLifeDays, double gateRatio) {
        return new TreasuryEnsemble(candidates, "median_gate", backtestDays, intervalDays, "log1p", 0, halfLifeDays, gateRatio);
    }

    /** The same point rule with balanced quantile-tracker bounds (the two sides share the 20% miss budget). */
    public TreasuryEnsemble withBalancedTracker(int intervalDays, double step) {
        return new TreasuryEnsemble(candidates, strategy, backtestDays, intervalDays, "balanced_tracker", step, halfLifeDays, gateRatio);
    }

    /** The same point rule with quantile-tracker bounds. */
    public TreasuryEnsemble withTracker(double step) {
        return new TreasuryEnsemble(candidates, strategy, backtestDays, intervalDays, "tracker", step, halfLifeDays, gateRatio);
    }

    /** The forecast made at the last period of the history: candidates' points, weights, and the combination's quantiles. */
    public record Forecast(double[] candidatePoints, double[] weights, double p10, double p50, double p90, int backtestPoints) {}

    /** Mean flow per period over the next {@code h} periods, from {@code f} (one value per period of {@code periodDays}). */
    public Forecast forecast(double[] f, int h, int periodDays) {
        if (f.length == 0) throw new IllegalArgumentException("series: empty");
        return combine(f, candidateForecasts(candidates, f, h, periodDays), h, periodDays);
    }

    /** As {@link #forecast(double[], int, int)} on {@code fit}'s history, reusing its horizon-free fits (several horizons of one query). */
    public Forecast forecast(FlowMethods.Fitted fit, int h) {
        double[][] fc = new double[candidates.size()][];
        for (int i = 0; i < fc.length; i++) fc[i] = fit.forecast(candidates.get(i), h);
        return combine(fit.history(), fc, h, fit.periodDays());
    }

    /** fc[i][t]: candidate i's forecast made at t (see {@link FlowMethods#forecast}). */
    public static double[][] candidateForecasts(List<String> methods, double[] f, int h, int periodDays) {
        double[][] fc = new double[methods.size()][];
        for (int i = 0; i < fc.length; i++) fc[i] = FlowMethods.forecast(methods.get(i), f, h, periodDays);
        return fc;
    }

    /** The combination given the candidates' forecasts {@code fc} (rows in {@link #candidates} order) over the history f. */
    public Forecast combine(double[] f, double[][] fc, int h, int periodDays) {
        int n = f.length, m = candidates.size();
        if (fc.length != m) throw new IllegalArgumentException("fc: one row per candidate");
        double[] prefix = new double[n + 1];
        for (int t = 0; t < n; t++) prefix[t + 1] = prefix[t] + f[t];
        int last = n - 1 - h, first = Math.max(1, last - FlowMethods.ceilDiv(backtestDays, periodDays) + 1);
        int points = Math.max(0, last - first + 1);
        double[] mae = new double[m];
        for (int t = first; t <= last; t++) {
            double y = (prefix[t + h + 1] - prefix[t + 1]) / h;
            for (int i = 0; i < m; i++) mae[i] += Math.abs(y - fc[i][t]);
        }
        double[] w = weights(mae, points);
        // The median of the candidates at each backtest origin, computed once: the gate, median_or_best and the
        // bounds all read it (the same value wherever it is computed).
        int firstQ = Math.max(1, last - FlowMethods.ceilDiv(intervalDays, periodDays) + 1), qPoints = Math.max(0, last - firstQ + 1);
        int medFrom = Math.min(first, firstQ);
        double[] medAt = new double[Math.max(0, last - medFrom + 1)];
        if (strategy.equals("median") || strategy.equals("median_gate") || strategy.equals("median_or_best")) {
            double[] at = new double[m];
            for (int t = medFrom; t <= last; t++) {
                for (int i = 0; i < m; i++) at[i] = fc[i][t];
                medAt[t - medFrom] = median(at);
            }
        }
        boolean useMedian = strategy.equals("median") || strategy.equals("median_gate");
        if (strategy.equals("median_or_best") && points > 0) {
            // The median's own backtest error against the best single candidate's.
            double medErr = 0;
            for (int t = first; t <= last; t++) {
                double y = (prefix[t + h + 1] - prefix[t + 1]) / h;
                medErr += Math.abs(y - medAt[t - medFrom]);
            }
            int best = 0;
            for (int i = 1; i < m; i++) if (mae[i] < mae[best]) best = i;
            useMedian = medErr <= mae[best];
            if (!useMedian) { Arrays.fill(w, 0); w[best] = 1; }
        }
        if (strategy.equals("median_gate") && points >= GATE_MIN_POINTS) {
            int best = gateChoice(fc, medAt, medFrom, prefix, first, last, h, periodDays);
            if (best >= 0) { useMedian = false; Arrays.fill(w, 0); w[best] = 1; }
        }
        final boolean med = useMedian || (strategy.equals("median_or_best") && points == 0);
        double[] now = new double[m];
        for (int i = 0; i < m; i++) now[i] = fc[i][n - 1];
        double p50 = med ? median(now) : mix(now, w);
        if (qPoints < 5) return new Forecast(now, w, p50, p50, p50, points);
        double[] r = new double[qPoints];
        double[] at = new double[m];
        for (int t = firstQ; t <= last; t++) {
            double y = (prefix[t + h + 1] - prefix[t + 1]) / h;
            for (int i = 0; i < m; i++) at[i] = fc[i][t];
            r[t - firstQ] = StrictMath.log1p(Math.max(0, y)) - StrictMath.log1p(med ? medAt[t - medFrom] : mix(at, w));
        }
        double lp = StrictMath.log1p(p50);
        if (interval.equals("conformal")) {
            int firstC = Math.max(firstQ, last - FlowMethods.ceilDiv(conformalDays, periodDays) + 1);
            double[] lohi = last - firstC + 1 >= CONFORMAL_MIN_POINTS ? conformal(Arrays.copyOfRange(r, firstC - firstQ, qPoints), periodDays) : track(r, firstQ, h);
            return new Forecast(now, w, Math.min(p50, Math.max(0, StrictMath.expm1(lp + lohi[0]))), p50, Math.max(p50, StrictMath.expm1(lp + lohi[1])), points);
        }
        if (interval.equals("tracker") || interval.equals("balanced_tracker")) {
            double[] lohi = track(r, firstQ, h);
            return new Forecast(now, w, Math.min(p50, Math.max(0, StrictMath.expm1(lp + lohi[0]))), p50, Math.max(p50, StrictMath.expm1(lp + lohi[1])), points);
        }
        Arrays.sort(r);
        return new Forecast(now, w, Math.max(0, StrictMath.expm1(lp + quantile(r, 0.10))), p50, Math.max(0, StrictMath.expm1(lp + quantile(r, 0.90))), points);
    }

    /**
     * The two quantile trackers over the backtest residuals {@code r} (log1p actual - log1p point, in origin order,
     * the first at origin {@code firstQ}): start at the residuals' 10th/90th percentiles, then at each origin u the
     * outcome of origin u - h has become known and moves the offsets by step * (0.1 - below) and step * (above - 0.1).
     * Returns the offsets after the last known outcome, i.e. for the forecast made now.
     */
    double[] track(double[] r, int firstQ, int h) {
        int k = r.length;
        double[] sorted = r.clone();
        Arrays.sort(sorted);
        double lo = Math.min(0, quantile(sorted, 0.10)), hi = Math.max(0, quantile(sorted, 0.90));
        double scale = 0;
        for (double x : r) scale += Math.abs(x);
        scale /= k;
        if (!(scale > 0)) return new double[]{lo, hi};
        double eta = trackerStep * scale;
        boolean balanced = interval.equals("balanced_tracker");
        // below[i] / above[i]: whether origin i's outcome fell outside the bounds that were in force at origin i.
        boolean[] below = new boolean[k], above = new boolean[k];
        int known = 0, nBelow = 0, nAbove = 0;
        for (int i = 0; i < k; i++) {
            if (i - h >= 0) {
                double[] t = targets(balanced, known, nBelow, nAbove);
                lo = update(lo, below[i - h], true, eta, t[0]); hi = update(hi, above[i - h], false, eta, t[1]);
                known++; if (below[i - h]) nBelow++; if (above[i - h]) nAbove++;
            }
            below[i] = r[i] < lo;
            above[i] = r[i] > hi;
        }
        for (int i = Math.max(0, k - h); i < k; i++) {
            double[] t = targets(balanced, known, nBelow, nAbove);
            lo = update(lo, below[i], true, eta, t[0]); hi = update(hi, above[i], false, eta, t[1]);
            known++; if (below[i]) nBelow++; if (above[i]) nAbove++;
        }
        return new double[]{lo, hi};
    }

    /**
     * Each side's target miss rate: 10%, or (balanced) 20% less the other side's miss rate so far, at least 10%:
     * a side pinned at the median (an intermittent flow's lower bound at 0 misses almost nothing) hands its unused
     * share to the other, so the whole interval aims at 80% instead of 90%.
     */
    private static double[] targets(boolean balanced, int known, int nBelow, int nAbove) {
        if (!balanced || known == 0) return new double[]{0.1, 0.1};
        return new double[]{0.2 - Math.min(0.1, (double) nAbove / known), 0.2 - Math.min(0.1, (double) nBelow / known)};
    }

    /**
     * Split-conformal offsets from past residuals {@code r} (log1p actual - log1p point, oldest first, each an
     * outcome already known): the interval [lo, hi] around the point (lo &lt;= 0 &lt;= hi) that leaves out at most
     * 20% of the (weighted) past residuals, 10% on each side where each side has that much, the rest given to the
     * other side. Residuals equal to 0 (an outcome equal to the point: most of an intermittent flow's zero days)
     * are always inside, so the 10/90 split of a tracker over-covers there; handing the unused share of one side
     * to the other brings the whole interval to 80% wherever the ties leave room. Weights 0.5^(age x period /
     * conformalHalfLifeDays) let recent errors count most (all 1 when the half-life is 0).
     */
    double[] conformal(double[] r, int periodDays) {
        int k = r.length;
        double[] w = new double[k];
        double total = 0, neg = 0, pos = 0;
        for (int i = 0; i < k; i++) {
            w[i] = conformalHalfLifeDays == 0 ? 1 : StrictMath.pow(0.5, (double) (k - 1 - i) * periodDays / conformalHalfLifeDays);
            total += w[i];
            if (r[i] < 0) neg += w[i]; else if (r[i] > 0) pos += w[i];
        }
        double aLo = Math.min(0.1 * total, neg), aHi = Math.min(0.2 * total - aLo, pos);
        aLo = Math.min(0.2 * total - aHi, neg);
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) order[i] = i;
        // Ties by age (stable sort on index order), so the bounds are a function of the residual bits.
        Arrays.sort(order, (a, b) -> Double.compare(r[a], r[b]));
        double lo = 0, cum = 0;
        for (int j = 0; j < k && r[order[j]] < 0; j++) {
            if (cum + w[order[j]] > aLo) { lo = r[order[j]]; break; }
            cum += w[order[j]];
        }
        double hi = 0;
        cum = 0;
        for (int j = k - 1; j >= 0 && r[order[j]] > 0; j--) {
            if (cum + w[order[j]] > aHi) { hi = r[order[j]]; break; }
            cum += w[order[j]];
        }
        return new double[]{lo, hi};
    }

    private static double update(double offset, boolean missed, boolean lower, double eta, double target) {
        return lower ? Math.min(0, offset + eta * (target - (missed ? 1 : 0))) : Math.max(0, offset + eta * ((missed ? 1 : 0) - target));
    }

    /**
     * The gate: backtest errors of each candidate and of the median over origins first..last, origin t weighted by
     * 0.5^((last - t) x periodDays / halfLifeDays), so recent behaviour counts most; returns the best candidate
     * (ties by list order) when its weighted error is below gateRatio x the median's, else -1 (keep the median).
     */
    private int gateChoice(double[][] fc, double[] medAt, int medFrom, double[] prefix, int first, int last, int h, int periodDays) {
        int m = fc.length;
        double[] err = new double[m];
        double medErr = 0;
        for (int t = first; t <= last; t++) {
            double wt = StrictMath.pow(0.5, (double) (last - t) * periodDays / halfLifeDays);
            double y = (prefix[t + h + 1] - prefix[t + 1]) / h;
            for (int i = 0; i < m; i++) err[i] += wt * Math.abs(y - fc[i][t]);
            medErr += wt * Math.abs(y - medAt[t - medFrom]);
        }
        int best = 0;
        for (int i = 1; i < m; i++) if (err[i] < err[best]) best = i;
        return err[best] < gateRatio * medErr ? best : -1;
    }

    private double[] weights(double[] mae, int points) {
        int m = mae.length;
        double[] w = new double[m];
        if (points == 0 || strategy.equals("median") || strategy.equals("median_or_best") || strategy.equals("median_gate")) { Arrays.fill(w, 1.0 / m); return w; }
        // Candidates by backtest error, ties by list order (stable sort), so the choice is deterministic.
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(mae[a], mae[b]));
        if (strategy.equals("select")) { w[order[0]] = 1; return w; }
        if (strategy.equals("top2")) { w[order[0]] = 0.5; w[order[Math.min(1, m - 1)]] += 0.5; return w; }
        int keep = strategy.equals("top3") ? Math.min(3, m) : m;
        double min = mae[order[0]];
        double sum = 0;
        for (int k = 0; k < keep; k++) {
            int i = order[k];
            // A perfect backtest (a flat series) would divide by zero: floor the error at a millionth of the best.
            double e = Math.max(mae[i] / points, Math.max(1e-12, min / points * 1e-6));
            w[i] = strategy.equals("inverse_mse") || strategy.equals("weighted_median") ? 1 / (e * e) : 1 / e;
            sum += w[i];
        }
        for (int i = 0; i < m; i++) w[i] /= sum;
        return w;
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private double mix(double[] x, double[] w) {
        if (strategy.equals("weighted_median")) {
            Integer[] o = new Integer[x.length];
            for (int i = 0; i < o.length; i++) o[i] = i;
            Arrays.sort(o, (a, b) -> Double.compare(x[a], x[b]));
            double c = 0;
            for (Integer i : o) { c += w[i]; if (c >= 0.5) return Math.max(0, x[i]); }
            return Math.max(0, x[o[o.length - 1]]);
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) s += w[i] * x[i];
        return Math.max(0, s);
    }

    /** Linear-interpolation quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
