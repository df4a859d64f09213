package org.neuroracle.hw;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Estimates energy from counted work and a profile's published per-event energies:
 * <pre>
 * dynamic = synapticOps x E(per_synaptic_op)
 *         + membraneUpdates x E(per_neuron_update_active)
 *         + (neuronSteps - membraneUpdates) x E(per_neuron_update_inactive)
 *         + spikes x E(per_spike)
 * idle    = static_power x duration,  duration = steps x time_step            (profile publishes its step)
 *                                             = steps x dt / acceleration     (accelerated analog systems)
 *                                             = steps x dt                     (otherwise: real time assumed, derived)
 * </pre>
 * When a profile publishes an active but no inactive neuron-update energy (software-simulated neurons, which
 * update every neuron every step), every neuron-step is charged at the active figure. Unpublished figures are
 * not charged and are listed in {@link EnergyEstimate#missing()}.
 */
public final class EnergyModel {
    private EnergyModel() {}

    public static List<EnergyEstimate> estimateAll(List<HardwareProfile> profiles, Workload w) {
        return profiles.stream().map(p -> estimate(p, w)).toList();
    }

    public static EnergyEstimate estimate(HardwareProfile profile, Workload w) {
        List<EnergyEstimate.Term> terms = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        LinkedHashSet<String> sources = new LinkedHashSet<>();

        Optional<Quantity> syn = profile.quantity(HardwareProfile.E_SYNAPTIC_OP);
        Optional<Quantity> act = profile.quantity(HardwareProfile.E_UPDATE_ACTIVE);
        Optional<Quantity> inact = profile.quantity(HardwareProfile.E_UPDATE_INACTIVE);
        Optional<Quantity> spk = profile.quantity(HardwareProfile.E_SPIKE);

        charge(terms, missing, "synaptic ops", w.synapticOps(), syn, HardwareProfile.E_SYNAPTIC_OP);
        long skipped = Math.max(0, w.neuronSteps() - w.membraneUpdates());
        if (act.isPresent() && inact.isEmpty()) {
            charge(terms, missing, "neuron updates (every neuron, every step)", Math.max(w.neuronSteps(), w.membraneUpdates()), act, HardwareProfile.E_UPDATE_ACTIVE);
        } else {
            charge(terms, missing, "neuron updates (active)", w.membraneUpdates(), act, HardwareProfile.E_UPDATE_ACTIVE);
            charge(terms, missing, "neuron updates (inactive)", skipped, inact, HardwareProfile.E_UPDATE_INACTIVE);
        }
        charge(terms, missing, "spikes", w.spikes(), spk, HardwareProfile.E_SPIKE);

        double dynamic = Double.NaN;
        Kind dynKind = null;
        Boundary dynBoundary = null;
        for (EnergyEstimate.Term t : terms) {
            dynamic = (Double.isNaN(dynamic) ? 0 : dynamic) + t.joules();
            dynKind = Kind.weakest(dynKind, t.kind());
            dynBoundary = Boundary.widest(dynBoundary, t.boundary());
            sources.add(t.source());
        }
        if (terms.isEmpty()) missing.add(0, "dynamic energy unknown: the profile publishes no per-event energy");

        // Idle: static power over the run time the profile implies.
        double idle = Double.NaN, duration = Double.NaN;
        Kind idleKind = null;
        Boundary idleBoundary = null;
        Optional<Quantity> stat = profile.quantity(HardwareProfile.STATIC_POWER);
        Optional<Quantity> step = profile.quantity(HardwareProfile.TIME_STEP);
        Optional<Quantity> acc = profile.quantity(HardwareProfile.ACCELERATION);
        Kind durationKind;
        String durationSource;
        if (step.isPresent()) {
            duration = w.steps() * step.get().base();
            durationKind = step.get().kind();
            durationSource = step.get().source();
        } else if (acc.isPresent()) {
            duration = w.modelSeconds() / acc.get().base();
            durationKind = acc.get().kind();
            durationSource = acc.get().source();
        } else {
            duration = w.modelSeconds();
            durationKind = Kind.DERIVED;
            durationSource = "derived: duration = steps x dt_ms (real time assumed; the profile publishes no time step)";
        }
        if (stat.isPresent()) {
            Quantity s = stat.get();
            idle = s.base() * duration;
            idleKind = Kind.weakest(s.kind(), durationKind);
            idleBoundary = s.boundary();
            sources.add(s.source());
            sources.add(durationSource);
            terms.add(new EnergyEstimate.Term("idle (static power x " + Units.si(duration, "s") + ")", HardwareProfile.STATIC_POWER,
                    duration, s.base(), idle, idleKind, idleBoundary, s.source()));
        } else {
            missing.add("idle energy unknown: static_power is not published");
            duration = step.isPresent() || acc.isPresent() ? duration : Double.NaN;
        }

        return new EnergyEstimate(profile.name(), dynamic, idle, Kind.weakest(dynKind, idleKind), Boundary.widest(dynBoundary, idleBoundary),
                List.copyOf(sources), dynKind, dynBoundary, idleKind, idleBoundary, duration, terms, missing);
    }

    private static void charge(List<EnergyEstimate.Term> terms, List<String> missing, String what, long count,
                               Optional<Quantity> energy, String field) {
        if (energy.isPresent()) {
            Quantity q = energy.get();
            terms.add(new EnergyEstimate.Term(what, field, count, q.base(), count * q.base(), q.kind(), q.boundary(), q.source()));
        } else if (count > 0) {
            missing.add(count + " " + what + " not charged: " + field.substring(field.indexOf('.') + 1) + " is not published");
        }
    }
}
