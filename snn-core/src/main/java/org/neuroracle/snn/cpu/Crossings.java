package org.neuroracle.snn.cpu;

/**
 * The threshold scan of one step: appends, in ascending order, the neurons of [lo, hi) whose candidate v crossed
 * the threshold and that are not refractory. The scan loop has one compare per neuron and writes into the list's
 * array through a local index (room for every neuron is made once, before it), so it carries no field stores or
 * growth checks; the rare candidates are then filtered by their refractory counter. Same set, same order as
 * {@code if (v[i] >= vTh && ref[i] <= 0) spikes.add(i)}, which JFR showed as the largest share of a COBA step.
 */
final class Crossings {
    private Crossings() {}

    /** Float models: spike when {@code v >= vTh}. */
    static void atLeast(float[] v, float vTh, int[] ref, int lo, int hi, IntList spikes) {
        spikes.reserve(hi - lo);
        final int[] s = spikes.a;
        final int first = spikes.size;
        int m = first;
        for (int i = lo; i < hi; i++) if (v[i] >= vTh) s[m++] = i;
        spikes.size = keepReady(s, first, m, ref);
    }

    /**
     * Neurons per block of the fixed-point scan: a vectorised OR of {@code vthScaled - v} over the block (negative
     * exactly when some v exceeds the threshold) decides whether the block is scanned. In quiet networks (cuba-fixed:
     * about two spikes per 4,000 neurons and step) a step scans a block or two instead of every neuron; the
     * one-compare-per-neuron scan had cost a fifth of the step (JFR). 256 and 512 measured alike (same-JVM A/B).
     */
    static final int FIXED_BLOCK = 256;

    /**
     * Fixed point: spike when {@code v > vthScaled}, block by block (see {@link #FIXED_BLOCK}). Needs
     * {@code |vthScaled - v[i]| < 2^31}, which holds for updated states (v clamped to +-(2^23 - 1), vthScaled < 2^23).
     */
    static void aboveInBlocks(int[] v, int vthScaled, int[] ref, int lo, int hi, IntList spikes) {
        spikes.reserve(hi - lo);
        final int[] s = spikes.a;
        final int first = spikes.size;
        int m = first;
        for (int b = lo; b < hi; b += FIXED_BLOCK) {
            final int e = Math.min(hi, b + FIXED_BLOCK);
            int any = 0;
            for (int i = b; i < e; i++) any |= vthScaled - v[i];
            if (any < 0) for (int i = b; i < e; i++) if (v[i] > vthScaled) s[m++] = i;
        }
        spikes.size = keepReady(s, first, m, ref);
    }

    /** Drops refractory candidates from s[first, m), keeping order; returns the new end. */
    private static int keepReady(int[] s, int first, int m, int[] ref) {
        int w = first;
        for (int q = first; q < m; q++) {
            final int i = s[q];
            if (ref[i] <= 0) s[w++] = i;
        }
        return w;
    }
}
