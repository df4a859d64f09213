package org.neuroracle.cli;

import org.neuroracle.bench.networks.Microcircuit;
import org.neuroracle.bench.networks.StandardNetworks;
import org.neuroracle.distributed.DistributedSimulation;
import org.neuroracle.distributed.MpiSession;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Population;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Run a network on a backend and print per-population spike counts and rates.",
                "NETWORK is a built-in name (cuba, coba, cuba-fixed, brunel, microcircuit) or a network file (.json or .nir).",
                "Under mpirun (mpirun -np N neuroracle simulate ...) the network is partitioned across the ranks (cpu backend);",
                "rank 0 prints the results of the whole network."})
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--network", required = true, paramLabel = "NAME|FILE", description = "Built-in network name or network file.")
    String network;

    @Option(names = "--backend", defaultValue = "cpu", paramLabel = "NAME", description = "Backend: cpu, opencl, board:<name> (default: ${DEFAULT-VALUE}); see 'neuroracle backends'.")
    String backend;

    @Option(names = "--device", paramLabel = "NAME|INDEX", description = "Device of the backend (OpenCL device name substring or index).")
    String device;

    @Option(names = "--steps", defaultValue = "10000", description = "Steps to simulate (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of connectivity, initial state and random input (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "0", description = "Host threads for the cpu backend; 0 chooses (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--input", paramLabel = "SPIKES.csv", description = "Input spikes for a .nir network's Input node: 'step,neuron' rows, or one row per step with one 0/1 column per input neuron.")
    Path input;

    @Option(names = "--record", paramLabel = "FILE", description = "Write the spike raster as CSV: step,population,neuron.")
    Path record;

    @Option(names = "--digest", description = "Print 'digest: <sha256>' over the canonical encoding of the raster and final state.")
    boolean digest;

    @Option(names = "--program-binary", paramLabel = "FILE", description = "opencl: load this pre-built program binary (the FPGA flow) instead of building the kernels; same as --option program-binary=FILE.")
    Path programBinary;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "Backend-specific option (repeatable), e.g. program-binary=FILE, lib=PATH.")
    Map<String, String> extra = new HashMap<>();

    @Option(names = "--scale", paramLabel = "S", description = "microcircuit only: neuron numbers and in-degrees times S, in (0, 1] (default 0.1).")
    Double scale;

    @Option(names = "--profile", paramLabel = "NAME|all", description = "Add the energy estimate and mapping report for a hardware profile (or 'all'); see 'neuroracle profiles list'.")
    String profile;

    @Override public Integer call() throws IOException {
        if (steps < 1) throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        if (record != null) OutputPaths.file(record, "--record", ".csv");
        // An unknown profile is refused before the run, not after it (HardwareProfiles.byName names the known ones).
        if (profile != null && !profile.equals("all")) org.neuroracle.hw.HardwareProfiles.byName(profile);
        if (profile != null && org.neuroracle.distributed.mpi.Mpi.launchedByMpirun())
            throw new IllegalArgumentException("--profile maps the whole network onto a device, which no rank holds under mpirun; run it in one process");
        Backend b = Backends.byName(backend);
        // Under mpirun every rank runs this same code (the read calls below are collectives); only rank 0 prints,
        // and each rank builds only the synapses onto its own neurons.
        MpiSession mpi = MpiSession.ifLaunchedByMpirun();
        if (mpi != null && !mpi.isRoot()) System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        Network net = mpi == null ? load() : mpi.buildPart(this::load);
        if (programBinary != null) extra.put("program-binary", programBinary.toString());
        Options options = new Options(threads, device, extra);
        long t0 = System.nanoTime();
        double wall;
        try (Simulation sim = mpi == null ? b.compile(net, options) : compileRank(mpi, b, net, options)) {
            long t1 = System.nanoTime();
            long cpu0 = processCpuNanos();
            sim.run(steps);
            wall = (System.nanoTime() - t1) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
            double bioSeconds = steps * net.dtMs() / 1000.0;
            Counters c = sim.counters();
            System.out.printf(Locale.ROOT, "network %s: %d neurons, %d synapses, dt %.3f ms, %d steps (%.3f s simulated) on %s%n",
                    net.name(), net.neuronCount(), mpi == null ? net.synapseCount() : ((DistributedSimulation) sim).synapseCount(), net.dtMs(), steps, bioSeconds, b.name());
            System.out.printf(Locale.ROOT, "%-16s %10s %12s %10s%n", "population", "neurons", "spikes", "rate_hz");
            long totalSpikes = 0;
            int neurons = 0;
            for (int p = 0; p < net.populations().size(); p++) {
                Population pop = net.populations().get(p);
                totalSpikes += pop.model().isSource() ? 0 : c.spikes()[p];
                neurons += pop.model().isSource() ? 0 : pop.size();
                System.out.printf(Locale.ROOT, "%-16s %10d %12d %10.2f%n", pop.name(), pop.size(), c.spikes()[p], c.spikes()[p] / (pop.size() * bioSeconds));
            }
            System.out.printf(Locale.ROOT, "mean rate %.2f Hz; %d synaptic events; compile %.2f s; run %.3f s wall (%.3f s CPU) = %.3f s per simulated second%n",
                    neurons == 0 ? 0 : totalSpikes / (neurons * bioSeconds), c.totalSynapticOps(), (t1 - t0) / 1e9, wall, cpuSeconds, wall / bioSeconds);
            if (record != null) {
                SpikeRaster r = sim.spikes();
                if (mpi == null || mpi.isRoot()) writeRaster(r, record);
            }
            if (digest) System.out.println("digest: " + Digest.of(sim));
            if (mpi != null) {
                String summary = mpi.summary((DistributedSimulation) sim);
                if (summary != null) System.out.println(summary);
            }
            if (profile != null) {
                // This run's own step time is charged to the profile of the device it ran on (cpu: desktop-x86).
                String device = b.devices().isEmpty() ? b.name() : b.devices().get(0).name();
                System.out.print(org.neuroracle.hw.EnergyReport.format(net, c, profile.equals("all")
                        ? org.neuroracle.hw.HardwareProfiles.bundled() : java.util.List.of(org.neuroracle.hw.HardwareProfiles.byName(profile)),
                        org.neuroracle.hw.MeasuredStep.of(b.name(), device, c.steps(), wall)));
            }
        }
        // Finalised on success only: after a failure on one rank the others may sit in a collective, and a rank
        // that exits without MPI_Finalize makes mpirun end the whole job instead of hanging.
        if (mpi != null) mpi.close();
        return 0;
    }

    private Network load() throws IOException {
        return scale != null || network.equals(Microcircuit.NAME) ? StandardNetworks.build(network, seed, scale) : NetworkSource.load(network, seed, input);
    }

    /** CPU time of the whole process: on a shared machine it tells more than wall time. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static void writeRaster(SpikeRaster r, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("step,population,neuron\n");
            for (int k = 0; k < r.size(); k++) {
                w.write(Integer.toString(r.step(k))); w.write(',');
                w.write(Integer.toString(r.population(k))); w.write(',');
                w.write(Integer.toString(r.neuron(k))); w.write('\n');
            }
        }
        System.out.println("raster: " + r.size() + " spikes written to " + file);
    }

    /** A backend that cannot run one rank refuses on every rank alike: reported as bad input, by rank 0 alone. */
    private static Simulation compileRank(MpiSession mpi, Backend b, Network net, Options options) {
        try {
            return mpi.compile(b, net, options);
        } catch (org.neuroracle.snn.backend.PartitionsUnsupportedException e) {
            throw new IllegalArgumentException("--backend: " + e.getMessage(), e);
        }
    }
}
