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

    /** Fixed point: spike when {@code v > vthScaled}. */
    static void above(int[] v, int vthScaled, int[] ref, int lo, int hi, IntList spikes) {
        spikes.reserve(hi - lo);
        final int[] s = spikes.a;
        final int first = spikes.size;
        int m = first;
        for (int i = lo; i < hi; i++) if (v[i] > vthScaled) s[m++] = i;
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
