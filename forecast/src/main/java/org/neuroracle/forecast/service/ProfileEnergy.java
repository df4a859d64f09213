package org.neuroracle.forecast.service;

import org.neuroracle.hw.EnergyEstimate;
import org.neuroracle.hw.EnergyModel;
import org.neuroracle.hw.HardwareProfile;
import org.neuroracle.hw.HardwareProfiles;
import org.neuroracle.hw.Workload;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Projection;

import java.util.ArrayList;
import java.util.List;

/**
 * Energy per forecast on every bundled hardware profile through the hardware-profiles energy model, for the
 * event-driven run that was actually performed and for the same network run densely: every synapse delivers
 * and every non-source neuron updates on every step (what a dense accelerator computes as matrix-vector products).
 */
final class ProfileEnergy {
    private ProfileEnergy() {}

    static EnergyEstimator bundled() {
        List<HardwareProfile> profiles = HardwareProfiles.bundled();
        return (net, counters) -> {
            Workload sparse = Workload.of(net, counters);
            Workload dense = Workload.of(net, dense(net, counters));
            List<Energy> out = new ArrayList<>();
            for (HardwareProfile p : profiles) {
                EnergyEstimate e = EnergyModel.estimate(p, sparse);
                EnergyEstimate d = EnergyModel.estimate(p, dense);
                out.add(new Energy(p.name(), p.displayName(), e.totalJoules(), e.dynamicJoules(), e.idleJoules(), d.totalJoules(), d.dynamicJoules(),
                        e.kind() == null ? null : e.kind().label(), e.boundary() == null ? null : e.boundary().label(), e.sources()));
            }
            return out;
        };
    }

    /** Counters of a dense run of the same steps: all synapses and all non-source neurons every step. */
    static Counters dense(Network net, Counters c) {
        int np = net.populations().size();
        long[] ops = new long[np], upd = new long[np];
        for (Projection pr : net.projections()) ops[pr.pre()] += c.steps() * pr.synapseCount();
        for (int i = 0; i < np; i++) {
            Population p = net.populations().get(i);
            if (!p.model().isSource()) upd[i] = c.steps() * (long) p.size();
        }
        return new Counters(c.steps(), c.spikes().clone(), ops, upd);
    }
}
