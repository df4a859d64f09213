package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.WeightSpec;
import org.neuroracle.snn.networks.BuiltinNetworks;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The uniformity tests behind Propagate's shortcuts (one delay slot, one weight): a shortcut taken for a projection
 * that is not uniform would add the wrong values, so each must see a single differing element anywhere.
 */
class PropagateShortcutsTest {
    @Test void allEqualSeesOneDifferentValueAnywhere() {
        assertTrue(PropagatePhase.allEqual(new int[0]));
        assertTrue(PropagatePhase.allEqual(new int[]{15}));
        for (int n : new int[]{2, 17, 1000}) {
            int[] a = new int[n];
            java.util.Arrays.fill(a, 15);
            assertTrue(PropagatePhase.allEqual(a));
            for (int k : new int[]{0, n / 2, n - 1}) {
                for (int other : new int[]{14, 16, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
                    a[k] = other;
                    assertFalse(PropagatePhase.allEqual(a), "n " + n + ", element " + k + " = " + other);
                    a[k] = 15;
                }
            }
        }
    }

    @Test void allSameBitsComparesBitsNotValues() {
        assertTrue(PropagatePhase.allSameBits(new float[0]));
        assertTrue(PropagatePhase.allSameBits(new float[]{0.6f, 0.6f, 0.6f}));
        assertFalse(PropagatePhase.allSameBits(new float[]{0.6f, 0.6f, Math.nextUp(0.6f)}));
        assertFalse(PropagatePhase.allSameBits(new float[]{0f, -0f}), "-0.0 adds differently from 0.0 to -0.0");
        float nan2 = Float.intBitsToFloat(0x7fc00001);
        assertFalse(PropagatePhase.allSameBits(new float[]{Float.NaN, nan2}));
        assertTrue(PropagatePhase.allSameBits(new float[]{Float.NaN, Float.NaN}));
        float[] w = new float[999];
        java.util.Arrays.fill(w, -9f);
        w[998] = -9.000001f;
        assertFalse(PropagatePhase.allSameBits(w));
    }

    /** What compileProjection makes of real projections: the shortcut only where every synapse agrees. */
    @Test void compiledProjectionsTakeTheShortcutsExactlyWhenUniform() {
        assertShortcuts(PropagateSplitTest.cobaShape(3, false), 1, true);
        assertShortcuts(PropagateSplitTest.cobaShape(3, true), 1, false);   // per-synapse float weights
        assertShortcuts(BuiltinNetworks.cubaFixed(3), 1, true);              // fixed point, one mantissa
        assertShortcuts(PropagateSplitTest.longRowBrunel(3), 15, true);
        // Mixed delays (1..4 steps), one weight; and a fixed-point projection whose mantissas differ.
        Network mixed = Network.builder("mixed").dtMs(0.1).seed(3)
                .population("a", 300, BuiltinNetworks.cuba(3).populations().get(0).model())
                .projection("aa", "a", "a", new Connector.FixedProbability(0.1, false), WeightSpec.constant(0.5), new DelaySpec.UniformInt(1, 4), 0)
                .build();
        assertShortcuts(mixed, 0, true);
        Network fixedVaried = Network.builder("fixed-varied").dtMs(0.1).seed(3)
                .population("a", 300, BuiltinNetworks.cubaFixed(3).populations().get(0).model())
                .projection("aa", "a", "a", new Connector.FixedProbability(0.1, false), new WeightSpec.Uniform(4, 60), DelaySpec.constant(2), 0, 0)
                .build();
        assertShortcuts(fixedVaried, 2, false);
    }

    private static void assertShortcuts(Network net, int delay, boolean sameWeight) {
        try (CpuSimulation sim = new CpuSimulation(net, 1)) {
            PropagatePhase ph = sim.propagatePhase();
            for (int j = 0; j < net.projections().size(); j++) {
                String at = net.name() + " " + net.projections().get(j).name();
                assertEquals(delay, ph.uniformDelay(j), at + ": delay shortcut");
                assertEquals(sameWeight, ph.sameWeight(j), at + ": one-weight shortcut");
            }
        }
    }
}
