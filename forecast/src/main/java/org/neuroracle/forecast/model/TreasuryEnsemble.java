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
 *                     of the median and the best single candidate had the lower backtest error)
 * @param backtestDays how far back the backtest that weighs the candidates reaches, in days
 * @param intervalDays how far back the backtest whose errors give the 10/90% bounds reaches, in days
 */
public record TreasuryEnsemble(List<String> candidates, String strategy, int backtestDays, int intervalDays) {
    public static final List<String> STRATEGIES = List.of("inverse_mae", "inverse_mse", "select", "top2", "top3", "median", "weighted_median", "median_or_best");

    public TreasuryEnsemble {
        if (candidates == null || candidates.isEmpty()) throw new IllegalArgumentException("ensemble.candidates: at least one method");
        for (String c : candidates) if (!FlowMethods.ALL.contains(c)) throw new IllegalArgumentException("ensemble.candidates: unknown method '" + c + "'");
        candidates = List.copyOf(candidates);
        if (!STRATEGIES.contains(strategy)) throw new IllegalArgumentException("ensemble.strategy: one of " + STRATEGIES + ", got " + strategy);
        if (backtestDays < 7 || backtestDays > 3650) throw new IllegalArgumentException("ensemble.backtestDays: 7..3650, got " + backtestDays);
        if (intervalDays < 7 || intervalDays > 3650) throw new IllegalArgumentException("ensemble.intervalDays: 7..3650, got " + intervalDays);
    }

    /** The forecast made at the last period of the history: candidates' points, weights, and the combination's quantiles. */
    public record Forecast(double[] candidatePoints, double[] weights, double p10, double p50, double p90, int backtestPoints) {}

    /** Mean flow per period over the next {@code h} periods, from {@code f} (one value per period of {@code periodDays}). */
    public Forecast forecast(double[] f, int h, int periodDays) {
        if (f.length == 0) throw new IllegalArgumentException("series: empty");
        return combine(f, candidateForecasts(candidates, f, h, periodDays), h, periodDays);
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
        boolean useMedian = strategy.equals("median");
        if (strategy.equals("median_or_best") && points > 0) {
            // The median's own backtest error against the best single candidate's.
            double medErr = 0;
            double[] at0 = new double[m];
            for (int t = first; t <= last; t++) {
                double y = (prefix[t + h + 1] - prefix[t + 1]) / h;
                for (int i = 0; i < m; i++) at0[i] = fc[i][t];
                medErr += Math.abs(y - median(at0));
            }
            int best = 0;
            for (int i = 1; i < m; i++) if (mae[i] < mae[best]) best = i;
            useMedian = medErr <= mae[best];
            if (!useMedian) { Arrays.fill(w, 0); w[best] = 1; }
        }
        final boolean med = useMedian || (strategy.equals("median_or_best") && points == 0);
        double[] now = new double[m];
        for (int i = 0; i < m; i++) now[i] = fc[i][n - 1];
        double p50 = med ? median(now) : mix(now, w);
        int firstQ = Math.max(1, last - FlowMethods.ceilDiv(intervalDays, periodDays) + 1), qPoints = Math.max(0, last - firstQ + 1);
        if (qPoints < 5) return new Forecast(now, w, p50, p50, p50, points);
        double[] r = new double[qPoints];
        double[] at = new double[m];
        for (int t = firstQ; t <= last; t++) {
            double y = (prefix[t + h + 1] - prefix[t + 1]) / h;
            for (int i = 0; i < m; i++) at[i] = fc[i][t];
            r[t - firstQ] = StrictMath.log1p(Math.max(0, y)) - StrictMath.log1p(med ? median(at) : mix(at, w));
        }
        Arrays.sort(r);
        double lp = StrictMath.log1p(p50);
        return new Forecast(now, w, Math.max(0, StrictMath.expm1(lp + quantile(r, 0.10))), p50, Math.max(0, StrictMath.expm1(lp + quantile(r, 0.90))), points);
    }

    private double[] weights(double[] mae, int points) {
        int m = mae.length;
        double[] w = new double[m];
        if (points == 0 || strategy.equals("median") || strategy.equals("median_or_best")) { Arrays.fill(w, 1.0 / m); return w; }
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
