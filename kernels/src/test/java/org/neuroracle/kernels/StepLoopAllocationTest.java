package org.neuroracle.kernels;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.WeightSpec;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Style rule 3: the host's step loop allocates nothing, so a long run allocates no more than a short one. */
class StepLoopAllocationTest {
    @Test void stepLoopAllocatesNothingPerStep() {
        OpenClBackend ocl = OpenClTesting.opencl();
        // Busy but silent: background input and bias keep every neuron updating, the threshold is out of reach.
        Network net = Network.builder("busy-silent").seed(4)
                .population("n", 2000, new CubaLifFixed(new int[]{100, 300}, 50, 131_071, 100, 2, 3))
                .projection("rec", "n", "n", new Connector.FixedProbability(0.01, false), WeightSpec.constant(3), new DelaySpec.UniformInt(1, 6), 1, 0)
                .background("n", 0, 2000, 5)
                .current("n", 1, 0, 1_000_000, 7)
                .build();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        try (Simulation sim = ocl.compile(net, Options.defaults())) {
            sim.run(50); // warm-up: lazy JIT and JNI setup
            long a = threads.getThreadAllocatedBytes(tid);
            sim.run(100);
            long b = threads.getThreadAllocatedBytes(tid);
            sim.run(2100);
            long c = threads.getThreadAllocatedBytes(tid);
            long perStepShort = (b - a) / 100, longRun = c - b;
            assertTrue(sim.spikes().size() == 0, "the network must stay silent for this test");
            // 2000 more steps; anything per step (even one small object) would add >= 32 KB.
            assertTrue(longRun - (b - a) < 32 * 1024, "2100 steps allocated " + longRun + " bytes vs " + (b - a) + " for 100 (" + perStepShort + " per step)");
        }
    }
}
