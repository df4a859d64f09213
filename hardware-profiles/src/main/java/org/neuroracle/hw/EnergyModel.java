package org.neuroracle.hw;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Estimates energy from counted work and a profile's figures:
 * <pre>
 * dynamic = synapticOps x per_synaptic_op + membraneUpdates x per_neuron_update_active
 *         + (neuronSteps - membraneUpdates) x per_neuron_update_inactive + spikes x per_spike
 * wall    = steps x time_step              (published, or measured on the backend that ran: see {@link #estimate(HardwareProfile, Workload, Quantity)})
 *         = steps x dt / acceleration      (accelerated analog systems)
 * static  = static_power x wall
 * lower   = sum of the lower ends of the known parts            (no part is negative)
 * upper   = min(sum of the upper ends when every part is known, max_power x wall)
 * </pre>
 * A figure marked {@code bound: upper} contributes 0 to the lower end, one marked {@code bound: lower} makes the
 * upper end unbounded. When a profile publishes an active but no inactive neuron-update energy (software neurons,
 * which update every neuron every step), every neuron-step is charged at the active figure. Nothing is assumed:
 * with no time step there is no wall time and so no static energy (real time is not assumed), and every
 * unpublished figure is listed in {@link EnergyEstimate#missing()}. A profile with a measured whole-device
 * {@code per_step} (a launch-bound GPU, see hardware-profiles/README.md "Measuring a GPU") is charged
 * {@code steps x per_step} and nothing else.
 */
public final class EnergyModel {
    private EnergyModel() {}

    public static List<EnergyEstimate> estimateAll(List<HardwareProfile> profiles, Workload w) {
        return profiles.stream().map(p -> estimate(p, w)).toList();
    }

    public static EnergyEstimate estimate(HardwareProfile profile, Workload w) { return estimate(profile, w, null); }

    /**
     * As {@link #estimate(HardwareProfile, Workload)}, with the seconds per step measured on the backend that ran this
     * workload on this profile's device ({@code measuredStep}, unit of time, null when none); a measurement of this
     * run wins over the profile's recorded step.
     */
    public static EnergyEstimate estimate(HardwareProfile profile, Workload w, Quantity measuredStep) {
        Optional<Quantity> perStep = profile.quantity(HardwareProfile.E_PER_STEP);
        if (perStep.isPresent()) return perStep(profile, w, perStep.get(), measuredStep);
        List<EnergyEstimate.Term> terms = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        LinkedHashSet<String> sources = new LinkedHashSet<>();

        Optional<Quantity> act = profile.quantity(HardwareProfile.E_UPDATE_ACTIVE);
        Optional<Quantity> inact = profile.quantity(HardwareProfile.E_UPDATE_INACTIVE);
        charge(terms, missing, "synaptic ops", w.synapticOps(), profile.quantity(HardwareProfile.E_SYNAPTIC_OP), HardwareProfile.E_SYNAPTIC_OP);
        long skipped = Math.max(0, w.neuronSteps() - w.membraneUpdates());
        if (act.isPresent() && inact.isEmpty()) {
            charge(terms, missing, "neuron updates (every neuron, every step)", Math.max(w.neuronSteps(), w.membraneUpdates()), act, HardwareProfile.E_UPDATE_ACTIVE);
        } else {
            charge(terms, missing, "neuron updates (active)", w.membraneUpdates(), act, HardwareProfile.E_UPDATE_ACTIVE);
            charge(terms, missing, "neuron updates (inactive)", skipped, inact, HardwareProfile.E_UPDATE_INACTIVE);
        }
        charge(terms, missing, "spikes", w.spikes(), profile.quantity(HardwareProfile.E_SPIKE), HardwareProfile.E_SPIKE);

        double dynamic = Double.NaN, lower = Double.NaN, upper = 0;
        Kind dynKind = null, kind = null;
        Boundary boundary = null;
        for (EnergyEstimate.Term t : terms) {
            dynamic = (Double.isNaN(dynamic) ? 0 : dynamic) + t.joules();
            lower = (Double.isNaN(lower) ? 0 : lower) + t.lowJoules();
            upper += t.highJoules();
            dynKind = Kind.weakest(dynKind, t.kind());
            boundary = Boundary.widest(boundary, t.boundary());
            sources.add(t.source());
        }
        kind = dynKind;
        if (terms.isEmpty()) missing.add(0, "dynamic energy unknown: the profile publishes no per-event energy");

        // Wall time: a step measured on the backend that ran, else the profile's step, else acceleration.
        Quantity step = measuredStep != null ? measuredStep : profile.quantity(HardwareProfile.TIME_STEP).orElse(null);
        Optional<Quantity> acc = profile.quantity(HardwareProfile.ACCELERATION);
        double wall = Double.NaN, wallLow = Double.NaN, wallHigh = Double.NaN;
        Kind wallKind = null;
        String wallSource = null;
        if (step != null) {
            wall = w.steps() * step.base();
            wallLow = step.bound() == Quantity.Bound.UPPER ? 0 : wall;
            wallHigh = step.bound() == Quantity.Bound.LOWER ? Double.POSITIVE_INFINITY : wall;
            wallKind = step.kind();
            wallSource = step.source();
        } else if (acc.isPresent()) {
            wall = wallLow = wallHigh = w.modelSeconds() / acc.get().base();
            wallKind = acc.get().kind();
            wallSource = "derived: wall = steps x dt / acceleration = " + w.steps() + " x " + w.dtMs() + " ms / " + Units.plain(acc.get().value())
                    + " (" + acc.get().source() + ")";
        } else {
            missing.add("wall time unknown: the profile publishes no time step and none was measured on the backend that ran");
        }

        double idle = Double.NaN;
        Kind idleKind = null;
        Optional<Quantity> stat = profile.quantity(HardwareProfile.STATIC_POWER);
        if (stat.isPresent() && !Double.isNaN(wall)) {
            Quantity s = stat.get();
            idle = s.base() * wall;
            double lo = (s.bound() == Quantity.Bound.UPPER ? 0 : s.base()) * wallLow;
            double hi = s.bound() == Quantity.Bound.LOWER ? Double.POSITIVE_INFINITY : s.base() * wallHigh;
            idleKind = Kind.weakest(s.kind(), wallKind);
            terms.add(new EnergyEstimate.Term("static (static power x " + Units.si(wall, "s") + " wall)", HardwareProfile.STATIC_POWER,
                    wall, s.base(), idle, lo, hi, idleKind, s.boundary(), s.source()));
            lower = (Double.isNaN(lower) ? 0 : lower) + lo;
            upper += hi;
            kind = Kind.weakest(kind, idleKind);
            boundary = Boundary.widest(boundary, s.boundary());
            sources.add(s.source());
            sources.add(wallSource);
        } else if (stat.isEmpty()) {
            missing.add("static energy unknown: static_power is not published");
        } else {
            missing.add("static energy unknown: static_power is published but the wall time is not");
        }
        if (!missing.isEmpty()) upper = Double.NaN;

        // Envelope: nothing on the device draws more than its maximum power for the whole run.
        Optional<Quantity> max = profile.quantity(HardwareProfile.MAX_POWER);
        if (max.isPresent() && !Double.isNaN(wall) && !Double.isInfinite(wallHigh) && max.get().bound() != Quantity.Bound.LOWER) {
            Quantity m = max.get();
            double env = m.base() * wallHigh;
            terms.add(new EnergyEstimate.Term("upper bound (max power x " + Units.si(wallHigh, "s") + " wall)", HardwareProfile.MAX_POWER,
                    wallHigh, m.base(), env, 0, env, Kind.weakest(m.kind(), wallKind), m.boundary(), m.source()));
            upper = Double.isNaN(upper) ? env : Math.min(upper, env);
            kind = Kind.weakest(kind, Kind.weakest(m.kind(), wallKind));
            boundary = Boundary.widest(boundary, m.boundary());
            sources.add(m.source());
            sources.add(wallSource);
        }
        return new EnergyEstimate(profile.name(), dynamic, idle, lower, upper, kind, boundary, List.copyOf(sources), dynKind, idleKind,
                wall, wallSource, terms, missing);
    }

    /**
     * A device whose energy per step was measured as a whole (board counter over many repeated runs, static power
     * included): a launch-bound GPU spends the same time, and so the same energy, on each step of a small network
     * whatever its events, so steps x per_step is the estimate and the per-event figures and static power are not
     * charged again (they are in the measurement). The max-power envelope still bounds it when a wall time is known.
     */
    private static EnergyEstimate perStep(HardwareProfile profile, Workload w, Quantity q, Quantity measuredStep) {
        List<EnergyEstimate.Term> terms = new ArrayList<>();
        LinkedHashSet<String> sources = new LinkedHashSet<>();
        double j = w.steps() * q.base();
        double lo = q.bound() == Quantity.Bound.UPPER ? 0 : j;
        double hi = q.bound() == Quantity.Bound.LOWER ? Double.POSITIVE_INFINITY : j;
        terms.add(new EnergyEstimate.Term("time steps (whole-device energy per step, static included)", HardwareProfile.E_PER_STEP,
                w.steps(), q.base(), j, lo, hi, q.kind(), q.boundary(), q.source()));
        sources.add(q.source());
        Quantity step = measuredStep != null ? measuredStep : profile.quantity(HardwareProfile.TIME_STEP).orElse(null);
        double wall = step == null ? Double.NaN : w.steps() * step.base();
        String wallSource = step == null ? null : step.source();
        Kind kind = q.kind();
        Boundary boundary = q.boundary();
        Optional<Quantity> max = profile.quantity(HardwareProfile.MAX_POWER);
        double upper = hi;
        if (max.isPresent() && step != null && step.bound() != Quantity.Bound.LOWER && max.get().bound() != Quantity.Bound.LOWER
                && Double.isInfinite(hi)) {
            double env = max.get().base() * wall;
            terms.add(new EnergyEstimate.Term("upper bound (max power x " + Units.si(wall, "s") + " wall)", HardwareProfile.MAX_POWER,
                    wall, max.get().base(), env, 0, env, Kind.weakest(max.get().kind(), step.kind()), max.get().boundary(), max.get().source()));
            upper = env;
            kind = Kind.weakest(kind, Kind.weakest(max.get().kind(), step.kind()));
            boundary = Boundary.widest(boundary, max.get().boundary());
            sources.add(max.get().source());
            sources.add(wallSource);
        }
        // The measured whole is reported as its dynamic part with a zero idle part, so totals and reports need no
        // special case; the term's name says the static power is inside it.
        return new EnergyEstimate(profile.name(), j, 0.0, lo, Double.isInfinite(upper) ? Double.NaN : upper, kind, boundary,
                List.copyOf(sources), q.kind(), q.kind(), wall, wallSource, terms, List.of());
    }

    private static void charge(List<EnergyEstimate.Term> terms, List<String> missing, String what, long count,
                               Optional<Quantity> energy, String field) {
        if (energy.isPresent()) {
            Quantity q = energy.get();
            double j = count * q.base();
            double lo = q.bound() == Quantity.Bound.UPPER ? 0 : j;
            double hi = q.bound() == Quantity.Bound.LOWER && count > 0 ? Double.POSITIVE_INFINITY : j;
            terms.add(new EnergyEstimate.Term(what, field, count, q.base(), j, lo, hi, q.kind(), q.boundary(), q.source()));
        } else if (count > 0) {
            missing.add(count + " " + what + " not charged: " + field.substring(field.indexOf('.') + 1) + " is not published");
        }
    }
}
