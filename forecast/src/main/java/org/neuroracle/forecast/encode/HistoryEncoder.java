package org.neuroracle.forecast.encode;

import java.util.Arrays;

/**
 * Population code of the history features ({@code HistoryContext.NAMES}): feature i in [lo[i], hi[i]] fires one of
 * {@code bins} neurons (equal-width bins, clamped), once. Features known at the proposal's start (prior, proposer)
 * fire at step 0, those that depend on the checkpoint at the last observed step, like the tally codes of
 * {@link VoteEncoder}. An unknown feature (NaN: no history, no quorum) fires nothing. Bin indices come from IEEE
 * double arithmetic on values computed with StrictMath, so the spikes are the same on every JVM.
 */
public record HistoryEncoder(int bins, double[] lo, double[] hi, int staticFeatures) {
    public HistoryEncoder {
        if (bins < 2 || bins > 64) throw new IllegalArgumentException("history.bins: must be 2..64, got " + bins);
        if (lo == null || hi == null || lo.length != hi.length || lo.length == 0) throw new IllegalArgumentException("history.lo/hi: one range per feature");
        for (int i = 0; i < lo.length; i++) if (!(hi[i] > lo[i])) throw new IllegalArgumentException("history.hi[" + i + "]: must exceed lo");
        if (staticFeatures < 0 || staticFeatures > lo.length) throw new IllegalArgumentException("history.staticFeatures: 0.." + lo.length);
        lo = lo.clone();
        hi = hi.clone();
    }

    /** Ranges of the 11 features of HistoryContext, in order; the first 4 are known at the start. */
    public static HistoryEncoder defaults() {
        return new HistoryEncoder(10,
                new double[]{-3, 0, -1.5, 0, 0, -3, 0, 0, -2, 0, -0.3},
                new double[]{3, 6, 1.5, 3, 1, 1, 1, 1, 1, 1, 0.3}, 4);
    }

    public int features() { return lo.length; }

    public int channelCount() { return lo.length * bins; }

    public int bin(int feature, double v) {
        int b = (int) Math.floor((v - lo[feature]) / (hi[feature] - lo[feature]) * bins);
        return Math.max(0, Math.min(bins - 1, b));
    }

    /** Spikes for features f, neurons numbered from {@code base}; static ones at step 0, the rest at {@code lastStep}. */
    public InputSpikes encode(double[] f, int lastStep, int totalSteps, int base, int channels) {
        if (f.length != lo.length) throw new IllegalArgumentException("history features: expected " + lo.length + ", got " + f.length);
        int[] st = new int[f.length], ne = new int[f.length];
        int n = 0;
        for (int i = 0; i < f.length; i++) {
            if (Double.isNaN(f[i])) continue;
            st[n] = i < staticFeatures ? 0 : lastStep;
            ne[n++] = base + i * bins + bin(i, f[i]);
        }
        return new InputSpikes(Arrays.copyOf(st, n), Arrays.copyOf(ne, n), totalSteps, channels);
    }

    @Override public boolean equals(Object o) {
        return o instanceof HistoryEncoder h && h.bins == bins && Arrays.equals(h.lo, lo) && Arrays.equals(h.hi, hi) && h.staticFeatures == staticFeatures;
    }

    @Override public int hashCode() { return Arrays.hashCode(lo) * 31 + bins; }
}
