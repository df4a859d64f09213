package org.neuroracle.cli;

import org.neuroracle.nir.FixedPointConverter;
import org.neuroracle.nir.NdArray;
import org.neuroracle.nir.NirExporter;
import org.neuroracle.nir.NirFile;
import org.neuroracle.nir.NirGraph;
import org.neuroracle.nir.NirImporter;
import org.neuroracle.nir.NirModel;
import org.neuroracle.nir.NirNode;
import org.neuroracle.snn.io.NetworkFiles;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Population;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "nir", mixinStandardHelpOptions = true,
        description = "NIR (Neuromorphic Intermediate Representation) files: inspect, import to a network file, export a network.",
        subcommands = {NirCommand.Inspect.class, NirCommand.Import.class, NirCommand.Export.class})
public final class NirCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "inspect", mixinStandardHelpOptions = true, description = "Print the nodes (type, parameters, sizes), edges and metadata of a .nir file.")
    static final class Inspect implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The .nir file.") Path file;

        @Override public Integer call() {
            NirGraph g = NirFile.read(file);
            System.out.println(file + ": NIR " + g.version() + ", " + g.nodes().size() + " nodes, " + g.edges().size() + " edges");
            print(g, "  ");
            return 0;
        }

        private static void print(NirGraph g, String indent) {
            for (NirNode n : g.nodes().values()) {
                System.out.println(indent + n.name() + "  " + n.type());
                if (n.graph() != null) { print(n.graph(), indent + "    "); continue; }
                for (Map.Entry<String, Object> e : n.params().entrySet())
                    System.out.println(indent + "    " + e.getKey() + " " + (e.getValue() instanceof NdArray a ? a.summary() : "'" + e.getValue() + "'"));
                for (Map.Entry<String, Object> e : n.metadata().entrySet())
                    System.out.println(indent + "    metadata." + e.getKey() + " " + (e.getValue() instanceof NdArray a ? a.summary() : "'" + e.getValue() + "'"));
            }
            for (String[] e : g.edges()) System.out.println(indent + "edge " + e[0] + " -> " + e[1]);
            for (Map.Entry<String, Object> e : g.metadata().entrySet())
                System.out.println(indent + "metadata." + e.getKey() + " " + (e.getValue() instanceof NdArray a ? a.summary() : "'" + e.getValue() + "'"));
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Compile a .nir file into an engine network file (JSON, or .nir for the normalised graph).",
                    "Continuous time is discretised at --dt by exact integration (see nir/README.md)."})
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The .nir file.") Path file;
        @Option(names = "--out", required = true, paramLabel = "NETWORK_FILE", description = "Network file to write (.json; .nir writes the engine graph back as NIR).") Path out;
        @Option(names = "--dt", defaultValue = "0.1", paramLabel = "MS", description = "Time step in ms (default: ${DEFAULT-VALUE}).") double dtMs;
        @Option(names = "--time-unit", defaultValue = "s", paramLabel = "s|ms", description = "Unit of the file's time constants and delays (default: ${DEFAULT-VALUE}, NIR's unit).") String unit;
        @Option(names = "--fixed", description = "Quantise to cuba-lif-fixed and report the quantisation error against float.") boolean fixed;
        @Option(names = "--profile", paramLabel = "NAME|FILE", description = "With --fixed: the board profile whose topology.weight_bits bounds the weight mantissas (default: 8 bits, ARCHITECTURE.md's cuba-lif-fixed).") String profile;
        @Option(names = "--check-steps", defaultValue = "1000", description = "Steps of the float-vs-fixed comparison run with --fixed (default: ${DEFAULT-VALUE}).") int checkSteps;

        @Override public Integer call() throws Exception {
            String format = OutputPaths.file(out, "--out", ".json", ".nir");
            NirImporter.TimeUnit tu = switch (unit) {
                case "s" -> NirImporter.TimeUnit.SECONDS;
                case "ms" -> NirImporter.TimeUnit.MILLISECONDS;
                default -> throw new IllegalArgumentException("--time-unit must be s or ms, got '" + unit + "'");
            };
            NirModel m = NirImporter.importFile(file, new NirImporter.Settings(dtMs, tu));
            for (String w : m.warnings()) System.err.println("warning: " + file + ": " + w);
            Network net = m.network();
            if (fixed) {
                int bits = 8;
                if (profile != null) {
                    org.neuroracle.hw.HardwareProfile p = profile.endsWith(".yaml") ? org.neuroracle.hw.HardwareProfiles.load(Path.of(profile))
                            : org.neuroracle.hw.HardwareProfiles.byName(profile);
                    bits = (int) Math.min(org.neuroracle.snn.model.Projection.MAX_WEIGHT_BITS, p.count(org.neuroracle.hw.HardwareProfile.WEIGHT_BITS)
                            .orElseThrow(() -> new IllegalArgumentException("profile '" + p.name() + "' publishes no topology.weight_bits")));
                }
                if (checkSteps < 1 || checkSteps > 1_000_000) throw new IllegalArgumentException("--check-steps: must be 1..1000000, got " + checkSteps);
                FixedPointConverter.Result r = FixedPointConverter.convert(m, checkSteps, FixedPointConverter.Precision.forWeightBits(bits));
                System.out.println(r.report());
                net = r.fixed().network();
            }
            describe(net, m);
            // Unchanged imports keep their convolutions and pools (NirExporter's structured form); fixed-point ones are dense.
            if (format.equals(".nir")) NirFile.write(fixed ? NirExporter.export(net) : NirExporter.export(m), out);
            else NetworkFiles.write(net, out);
            System.out.println("wrote " + out);
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write a network (built-in name, .json or .nir file) as a .nir file.")
    static final class Export implements Callable<Integer> {
        @Parameters(paramLabel = "NETWORK", description = "Built-in network name or network file.") String network;
        @Option(names = "--out", required = true, paramLabel = "FILE.nir", description = "The .nir file to write.") Path out;
        @Option(names = "--seed", defaultValue = "1", description = "Seed for built-in networks (default: ${DEFAULT-VALUE}).") long seed;

        @Override public Integer call() throws Exception {
            OutputPaths.file(out, "--out", ".nir");
            Network net = NetworkSource.load(network, seed);
            // A .nir file is written back as its graph (convolutions stay convolutions); other networks densely.
            NirGraph g = network.endsWith(".nir") ? NirExporter.export(NirImporter.importFile(Path.of(network), NirImporter.Settings.defaults()))
                    : NirExporter.export(net);
            NirFile.write(g, out);
            System.out.printf(Locale.ROOT, "wrote %s: %d nodes, %d edges from network '%s' (%d neurons, %d synapses)%n",
                    out, g.nodes().size(), g.edges().size(), net.name(), net.neuronCount(), net.synapseCount());
            return 0;
        }
    }

    static void describe(Network net, NirModel m) {
        System.out.printf(Locale.ROOT, "network %s: dt %.3f ms, %d neurons, %d synapses; inputs %s, outputs %s%n",
                net.name(), net.dtMs(), net.neuronCount(), net.synapseCount(), m.inputPopulations(), m.outputPopulations());
        for (Population p : net.populations()) System.out.printf(Locale.ROOT, "  %-20s %7d  %s%n", p.name(), p.size(), p.model());
    }
}
