package org.neuroracle.snn.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Izhikevich (2003) neuron, forward Euler with dt in ms: v' = 0.04 v^2 + 5 v + 140 - u + I, u' = a (b v - u);
 * when v >= 30 mV: v = c, u += d. I = bias + sum of current synapses (mV/ms-scaled, as in the original model).
 */
public record Izhikevich(double a, double b, double c, double d, double bias, List<Synapse> synapses)
        implements NeuronModel {
    public static final String ID = "izhikevich";
    public static final double PEAK_MV = 30.0;

    public Izhikevich {
        for (double x : new double[]{a, b, c, d, bias})
            InvalidNetworkException.require(Double.isFinite(x), ID + ": parameters a, b, c, d, bias must be finite");
        synapses = FloatModels.checkSynapses(ID, synapses);
        for (Synapse s : synapses)
            InvalidNetworkException.require(s.kind() != Synapse.Kind.CONDUCTANCE, ID + ": synapses must be current or delta");
    }

    @Override public String id() { return ID; }
    @Override public NumericMode mode() { return NumericMode.FLOAT; }
    @Override public int channels() { return synapses.size(); }

    /** Per-step decay factor of channel c's trace (0 for delta channels). */
    public double synapticDecay(int channel, double dtMs) { return synapses.get(channel).decay(dtMs); }

    /** v starts at c (the reset), traces at 0; u has no single default (see {@link #initialU}). */
    @Override public double defaultInitial(String variable) {
        double zero = NeuronModel.super.defaultInitial(variable);
        if (variable.equals("u")) throw new IllegalArgumentException(ID + ": u starts at b * v of each neuron; use initialU(v)");
        return variable.equals("v") ? c : zero;
    }

    /**
     * u's default start for a neuron starting at v: b * v, on the recovery nullcline (Izhikevich 2003), in float32
     * like the state ((float) b times the float v), so every backend starts from the same bits.
     */
    public float initialU(float v) { return (float) b * v; }

    /** v, u, g0..g(c-1). */
    @Override public List<String> stateVariables() {
        List<String> vars = new ArrayList<>();
        vars.add("v");
        vars.add("u");
        for (int k = 0; k < synapses.size(); k++) vars.add("g" + k);
        return List.copyOf(vars);
    }
}
