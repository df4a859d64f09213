package org.neuroracle.forecast.service;

import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.model.Network;

import java.util.List;

/** Energy per forecast from a run's counters, per hardware profile. */
@FunctionalInterface
public interface EnergyEstimator {
    List<Energy> estimate(Network network, Counters counters);

    /** No energy figures (callers that do not want them, e.g. training loops). */
    static EnergyEstimator none() { return (n, c) -> List.of(); }

    /** Every bundled hardware profile of the hardware-profiles module. */
    static EnergyEstimator bundledProfiles() { return ProfileEnergy.bundled(); }
}
