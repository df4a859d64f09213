package org.neuroracle.snn.cpu;

import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.fixed.FixedLif;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Network;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The membrane-update counter of the two-channel fixed-point update (cuba-fixed's layout) against a scalar
 * transcription of the skip rule: a neuron counts iff v, ref, bias, any u_c or any a_in_c is non-zero. With a
 * bias every neuron counts (the update no longer evaluates the rule per neuron then); without, only neurons
 * whose state has not yet decayed to zero.
 */
class FixedLifSkipRuleTest {
    private static final int N = 300, STEPS = 400;

    private static Network net(int biasMant) {
        double[] v = new double[N], u1 = new double[N];
        for (int i = 0; i < N; i++) {
            v[i] = i % 3 == 0 ? 0 : (i * 7919) % 900_000 - 450_000;   // a third start at zero
            u1[i] = i % 5 == 0 ? (i * 104_729) % 40_000 - 20_000 : 0;
        }
        return Network.builder("skip-" + biasMant).dtMs(0.1).seed(3)
                .population("p", N, new CubaLifFixed(new int[]{80, 40}, 300, 100_000, biasMant, 1, 0))
                .initial("p", "v", v).initial("p", "u1", u1)
                .build();
    }

    /** Scalar reference: no inputs, so a_in = 0; ref stays 0 (nothing reaches the threshold of 6.4 M). */
    private static long[] referenceCounts(Network n, int biasMant) {
        double[] v0 = n.populations().get(0).initialValues("v"), u10 = n.populations().get(0).initialValues("u1");
        int[] v = new int[N], u0 = new int[N], u1 = new int[N];
        for (int i = 0; i < N; i++) { v[i] = (int) v0[i]; u1[i] = (int) u10[i]; }
        int bias = biasMant << 1;
        long[] counts = new long[STEPS];
        for (int t = 0; t < STEPS; t++)
            for (int i = 0; i < N; i++) {
                if ((v[i] | u0[i] | u1[i] | bias) != 0) counts[t]++;
                u0[i] = FixedLif.current(u0[i], 80, 0);
                u1[i] = FixedLif.current(u1[i], 40, 0);
                v[i] = FixedLif.voltage(v[i], 300, u0[i] + u1[i], bias);
            }
        return counts;
    }

    private static long[] cpuCounts(Network n) {
        long[] counts = new long[STEPS];
        try (Simulation sim = new CpuBackend().compile(n, Options.defaults().withThreads(1))) {
            long before = 0;
            for (int t = 0; t < STEPS; t++) {
                sim.run(1);
                long now = sim.counters().totalMembraneUpdates();
                counts[t] = now - before;
                before = now;
            }
            assertEquals(0, sim.counters().totalSpikes(), "stays below threshold");
        }
        return counts;
    }

    @Test void withoutBiasOnlyNeuronsWithNonZeroStateCount() {
        long[] ref = referenceCounts(net(0), 0);
        assertTrue(ref[0] < N && ref[STEPS - 1] < ref[0], "the case exercises skipping: " + ref[0] + " .. " + ref[STEPS - 1]);
        assertArrayEquals(ref, cpuCounts(net(0)));
    }

    @Test void withBiasEveryNeuronCounts() {
        long[] ref = referenceCounts(net(50), 50);
        for (long c : ref) assertEquals(N, c);
        assertArrayEquals(ref, cpuCounts(net(50)));
    }
}
