package org.neuroracle.snn.model;

/** Sample a state variable of a population (listed neurons, or all when null) after every {@code everySteps} steps. */
public record StateProbe(int population, String variable, int[] neurons, int everySteps) {
    public StateProbe {
        InvalidNetworkException.require(everySteps >= 1, "state probe: every_steps must be >= 1");
    }
}
