package org.neuroracle.forecast.eval;

import org.neuroracle.forecast.model.Reservoir;
import org.neuroracle.forecast.model.VoteModel;
import org.neuroracle.forecast.service.Energy;
import org.neuroracle.forecast.service.EnergyEstimator;
import org.neuroracle.forecast.train.VoteSamples;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.model.Network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Energy per forecast: the mean work of one forecast (spikes, synaptic events, membrane updates actually done by
 * the event-driven run) priced by each hardware profile, with bounds, kind, boundary and what is missing; ratios
 * only between complete estimates at the same boundary.
 */
public final class EnergyReport {
    private EnergyReport() {}

    /** Mean counters of one forecast over the given per-forecast work totals. */
    public static Counters meanCounters(Network net, long steps, double spikes, double synOps, double updates) {
        int np = net.populations().size();
        long[] s = new long[np], o = new long[np], u = new long[np];
        s[np - 1] = Math.round(spikes);
        o[np - 1] = Math.round(synOps);
        u[np - 1] = Math.round(updates);
        return new Counters(steps, s, o, u);
    }

    public static Map<String, Object> vote(VoteModel m, List<VoteSamples.Sample> samples, EnergyEstimator est) {
        List<VoteSamples.Sample> at = samples.stream().filter(s -> java.util.Arrays.stream(VoteEval.CHECKPOINTS).anyMatch(c -> c == s.fraction())).toList();
        double spikes = at.stream().mapToLong(VoteSamples.Sample::spikes).average().orElse(0);
        double ops = at.stream().mapToLong(VoteSamples.Sample::synapticOps).average().orElse(0);
        double upd = at.stream().mapToLong(VoteSamples.Sample::membraneUpdates).average().orElse(0);
        return build(m.reservoir(), m.encoder().steps(), spikes, ops, upd, est, at.size());
    }

    public static Map<String, Object> build(Reservoir r, long steps, double spikes, double ops, double upd, EnergyEstimator est, int forecasts) {
        Network net = r.network("forecaster");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("forecasts_averaged", forecasts);
        out.put("steps_per_forecast", steps);
        out.put("neurons", r.neurons());
        out.put("synapses", r.synapseCount());
        out.put("mean_spikes", VoteEval.round(spikes));
        out.put("mean_synaptic_ops", VoteEval.round(ops));
        out.put("mean_membrane_updates", VoteEval.round(upd));
        List<Map<String, Object>> profiles = new ArrayList<>();
        List<Energy> es = est.estimate(net, meanCounters(net, steps, spikes, ops, upd));
        for (Energy e : es) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("profile", e.profile());
            p.put("joules", e.joules());
            p.put("lower_joules", e.lowerJoules());
            p.put("upper_joules", e.upperJoules());
            p.put("dynamic_joules", e.dynamicJoules());
            p.put("static_joules", e.idleJoules());
            p.put("complete", e.complete());
            p.put("kind", e.kind());
            p.put("boundary", e.boundary());
            p.put("missing", e.missing());
            profiles.add(p);
        }
        out.put("profiles", profiles);
        out.put("comparisons", comparisons(es));
        return out;
    }

    /** Ratios a / b only between complete estimates at the same boundary (both bounds carried), else nothing. */
    static List<Map<String, Object>> comparisons(List<Energy> es) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < es.size(); i++)
            for (int j = i + 1; j < es.size(); j++) {
                Energy a = es.get(i), b = es.get(j);
                if (!a.complete() || !b.complete() || !java.util.Objects.equals(a.boundary(), b.boundary())) continue;
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("a", a.profile());
                c.put("b", b.profile());
                c.put("ratio", a.joules() / b.joules());
                c.put("ratio_low", a.lowerJoules() / b.upperJoules());
                c.put("ratio_high", a.upperJoules() / b.lowerJoules());
                c.put("boundary", a.boundary());
                out.add(c);
            }
        return out;
    }

    @SuppressWarnings("unchecked")
    public static String markdown(Map<String, Object> e) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Mean work per forecast over %s forecasts: %.1f spikes, %.1f synaptic events, %.1f membrane updates in %s steps.%n%n",
                e.get("forecasts_averaged"), (double) e.get("mean_spikes"), (double) e.get("mean_synaptic_ops"), (double) e.get("mean_membrane_updates"),
                e.get("steps_per_forecast")));
        List<Map<String, Object>> ps = (List<Map<String, Object>>) e.get("profiles");
        if (ps.isEmpty()) return sb.append("No hardware profiles were available to price this work.\n").toString();
        sb.append("| profile | J per forecast | lower J | upper J | dynamic J | static J | kind | boundary | complete | missing |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (var p : ps)
            sb.append("| ").append(p.get("profile")).append(" | ").append(sci(p.get("joules"))).append(" | ").append(sci(p.get("lower_joules")))
                    .append(" | ").append(p.get("upper_joules") instanceof Double d && !d.isNaN() ? sci(d) : "unbounded")
                    .append(" | ").append(sci(p.get("dynamic_joules"))).append(" | ").append(sci(p.get("static_joules")))
                    .append(" | ").append(p.get("kind")).append(" | ").append(p.get("boundary")).append(" | ").append(Boolean.TRUE.equals(p.get("complete")) ? "yes" : "no")
                    .append(" | ").append(String.join("; ", (List<String>) p.get("missing"))).append(" |\n");
        List<Map<String, Object>> cs = (List<Map<String, Object>>) e.get("comparisons");
        if (cs.isEmpty()) {
            sb.append("\nNo ratios: a ratio is given only between two complete estimates at the same boundary, and there are no such pairs (see the missing column).\n");
        } else {
            sb.append("\n| ratio | central | range | boundary |\n|---|---|---|---|\n");
            for (var c : cs)
                sb.append("| ").append(c.get("a")).append(" / ").append(c.get("b")).append(" | ").append(sci(c.get("ratio"))).append(" | ")
                        .append(sci(c.get("ratio_low"))).append(" to ").append(sci(c.get("ratio_high"))).append(" | ").append(c.get("boundary")).append(" |\n");
        }
        sb.append("\nEach estimate is dynamic energy (events x energy per event) plus static power x wall time (steps x the profile's time step); the lower bound sums the known parts, the upper bound needs every part or the profile's maximum power.\n");
        return sb.toString();
    }

    static String sci(Object o) { return o instanceof Double d && !d.isNaN() ? String.format(Locale.ROOT, "%.3e", d) : "n/a"; }
}
