package org.neuroracle.bench.runner;

import org.neuroracle.bench.BenchException;
import org.neuroracle.bench.brian2.Brian2Export;
import org.neuroracle.bench.brian2.Brian2Runner;
import org.neuroracle.bench.machine.MachineInfo;
import org.neuroracle.bench.machine.MemoryBandwidth;
import org.neuroracle.bench.machine.SchedulerTimes;
import org.neuroracle.bench.networks.StandardNetworks;
import org.neuroracle.bench.report.MarkdownReport;
import org.neuroracle.bench.report.Plots;
import org.neuroracle.bench.report.ResultsJson;
import org.neuroracle.bench.validation.ReferenceRanges;
import org.neuroracle.bench.validation.SpikeStatistics;
import org.neuroracle.bench.validation.SpikeStatistics.PopulationStatistics;
import org.neuroracle.bench.validation.SpikeTrains;
import org.neuroracle.bench.validation.Validation;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.hw.EnergyEstimate;
import org.neuroracle.hw.EnergyModel;
import org.neuroracle.hw.MeasuredStep;
import org.neuroracle.hw.HardwareProfile;
import org.neuroracle.hw.HardwareProfiles;
import org.neuroracle.hw.Workload;
import org.neuroracle.snn.backend.BackendException;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Projection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs every (network, seed, backend) of a {@link BenchConfig}, optionally the same networks in Brian2, computes
 * the validation statistics, and writes {@code results.json}, {@code report.md} and the PNG plots to the output
 * directory. Backends that are unknown or unavailable here are skipped with a note, never silently.
 */
public final class BenchRunner {
    /** Spikes kept per run for the raster plot. */
    static final int RASTER_SPIKES = 60_000;
    /** Simulated time shown in the raster (after the warm-up). */
    static final double RASTER_MS = 1000;
    private static final double PROGRESS_EVERY_S = 2.0;

    /** Relative tolerance for rate and CV agreement between simulators, and the absolute one for correlations. */
    public static final double AGREE_RELATIVE = 0.10, AGREE_CORRELATION = 0.02;

    /**
     * Brian2 against one Neuroracle run of the same network and seed. {@code speedup} > 1: Neuroracle is faster
     * (wall time); {@code agreement}: per population and statistic, whether both simulators agree within
     * {@link #AGREE_RELATIVE} (rate, CV, relative to their mean) or {@link #AGREE_CORRELATION} (correlation, absolute).
     */
    public record Comparison(String network, long seed, RunResult neuroracle, RunResult brian2, List<Agreement> agreement) {
        public double speedup() { return brian2.wallSeconds() / neuroracle.wallSeconds(); }
        public double cpuSpeedup() { return brian2.cpuSeconds() / neuroracle.cpuSeconds(); }
        public boolean agrees() { return !agreement.isEmpty() && agreement.stream().allMatch(Agreement::pass); }
    }

    public record Agreement(String population, Validation.Metric metric, double ours, double brian2, double difference,
                            double tolerance, boolean pass) {}

    static List<Agreement> agreement(RunResult ours, RunResult brian2) {
        List<Agreement> out = new ArrayList<>();
        for (PopulationStatistics a : ours.populations())
            for (PopulationStatistics b : brian2.populations()) {
                if (!a.population().equals(b.population())) continue;
                out.add(relative(a.population(), Validation.Metric.RATE_HZ, a.rateHz(), b.rateHz()));
                out.add(relative(a.population(), Validation.Metric.CV_ISI, a.cvIsi(), b.cvIsi()));
                double d = Math.abs(a.correlation() - b.correlation());
                out.add(new Agreement(a.population(), Validation.Metric.CORRELATION, a.correlation(), b.correlation(), d, AGREE_CORRELATION, d <= AGREE_CORRELATION));
            }
        return List.copyOf(out);
    }

