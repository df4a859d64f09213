package org.neuroracle.snn.model;

/** How pre and post neurons are paired. Expanded into CSR once, by {@link NetworkBuilder}, with the network seed. */
public sealed interface Connector {
    /** Every pre to every post (no self-connections within one population unless allowSelf). */
    record AllToAll(boolean allowSelf) implements Connector {}

    /** Pre i to post i; both populations must have the same size. */
    record OneToOne() implements Connector {}

    /** Each pair independently with probability p. */
    record FixedProbability(double p, boolean allowSelf) implements Connector {
        public FixedProbability {
            InvalidNetworkException.require(p >= 0 && p <= 1, "fixed probability connector: p = " + p + " must be in [0, 1]");
        }
    }

    /** Each post neuron receives exactly fanIn distinct pre neurons, chosen uniformly. */
    record FixedFanIn(int fanIn, boolean allowSelf) implements Connector {
        public FixedFanIn {
            InvalidNetworkException.require(fanIn >= 0, "fixed fan-in connector: fan_in = " + fanIn + " must be >= 0");
        }
    }

    /**
     * Explicit synapses. Optional per-synapse weights and delays (null: taken from the projection's weight and
     * delay specs). Matrix Market files load into this with {@link org.neuroracle.snn.io.MatrixMarket}.
     */
    record Explicit(int[] pre, int[] post, double[] weights, int[] delaySteps) implements Connector {
        public Explicit {
            InvalidNetworkException.require(pre != null && post != null && pre.length == post.length, "explicit connector: pre and post lists must have equal length");
            InvalidNetworkException.require(weights == null || weights.length == pre.length, "explicit connector: weights must have one entry per synapse");
            InvalidNetworkException.require(delaySteps == null || delaySteps.length == pre.length, "explicit connector: delays must have one entry per synapse");
        }
    }
}
