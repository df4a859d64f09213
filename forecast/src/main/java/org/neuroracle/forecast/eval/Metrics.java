package org.neuroracle.forecast.eval;

import java.util.Arrays;

/** Forecast scores. Probabilities are clipped to [1e-6, 1 - 1e-6] for log-loss only. */
public final class Metrics {
    private Metrics() {}

    public static double brier(double[] p, int[] y) {
        double s = 0;
        for (int i = 0; i < p.length; i++) s += (p[i] - y[i]) * (p[i] - y[i]);
        return p.length == 0 ? Double.NaN : s / p.length;
    }

    public static double logLoss(double[] p, int[] y) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.max(1e-6, Math.min(1 - 1e-6, p[i]));
            s -= y[i] == 1 ? Math.log(q) : Math.log(1 - q);
        }
        return p.length == 0 ? Double.NaN : s / p.length;
    }

    /** ROC-AUC by the rank-sum (Mann-Whitney) statistic with ties counted half; NaN when one class is absent. */
    public static double auc(double[] p, int[] y) {
        int n = p.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(p[a], p[b]));
        double[] rank = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && p[idx[j + 1]] == p[idx[i]]) j++;
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) rank[idx[k]] = r;
            i = j + 1;
        }
        long pos = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) if (y[i] == 1) { pos++; sum += rank[i]; }
        long neg = n - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (sum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }

    /** Expected calibration error over {@code bins} equal-width bins: sum_b (n_b / n) |mean p_b - rate_b|. */
    public static double ece(double[] p, int[] y, int bins) {
        double[][] r = reliability(p, y, bins);
        double e = 0;
        for (double[] b : r) if (b[2] > 0) e += b[2] / p.length * Math.abs(b[0] - b[1]);
        return p.length == 0 ? Double.NaN : e;
    }

    /**
     * ECE a perfectly calibrated forecaster would score with these same predictions: outcomes drawn as
     * Bernoulli(p_i) {@code draws} times (seeded), ECE of each draw with the same {@code bins} equal-width bins.
     * Returns the sorted draws, so the caller reads any percentile. With tens of proposals this is well above 0:
     * the sampling floor an observed ECE must be judged against.
     */
    public static double[] ecePerfect(double[] p, int bins, int draws, long seed) {
        int n = p.length;
        int[] bin = new int[n];
        double[] sumP = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < n; i++) {
            bin[i] = Math.min(bins - 1, (int) (p[i] * bins));
            sumP[bin[i]] += p[i];
            count[bin[i]]++;
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        double[] out = new double[draws];
        double[] hits = new double[bins];
        for (int d = 0; d < draws; d++) {
            Arrays.fill(hits, 0);
            for (int i = 0; i < n; i++) if (rnd.nextDouble() < p[i]) hits[bin[i]]++;
            double e = 0;
            for (int b = 0; b < bins; b++) if (count[b] > 0) e += Math.abs(sumP[b] - hits[b]) / n;
            out[d] = e;
        }
        Arrays.sort(out);
        return out;
    }

    /** Per bin: mean predicted, observed rate, count. */
    public static double[][] reliability(double[] p, int[] y, int bins) {
        double[][] r = new double[bins][3];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min(bins - 1, (int) (p[i] * bins));
            r[b][0] += p[i];
            r[b][1] += y[i];
            r[b][2]++;
        }
        for (double[] b : r) if (b[2] > 0) { b[0] /= b[2]; b[1] /= b[2]; }
        return r;
    }

    public static double mae(double[] f, double[] y) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < f.length; i++) if (!Double.isNaN(f[i]) && !Double.isNaN(y[i])) { s += Math.abs(f[i] - y[i]); n++; }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Pinball (quantile) loss of quantile q. */
    public static double pinball(double[] f, double[] y, double q) {
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            double d = y[i] - f[i];
            s += Math.max(q * d, (q - 1) * d);
        }
        return f.length == 0 ? Double.NaN : s / f.length;
    }

    /** Share of y inside [lo, hi]. */
    public static double coverage(double[] lo, double[] hi, double[] y) {
        int in = 0;
        for (int i = 0; i < y.length; i++) if (y[i] >= lo[i] && y[i] <= hi[i]) in++;
        return y.length == 0 ? Double.NaN : in / (double) y.length;
    }
}
