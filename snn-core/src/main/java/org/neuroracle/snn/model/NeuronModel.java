package org.neuroracle.snn.model;

import java.util.List;

/**
 * A neuron model with its (population-wide) parameters. Models are immutable and validated on construction;
 * invalid parameters throw {@link InvalidNetworkException} naming the parameter.
 */
public sealed interface NeuronModel permits CubaLifFixed, Lif, Alif, Izhikevich, SpikeSourceArray, PoissonSource {
    /** Stable model id used in files, capabilities and messages, e.g. {@code cuba-lif-fixed}. */
    String id();

    /** Numeric mode of the state; sources return {@code null} (they fit any network). */
    NumericMode mode();

    /** Number of synaptic input channels (targets of projections). Sources have none. */
    int channels();

    /** State variables in canonical order: the order used by {@code Simulation.state} and the digest. */
    List<String> stateVariables();

    default boolean isSource() { return mode() == null; }
}
