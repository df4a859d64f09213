package org.neuroracle.snn.model;

import java.util.List;

/**
 * A neuron model with its (population-wide) parameters. Models are immutable and validated on construction;
 * invalid parameters throw {@link InvalidNetworkException} naming the parameter.
 */
public sealed interface NeuronModel permits CubaLifFixed, LeakyMembrane, Izhikevich, SpikeSourceArray, PoissonSource {
    /** Stable model id used in files, capabilities and messages, e.g. {@code cuba-lif-fixed}. */
    String id();

    /** Numeric mode of the state; sources return {@code null} (they fit any network). */
    NumericMode mode();

    /** Number of synaptic input channels (targets of projections). Sources have none. */
    int channels();

    /** State variables in canonical order: the order used by {@code Simulation.state} and the digest. */
    List<String> stateVariables();

    default boolean isSource() { return mode() == null; }

    /**
     * The value a state variable starts at when the population gives no initial values: every backend reads it
     * here. Float models start v at rest and traces, refractory counters at 0; fixed-point state starts at 0.
     * Izhikevich's u starts at b * v of the same neuron ({@link Izhikevich#initialU}), so it has no single value.
     * @throws IllegalArgumentException for a variable the model does not have, or one without a single default
     */
    default double defaultInitial(String variable) {
        if (!stateVariables().contains(variable))
            throw new IllegalArgumentException(id() + " has no state variable '" + variable + "'; it has " + stateVariables());
        return 0;
    }
}
