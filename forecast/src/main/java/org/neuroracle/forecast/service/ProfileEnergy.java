package org.neuroracle.forecast.service;

import java.util.List;

/** Energy per hardware profile. Connected to the hardware-profiles energy API when that branch is merged. */
final class ProfileEnergy {
    private ProfileEnergy() {}

    static EnergyEstimator bundled() { return (n, c) -> List.of(); }
}
