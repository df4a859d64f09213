package org.neuroracle.forecast.model;

import java.util.List;

/**
 * Point forecasts of a flow series (one value per period: a day, a 5-day epoch, ...): each method maps the history
 * f[0..t] to the mean flow per period over the next h periods, for every t at once (one pass, parameters fitted
 * once on the whole history given). Forecasts are never negative. Pure double arithmetic in a fixed order, so the
 * result is a function of the input bits on every JVM.
 * <ul>
 * <li>{@code naive}: f[t].</li>
 * <li>{@code seasonal_naive}: the same period one season earlier (season 7 for daily data; naive otherwise).</li>
 * <li>{@code mean_7d}, {@code mean_28d}: the mean of the last 7 or 28 days (ceil(days / period) periods).</li>
 * <li>{@code ses}: simple exponential smoothing; alpha on a grid, minimising one-step absolute error.</li>
 * <li>{@code holt}: Holt's linear method with a damped trend (phi 0.9); alpha and beta on a grid.</li>
 * <li>{@code croston}: Croston's method with the Syntetos-Boylan correction (1 - alpha/2) for intermittent flows:
 *     smoothed non-zero size over smoothed interval; alpha on a grid.</li>
 * </ul>
 * Not baselines but components of the served combination, aimed at the median (which MAE rewards on spiky flows):
 * <ul>
 * <li>{@code median_28d}: the median of the last 28 days' single-period flows.</li>
 * <li>{@code median_hmean_90d}: the median of the h-period means that ended within the last 90 days.</li>
 * <li>{@code holt_log}: damped Holt on log1p of the flow (a trend in growth rates: a geometric decline such as
 *     Cardano's reserve inflow), back-transformed with expm1.</li>
 * <li>{@code trend_log_120d}: a straight line fitted by least squares to log1p of the flows of the last 120 days
 *     (ceil(120 / period) periods), extrapolated over the horizon and back-transformed; a local trend with no
 *     smoothing parameter, for flows that follow a schedule (Cardano's reserve inflow declines by a near-constant
 *     share per epoch, which damped Holt flattens out).</li>
 * </ul>
 */
public final class FlowMethods {
    private FlowMethods() {}

    /** The baselines of the evaluation. */
    public static final List<String> BASELINES = List.of("naive", "seasonal_naive", "mean_7d", "mean_28d", "ses", "holt", "croston");
    /** Every method: the baselines and the median-type components. */
    public static final List<String> ALL = List.of("naive", "seasonal_naive", "mean_7d", "mean_28d", "ses", "holt", "croston", "median_28d", "median_hmean_90d");
    /** {@link #ALL} and the log-scale trend. */
    public static final List<String> EXTENDED = List.of("naive", "seasonal_naive", "mean_7d", "mean_28d", "ses", "holt", "croston", "median_28d", "median_hmean_90d", "holt_log", "trend_log_120d");
    static final double[] ALPHAS = {0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8};
    static final double[] BETAS = {0.02, 0.1, 0.3};
    static final double PHI = 0.9;
    /** Parameters are fitted on at most this many most recent periods (a regime two years ago says little). */
    static final int FIT_PERIODS = 730;

    /**
     * Methods with no parameter fitted on the whole history given: their out[t] depends on f[0..t] only, bit for
     * bit (running sums start at f[0] whatever the length), so one pass over a long series gives every shorter
     * history's forecasts. The others (ses, holt, croston, holt_log) refit on the last {@value #FIT_PERIODS} periods.
     */
    public static boolean causal(String method) {
        return switch (method) {
            case "naive", "seasonal_naive", "mean_7d", "mean_28d", "median_28d", "median_hmean_90d", "trend_log_120d" -> true;
            default -> false;
        };
    }

