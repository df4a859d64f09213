package org.neuroracle.snn.model;

/**
 * Synapses from population {@code pre} to population {@code post} (indices into {@link Network#populations()}),
 * stored as CSR by presynaptic neuron: the synapses of pre neuron i are k in [rowPtr[i], rowPtr[i+1]), each with
 * target {@code targets[k]}, delay {@code delaySteps[k]} (>= 1) and a weight. Targets are sorted within each row.
 * <p>Float networks use {@code weights} (mV for current channels, units of leak conductance for conductance
 * channels). Fixed-point networks use {@code weightMantissas} (signed, at most {@link #MAX_WEIGHT_BITS} bits; 8 in
 * Loihi's format, 9 on a board profile that declares it) with {@code weightExp}: the integer added to a_in is
 * {@code mantissa << weightExp}, which always fits an int32. A board refuses mantissas wider than its declared
 * weight width. The arrays are shared, never copied: do not modify them.
 */
public record Projection(String name, int pre, int post, int channel, int[] rowPtr, int[] targets,
                         float[] weights, int[] weightMantissas, int weightExp, int[] delaySteps) {
    public static final int MAX_DELAY_STEPS = 4096;
    /** Widest signed weight mantissa: 16 bits, so that mantissa << weightExp (exp <= 16) stays within int32. */
    public static final int MAX_WEIGHT_BITS = 16;

    public Projection {
        String at = "projection '" + name + "'";
        InvalidNetworkException.require(rowPtr != null && rowPtr.length >= 2 && rowPtr[0] == 0, at + ": row pointer must start at 0");
        int n = rowPtr[rowPtr.length - 1];
        InvalidNetworkException.require(targets != null && targets.length == n && delaySteps != null && delaySteps.length == n,
                at + ": targets and delays must have one entry per synapse (" + n + ")");
        InvalidNetworkException.require((weights == null) != (weightMantissas == null), at + ": exactly one of float weights or integer weight mantissas is required");
        InvalidNetworkException.require((weights == null ? weightMantissas.length : weights.length) == n, at + ": weights must have one entry per synapse (" + n + ")");
        InvalidNetworkException.require(weightExp >= 0 && weightExp <= 16, at + ": weight_exp = " + weightExp + " must be 0..16");
        InvalidNetworkException.require(channel >= 0, at + ": channel = " + channel + " must be >= 0");
        for (int i = 0; i + 1 < rowPtr.length; i++)
            if (rowPtr[i + 1] < rowPtr[i]) throw new InvalidNetworkException(at + ": row pointer decreases at row " + i);
        // One small method per check, each a reduction over the synapses with the message built only on failure:
        // these loops run once per synapse (15.6 M for Brunel) while the JVM is cold, and a small loop's compile is
        // short (this constructor as one method took C2 100-140 ms; session 15).
        checkDelays(at, delaySteps);
        if (weightMantissas != null) checkMantissas(at, weightMantissas);
        else checkFinite(at, weights);
    }

    /**
     * The index of the first value outside [lo, hi], or -1: a min/max reduction (branch-free, so short to compile
     * and vectorised once compiled), then a search only when something is outside. Network's target check and the cpu
     * backend's one-delay and one-weight tests (PropagatePhase) use it too.
     */
    public static int firstOutside(int[] values, int lo, int hi) {
        int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
        for (int x : values) { min = Math.min(min, x); max = Math.max(max, x); }
        if (min >= lo && max <= hi) return -1;
        int k = 0;
        while (values[k] >= lo && values[k] <= hi) k++;
        return k;
    }

    private static void checkDelays(String at, int[] delaySteps) {
        int k = firstOutside(delaySteps, 1, MAX_DELAY_STEPS);
        if (k >= 0) throw new InvalidNetworkException(at + ": synapse " + k + " has delay " + delaySteps[k] + " steps; delays must be 1.." + MAX_DELAY_STEPS);
    }

    private static void checkMantissas(String at, int[] mantissas) {
        int k = firstOutside(mantissas, -(1 << (MAX_WEIGHT_BITS - 1)), (1 << (MAX_WEIGHT_BITS - 1)) - 1);
        if (k >= 0) throw new InvalidNetworkException(at + ": synapse " + k + " has weight " + mantissas[k] + "; fixed-point weight mantissas are signed "
                + MAX_WEIGHT_BITS + "-bit (-32768..32767)");
    }

    /** A float is finite iff its exponent bits are not all set. */
    private static void checkFinite(String at, float[] weights) {
        final int exponent = 0x7F800000;
        int max = 0;
        for (float w : weights) max = Math.max(max, Float.floatToRawIntBits(w) & exponent);
        if (max != exponent) return;
        for (int k = 0; ; k++)
            if (!Float.isFinite(weights[k])) throw new InvalidNetworkException(at + ": synapse " + k + " has a non-finite weight");
    }

    public int preSize() { return rowPtr.length - 1; }
    public int synapseCount() { return rowPtr[rowPtr.length - 1]; }
    public boolean isFixed() { return weightMantissas != null; }

    /** The integer this synapse adds to a_in in fixed-point mode. */
    public int effectiveWeight(int k) { return weightMantissas[k] << weightExp; }

    public int maxDelaySteps() {
        int max = 1;
        for (int d : delaySteps) max = Math.max(max, d);
        return max;
    }
}
