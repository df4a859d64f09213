package org.neuroracle.snn.cpu;

/**
 * The neurons of one population whose refractory counter is positive, so that the update loop needs no
 * per-neuron refractory branch (with a few percent of neurons refractory at random indices, that branch
 * mispredicted on most of them and cost more than the arithmetic). The members of an owned range [lo, hi) live
 * in {@code members[lo .. lo + count)}: a range never holds more members than neurons, and each thread touches
 * only its own slice. The counter array stays the state; this list is derived from it and rebuilt after reset.
 */
final class RefractoryList {
    private final int[] members;
    private final int[] countAt;   // indexed by the range's first neuron
    private final int[] builtAt;   // epoch of the last rebuild, per range start
    private int epoch = 1;

    RefractoryList(int size) {
        members = new int[size];
        countAt = new int[size];
        builtAt = new int[size];
    }

    /** The counters were rewritten (reset): every range rebuilds its list before the next step. */
    void invalidate() { epoch++; }

    /**
     * Refractory part of one step for neurons [lo, hi), after the update wrote every candidate v: each member
     * counts down and is held at {@code held}; members reaching 0 leave. Then the neurons that spiked this step
     * (spikes.a[firstSpike ..]) are reset to {@code held}, get {@code refractorySteps} and join when positive.
     * Float v.
     */
    void step(int lo, int hi, int[] ref, IntList spikes, int firstSpike, int refractorySteps, float[] v, float held) {
        if (lo == hi) return;
        final int[] m = members;
        final int n = begin(lo, hi, ref);
        int w = lo;
        for (int q = lo; q < lo + n; q++) {
            final int i = m[q], r = ref[i] - 1;
            ref[i] = r;
            v[i] = held;
            if (r > 0) m[w++] = i;
        }
        final int[] s = spikes.a;
        for (int q = firstSpike; q < spikes.size; q++) {
            final int i = s[q];
            v[i] = held;
            ref[i] = refractorySteps;
            if (refractorySteps > 0) m[w++] = i;
        }
        countAt[lo] = w - lo;
    }

    /** As the float version, for integer v. */
    void step(int lo, int hi, int[] ref, IntList spikes, int firstSpike, int refractorySteps, int[] v, int held) {
        if (lo == hi) return;
        final int[] m = members;
        final int n = begin(lo, hi, ref);
        int w = lo;
        for (int q = lo; q < lo + n; q++) {
            final int i = m[q], r = ref[i] - 1;
            ref[i] = r;
            v[i] = held;
            if (r > 0) m[w++] = i;
        }
        final int[] s = spikes.a;
        for (int q = firstSpike; q < spikes.size; q++) {
            final int i = s[q];
            v[i] = held;
            ref[i] = refractorySteps;
            if (refractorySteps > 0) m[w++] = i;
        }
        countAt[lo] = w - lo;
    }

    private int begin(int lo, int hi, int[] ref) {
        if (builtAt[lo] != epoch) rebuild(lo, hi, ref);
        return countAt[lo];
    }

    private void rebuild(int lo, int hi, int[] ref) {
        int w = lo;
        for (int i = lo; i < hi; i++) if (ref[i] > 0) members[w++] = i;
        countAt[lo] = w - lo;
        builtAt[lo] = epoch;
    }
}
