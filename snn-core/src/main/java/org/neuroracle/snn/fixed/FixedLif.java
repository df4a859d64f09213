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

    /** Multiply by (4096 - decay) and shift right 12, rounding toward zero. */
    public static int decay(int x, int decayConst) {
        long p = (long) x * (DECAY_UNITY - decayConst);
        long m = Math.abs(p) >> DECAY_SHIFT;
        return (int) (p < 0 ? -m : m);
    }

    /** One current update: decay by du (+1 offset as in Lava), add a_in << 6, wrap into (-2^23, 2^23]. */
    public static int current(int u, int du, int aIn) {
        int x = decay(u, du + 1) + (aIn << ACT_SHIFT);
        if (x > MAX_UV) return x - 2 * MAX_UV;
        if (x <= -MAX_UV) return x + 2 * MAX_UV;
        return x;
    }

    /** One voltage update: decay by dv, add the summed current and bias, clamp to +-(2^23 - 1). */
    public static int voltage(int v, int dv, int uTotal, int bias) {
        int x = decay(v, dv) + uTotal + bias;
        return Math.max(-V_LIMIT, Math.min(V_LIMIT, x));
    }

    public static boolean spikes(int v, int vth) { return v > (vth << VTH_SHIFT); }
}
