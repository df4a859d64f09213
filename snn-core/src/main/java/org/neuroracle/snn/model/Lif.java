package org.neuroracle.snn.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Float leaky integrate-and-fire neuron with exponential synapses:
 * {@code tau_m dv/dt = (v_rest - v) + bias + sum_c I_c}, with I_c = g_c (current) or g_c (E_c - v) (conductance),
 * {@code dg_c/dt = -g_c / tau_c}. Spike when v >= v_threshold; then v = v_reset for refractoryMs.
 */
public record Lif(double tauMembraneMs, double vRestMv, double vResetMv, double vThresholdMv, double refractoryMs,
                  double biasMv, List<Synapse> synapses, Integration integration) implements NeuronModel {
    public static final String ID = "lif";

    public Lif {
        FloatModels.checkMembrane(ID, tauMembraneMs, vRestMv, vResetMv, vThresholdMv, refractoryMs, biasMv);
        synapses = FloatModels.checkSynapses(ID, synapses);
        InvalidNetworkException.require(integration != null, ID + ": integration is required (euler or exact)");
    }

    @Override public String id() { return ID; }
    @Override public NumericMode mode() { return NumericMode.FLOAT; }
    @Override public int channels() { return synapses.size(); }

    /** Per-step membrane decay towards rest, exp(-dt / tau_m). */
    public double membraneDecay(double dtMs) { return Math.exp(-dtMs / tauMembraneMs); }

    /** 1 - exp(-dt / tau_m) without cancellation (-expm1): the share of a constant drive reached in one step. */
    public double membraneGain(double dtMs) { return -Math.expm1(-dtMs / tauMembraneMs); }

    /** Per-step decay factor of channel c's trace (0 for delta channels). */
    public double synapticDecay(int channel, double dtMs) { return synapses.get(channel).decay(dtMs); }

    /** Exact integration: v's response after one step to a unit trace on channel c (Rotter & Diesmann 1999). */
    public double synapticPropagator(int channel, double dtMs) {
        return FloatModels.propagator(dtMs, tauMembraneMs, synapses.get(channel).tauMs());
    }

    /** The refractory period in whole steps, round(refractory_ms / dt). */
    public int refractorySteps(double dtMs) { return (int) Math.round(refractoryMs / dtMs); }

    /** v starts at rest; traces and the refractory counter at 0. */
    @Override public double defaultInitial(String variable) {
        double zero = NeuronModel.super.defaultInitial(variable);
        return variable.equals("v") ? vRestMv : zero;
    }

    /** v, g0..g(c-1), ref (remaining refractory steps). */
    @Override public List<String> stateVariables() {
        List<String> vars = new ArrayList<>();
        vars.add("v");
        for (int c = 0; c < synapses.size(); c++) vars.add("g" + c);
        vars.add("ref");
        return List.copyOf(vars);
    }
}
