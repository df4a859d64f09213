package org.neuroracle.bench.brian2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.bench.networks.StandardNetworks;
import org.neuroracle.bench.runner.BenchConfig;
import org.neuroracle.bench.runner.BenchRunner;
import org.neuroracle.bench.runner.RunResult;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Synapse;
import org.neuroracle.snn.model.WeightSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class Brian2RunnerTest {
    /** A small driven E/I network: 80 + 20 conductance-based LIF neurons, Poisson background, 2 % connectivity. */
    static Network tinyCoba(long seed) {
        List<Synapse> syn = List.of(Synapse.conductance(5, 0), Synapse.conductance(10, -80));
        Lif lif = new Lif(20, -60, -60, -50, 5, 0, syn, Integration.EXACT);
        return Network.builder("tiny-coba").dtMs(0.1).seed(seed)
                .population("E", 80, lif).population("I", 20, lif)
                .initialUniform("E", "v", -60, -50).initialUniform("I", "v", -60, -50)
                .projection("EE", "E", "E", new Connector.FixedProbability(0.1, false), WeightSpec.constant(0.3), DelaySpec.constant(1), 0)
                .projection("EI", "E", "I", new Connector.FixedProbability(0.1, false), WeightSpec.constant(0.3), DelaySpec.constant(3), 0)
                .projection("IE", "I", "E", new Connector.FixedProbability(0.1, false), WeightSpec.constant(2.0), DelaySpec.constant(1), 1)
                .projection("II", "I", "I", new Connector.FixedProbability(0.1, false), WeightSpec.constant(2.0), DelaySpec.constant(2), 1)
                .background("E", 0, 2000, 0.08).background("I", 0, 2000, 0.08)
                .build();
    }

    @Test
    void exportWritesParametersAndMatrixMarketPerProjection(@TempDir Path dir) throws Exception {
        Network net = tinyCoba(3);
        Brian2Export.write(net, 100, dir);
        assertTrue(Files.exists(dir.resolve("params.json")));
        List<String> mtx = Files.readAllLines(dir.resolve("proj0_weights.mtx"));
        assertEquals("%%MatrixMarket matrix coordinate real general", mtx.get(0));
        String[] size = mtx.get(2).split(" ");
        assertEquals("80", size[0]);
        assertEquals("80", size[1]);
        assertEquals(net.projections().get(0).synapseCount(), Integer.parseInt(size[2]));
        assertEquals(3 + net.projections().get(0).synapseCount(), mtx.size());
        List<String> delays = Files.readAllLines(dir.resolve("proj1_delays.mtx"));
        assertTrue(delays.get(3).endsWith(" 3"), delays.get(3));
    }

    @Test
    void comparesASmallNetworkWithBrian2SideBySide(@TempDir Path out) throws Exception {
        assumeTrue(Brian2Runner.findPython().isPresent(), "brian2 is not installed (apt-get install python3-brian): skipping the Brian2 run");
        // One Brian2 build (code generation + C++ compilation, about a minute on 2 cores): CUBA has only four
        // projections, so few generated sources (the microcircuit's 64 projections take several minutes to compile).
        BenchConfig c = new BenchConfig(List.of("cuba"), List.of("cpu"), 0.3, null, 1, List.of(), out, true, 1, null);
        BenchRunner.Outcome o = BenchRunner.run(c, l -> { });
        assertEquals(2, o.runs().size(), "cpu and brian2");
        RunResult brian = o.runs().get(1);
        assertEquals("brian2", brian.backend());
        assertTrue(brian.device().startsWith("Brian2 2."), brian.device());
        assertTrue(brian.spikes() > 0, "the circuit spikes in Brian2");
        assertTrue(brian.wallSeconds() > 0 && brian.setupSeconds() > 0);
        assertEquals(2, brian.populations().size());
        assertEquals(1, o.comparisons().size());
        assertTrue(o.comparisons().get(0).speedup() > 0);
        // The exact network went to Brian2: one pair of Matrix Market files per projection.
        Path export = out.resolve("brian2").resolve("cuba-seed1");
        int projections = StandardNetworks.build("cuba", 1, null).projections().size();
        for (int k = 0; k < projections; k++) {
            assertTrue(Files.exists(export.resolve("proj" + k + "_weights.mtx")));
            assertTrue(Files.exists(export.resolve("proj" + k + "_delays.mtx")));
        }
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("Neuroracle and Brian2 side by side"), md);
        assertTrue(md.contains("| cuba | 1 | exc |"), md);
        JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(1, root.path("comparisons").size());
        assertTrue(root.path("comparisons").get(0).path("speedup_vs_brian2").asDouble() > 0);
    }
}