    private static Agreement relative(String pop, Validation.Metric m, double a, double b) {
        double d = Math.abs(a - b) / (0.5 * (Math.abs(a) + Math.abs(b)));
        if (a == b) d = 0;
        return new Agreement(pop, m, a, b, d, AGREE_RELATIVE, d <= AGREE_RELATIVE);
    }

    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0;
    }

    /** Everything one invocation produced. */
    public record Outcome(BenchConfig config, MachineInfo machine, MemoryBandwidth.Estimate bandwidth, List<RunResult> runs,
                          List<Comparison> comparisons, List<String> notes, Path resultsJson, Path report, List<Path> plots) {}

    private BenchRunner() {}

    public static Outcome run(BenchConfig c, Consumer<String> progress) {
        List<String> notes = new ArrayList<>();
        List<Backend> backends = resolveBackends(c.backends(), notes, progress);
        if (backends.isEmpty() && !c.compareBrian2()) throw new BenchException("--backend: none can run here: " + String.join("; ", notes));
        for (String n : c.networks()) StandardNetworks.build(n, 1, c.scale()); // fail fast on a bad name/scale
        List<HardwareProfile> profiles = new ArrayList<>();
        for (String p : c.profiles()) {
            try {
                profiles.add(HardwareProfiles.byName(p));
            } catch (RuntimeException e) {
                throw new BenchException("--profile: " + e.getMessage(), e);
            }
        }
        try {
            Files.createDirectories(c.out());
        } catch (IOException e) {
            throw new BenchException("--out: cannot create " + c.out() + ": " + e.getMessage(), e);
        }
        progress.accept("measuring memory bandwidth (STREAM-like copy, 64 MiB arrays)...");
        MemoryBandwidth.Estimate bw = MemoryBandwidth.measure();
        progress.accept(String.format(Locale.ROOT, "memory copy bandwidth %.1f GB/s -> synaptic-event bound %.2e events/s at %d bytes/event",
                bw.copyBytesPerSecond() / 1e9, bw.synapticEventsPerSecondBound(), bw.bytesPerSynapticEvent()));

        List<RunResult> runs = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        boolean brian2Missing = false;
        if (c.compareBrian2() && Brian2Runner.findPython().isEmpty()) {
            brian2Missing = true;
            note(notes, progress, "brian2: no Python with brian2 found (apt-get install python3-brian); the Brian2 comparison was skipped");
        }
        for (String name : c.networks()) {
            for (int s = 1; s <= c.seeds(); s++) {
                long seed = s;
                progress.accept("building " + name + " (seed " + seed + ")...");
                long t0 = System.nanoTime();
                Network net = StandardNetworks.build(name, seed, c.scale());
                double buildS = (System.nanoTime() - t0) * 1e-9;
                progress.accept(String.format(Locale.ROOT, "%s: %d neurons, %d synapses, dt %.3g ms, built in %.1f s",
                        name, net.neuronCount(), net.synapseCount(), net.dtMs(), buildS));
                int steps = (int) Math.round(c.bioSeconds() * 1000 / net.dtMs());
                int warmupSteps = (int) Math.round(c.effectiveWarmupMs() / net.dtMs());
                RunResult first = null;
                for (Backend b : backends) {
                    RunResult r = runBackend(c, net, b, seed, steps, warmupSteps, profiles, notes, progress);
                    if (r != null) { runs.add(r); if (first == null) first = r; }
                }
                if (c.compareBrian2() && !brian2Missing) {
                    RunResult br = runBrian2(c, net, seed, steps, warmupSteps, notes, progress);
                    if (br != null) {
                        runs.add(br);
                        if (first != null) {
                            Comparison cmp = new Comparison(name, seed, first, br, agreement(first, br));
                            comparisons.add(cmp);
                            progress.accept(String.format(Locale.ROOT, "%s seed %d: %s %.2f s vs brian2 %.2f s wall -> %s is %.2fx %s; statistics %s",
                                    name, seed, first.backend(), first.wallSeconds(), br.wallSeconds(), first.backend(),
                                    cmp.speedup() >= 1 ? cmp.speedup() : 1 / cmp.speedup(), cmp.speedup() >= 1 ? "faster" : "slower",
                                    cmp.agrees() ? "agree" : "differ (see report.md)"));
                        }
                    }
                }
            }
        }
        if (runs.isEmpty()) throw new BenchException("no run completed: " + String.join("; ", notes));
        Path json = c.out().resolve("results.json"), md = c.out().resolve("report.md");
        List<Path> plots = Plots.write(runs, c.out());
        Outcome o = new Outcome(c, MachineInfo.current(), bw, List.copyOf(runs), List.copyOf(comparisons), List.copyOf(notes), json, md, plots);
        ResultsJson.write(o, json);
        MarkdownReport.write(o, md);
        progress.accept("wrote " + json + ", " + md + " and " + plots.size() + " plots");
        return o;
    }

    private static void note(List<String> notes, Consumer<String> progress, String msg) {
        notes.add(msg);
        progress.accept("note: " + msg);
    }

    static List<Backend> resolveBackends(List<String> names, List<String> notes, Consumer<String> progress) {
        List<Backend> out = new ArrayList<>();
        for (String n : names) {
            try {
                Backend b = Backends.byName(n);
                if (!b.available()) note(notes, progress, "backend '" + n + "' skipped: " + b.unavailableReason());
                else out.add(b);
            } catch (BackendException e) {
                note(notes, progress, "backend '" + n + "' skipped: " + e.getMessage());
            }
        }
        return out;
    }

    private static RunResult runBackend(BenchConfig c, Network net, Backend b, long seed, int steps, int warmupSteps,
                                        List<HardwareProfile> profiles, List<String> notes, Consumer<String> progress) {
        String label = "[" + net.name() + " " + b.name() + " seed " + seed + "]";
        long t0 = System.nanoTime();
        Simulation sim;
        try {
            sim = b.compile(net, Options.defaults().withThreads(c.threads()));
        } catch (BackendException e) {
            note(notes, progress, net.name() + " on '" + b.name() + "' skipped: " + e.getMessage());
            return null;
        }
        try (sim) {
            double setupS = (System.nanoTime() - t0) * 1e-9;
            int chunk = Math.max(1, (int) Math.round(100 / net.dtMs()));
            SchedulerTimes sched0 = SchedulerTimes.now();
            long cpu0 = processCpuNanos();
            long start = System.nanoTime(), lastPrint = start;
            int done = 0;
            sim.expectSteps(steps); // the cpu backend picks its kernels for the whole run, not per chunk
            while (done < steps) {
                int n = Math.min(chunk, steps - done);
                sim.run(n);
                done += n;
                long now = System.nanoTime();
                if ((now - lastPrint) * 1e-9 >= PROGRESS_EVERY_S && done < steps) {
                    lastPrint = now;
                    progress.accept(String.format(Locale.ROOT, "%s %.1f / %.1f s simulated, %.1f s wall", label,
                            done * net.dtMs() / 1000, steps * net.dtMs() / 1000, (now - start) * 1e-9));
                }
            }
            double wallS = (System.nanoTime() - start) * 1e-9;
            double cpuS = (processCpuNanos() - cpu0) * 1e-9;
            SchedulerTimes sched = SchedulerTimes.now().since(sched0);
            var counters = sim.counters();
            SpikeRaster raster = sim.spikes();
            String device = describeDevice(b);
            RunResult r = analyse(net, b.name(), device, seed, c.threads(), steps, warmupSteps, setupS, wallS, cpuS,
                    counters.totalSpikes(), counters.totalSynapticOps(), raster.size(),
                    raster::population, raster::neuron, raster::step);
            if (!profiles.isEmpty()) r = r.withEnergy(energy(net, counters, profiles, b.name(), device, wallS));
            progress.accept(String.format(Locale.ROOT, "%s done: %.2f s wall for %.1f s simulated (%.3f s per simulated s), %.3g synaptic events/s, mean rate %.2f Hz, validation %s",
                    label, wallS, c.bioSeconds(), r.secondsPerBioSecond(), r.synapticEventsPerSecond(), r.meanRateHz(), r.validationStatus()));
            // Where wall time beyond CPU time went (run-queue wait: other load; steal: the hypervisor; neither: sleep).
            progress.accept(String.format(Locale.ROOT, "%s timed region: %.2f s wall, %.2f s process CPU, threads on CPU %.2f s and waiting on a run queue %.2f s, machine steal %.2f s",
                    label, wallS, cpuS, sched.onCpuNanos() * 1e-9, sched.runQueueNanos() * 1e-9, sched.machineStealNanos() * 1e-9));
            return r;
        }
    }

    private static String describeDevice(Backend b) {
        var devices = b.devices();
        if (devices.isEmpty()) return b.name();
        var d = devices.get(0);
        String model = b.name().equals("cpu") ? MachineInfo.current().cpuModel() : d.name();
        return model + " (" + d.details() + ")";
    }

    private static RunResult runBrian2(BenchConfig c, Network net, long seed, int steps, int warmupSteps,
                                       List<String> notes, Consumer<String> progress) {
        try {
            Brian2Export.checkSupported(net);
        } catch (IllegalArgumentException e) {
            note(notes, progress, e.getMessage() + "; Brian2 comparison skipped for it");
            return null;
        }
        Path dir = c.out().resolve("brian2").resolve(net.name() + "-seed" + seed);
        progress.accept("[" + net.name() + " brian2 seed " + seed + "] exporting to " + dir + ", generating and compiling C++ (this takes a minute)...");
        Brian2Runner.Result br = Brian2Runner.run(net, steps, dir, 0);
        long events = 0;
        long[][] outDegree = outDegrees(net);
        for (int k = 0; k < br.neurons().length; k++) events += outDegree[br.populations()[k]][br.neurons()[k]];
        int[] pops = br.populations(), neurons = br.neurons(), st = br.steps();
        RunResult r = analyse(net, "brian2", "Brian2 " + br.version() + " cpp_standalone, 1 thread", seed, 1, steps, warmupSteps,
                br.buildSeconds(), br.simulationSeconds(), br.binaryCpuSeconds(), pops.length, events, pops.length,
                k -> pops[k], k -> neurons[k], k -> st[k]);
        progress.accept(String.format(Locale.ROOT, "[%s brian2 seed %d] done: %.2f s simulation (+%.1f s code generation and compilation), mean rate %.2f Hz, validation %s",
                net.name(), seed, br.simulationSeconds(), br.buildSeconds(), r.meanRateHz(), r.validationStatus()));
        return r;
    }

    /**
     * The counted work of this run priced on each hardware profile (hardware-profiles' EnergyModel); the profile of
     * the device this run used is charged this run's measured seconds per step ({@link MeasuredStep}).
     */
    static List<RunResult.Energy> energy(Network net, Counters counters, List<HardwareProfile> profiles, String backend, String device, double wallS) {
        Workload w = Workload.of(net, counters);
        MeasuredStep measured = MeasuredStep.of(backend, device, counters.steps(), wallS);
        List<RunResult.Energy> out = new ArrayList<>();
        for (HardwareProfile p : profiles) {
            EnergyEstimate e = EnergyModel.estimate(p, w, measured == null ? null : measured.stepFor(p));
            out.add(new RunResult.Energy(p.name(), e.dynamicJoules(), e.idleJoules(), e.complete() ? e.totalJoules() : Double.NaN, e.lowerJoules(),
                    e.hasUpperBound() ? e.upperJoules() : Double.NaN, e.complete(),
                    e.kind() == null ? null : e.kind().label(), e.boundary() == null ? null : e.boundary().label(), e.wallSource(), e.sources(), e.missing()));
        }
        return List.copyOf(out);
    }

    /** Synapses leaving each neuron, per population (events a spike of it causes). */
    static long[][] outDegrees(Network net) {
        long[][] d = new long[net.populations().size()][];
        for (int p = 0; p < d.length; p++) d[p] = new long[net.populations().get(p).size()];
        for (Projection pr : net.projections()) {
            int[] rp = pr.rowPtr();
            for (int i = 0; i < pr.preSize(); i++) d[pr.pre()][i] += rp[i + 1] - rp[i];
        }
        return d;
    }

    /** Spike k as (population, neuron, step) accessors, so a raster and Brian2's arrays share one analysis. */
    interface IntAt { int at(int k); }

    static RunResult analyse(Network net, String backend, String device, long seed, int threads, int steps, int warmupSteps,
                             double setupS, double wallS, double cpuS, long spikes, long synapticEvents, int count,
                             IntAt pop, IntAt neuron, IntAt step) {
        int np = net.populations().size();
        int[] starts = new int[np + 1];
        for (int p = 0; p < np; p++) starts[p + 1] = starts[p] + net.populations().get(p).size();
        int[] perPop = new int[np];
        for (int k = 0; k < count; k++) perPop[pop.at(k)]++;
        int[][] pn = new int[np][], ps = new int[np][];
        for (int p = 0; p < np; p++) { pn[p] = new int[perPop[p]]; ps[p] = new int[perPop[p]]; }
        int[] fill = new int[np];
        int rasterEnd = warmupSteps + (int) Math.round(RASTER_MS / net.dtMs());
        int inWindow = 0;
        for (int k = 0; k < count; k++) {
            int p = pop.at(k);
            pn[p][fill[p]] = neuron.at(k);
            ps[p][fill[p]++] = step.at(k);
            int s = step.at(k);
            if (s >= warmupSteps && s < rasterEnd) inWindow++;
        }
        // Raster sample: every spike in the window when it fits, else an even thinning.
        int stride = Math.max(1, (inWindow + RASTER_SPIKES - 1) / RASTER_SPIKES);
        int[] rn = new int[Math.min(inWindow, RASTER_SPIKES) + 1];
        float[] rt = new float[rn.length];
        int kept = 0, seen = 0;
        for (int k = 0; k < count; k++) {
            int s = step.at(k);
            if (s < warmupSteps || s >= rasterEnd) continue;
            if (seen++ % stride == 0 && kept < rn.length) {
                rn[kept] = starts[pop.at(k)] + neuron.at(k);
                rt[kept++] = (float) (s * net.dtMs());
            }
        }
        List<PopulationStatistics> stats = new ArrayList<>();
        double[] rates = new double[starts[np]];
        List<String> names = new ArrayList<>();
        for (int p = 0; p < np; p++) {
            Population pp = net.populations().get(p);
            names.add(pp.name());
            if (pp.model().isSource() || !net.records(p)) continue;
            SpikeTrains t = SpikeTrains.of(pn[p], ps[p], pn[p].length, pp.size(), warmupSteps, steps, net.dtMs());
            stats.add(SpikeStatistics.of(pp.name(), t));
            double[] r = t.neuronRatesHz();
            System.arraycopy(r, 0, rates, starts[p], r.length);
        }
        var checks = Validation.check(stats, ReferenceRanges.forNetwork(net.name()));
        var sample = new RunResult.SpikeSample(java.util.Arrays.copyOf(rn, kept), java.util.Arrays.copyOf(rt, kept), rates, starts, names);
        return new RunResult(net.name(), backend, device, seed, threads, net.neuronCount(), net.synapseCount(),
                steps * net.dtMs() / 1000, setupS, wallS, cpuS, spikes, synapticEvents, stats, checks,
                Validation.allPass(checks), List.of(), sample);
    }

    static void writeString(Path p, String s) {
        try {
            Files.writeString(p, s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
        }
    }
}
