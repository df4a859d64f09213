package org.neuroracle.snn.rng;

/**
 * Philox4x32-10 (Salmon et al., SC'11), the counter-based generator behind every random draw in Neuroracle.
 * A draw is a pure function of (key, counter): no generator state, so every backend reproduces it exactly.
 */
public final class Philox {
    /** Round multipliers and key increments (Salmon et al.); public for backends that compute the rounds themselves. */
    public static final int M0 = 0xD2511F53, M1 = 0xCD9E8D57;
    public static final int W0 = 0x9E3779B9, W1 = 0xBB67AE85;

    private Philox() {}

    /** Full block: writes the 4 output words for counter (c0..c3) and key (k0, k1) into out[0..3]. */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        for (int round = 0; round < 10; round++) {
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n1 = (int) p1;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            int n3 = (int) p0;
            c0 = n0; c1 = n1; c2 = n2; c3 = n3;
            k0 += W0;
            k1 += W1;
        }
        out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
    }

    /** First output word only (allocation-free): counter = (neuron, step, stream, 0), key = (seed lo, seed hi). */
    public static int draw(long seed, int stream, int neuron, int step) {
        int c0 = neuron, c1 = step, c2 = stream, c3 = 0;
        int k0 = (int) seed, k1 = (int) (seed >>> 32);
        for (int round = 0; round < 10; round++) {
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n1 = (int) p1;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            int n3 = (int) p0;
            c0 = n0; c1 = n1; c2 = n2; c3 = n3;
            k0 += W0;
            k1 += W1;
        }
        return c0;
    }

    /** Uniform in [0, 1) with 24 bits, exact in float: (word >>> 8) * 2^-24. */
    public static double uniform(int word) { return (word >>> 8) * 0x1p-24; }
}
