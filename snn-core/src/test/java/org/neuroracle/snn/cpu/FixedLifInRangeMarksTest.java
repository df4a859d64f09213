package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.fixed.FixedLif;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.model.WeightSpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-multiply decay of {@link FixedLifState}'s two-channel bias loop is exact only for states in
 * [-(2^23 - 1), 2^23], so a range takes it only while its in-range mark (keyed by the range's first neuron) is
 * current. Here three huge inputs (127 << 16, delivered << 6) throw the currents of the upper half of a population
 * far out of range; the single-correction wrap brings them back by 2^24 per step. On two threads the lower half
 * [0, 150) is marked in range while the upper half is not; switching to a serial step makes [0, 300) start at the
 * same neuron, so a mark kept across the switch would send out-of-range states through the one-multiply loop. The
 * results must equal one thread's. (FixedLifStateDefinitionTest checks the two loops' arithmetic; this checks when
 * each runs.)
 */
class FixedLifInRangeMarksTest {
    private static final int N = 300, STEPS = 120;

    static Network upperHalfOutOfRange() {
        CubaLifFixed model = new CubaLifFixed(new int[]{200, 100}, 30, 19_753, 3395, 1, 5);
        int[] pre = new int[N / 2], post = new int[N / 2];
        for (int i = 0; i < post.length; i++) post[i] = N / 2 + i;
        return Network.builder("in-range-marks").dtMs(0.1).seed(3)
                .population("src", 1, new SpikeSourceArray(new int[]{0, 1, 2}, new int[]{0, 0, 0}))
                .population("p", N, model)
                .initialUniform("p", "v", 0, 19_753 << 6)
                .projection("big", "src", "p", new Connector.Explicit(pre, post, null, null), WeightSpec.constant(127),
                        DelaySpec.constant(1), 0, 16)
                .build();
    }

    /** Serial and threaded steps alternating, chunks of 3 to 11 steps. */
    private static final class Alternating extends ThreadSchedule {
        private int calls;
        @Override boolean parallel() { return calls % 2 == 0; }
        @Override int chunk(long remaining) { return (int) Math.min(remaining, 3 + 4 * (calls % 3)); }
        @Override void ran(int steps, long nanos) { calls++; }
    }

    @Test void newRangesForgetTheMarks() {
        Network net = upperHalfOutOfRange();
        String one;
        try (Simulation sim = new CpuSimulation(net, 1, null, new ThreadSchedule())) {
            sim.run(STEPS);
            one = Digest.of(sim);
        }
        try (Simulation sim = new CpuSimulation(net, 2, null, new Alternating())) {
            sim.run(STEPS);
            assertEquals(one, Digest.of(sim), "two threads, serial and threaded steps alternating");
        }
    }

    @Test void theUpperHalfLeavesTheRangeAndComesBack() {
        // Guards the test above: without out-of-range states there, a stale mark could not show.
        try (Simulation sim = new CpuSimulation(upperHalfOutOfRange(), 1, null, new ThreadSchedule())) {
            sim.run(5);
            double[] u = sim.state(1, "u");
            assertTrue(Math.abs(u[N - 1]) > FixedLif.MAX_UV, "upper half out of range after 5 steps: " + u[N - 1]);
            assertTrue(Math.abs(u[0]) <= FixedLif.MAX_UV, "lower half in range: " + u[0]);
            sim.run(STEPS);
            u = sim.state(1, "u");
            assertTrue(Math.abs(u[N - 1]) <= FixedLif.MAX_UV, "upper half back in range: " + u[N - 1]);
        }
    }
}
