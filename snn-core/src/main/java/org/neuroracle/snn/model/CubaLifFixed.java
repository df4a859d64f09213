package org.neuroracle.snn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fixed-point current-based LIF, bit-accurate to Loihi as modelled by Lava's {@code PyLifModelBitAcc}
 * (see ARCHITECTURE.md). One current {@code u} per input channel, each with its own {@code du}; their sum drives v.
 *
 * @param du              current decay per channel, 12-bit unsigned (0..4095); decay factor (4096 - (du + 1)) / 4096
 * @param dv              voltage decay, 12-bit unsigned (0..4095); decay factor (4096 - dv) / 4096
 * @param vth             threshold mantissa, 17-bit unsigned; the neuron spikes when v > vth << 6
 * @param biasMant        bias mantissa, 13-bit signed (-4096..4095)
 * @param biasExp         bias exponent, 3-bit (0..7); bias = biasMant << biasExp
 * @param refractorySteps steps v is held at 0 after a spike (input still integrates into u); 0 = none
 */
public record CubaLifFixed(int[] du, int dv, int vth, int biasMant, int biasExp, int refractorySteps)
        implements NeuronModel {
    public static final String ID = "cuba-lif-fixed";
    public static final int MAX_CHANNELS = 8;

    public CubaLifFixed {
        InvalidNetworkException.require(du != null && du.length >= 1 && du.length <= MAX_CHANNELS,
                ID + ": du must list 1.." + MAX_CHANNELS + " channel decays");
        du = du.clone();
        for (int c = 0; c < du.length; c++)
            InvalidNetworkException.require(du[c] >= 0 && du[c] <= 4095, ID + ": du[" + c + "] = " + du[c] + " is outside 0..4095 (12-bit unsigned)");
        InvalidNetworkException.require(dv >= 0 && dv <= 4095, ID + ": dv = " + dv + " is outside 0..4095 (12-bit unsigned)");
        InvalidNetworkException.require(vth >= 0 && vth < (1 << 17), ID + ": vth = " + vth + " is outside 0..131071 (17-bit unsigned)");
        InvalidNetworkException.require(biasMant >= -4096 && biasMant <= 4095, ID + ": bias_mant = " + biasMant + " is outside -4096..4095 (13-bit signed)");
        InvalidNetworkException.require(biasExp >= 0 && biasExp <= 7, ID + ": bias_exp = " + biasExp + " is outside 0..7 (3-bit)");
        InvalidNetworkException.require(refractorySteps >= 0 && refractorySteps <= 1023, ID + ": refractory_steps = " + refractorySteps + " is outside 0..1023");
    }

    /** Single-channel convenience constructor. */
    public CubaLifFixed(int du, int dv, int vth, int biasMant, int biasExp) {
        this(new int[]{du}, dv, vth, biasMant, biasExp, 0);
    }

    /** The integer bias added to v every step. */
    public int bias() { return biasMant << biasExp; }

    @Override public int[] du() { return du.clone(); }
    public int du(int channel) { return du[channel]; }
    @Override public String id() { return ID; }
    @Override public NumericMode mode() { return NumericMode.FIXED; }
    @Override public int channels() { return du.length; }

    /** u (channel 0), u1, u2, ... per further channel, then v, then the refractory counter {@code ref}. */
    @Override public List<String> stateVariables() {
        List<String> vars = new ArrayList<>();
        vars.add("u");
        for (int c = 1; c < du.length; c++) vars.add("u" + c);
        vars.add("v");
        vars.add("ref");
        return List.copyOf(vars);
    }

    @Override public boolean equals(Object o) {
        return o instanceof CubaLifFixed m && Arrays.equals(du, m.du) && dv == m.dv && vth == m.vth
                && biasMant == m.biasMant && biasExp == m.biasExp && refractorySteps == m.refractorySteps;
    }
    @Override public int hashCode() { return Arrays.hashCode(du) * 31 + dv * 7 + vth + biasMant * 13 + biasExp + refractorySteps * 17; }
    @Override public String toString() {
        return ID + "{du=" + Arrays.toString(du) + ", dv=" + dv + ", vth=" + vth + ", bias_mant=" + biasMant
                + ", bias_exp=" + biasExp + ", refractory_steps=" + refractorySteps + "}";
    }
}
