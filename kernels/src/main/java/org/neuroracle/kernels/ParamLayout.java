package org.neuroracle.kernels;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-population model parameters. Fixed-point populations use 16 ints in {@code params}; float populations
 * use 48 floats in {@code fparams}: 16 scalars then a block of 4 per channel (at most 8 channels).
 * <pre>
 * fixed (int):  0 channels  1 dv  2 vth  3 bias (mant << exp)  4 refractory steps  5..12 du[c]
 * lif/alif:     0 channels  1 vRest  2 vReset  3 vTh  4 bias  5 dt/tau  6 exp(-dt/tau)  7 -expm1(-dt/tau)
 *               8 refractory steps  9 beta  10 exp(-dt/tauAdapt)  11 exact (1/0)  12 any conductance (1/0)
 * izhikevich:   0 channels  1 a  2 b  3 c  4 d  5 bias  6 dt
 * channel c at 16 + 4c:  +0 trace decay exp(-dt/tau)  +1 exact propagator  +2 reversal  +3 kind (0 cur, 1 cond, 2 delta)
 * </pre>
 */
public final class ParamLayout {
    public static final int MAX_CHANNELS = 8;
    public static final int FIXED_STRIDE = 16;
    public static final int FP_CHANNELS = 0, FP_DV = 1, FP_VTH = 2, FP_BIAS = 3, FP_REFRACTORY = 4, FP_DU = 5;

    public static final int FLOAT_STRIDE = 48;
    public static final int FLP_CHANNELS = 0, FLP_V_REST = 1, FLP_V_RESET = 2, FLP_V_TH = 3, FLP_BIAS = 4,
            FLP_DT_OVER_TAU = 5, FLP_DECAY_M = 6, FLP_ONE_MINUS_DECAY_M = 7, FLP_REFRACTORY = 8, FLP_BETA = 9,
            FLP_DECAY_A = 10, FLP_EXACT = 11, FLP_ANY_CONDUCTANCE = 12;
    public static final int FLP_IZ_A = 1, FLP_IZ_B = 2, FLP_IZ_C = 3, FLP_IZ_D = 4, FLP_IZ_BIAS = 5, FLP_IZ_DT = 6;
    public static final int FLP_CH = 16, FLP_CH_STRIDE = 4;
    public static final int CH_DECAY = 0, CH_PROPAGATOR = 1, CH_REVERSAL = 2, CH_KIND = 3;
    public static final int SYN_CURRENT = 0, SYN_CONDUCTANCE = 1, SYN_DELTA = 2;

    private ParamLayout() {}

    static Map<String, Integer> clDefines() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("NR_MAX_CHANNELS", MAX_CHANNELS);
        m.put("NR_FP_STRIDE", FIXED_STRIDE);
        m.put("NR_FP_CHANNELS", FP_CHANNELS);
        m.put("NR_FP_DV", FP_DV);
        m.put("NR_FP_VTH", FP_VTH);
        m.put("NR_FP_BIAS", FP_BIAS);
        m.put("NR_FP_REFRACTORY", FP_REFRACTORY);
        m.put("NR_FP_DU", FP_DU);
        m.put("NR_FLP_STRIDE", FLOAT_STRIDE);
        m.put("NR_FLP_CHANNELS", FLP_CHANNELS);
        m.put("NR_FLP_V_REST", FLP_V_REST);
        m.put("NR_FLP_V_RESET", FLP_V_RESET);
        m.put("NR_FLP_V_TH", FLP_V_TH);
        m.put("NR_FLP_BIAS", FLP_BIAS);
        m.put("NR_FLP_DT_OVER_TAU", FLP_DT_OVER_TAU);
        m.put("NR_FLP_DECAY_M", FLP_DECAY_M);
        m.put("NR_FLP_ONE_MINUS_DECAY_M", FLP_ONE_MINUS_DECAY_M);
        m.put("NR_FLP_REFRACTORY", FLP_REFRACTORY);
        m.put("NR_FLP_BETA", FLP_BETA);
        m.put("NR_FLP_DECAY_A", FLP_DECAY_A);
        m.put("NR_FLP_EXACT", FLP_EXACT);
        m.put("NR_FLP_ANY_CONDUCTANCE", FLP_ANY_CONDUCTANCE);
        m.put("NR_FLP_IZ_A", FLP_IZ_A);
        m.put("NR_FLP_IZ_B", FLP_IZ_B);
        m.put("NR_FLP_IZ_C", FLP_IZ_C);
        m.put("NR_FLP_IZ_D", FLP_IZ_D);
        m.put("NR_FLP_IZ_BIAS", FLP_IZ_BIAS);
        m.put("NR_FLP_IZ_DT", FLP_IZ_DT);
        m.put("NR_FLP_CH", FLP_CH);
        m.put("NR_FLP_CH_STRIDE", FLP_CH_STRIDE);
        m.put("NR_FLP_CH_DECAY", CH_DECAY);
        m.put("NR_FLP_CH_PROPAGATOR", CH_PROPAGATOR);
        m.put("NR_FLP_CH_REVERSAL", CH_REVERSAL);
        m.put("NR_FLP_CH_KIND", CH_KIND);
        m.put("NR_SYN_CURRENT", SYN_CURRENT);
        m.put("NR_SYN_CONDUCTANCE", SYN_CONDUCTANCE);
        m.put("NR_SYN_DELTA", SYN_DELTA);
        return m;
    }
}
