package org.neuroracle.snn.rng;

/**
 * Integer-only Poisson sampling, bit-exact on every backend. The host computes the CDF of Poisson(lambda) once
 * as unsigned 32-bit thresholds t[k] = floor(P(K <= k) * 2^32) (saturating); a draw with Philox word u returns
 * the number of thresholds with u >= t[k] (compared unsigned), capped at the table length. The table stops where
 * the remaining tail is below 2^-32, so the cap is never reached in practice.
 * <p>Bernoulli(p) for Poisson sources uses the same rule with one threshold: spike iff u < floor(p * 2^32).
 */
public final class PoissonTable {
    private PoissonTable() {}

    /** Unsigned thresholds stored in ints (compare with Integer.compareUnsigned). */
    public static int[] cdfThresholds(double lambda) {
        if (!(lambda >= 0) || lambda > 1000) throw new IllegalArgumentException("Poisson mean per step must be in [0, 1000], got " + lambda);
        java.util.ArrayList<Integer> t = new java.util.ArrayList<>();
        double p = Math.exp(-lambda), cdf = p;
        for (int k = 0; k < 4096; k++) {
            double scaled = Math.floor(cdf * 0x1p32);
            t.add(scaled >= 0x1p32 ? -1 : (int) (long) scaled);
            if (1.0 - cdf < 0x1p-32) break;
            p *= lambda / (k + 1);
            cdf += p;
        }
        int[] out = new int[t.size()];
        for (int i = 0; i < out.length; i++) out[i] = t.get(i);
        return out;
    }

    /** Draw a count from a threshold table: the k with t[k-1] <= u < t[k]. */
    public static int sample(int[] thresholds, int offset, int length, int u) {
        int k = 0;
        while (k < length && Integer.compareUnsigned(u, thresholds[offset + k]) >= 0) k++;
        return k;
    }

    /** Bernoulli threshold for probability p: a spike iff Integer.compareUnsigned(u, threshold) < 0. */
    public static int bernoulliThreshold(double p) {
        if (!(p >= 0)) throw new IllegalArgumentException("probability must be >= 0, got " + p);
        if (p >= 1) return -1; // 0xFFFFFFFF: every u except the maximum
        return (int) (long) Math.floor(p * 0x1p32);
    }
}