    /** out[t] = forecast made at t of the mean flow per period over t+1..t+h; {@code periodDays} of the series. */
    public static double[] forecast(String method, double[] f, int h, int periodDays) {
        return switch (method) {
            case "naive" -> naive(f);
            case "seasonal_naive" -> seasonal(f, h, periodDays == 1 ? 7 : 1);
            case "mean_7d" -> windowMean(f, ceilDiv(7, periodDays));
            case "mean_28d" -> windowMean(f, ceilDiv(28, periodDays));
            case "ses" -> ses(f, fitSes(f));
            case "holt" -> { double[] ab = fitHolt(f); yield holt(f, h, ab[0], ab[1]); }
            case "croston" -> croston(f, fitCroston(f));
            case "median_28d" -> windowMedian(f, ceilDiv(28, periodDays));
            case "median_hmean_90d" -> hmeanMedian(f, h, ceilDiv(90, periodDays));
            case "holt_log" -> holtLog(f, h);
            case "trend_log_120d" -> trendLog(f, h, ceilDiv(120, periodDays));
            default -> throw new IllegalArgumentException("method: unknown flow method '" + method + "'; known: " + EXTENDED);
        };
    }

    /** One history with its horizon-free work done once, for a query that asks several horizons of it. */
    public static Fitted fit(double[] f, int periodDays) { return new Fitted(f, periodDays); }

    /**
     * A history f with everything that does not depend on the horizon computed at most once: the fitted parameters
     * of ses, holt, croston and holt_log (their grids minimise one-step errors, whatever h), and the whole forecast of
     * the methods whose out[t] has no h in it (naive, the window means and median, ses, croston). Each
     * {@link #forecast} is bit for bit {@link FlowMethods#forecast} on the same history (same helpers, same order);
     * only the repeated work is gone. Not thread-safe: one per query.
     */
    public static final class Fitted {
        private final double[] f;
        private final int periodDays;
        private double[] naive, mean7, mean28, ses, croston, median28, log1p, holtAb, holtLogAb;

        private Fitted(double[] f, int periodDays) {
            if (f.length == 0) throw new IllegalArgumentException("series: empty");
            this.f = f.clone();
            this.periodDays = periodDays;
        }

        public double[] history() { return f.clone(); }

        public int periodDays() { return periodDays; }

        /** out[t] for every t, as {@link FlowMethods#forecast}{@code (method, history, h, periodDays)}; a fresh array. */
        public double[] forecast(String method, int h) {
            return switch (method) {
                case "naive" -> (naive == null ? naive = FlowMethods.naive(f) : naive).clone();
                case "seasonal_naive" -> seasonal(f, h, periodDays == 1 ? 7 : 1);
                case "mean_7d" -> (mean7 == null ? mean7 = windowMean(f, ceilDiv(7, periodDays)) : mean7).clone();
                case "mean_28d" -> (mean28 == null ? mean28 = windowMean(f, ceilDiv(28, periodDays)) : mean28).clone();
                case "ses" -> (ses == null ? ses = FlowMethods.ses(f, fitSes(f)) : ses).clone();
                case "holt" -> { if (holtAb == null) holtAb = fitHolt(f); yield holt(f, h, holtAb[0], holtAb[1]); }
                case "croston" -> (croston == null ? croston = FlowMethods.croston(f, fitCroston(f)) : croston).clone();
                case "median_28d" -> (median28 == null ? median28 = windowMedian(f, ceilDiv(28, periodDays)) : median28).clone();
                case "median_hmean_90d" -> hmeanMedian(f, h, ceilDiv(90, periodDays));
                case "holt_log" -> {
                    if (log1p == null) log1p = log1pOf(f);
                    if (holtLogAb == null) holtLogAb = fitHolt(log1p);
                    yield expm1Of(holt(log1p, h, holtLogAb[0], holtLogAb[1]));
                }
                case "trend_log_120d" -> trendLog(f, h, ceilDiv(120, periodDays));
                default -> throw new IllegalArgumentException("method: unknown flow method '" + method + "'; known: " + EXTENDED);
            };
        }
    }

