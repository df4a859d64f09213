package org.neuroracle.bench.brian2;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    void runsTheSameSmallNetworkInBrian2Standalone(@TempDir Path dir) {
        assumeTrue(Brian2Runner.findPython().isPresent(), "brian2 is not installed (apt-get install python3-brian): skipping the Brian2 run");
        Network net = tinyCoba(3);
        Brian2Runner.Result r = Brian2Runner.run(net, 2000, dir, 0);
        assertTrue(r.version().startsWith("2."), r.version());
        assertTrue(r.simulationSeconds() >= 0, "Brian2 reports its run time");
        assertTrue(r.neurons().length > 0, "the driven network spikes in Brian2");
        for (int k = 0; k < r.neurons().length; k++) {
            assertTrue(r.populations()[k] == 0 ? r.neurons()[k] < 80 : r.neurons()[k] < 20);
            assertTrue(r.steps()[k] >= 0 && r.steps()[k] < 2000);
        }
    }
}
