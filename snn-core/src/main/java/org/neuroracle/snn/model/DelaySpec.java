package org.neuroracle.snn.model;

/** Integer synaptic delays in steps, all >= 1. */
public sealed interface DelaySpec {
    record Constant(int steps) implements DelaySpec {
        public Constant { InvalidNetworkException.require(steps >= 1, "delay: " + steps + " steps; delays must be >= 1 step"); }
    }

    /** Uniform integer in [lowSteps, highSteps]. */
    record UniformInt(int lowSteps, int highSteps) implements DelaySpec {
        public UniformInt { InvalidNetworkException.require(lowSteps >= 1 && highSteps >= lowSteps, "delay: need 1 <= low_steps <= high_steps"); }
    }

    static DelaySpec constant(int steps) { return new Constant(steps); }
}
