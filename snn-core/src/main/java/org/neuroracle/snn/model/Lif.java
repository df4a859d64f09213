package org.neuroracle.snn.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Float leaky integrate-and-fire neuron with exponential synapses:
 * {@code tau_m dv/dt = (v_rest - v) + bias + sum_c I_c}, with I_c = g_c (current) or g_c (E_c - v) (conductance),
 * {@code dg_c/dt = -g_c / tau_c}. Spike when v >= v_threshold; then v = v_reset for refractoryMs.
 */
public record Lif(double tauMembraneMs, double vRestMv, double vResetMv, double vThresholdMv, double refractoryMs,
                  double biasMv, List<Synapse> synapses, Integration integration) implements LeakyMembrane {
    public static final String ID = "lif";

    public Lif {
        FloatModels.checkMembrane(ID, tauMembraneMs, vRestMv, vResetMv, vThresholdMv, refractoryMs, biasMv);
        synapses = FloatModels.checkSynapses(ID, synapses);
        InvalidNetworkException.require(integration != null, ID + ": integration is required (euler or exact)");
    }

    @Override public String id() { return ID; }
    @Override public NumericMode mode() { return NumericMode.FLOAT; }
    @Override public int channels() { return synapses.size(); }

    /** v, g0..g(c-1), ref (remaining refractory steps). */
    @Override public List<String> stateVariables() {
        List<String> vars = new ArrayList<>();
        vars.add("v");
        for (int c = 0; c < synapses.size(); c++) vars.add("g" + c);
        vars.add("ref");
        return List.copyOf(vars);
    }
}
