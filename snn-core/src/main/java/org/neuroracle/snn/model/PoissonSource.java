package org.neuroracle.snn.model;

import java.util.List;

/**
 * A source population whose neurons each spike with probability rateHz * dt per step, drawn from
 * Philox4x32-10 keyed by (seed, stream, neuron, step): see {@link org.neuroracle.snn.rng.Streams}.
 */
public record PoissonSource(double rateHz) implements NeuronModel {
    public static final String ID = "poisson-source";

    public PoissonSource {
        InvalidNetworkException.require(rateHz >= 0 && Double.isFinite(rateHz), ID + ": rate_hz = " + rateHz + " must be >= 0");
    }

    @Override public String id() { return ID; }
    @Override public NumericMode mode() { return null; }
    @Override public int channels() { return 0; }
    @Override public List<String> stateVariables() { return List.of(); }
}
