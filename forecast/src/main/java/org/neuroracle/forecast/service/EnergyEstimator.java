package org.neuroracle.forecast.service;

import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.model.Network;

import java.util.List;
import java.util.function.Predicate;

/** Energy per forecast from a run's counters, per hardware profile. */
@FunctionalInterface
public interface EnergyEstimator {
    List<Energy> estimate(Network network, Counters counters);

    /**
     * Only the estimates of the profiles (by name) that {@code profiles} accepts, in the same order as
     * {@link #estimate(Network, Counters)}; an implementation should not compute the others.
     */
    default List<Energy> estimate(Network network, Counters counters, Predicate<String> profiles) {
        return estimate(network, counters).stream().filter(e -> profiles.test(e.profile())).toList();
    }

    /** No energy figures (callers that do not want them, e.g. training loops). */
    static EnergyEstimator none() { return (n, c) -> List.of(); }

    /** Every bundled hardware profile of the hardware-profiles module. */
    static EnergyEstimator bundledProfiles() { return ProfileEnergy.bundled(); }
}
