package org.neuroracle.bench.runner;

import org.neuroracle.bench.BenchException;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one {@code neuroracle bench} invocation needs, validated on construction (errors name the option).
 *
 * @param networks      standard network names, at least one
 * @param backends      backend names as {@code Backends.byName} knows them, at least one
 * @param bioSeconds    simulated (biological) seconds per run, > 0
 * @param scale         microcircuit scale, or null for defaults
 * @param seeds         runs per (network, backend), with seeds 1..seeds
 * @param profiles      hardware profile names for energy estimates (may be empty)
 * @param out           output directory (created)
 * @param compareBrian2 also run every network in Brian2 C++ standalone
 * @param threads       host threads for the cpu backend (0 = backend's choice)
 * @param warmupMs      analysis skips this much simulated time; null = min(500 ms, 20 % of the run)
 */
public record BenchConfig(List<String> networks, List<String> backends, double bioSeconds, Double scale, int seeds,
                          List<String> profiles, Path out, boolean compareBrian2, int threads, Double warmupMs) {
    /** Longest run a bench accepts: an hour of biological time (COBA: 36 M steps), far beyond any published benchmark. */
    public static final double MAX_BIO_SECONDS = 3600;

    public static final double DEFAULT_WARMUP_MS = 500;

    public BenchConfig {
        networks = networks == null ? List.of() : List.copyOf(networks);
        backends = backends == null ? List.of() : List.copyOf(backends);
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        if (networks.isEmpty()) throw new BenchException("NETWORK: name at least one network");
        if (backends.isEmpty()) throw new BenchException("--backend: name at least one backend");
        if (!(bioSeconds > 0) || !Double.isFinite(bioSeconds)) throw new BenchException("--bio-seconds: " + bioSeconds + " must be a positive number");
        if (bioSeconds > MAX_BIO_SECONDS) throw new BenchException("--bio-seconds: " + bioSeconds + " is more than " + (int) MAX_BIO_SECONDS + " s of simulated time per run");
        if (seeds < 1 || seeds > 1000) throw new BenchException("--seeds: " + seeds + " must be 1..1000");
        if (threads < 0) throw new BenchException("--threads: " + threads + " must be >= 0");
        if (out == null) throw new BenchException("--out: an output directory is required");
        if (warmupMs != null && (!(warmupMs >= 0) || warmupMs >= bioSeconds * 1000))
            throw new BenchException("--warmup-ms: " + warmupMs + " must be >= 0 and shorter than the run (" + bioSeconds * 1000 + " ms)");
    }

    /** The warm-up actually used. */
    public double effectiveWarmupMs() {
        return warmupMs != null ? warmupMs : Math.min(DEFAULT_WARMUP_MS, 0.2 * bioSeconds * 1000);
    }
}
