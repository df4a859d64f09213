package org.neuroracle.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.neuroracle.bench.runner.BenchRunner.Comparison;
import org.neuroracle.bench.runner.BenchRunner.Outcome;
import org.neuroracle.bench.runner.RunResult;
import org.neuroracle.bench.validation.SpikeStatistics.PopulationStatistics;
import org.neuroracle.bench.validation.Validation.Check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * {@code results.json}: one record per run (network, backend, device, bio_seconds, wall_seconds,
 * seconds_per_bio_second, synaptic_events_per_second, spikes, rates, validation, energy per profile), plus the
 * machine, the memory-bandwidth bound and the Brian2 comparisons. Undefined statistics (NaN) are written as null.
 */
public final class ResultsJson {
    public static final String FORMAT = "neuroracle-bench-results-v1";

    private ResultsJson() {}

    public static void write(Outcome o, Path file) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode cfg = root.putObject("config");
        cfg.putPOJO("networks", o.config().networks());
        cfg.putPOJO("backends", o.config().backends());
        cfg.put("bio_seconds", o.config().bioSeconds());
        if (o.config().scale() != null) cfg.put("scale", o.config().scale());
        cfg.put("seeds", o.config().seeds());
        cfg.put("warmup_ms", o.config().effectiveWarmupMs());
        cfg.put("compare_brian2", o.config().compareBrian2());
        cfg.putPOJO("profiles", o.config().profiles());
        ObjectNode m = root.putObject("machine");
        m.put("cpu", o.machine().cpuModel());
        m.put("hardware_threads", o.machine().hardwareThreads());
        m.put("java", o.machine().javaVersion());
        m.put("os", o.machine().os());
        m.put("memory_copy_bytes_per_second", o.bandwidth().copyBytesPerSecond());
        m.put("bytes_per_synaptic_event", o.bandwidth().bytesPerSynapticEvent());
        m.put("synaptic_events_per_second_bound", o.bandwidth().synapticEventsPerSecondBound());
        ArrayNode runs = root.putArray("runs");
        for (RunResult r : o.runs()) {
            ObjectNode n = runs.addObject();
            n.put("network", r.network());
            n.put("backend", r.backend());
            n.put("device", r.device());
            n.put("seed", r.seed());
            n.put("threads_requested", r.threads());
            n.put("neurons", r.neurons());
            n.put("synapses", r.synapses());
            n.put("bio_seconds", r.bioSeconds());
            n.put("setup_seconds", r.setupSeconds());
            n.put("wall_seconds", r.wallSeconds());
            num(n, "cpu_seconds", r.cpuSeconds());
            n.put("seconds_per_bio_second", r.secondsPerBioSecond());
            n.put("synaptic_events", r.synapticEvents());
            n.put("synaptic_events_per_second", r.synapticEventsPerSecond());
            n.put("synaptic_events_per_second_bound", o.bandwidth().synapticEventsPerSecondBound());
            n.put("spikes", r.spikes());
            num(n, "mean_rate_hz", r.meanRateHz());
            ObjectNode rates = n.putObject("rates_hz");
            for (PopulationStatistics p : r.populations()) num(rates, p.population(), p.rateHz());
            ArrayNode pops = n.putArray("populations");
            for (PopulationStatistics p : r.populations()) {
                ObjectNode q = pops.addObject();
                q.put("population", p.population());
                q.put("neurons", p.neurons());
                q.put("spikes", p.spikes());
                num(q, "rate_hz", p.rateHz());
                num(q, "cv_isi", p.cvIsi());
                q.put("cv_neurons", p.cvNeurons());
                num(q, "correlation", p.correlation());
                q.put("correlation_pairs", p.correlationPairs());
            }
            ObjectNode v = n.putObject("validation");
            v.put("status", r.validationStatus());
            v.put("pass", r.validationPass());
            ArrayNode checks = v.putArray("checks");
            for (Check c : r.checks()) {
                ObjectNode q = checks.addObject();
                q.put("population", c.population());
                q.put("metric", c.metric().key);
                num(q, "value", c.value());
                q.put("low", c.low());
                q.put("high", c.high());
                q.put("pass", c.pass());
                q.put("source", c.source());
            }
            if (!r.energy().isEmpty()) {
                ArrayNode e = n.putArray("energy");
                for (RunResult.Energy en : r.energy()) {
                    ObjectNode q = e.addObject();
                    q.put("profile", en.profile());
                    num(q, "dynamic_joules", en.dynamicJoules());
                    num(q, "idle_joules", en.idleJoules());
                    num(q, "total_joules", en.totalJoules());
                    num(q, "lower_joules", en.lowerJoules());
                    num(q, "upper_joules", en.upperJoules());
                    q.put("complete", en.complete());
                    q.put("wall_source", en.wallSource());
                    q.put("kind", en.kind());
                    q.put("boundary", en.boundary());
                    q.putPOJO("sources", en.sources());
                    q.putPOJO("missing", en.missing());
                }
            }
        }
        ArrayNode cmp = root.putArray("comparisons");
        for (Comparison c : o.comparisons()) {
            ObjectNode q = cmp.addObject();
            q.put("network", c.network());
            q.put("seed", c.seed());
            q.put("backend", c.neuroracle().backend());
            q.put("backend_wall_seconds", c.neuroracle().wallSeconds());
            q.put("brian2_wall_seconds", c.brian2().wallSeconds());
            q.put("speedup_vs_brian2", c.speedup());
            num(q, "backend_cpu_seconds", c.neuroracle().cpuSeconds());
            num(q, "brian2_cpu_seconds", c.brian2().cpuSeconds());
            num(q, "cpu_time_speedup_vs_brian2", c.cpuSpeedup());
            q.put("statistics_agree", c.agrees());
            ArrayNode ag = q.putArray("agreement");
            for (var a : c.agreement()) {
                ObjectNode x = ag.addObject();
                x.put("population", a.population());
                x.put("metric", a.metric().key);
                num(x, "backend", a.ours());
                num(x, "brian2", a.brian2());
                num(x, "difference", a.difference());
                x.put("tolerance", a.tolerance());
                x.put("pass", a.pass());
            }
        }
        root.putPOJO("notes", o.notes());
        try {
            json.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void num(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) n.put(key, v);
        else n.putNull(key);
    }
}
