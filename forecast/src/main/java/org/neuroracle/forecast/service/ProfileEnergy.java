package org.neuroracle.forecast.service;

import org.neuroracle.hw.EnergyEstimate;
import org.neuroracle.hw.EnergyModel;
import org.neuroracle.hw.HardwareProfile;
import org.neuroracle.hw.HardwareProfiles;
import org.neuroracle.hw.Workload;

import java.util.ArrayList;
import java.util.List;

/** Energy per forecast on every bundled hardware profile through the hardware-profiles energy model. */
final class ProfileEnergy {
    private ProfileEnergy() {}

    static EnergyEstimator bundled() {
        List<HardwareProfile> profiles = HardwareProfiles.bundled();
        return (net, counters) -> {
            Workload w = Workload.of(net, counters);
            List<Energy> out = new ArrayList<>();
            for (HardwareProfile p : profiles) out.add(of(p.displayName(), EnergyModel.estimate(p, w)));
            return out;
        };
    }

    static Energy of(String displayName, EnergyEstimate e) {
        // A partial sum is not an estimate of the total: only a complete estimate has a central value.
        return new Energy(e.profile(), displayName, e.complete() ? e.totalJoules() : Double.NaN, e.dynamicJoules(), e.idleJoules(), e.lowerJoules(),
                e.hasUpperBound() ? e.upperJoules() : Double.NaN, e.complete(), e.missing(),
                e.kind() == null ? null : e.kind().label(), e.boundary() == null ? null : e.boundary().label(), e.sources());
    }
}
