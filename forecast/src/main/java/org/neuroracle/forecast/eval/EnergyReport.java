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
 * the event-driven run) priced by each hardware profile, next to the same network run densely (every synapse
 * and neuron every step).
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
        out.put("dense_synaptic_ops", steps * r.synapseCount());
        out.put("dense_membrane_updates", steps * (long) r.neurons());
        List<Map<String, Object>> profiles = new ArrayList<>();
        List<Energy> es = est.estimate(net, meanCounters(net, steps, spikes, ops, upd));
        Energy h100 = es.stream().filter(x -> x.profile().contains("h100")).findFirst().orElse(null);
        for (Energy e : es) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("profile", e.profile());
            p.put("joules", e.joules());
            p.put("dynamic_joules", e.dynamicJoules());
            p.put("dense_joules", e.denseJoules());
            p.put("dense_dynamic_joules", e.denseDynamicJoules());
            if (h100 != null) {
                // The goal's ratio: the same model run densely on the H100 profile over this profile's event-driven run.
                p.put("h100_dense_over_this_total", h100.denseJoules() / e.joules());
                p.put("h100_dense_over_this_dynamic", h100.denseDynamicJoules() / e.dynamicJoules());
            }
            p.put("kind", e.kind());
            p.put("boundary", e.boundary());
            profiles.add(p);
        }
        out.put("profiles", profiles);
        return out;
    }

    @SuppressWarnings("unchecked")
    public static String markdown(Map<String, Object> e) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Mean work per forecast over %s forecasts: %.1f spikes, %.1f synaptic events, %.1f membrane updates in %s steps "
                        + "(dense run: %s synaptic events, %s membrane updates).%n%n", e.get("forecasts_averaged"), (double) e.get("mean_spikes"),
                (double) e.get("mean_synaptic_ops"), (double) e.get("mean_membrane_updates"), e.get("steps_per_forecast"), e.get("dense_synaptic_ops"), e.get("dense_membrane_updates")));
        List<Map<String, Object>> ps = (List<Map<String, Object>>) e.get("profiles");
        if (ps.isEmpty()) return sb.append("No hardware profiles were available to price this work.\n").toString();
        sb.append("| profile | J per forecast (event-driven, total) | dynamic J | J dense (total) | dense dynamic J | H100 dense / this (total) | H100 dense / this (dynamic) | kind | boundary |\n|---|---|---|---|---|---|---|---|---|\n");
        for (var p : ps)
            sb.append("| ").append(p.get("profile")).append(" | ").append(sci(p.get("joules"))).append(" | ").append(sci(p.get("dynamic_joules")))
                    .append(" | ").append(sci(p.get("dense_joules"))).append(" | ").append(sci(p.get("dense_dynamic_joules")))
                    .append(" | ").append(sci(p.get("h100_dense_over_this_total"))).append(" | ").append(sci(p.get("h100_dense_over_this_dynamic")))
                    .append(" | ").append(p.get("kind")).append(" | ").append(p.get("boundary")).append(" |\n");
        sb.append("\nTotal energy includes idle (static) power over the forecast's run time; the dynamic part is the work-proportional energy.\n");
        return sb.toString();
    }

    static String sci(Object o) { return o instanceof Double d && !d.isNaN() ? String.format(Locale.ROOT, "%.3e", d) : "n/a"; }
}
