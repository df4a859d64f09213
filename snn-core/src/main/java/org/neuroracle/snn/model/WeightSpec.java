package org.neuroracle.snn.model;

/**
 * Synaptic weights of a projection. In fixed-point networks weights are signed 8-bit integer mantissas:
 * drawn values are rounded half away from zero and must fit -128..127.
 */
public sealed interface WeightSpec {
    record Constant(double value) implements WeightSpec {}

    record Uniform(double low, double high) implements WeightSpec {
        public Uniform { InvalidNetworkException.require(high >= low, "uniform weights: high must be >= low"); }
    }

    /** Normal(mean, sd) by Box-Muller on Philox draws; optionally clipped to [clipLow, clipHigh]. */
    record Normal(double mean, double sd, double clipLow, double clipHigh) implements WeightSpec {
        public Normal { InvalidNetworkException.require(sd >= 0 && clipHigh >= clipLow, "normal weights: need sd >= 0 and clip_high >= clip_low"); }
    }

    static WeightSpec constant(double value) { return new Constant(value); }
}
