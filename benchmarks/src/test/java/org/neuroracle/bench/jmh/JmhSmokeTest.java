package org.neuroracle.bench.jmh;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JMH itself never runs in the test suite; this checks the harness was generated and each state sets up and steps. */
class JmhSmokeTest {
    @Test
    void annotationProcessorGeneratedTheBenchmarkList() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(in, "META-INF/BenchmarkList missing: the JMH annotation processor did not run");
            String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String b : new String[]{"NeuronUpdateBenchmark", "PropagationBenchmark", "FullStepBenchmark", "ThreadedStepBenchmark", "NetworkBuildBenchmark"})
                assertTrue(list.contains("org.neuroracle.bench.jmh." + b), b + " not in BenchmarkList");
        }
    }

    @Test
    void eachBenchmarkStateSetsUpStepsAndCloses() {
        NeuronUpdateBenchmark u = new NeuronUpdateBenchmark();
        for (String model : new String[]{"lif", "cuba-lif-fixed"}) {
            u.neurons = 100;
            u.model = model;
            u.backend = "cpu";
            u.activity = "silent";
            u.setUp();
            u.step();
            assertTrue(u.sim.counters().totalMembraneUpdates() > 0, model + " updates neurons");
            assertTrue(u.sim.counters().totalSpikes() == 0, model + " stays below threshold");
            u.tearDown();
        }
        PropagationBenchmark p = new PropagationBenchmark();
        p.targets = 1000;
        p.fanOut = 100;
        p.backend = "cpu";
        p.delays = "uniform";
        p.setUp();
        for (int i = 0; i < 10; i++) p.step();
        assertTrue(p.sim.counters().totalSynapticOps() > 0, "sources propagate");
        p.tearDown();
        FullStepBenchmark f = new FullStepBenchmark();
        f.size = "microcircuit@0.01";
        f.backend = "cpu";
        f.setUp();
        f.step();
        f.tearDown();
        ThreadedStepBenchmark t = new ThreadedStepBenchmark();
        t.network = "coba";
        t.threads = 2;
        t.maxLag = 0;
        t.setUp();
        t.step();
        assertTrue(t.sim.counters().totalSpikes() > 0, "coba spikes on two threads");
        t.tearDown();
        assertNull(System.getProperty("neuroracle.cpu.schedule"), "the benchmark leaves no schedule override behind");
        NetworkBuildBenchmark n = new NetworkBuildBenchmark();
        n.network = "cuba";
        assertTrue(n.build().synapseCount() > 0, "the built network has its synapses");
    }
}
