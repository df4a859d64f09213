package org.neuroracle.forecast.service;

import org.neuroracle.hw.EnergyEstimate;
import org.neuroracle.hw.EnergyModel;
import org.neuroracle.hw.HardwareProfile;
import org.neuroracle.hw.HardwareProfiles;
import org.neuroracle.hw.Workload;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.model.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Energy per forecast on every bundled hardware profile through the hardware-profiles energy model. A served
 * network is the same object forecast after forecast, so its {@link Workload.Shape} (sizes, synapse and delay
 * scans) is computed once per network, not per forecast.
 */
final class ProfileEnergy implements EnergyEstimator {
    private final List<HardwareProfile> profiles;
    /** Looked up by identity (a record's hashCode would walk the whole network): one entry per served network. */
    private volatile Workload.Shape[] shapes = new Workload.Shape[0];

    private ProfileEnergy(List<HardwareProfile> profiles) { this.profiles = List.copyOf(profiles); }

    static EnergyEstimator bundled() { return new ProfileEnergy(HardwareProfiles.bundled()); }

    @Override public List<Energy> estimate(Network net, Counters counters) { return estimate(net, counters, ForecastService.ALL_PROFILES); }

    @Override public List<Energy> estimate(Network net, Counters counters, Predicate<String> selected) {
        Workload w = null;
        List<Energy> out = new ArrayList<>();
        for (HardwareProfile p : profiles) {
            if (!selected.test(p.name())) continue;
            if (w == null) w = shape(net).with(counters);
            out.add(of(p.displayName(), EnergyModel.estimate(p, w)));
        }
        return out;
    }

    private Workload.Shape shape(Network net) {
        Workload.Shape[] known = shapes;
        for (Workload.Shape s : known) if (s.network() == net) return s;
        Workload.Shape s = Workload.shape(net);
        if (known.length < 64) { // a few models per node; beyond that (networks made per call) compute, do not keep
            Workload.Shape[] more = java.util.Arrays.copyOf(known, known.length + 1);
            more[known.length] = s;
            shapes = more; // a lost race only recomputes a shape
        }
        return s;
    }

    static Energy of(String displayName, EnergyEstimate e) {
        // A partial sum is not an estimate of the total: only a complete estimate has a central value.
        return new Energy(e.profile(), displayName, e.complete() ? e.totalJoules() : Double.NaN, e.dynamicJoules(), e.idleJoules(), e.lowerJoules(),
                e.hasUpperBound() ? e.upperJoules() : Double.NaN, e.complete(), e.missing(),
                e.kind() == null ? null : e.kind().label(), e.boundary() == null ? null : e.boundary().label(), e.sources());
    }
}
