package org.neuroracle.forecast.service;

import java.util.List;

/**
 * Energy of one forecast on one hardware profile, from the hardware-profiles energy model, for the event-driven run
 * that produced the answer (spikes, synaptic events and membrane updates actually performed, over the profile's
 * wall time). {@code joules} is the central value (NaN unless complete), {@code lowerJoules}/{@code upperJoules} its bounds (NaN: unknown
 * or unbounded); {@code complete} is false when any figure is missing, and {@code missing} says which.
 * {@code kind} and {@code boundary} are those of the estimate (measured|simulated|vendor|derived;
 * core|chip|board|system|outlet).
 */
public record Energy(String profile, String displayName, double joules, double dynamicJoules, double idleJoules,
                     double lowerJoules, double upperJoules, boolean complete, List<String> missing, String kind,
                     String boundary, List<String> sources) {
    public Energy {
        missing = List.copyOf(missing);
        sources = List.copyOf(sources);
    }
}
