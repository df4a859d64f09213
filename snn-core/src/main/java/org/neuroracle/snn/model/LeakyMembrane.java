package org.neuroracle.snn.model;

import java.util.List;

/**
 * The float leaky membrane {@link Lif} and {@link Alif} share: its per-step factors, derived once here so that every
 * backend reads the same double expressions.
 */
public sealed interface LeakyMembrane extends NeuronModel permits Lif, Alif {
    double tauMembraneMs();
    double vRestMv();
    double refractoryMs();
    List<Synapse> synapses();

    /** Per-step membrane decay towards rest, exp(-dt / tau_m). */
    default double membraneDecay(double dtMs) { return Math.exp(-dtMs / tauMembraneMs()); }

    /** 1 - exp(-dt / tau_m) without cancellation (-expm1): the share of a constant drive reached in one step. */
    default double membraneGain(double dtMs) { return -Math.expm1(-dtMs / tauMembraneMs()); }

    /** Per-step decay factor of channel c's trace (0 for delta channels). */
    default double synapticDecay(int channel, double dtMs) { return synapses().get(channel).decay(dtMs); }

    /** Exact integration: v's response after one step to a unit trace on channel c (Rotter & Diesmann 1999). */
    default double synapticPropagator(int channel, double dtMs) {
        return FloatModels.propagator(dtMs, tauMembraneMs(), synapses().get(channel).tauMs());
    }

    /** The refractory period in whole steps, round(refractory_ms / dt). */
    default int refractorySteps(double dtMs) { return (int) Math.round(refractoryMs() / dtMs); }

    /** v starts at rest; every other variable (traces, adaptation, the refractory counter) at 0. */
    @Override default double defaultInitial(String variable) {
        double zero = NeuronModel.super.defaultInitial(variable);
        return variable.equals("v") ? vRestMv() : zero;
    }
}
