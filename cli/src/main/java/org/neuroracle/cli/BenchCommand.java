package org.neuroracle.cli;

import org.neuroracle.bench.jmh.JmhLauncher;
import org.neuroracle.bench.networks.StandardNetworks;
import org.neuroracle.bench.report.MarkdownReport;
import org.neuroracle.bench.runner.BenchConfig;
import org.neuroracle.bench.runner.BenchRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark standard networks on one or more backends (and Brian2), with validation statistics.",
                "Writes results.json, report.md and PNG plots (speed per backend, raster, rate histogram) to --out, and prints the speed table.",
                "Networks: cuba, coba, cuba-fixed, brunel, microcircuit (Potjans-Diesmann; size set by --scale).",
                "With --jmh it runs the JMH micro-benchmarks (neuron update, propagation, full step) instead."},
        footer = {"", "Examples:",
                "  neuroracle bench coba --backend cpu --bio-seconds 10 --compare brian2 --out bench-out",
                "  neuroracle bench coba,microcircuit --backend cpu,opencl --scale 0.05 --seeds 3 --out bench-out",
                "  neuroracle bench --jmh --jmh-args '-p backend=cpu -f 1 -wi 2 -i 3 NeuronUpdate'"})
public final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NETWORK[,NETWORK...]", split = ",", hideParamSyntax = true,
            description = "Standard networks to run, comma-separated.")
    List<String> networks;

    @Option(names = "--backend", split = ",", defaultValue = "cpu", paramLabel = "NAME[,NAME...]", hideParamSyntax = true,
            description = "Backends, comma-separated (default: ${DEFAULT-VALUE}); unavailable ones are skipped with a note.")
    List<String> backends;

    @Option(names = "--bio-seconds", defaultValue = "10", paramLabel = "T", description = "Simulated seconds per run (default: ${DEFAULT-VALUE}).")
    double bioSeconds;

    @Option(names = "--scale", paramLabel = "S", description = "Microcircuit scale in (0, 1] for neurons and in-degrees (default: "
            + StandardNetworks.DEFAULT_MICROCIRCUIT_SCALE + ").")
    Double scale;

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "K", description = "Runs per network and backend, seeds 1..K (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--profile", split = ",", paramLabel = "P[,P...]", hideParamSyntax = true,
            description = "Hardware profiles to price each run's counted work with, e.g. loihi,truenorth,desktop-x86.")
    List<String> profiles;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory for results.json, report.md, plots and Brian2 projects.")
    Path out;

    @Option(names = "--compare", paramLabel = "brian2", description = "Also run each network in this simulator and compare: brian2 (C++ standalone).")
    String compare;

    @Option(names = "--threads", defaultValue = "0", description = "Host threads for the cpu backend; 0 lets it choose (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup-ms", paramLabel = "MS", description = "Simulated time skipped before statistics (default: min(500 ms, 20%% of the run)).")
    Double warmupMs;

    @Option(names = "--jmh", description = "Run the JMH benchmarks (all of them unless --jmh-args names some).")
    boolean jmh;

    @Option(names = "--jmh-args", paramLabel = "'ARGS'", description = "JMH command-line options, one quoted string, e.g. '-p backend=cpu -f 1 NeuronUpdate'.")
    String jmhArgs;

    @Override public Integer call() {
        if (out != null) OutputPaths.folder(out, "--out");
        if (jmh) {
            JmhLauncher.run(jmhArgs == null || jmhArgs.isBlank() ? new String[0] : jmhArgs.strip().split("\\s+"));
            return 0;
        }
        if (networks == null || networks.isEmpty())
            throw new IllegalArgumentException("NETWORK: name at least one of " + StandardNetworks.names() + " (or use --jmh)");
        if (compare != null && !compare.equals("brian2"))
            throw new IllegalArgumentException("--compare: '" + compare + "' is not supported; the only simulator to compare with is brian2");
        if (out == null) throw new IllegalArgumentException("--out: an output directory is required");
        BenchConfig config = new BenchConfig(networks, backends, bioSeconds, scale, seeds, profiles, out, compare != null, threads, warmupMs);
        BenchRunner.Outcome o = BenchRunner.run(config, line -> System.err.println("bench: " + line));
        System.out.print(MarkdownReport.speedTable(o.runs(), o.bandwidth().synapticEventsPerSecondBound()));
        for (BenchRunner.Comparison c : o.comparisons())
            System.out.printf(java.util.Locale.ROOT, "%s seed %d: %s %.2f s, brian2 %.2f s wall: speed-up %.2fx (CPU time: %.2fx); statistics %s%n",
                    c.network(), c.seed(), c.neuroracle().backend(), c.neuroracle().wallSeconds(), c.brian2().wallSeconds(), c.speedup(),
                    c.cpuSpeedup(), c.agrees() ? "agree" : "differ (see report.md)");
        System.out.println("results: " + o.resultsJson() + ", report: " + o.report());
        return 0;
    }
}
