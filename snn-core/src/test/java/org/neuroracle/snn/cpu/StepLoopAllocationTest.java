package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Synapse;
import org.neuroracle.snn.model.WeightSpec;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Style rule 3: the cpu step loop allocates nothing, on the caller's thread and on the worker threads. */
class StepLoopAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Bytes allocated so far by the calling thread and every cpu worker thread. */
    private static long allocated() {
        long sum = THREADS.getThreadAllocatedBytes(Thread.currentThread().threadId());
        for (Thread t : Thread.getAllStackTraces().keySet())
            if (t.getName().startsWith("neuroracle-cpu-")) sum += THREADS.getThreadAllocatedBytes(t.threadId());
        return sum;
    }

    /** Busy but silent: background input, a current and a bias keep every neuron updating; no threshold is reached. */
    private static Network busySilent(boolean fixedPoint) {
        var b = Network.builder("busy-silent").seed(4).dtMs(0.1);
        if (fixedPoint) b.population("n", 4000, new CubaLifFixed(new int[]{100, 300}, 50, 131_071, 100, 2, 3))
                .projection("rec", "n", "n", new Connector.FixedProbability(0.01, false), WeightSpec.constant(3), new DelaySpec.UniformInt(1, 6), 1, 0)
                .background("n", 0, 2000, 5)
                .current("n", 1, 0, 1_000_000, 7);
        else b.population("n", 4000, new Lif(20, -65, -65, 1e6, 2, 1, List.of(Synapse.current(5), Synapse.conductance(10, -80)), Integration.EULER))
                .projection("rec", "n", "n", new Connector.FixedProbability(0.01, false), WeightSpec.constant(0.1), new DelaySpec.UniformInt(1, 6), 1)
                .background("n", 0, 2000, 0.5f)
                .current("n", 0, 0, 1_000_000, 0.3);
        return b.build();
    }

    private static void assertNoAllocationPerStep(Network net, int threads) {
        try (Simulation sim = new CpuBackend().compile(net, Options.defaults().withThreads(threads))) {
            sim.run(3000); // warm-up: JIT, worker start, the first schedule probes
            long a = allocated();
            sim.run(200);
            long b = allocated();
            sim.run(20_200);
            long c = allocated();
            assertEquals(0, sim.spikes().size(), "the network must stay silent for this test");
            // 20,000 more steps (several schedule probes, both modes); one small object per step would add >= 320 KB.
            assertTrue((c - b) - (b - a) < 64 * 1024, net.name() + ", " + threads + " thread(s): 20,200 steps allocated "
                    + (c - b) + " bytes vs " + (b - a) + " for 200");
        }
    }

    @Test void fixedPointStepLoopAllocatesNothingPerStep() {
        assertNoAllocationPerStep(busySilent(true), 1);
        assertNoAllocationPerStep(busySilent(true), 2);
    }

    @Test void floatStepLoopAllocatesNothingPerStep() {
        assertNoAllocationPerStep(busySilent(false), 1);
        assertNoAllocationPerStep(busySilent(false), 2);
    }
}
