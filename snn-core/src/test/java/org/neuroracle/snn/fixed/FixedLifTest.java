package org.neuroracle.snn.fixed;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fixed-point neuron against (a) hand-computed golden vectors, including the wrap and clamp edges, and
 * (b) an independent transcription of the architecture's equations in BigInteger arithmetic.
 */
class FixedLifTest {
    @Test void decayRoundsTowardZero() {
        // 1000 * (4096 - 100) / 4096 = 975.585.. -> 975; and -975 for the negative (not -976).
        assertEquals(975, FixedLif.decay(1000, 100));
        assertEquals(-975, FixedLif.decay(-1000, 100));
        assertEquals(0, FixedLif.decay(1, 1));
        assertEquals(0, FixedLif.decay(-1, 1));
    }

    /** The sign-and-magnitude decay that the OpenCL and C code use (and FixedLif did before, in 11 operations). */
    private static int signMagnitudeDecay(int x, int decayConst) {
        final int f = 4096 - decayConst, s = x >> 31, ax = (x ^ s) - s;
        final int m = (ax >>> 12) * f + (((ax & 4095) * f) >>> 12);
        return (m ^ s) - s;
    }

    @Test void decayEqualsTheSignMagnitudeFormForAnyIntAndFactor() {
        SplittableRandom r = new SplittableRandom(15);
        int[] edges = {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -(1 << 24), -4097, -4096, -4095, -1, 0, 1, 4095, 4096, 1 << 24, Integer.MAX_VALUE};
        for (int d = 0; d <= 4096; d++) {
            for (int x : edges) assertEquals(signMagnitudeDecay(x, d), FixedLif.decay(x, d), "x=" + x + " d=" + d);
            for (int n = 0; n < 2_000; n++) {
                final int x = r.nextInt(), dd = d;
                assertEquals(signMagnitudeDecay(x, dd), FixedLif.decay(x, dd), () -> "x=" + x + " d=" + dd);
            }
        }
    }

    /** Every state value |x| <= 2^24 against the 64-bit product, at the built-in networks' and the edge factors. */
    @Test void decayIsExactForEveryStateAtSeveralFactors() {
        for (int d : new int[]{0, 1, 20, 40, 80, 2048, 4095, 4096})
            for (int x = -(1 << 24); x <= 1 << 24; x++) {
                final long p = (long) x * (4096 - d);
                final long ref = p < 0 ? -((-p) >> 12) : p >> 12;
                if (FixedLif.decay(x, d) != (int) ref) {
                    final int xf = x;
                    fail("decay(" + xf + ", " + d + ") = " + FixedLif.decay(xf, d) + ", want " + ref);
                }
            }
    }

    /** The one-multiply form equals decay for every state |x| <= 2^23 at the factors it is used for (0..255). */
    @Test void decayOneMultiplyEqualsDecayForEveryStateUpToFactor255() {
        for (int d : new int[]{0, 1, 2, 21, 41, 81, 128, 254, 255})
            for (int x = -(1 << 23); x <= 1 << 23; x++)
                if (FixedLif.decayOneMultiply(x, d) != FixedLif.decay(x, d)) {
                    final int xf = x;
                    fail("decayOneMultiply(" + xf + ", " + d + ") = " + FixedLif.decayOneMultiply(xf, d) + ", want " + FixedLif.decay(xf, d));
                }
    }

    @Test void goldenCurrentUpdates() {
        // u = 0, du = 0 (decay factor 4095/4096 because of the +1 offset), a_in = 10 -> 640.
        assertEquals(640, FixedLif.current(0, 0, 10));
        // 640 * 4095 / 4096 = 639.84 -> 639, + 640.
        assertEquals(1279, FixedLif.current(640, 0, 10));
        // Wrap above 2^23 (du = 4095 makes the decay factor 0): 132062 << 6 = 8451968 -> 8451968 - 2^24.
        assertEquals(-8_325_248, FixedLif.current(0, 4095, 132_062));
        // Large u decays first: 8388000 * 4095 / 4096 = 8385952.1 -> 8385952, + 64000 = 8449952 -> wraps.
        assertEquals(8_449_952 - (1 << 24), FixedLif.current(8_388_000, 0, 1000));
        // Exactly 2^23 stays (the interval is (-2^23, 2^23]); -2^23 wraps to +2^23.
        assertEquals(1 << 23, FixedLif.current(0, 4095, 131_072));
        assertEquals(1 << 23, FixedLif.current(0, 4095, -131_072));
    }

    @Test void goldenVoltageUpdatesClamp() {
        assertEquals(8_388_607, FixedLif.voltage(8_000_000, 0, 8_000_000, 0));
        assertEquals(-8_388_607, FixedLif.voltage(-8_000_000, 0, -8_000_000, 0));
        // v = 4096, dv = 4096 - 2048 -> decays to half: 2048 + u 10 + bias 3 = 2061.
        assertEquals(2061, FixedLif.voltage(4096, 2048, 10, 3));
    }

    @Test void spikeIsStrictlyAboveShiftedThreshold() {
        assertFalse(FixedLif.spikes(6400, 100));
        assertTrue(FixedLif.spikes(6401, 100));
    }

    /** Independent transcription of ARCHITECTURE.md in arbitrary precision, then reduced as int32 would. */
    private static int refCurrent(int u, int du, int aIn) {
        BigInteger p = BigInteger.valueOf(u).multiply(BigInteger.valueOf(4096 - (du + 1)));
        BigInteger m = p.abs().shiftRight(12);
        BigInteger x = (p.signum() < 0 ? m.negate() : m).add(BigInteger.valueOf((long) aIn << 6));
        int xi = x.intValue(); // int32 wrap, as numpy int32 and Java int do
        if (xi > (1 << 23)) return xi - (1 << 24);
        if (xi <= -(1 << 23)) return xi + (1 << 24);
        return xi;
    }

    private static int refVoltage(int v, int dv, int u, int bias) {
        BigInteger q = BigInteger.valueOf(v).multiply(BigInteger.valueOf(4096 - dv));
        BigInteger m = q.abs().shiftRight(12);
        long x = (q.signum() < 0 ? m.negate() : m).longValue() + u + bias;
        return (int) Math.max(-(1 << 23) + 1, Math.min((1 << 23) - 1, x));
    }

    @Test void followsTheEquationsToTheBitOnRandomInputs() {
        SplittableRandom r = new SplittableRandom(20261123);
        for (int n = 0; n < 200_000; n++) {
            int u = r.nextInt(-(1 << 23) + 1, (1 << 23) + 1);
            int v = r.nextInt(-(1 << 23) + 1, 1 << 23);
            int du = r.nextInt(4096), dv = r.nextInt(4096);
            int aIn = switch (n % 4) { case 0 -> r.nextInt(-300, 300); case 1 -> r.nextInt(-200_000, 200_000); case 2 -> r.nextInt(); default -> 0; };
            int bias = r.nextInt(-4096, 4096) << r.nextInt(8);
            int uRef = refCurrent(u, du, aIn);
            assertEquals(uRef, FixedLif.current(u, du, aIn), () -> "u=" + u + " du=" + du + " aIn=" + aIn);
            assertEquals(refVoltage(v, dv, uRef, bias), FixedLif.voltage(v, dv, uRef, bias), () -> "v=" + v + " dv=" + dv);
        }
    }
}
