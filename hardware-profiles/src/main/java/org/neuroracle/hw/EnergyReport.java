package org.neuroracle.hw;

import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.model.Network;

import java.util.List;
import java.util.Locale;

/**
 * The text report {@code neuroracle simulate --profile} prints: the NeuroBench workload, then for each profile the
 * energy (dynamic and static apart, lower and upper bound, kind and boundary, complete or not) and the mapping, then
 * the ratios between complete estimates at the same boundary. With one profile the charged terms, sources,
 * missing figures and every mapping violation are listed in full.
 */
public final class EnergyReport {
    private EnergyReport() {}

    public static String format(Network network, Counters counters, List<HardwareProfile> profiles) { return format(network, counters, profiles, null); }

    /** As {@link #format(Network, Counters, List)}, charging {@code measured} (nullable) to the profile of the device that ran. */
    public static String format(Network network, Counters counters, List<HardwareProfile> profiles, MeasuredStep measured) {
        Workload w = Workload.of(network, counters);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "workload (NeuroBench): %d steps x %.3f ms; %d neuron-steps; %d membrane updates; %d spikes; "
                        + "%d effective synaptic ops; activation sparsity %.4f; connection sparsity %.4f; footprint %d bytes%n",
                w.steps(), w.dtMs(), w.neuronSteps(), w.membraneUpdates(), w.spikes(), w.synapticOps(), w.activationSparsity(),
                w.connectionSparsity(), w.footprintBytes()));
        s.append(String.format(Locale.ROOT, "%-14s %11s %11s %11s %11s %11s  %-9s %-8s %-12s %s%n", "profile", "dynamic", "static", "estimate",
                "lower", "upper", "kind", "boundary", "status", "mapping"));
        List<EnergyEstimate> estimates = new java.util.ArrayList<>();
        for (HardwareProfile p : profiles) {
            EnergyEstimate e = EnergyModel.estimate(p, w, measured == null ? null : measured.stepFor(p));
            estimates.add(e);
            MappingReport m = Mapper.map(network, p);
            String mapping = (m.coresUsed() >= 0 ? m.coresUsed() + " cores, " : "") + (m.fits() ? "fits" : m.violations().size() + " violation(s)");
            s.append(String.format(Locale.ROOT, "%-14s %11s %11s %11s %11s %11s  %-9s %-8s %-12s %s%n", p.name(), Units.si(e.dynamicJoules(), "J"),
                    p.quantity(HardwareProfile.E_PER_STEP).isPresent() ? "included" : Units.si(e.idleJoules(), "J"), e.complete() ? Units.si(e.totalJoules(), "J") : "incomplete", Units.si(e.lowerJoules(), "J"),
                    e.hasUpperBound() ? Units.si(e.upperJoules(), "J") : "unbounded", e.kind() == null ? "-" : e.kind().label(),
                    e.boundary() == null ? "-" : e.boundary().label(), e.complete() ? "complete" : e.missing().size() + " missing", mapping));
        }
        s.append(comparisons(estimates));
        if (profiles.size() == 1) s.append(detail(network, w, profiles.get(0), measured));
        else s.append("(one --profile NAME lists the charged terms, their sources, what is missing and every mapping violation)\n");
        return s.toString();
    }

    /** Ratios between complete estimates at the same boundary, or why there are none. */
    public static String comparisons(List<EnergyEstimate> estimates) {
        List<EnergyComparison.Ratio> ratios = EnergyComparison.allRatios(estimates);
        StringBuilder s = new StringBuilder();
        if (ratios.isEmpty()) {
            List<String> complete = estimates.stream().filter(EnergyEstimate::complete).map(e -> e.profile() + " (" + e.boundary().label() + ")").toList();
            s.append("comparisons: none; ratios are given only between complete estimates at the same boundary, and ")
                    .append(complete.isEmpty() ? "no estimate is complete" : "the complete ones are " + String.join(", ", complete)).append('\n');
        } else {
            for (EnergyComparison.Ratio r : ratios) s.append("comparison: ").append(r.describe()).append('\n');
        }
        return s.toString();
    }

    /** Terms, sources, missing figures and the mapping of one profile. */
    public static String detail(Network network, Workload w, HardwareProfile p) { return detail(network, w, p, null); }

    public static String detail(Network network, Workload w, HardwareProfile p, MeasuredStep measured) {
        EnergyEstimate e = EnergyModel.estimate(p, w, measured == null ? null : measured.stepFor(p));
        MappingReport m = Mapper.map(network, p);
        StringBuilder s = new StringBuilder();
        s.append("energy on ").append(p.displayName()).append(":\n");
        for (EnergyEstimate.Term t : e.terms())
            s.append(String.format(Locale.ROOT, "  %-44s %14s x %-10s = %-10s (%s, %s)%n", t.what(), Units.plain(t.count()),
                    Units.si(t.joulesEach(), t.field().equals(HardwareProfile.STATIC_POWER) || t.field().equals(HardwareProfile.MAX_POWER) ? "W" : "J"), Units.si(t.joules(), "J"),
                    t.kind().label(), t.boundary() == null ? "-" : t.boundary().label()));
        s.append("  bounds: ").append(e.describe()).append('\n');
        if (!Double.isNaN(e.wallSeconds())) s.append("  wall time: ").append(Units.si(e.wallSeconds(), "s")).append(" (").append(e.wallSource()).append(")\n");
        for (String miss : e.missing()) s.append("  missing: ").append(miss).append('\n');
        for (String src : e.sources()) s.append("  source: ").append(src).append('\n');
        s.append("mapping on ").append(p.name()).append(": ").append(m.coresUsed() >= 0 ? m.coresUsed() + " cores" : "cores unknown")
                .append(m.chipsUsed() >= 0 ? ", " + m.chipsUsed() + " chip(s)" : "").append(m.fits() ? "; fits\n" : "; does not fit:\n");
        for (String v : m.violations()) s.append("  violation: ").append(v).append('\n');
        for (String u : m.unchecked()) s.append("  unchecked: ").append(u).append('\n');
        return s.toString();
    }
}
