package org.neuroracle.snn.fixed;

/**
 * The fixed-point CUBA LIF arithmetic of ARCHITECTURE.md, one scalar operation per method: the single source
 * of truth the cpu backend, {@code neuroracle trace} and the tests use. OpenCL and C implementations mirror it
 * line by line. All int arithmetic wraps modulo 2^32 (Java semantics; C and OpenCL use uint32 for the same effect).
 */
public final class FixedLif {
    public static final int DECAY_UNITY = 4096;
    public static final int DECAY_SHIFT = 12;
    public static final int ACT_SHIFT = 6;
    public static final int VTH_SHIFT = 6;
    public static final int MAX_UV = 1 << 23;
    public static final int V_LIMIT = MAX_UV - 1;

    private FixedLif() {}

    /**
     * Multiply by (4096 - decay) and shift right 12, rounding toward zero: {@code sign(p) * (|p| >> 12)} with
     * {@code p = (long) x * f}, for |x| < 2^24 (all u and v states). Computed in 32-bit pieces without taking |x|:
     * x = h * 4096 + l with h = x >> 12 (floor) and 0 <= l < 4096, so p = h f 4096 + l f, and rounding toward zero
     * is the floor of (p + 4095) / 4096 for p < 0 (x < 0) and of p / 4096 otherwise:
     * {@code h f + ((l f + (x < 0 ? 4095 : 0)) >>> 12)}, where l f + 4095 < 2^24. For every int x (also outside
     * the state range, modulo 2^32) this equals the sign-and-magnitude form {@code sign(x) * ((|x| >>> 12) f +
     * (((|x| & 4095) f) >>> 12))} that the OpenCL and C code use (FixedLifTest checks both), in 9 operations
     * instead of 11; branch-free, so the loops that call it vectorise. {@code decayConst} is 0..4096.
     */
    public static int decay(int x, int decayConst) {
        final int f = DECAY_UNITY - decayConst;
        final int towardZero = (x >> 31) & (DECAY_UNITY - 1);   // 4095 when x < 0
        return (x >> DECAY_SHIFT) * f + ((((x & (DECAY_UNITY - 1)) * f) + towardZero) >>> DECAY_SHIFT);
    }

    /**
     * {@link #decay} in six operations with one multiply, exact for |x| <= 2^23 and 0 <= decayConst <= 255 (then
     * |x d| < 2^31): trunc0(x (4096 - d) / 4096) = x - ceil(x d / 4096) for x >= 0 and x - floor(x d / 4096) for
     * x < 0. With q = x d, floor(-q / 4096) = -ceil(q / 4096) is {@code (-q) >> 12}, and -floor(q / 4096) =
     * ceil(-q / 4096) = floor((4095 - q) / 4096) for q < 0 is {@code (4095 - q) >> 12}; {@code (q >> 31) >>> 20} is
     * that 4095 exactly when q < 0; q = 0 (x = 0 or d = 0) gives x, as decay does. 4095 - q < 2^31 as
     * |q| <= 2^31 - 2^23. FixedLifTest checks
     * every such x at the edge factors.
     */
    public static int decayOneMultiply(int x, int decayConst) {
        final int q = x * decayConst;
        return x + ((((q >> 31) >>> 20) - q) >> DECAY_SHIFT);
    }

    /** -1 when a < b (signed, no overflow for any ints), else 0. */
    static int lessMask(int a, int b) {
        final int d = a - b;
        return (d ^ ((a ^ b) & (d ^ a))) >> 31;
    }

    /**
     * One current update: decay by du (+1 offset as in Lava), add a_in << 6, and wrap into (-2^23, 2^23] by at
     * most one 2^24 correction, exactly like Lava (for any int32 sum, including far out of range):
     * {@code x > 2^23 ? x - 2^24 : (x <= -2^23 ? x + 2^24 : x)}, written with masks.
     */
    public static int current(int u, int du, int aIn) {
        final int x = decay(u, du + 1) + (aIn << ACT_SHIFT);
        return wrap(x);
    }

    /** The single-correction wrap of {@link #current}. */
    public static int wrap(int x) {
        final int above = lessMask(MAX_UV, x);        // x > 2^23
        final int below = lessMask(x, -MAX_UV + 1);   // x <= -2^23
        return x - (above & (2 * MAX_UV)) + (below & (2 * MAX_UV));
    }

    /** One voltage update: decay by dv, add the summed current and bias, clamp to +-(2^23 - 1). */
    public static int voltage(int v, int dv, int uTotal, int bias) {
        final int x = decay(v, dv) + uTotal + bias;
        return Math.max(-V_LIMIT, Math.min(V_LIMIT, x));
    }

    public static boolean spikes(int v, int vth) { return v > (vth << VTH_SHIFT); }
}