    public static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    static double[] naive(double[] f) { return f.clone(); }

    static double[] seasonal(double[] f, int h, int season) {
        int n = f.length;
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            double s = 0;
            for (int k = 1; k <= h; k++) {
                int i = t + k - season * ceilDiv(k, season);
                s += f[Math.max(0, i)];
            }
            out[t] = s / h;
        }
        return out;
    }

    static double[] windowMean(double[] f, int w) {
        int n = f.length;
        double[] out = new double[n];
        double s = 0;
        for (int t = 0; t < n; t++) {
            s += f[t];
            if (t >= w) s -= f[t - w];
            out[t] = Math.max(0, s / Math.min(w, t + 1));
        }
        return out;
    }

    static double[] windowMedian(double[] f, int w) {
        int n = f.length;
        double[] out = new double[n];
        // A running sorted window: the median of f[max(0, t-w+1)..t], the bits of sorting that slice.
        SortedWindow win = new SortedWindow(w);
        for (int t = 0; t < n; t++) {
            if (t - w >= 0) win.remove(f[t - w]);
            win.add(f[t]);
            out[t] = Math.max(0, win.median());
        }
        return out;
    }

    /** At t: the median over e in (t - w, t] of the mean of f[e-h+1..e] (the h-period means seen so far). */
    static double[] hmeanMedian(double[] f, int h, int w) {
        int n = f.length;
        double[] prefix = new double[n + 1];
        for (int t = 0; t < n; t++) prefix[t + 1] = prefix[t] + f[t];
        double[] out = new double[n];
        // The h-period means ending at e in [max(h-1, t-w+1), t], kept sorted as t moves (the bits of sorting them).
        SortedWindow win = new SortedWindow(w);
        for (int t = 0; t < n; t++) {
            if (t < h - 1) { out[t] = Math.max(0, (prefix[t + 1]) / (t + 1)); continue; }
            int old = t - w;
            if (old >= h - 1) win.remove((prefix[old + 1] - prefix[old + 1 - h]) / h);
            win.add((prefix[t + 1] - prefix[t + 1 - h]) / h);
            out[t] = Math.max(0, win.median());
        }
        return out;
    }

    static double median(double[] x) {
        java.util.Arrays.sort(x);
        int k = x.length;
        return k % 2 == 1 ? x[k / 2] : (x[k / 2 - 1] + x[k / 2]) / 2;
    }

    private static int fitFrom(double[] f) { return Math.max(0, f.length - FIT_PERIODS); }

    static double[] ses(double[] f, double a) {
        int n = f.length;
        double[] out = new double[n];
        double l = f.length == 0 ? 0 : f[0];
        for (int t = 0; t < n; t++) {
            l = t == 0 ? f[0] : a * f[t] + (1 - a) * l;
            out[t] = Math.max(0, l);
        }
        return out;
    }

    static double fitSes(double[] f) {
        double best = ALPHAS[0], err = Double.POSITIVE_INFINITY;
        int from = fitFrom(f);
        for (double a : ALPHAS) {
            double l = f[from], e = 0;
            for (int t = from + 1; t < f.length; t++) { e += Math.abs(f[t] - l); l = a * f[t] + (1 - a) * l; }
            if (e < err) { err = e; best = a; }
        }
        return best;
    }

    static double[] holt(double[] f, int h, double a, double b) {
        int n = f.length;
        double[] out = new double[n];
        // Mean over k = 1..h of the damped trend multiplier sum_{j=1..k} phi^j.
        double damp = 0, pj = 0, p = 1;
        for (int k = 1; k <= h; k++) { p *= PHI; pj += p; damp += pj; }
        damp /= h;
        double l = f.length == 0 ? 0 : f[0], tr = 0;
        for (int t = 0; t < n; t++) {
            if (t > 0) {
                double prev = l;
                l = a * f[t] + (1 - a) * (l + PHI * tr);
                tr = b * (l - prev) + (1 - b) * PHI * tr;
            }
            out[t] = Math.max(0, l + damp * tr);
        }
        return out;
    }

    static double[] holtLog(double[] f, int h) {
        double[] g = log1pOf(f);
        double[] ab = fitHolt(g);
        return expm1Of(holt(g, h, ab[0], ab[1]));
    }

    private static double[] log1pOf(double[] f) {
        double[] g = new double[f.length];
        for (int t = 0; t < g.length; t++) g[t] = StrictMath.log1p(Math.max(0, f[t]));
        return g;
    }

    /** In place: max(0, expm1(x)). */
    private static double[] expm1Of(double[] out) {
        for (int t = 0; t < out.length; t++) out[t] = Math.max(0, StrictMath.expm1(out[t]));
        return out;
    }

    /**
     * At t: least-squares line through (j - t, log1p f[j]) for j in (t - w, t] (fewer at the start; the last value
     * alone before two points exist), then the mean of expm1 of the line at t+1..t+h.
     */
    static double[] trendLog(double[] f, int h, int w) {
        int n = f.length;
        double[] g = new double[n];
        for (int t = 0; t < n; t++) g[t] = StrictMath.log1p(Math.max(0, f[t]));
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            int from = Math.max(0, t - w + 1), k = t - from + 1;
            double a = g[t], b = 0;
            if (k >= 2) {
                // x = j - t in (-k, 0]; sums accumulated in index order so the bits do not depend on the history's length.
                double sx = 0, sy = 0, sxx = 0, sxy = 0;
                for (int j = from; j <= t; j++) { double x = j - t; sx += x; sy += g[j]; sxx += x * x; sxy += x * g[j]; }
                double d = k * sxx - sx * sx;
                b = (k * sxy - sx * sy) / d;
                a = (sy - b * sx) / k;
            }
            double s = 0;
            for (int j = 1; j <= h; j++) s += StrictMath.expm1(a + b * j);
            out[t] = Math.max(0, s / h);
        }
        return out;
    }

    static double[] fitHolt(double[] f) {
        double[] best = {ALPHAS[0], BETAS[0]};
        double err = Double.POSITIVE_INFINITY;
        int from = fitFrom(f);
        for (double a : ALPHAS)
            for (double b : BETAS) {
                double l = f[from], tr = 0, e = 0;
                for (int t = from + 1; t < f.length; t++) {
                    e += Math.abs(f[t] - Math.max(0, l + PHI * tr));
                    double prev = l;
                    l = a * f[t] + (1 - a) * (l + PHI * tr);
                    tr = b * (l - prev) + (1 - b) * PHI * tr;
                }
                if (e < err) { err = e; best = new double[]{a, b}; }
            }
        return best;
    }

    static double[] croston(double[] f, double a) {
        int n = f.length;
        double[] out = new double[n];
        double z = 0, p = 0;
        int since = 0;
        boolean started = false;
        for (int t = 0; t < n; t++) {
            since++;
            if (f[t] > 0) {
                if (!started) { z = f[t]; p = since; started = true; }
                else { z = a * f[t] + (1 - a) * z; p = a * since + (1 - a) * p; }
                since = 0;
            }
            out[t] = started ? Math.max(0, (1 - a / 2) * z / p) : 0;
        }
        return out;
    }

    static double fitCroston(double[] f) {
        double best = 0.1, err = Double.POSITIVE_INFINITY;
        int from = fitFrom(f);
        double[] tail = java.util.Arrays.copyOfRange(f, from, f.length);
        for (double a : new double[]{0.05, 0.1, 0.2, 0.3}) {
            double[] c = croston(tail, a);
            double e = 0;
            for (int t = 0; t + 1 < tail.length; t++) e += Math.abs(tail[t + 1] - c[t]);
            if (e < err) { err = e; best = a; }
        }
        return best;
    }
}
