package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.Test;

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
}
