package org.neuroracle.snn.rng;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PhiloxTest {
    private static int[] block(int c0, int c1, int c2, int c3, int k0, int k1) {
        int[] out = new int[4];
        Philox.block(c0, c1, c2, c3, k0, k1, out);
        return out;
    }

    /** Known-answer vectors of Philox4x32-10 from Random123 (kat_vectors). */
    @Test void matchesPublishedKnownAnswers() {
        assertArrayEquals(new int[]{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, block(0, 0, 0, 0, 0, 0));
        assertArrayEquals(new int[]{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}, block(-1, -1, -1, -1, -1, -1));
        assertArrayEquals(new int[]{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1},
                block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0));
    }

    @Test void drawIsFirstWordOfTheDocumentedCounterAndKey() {
        long seed = 0x0123456789abcdefL;
        int[] out = block(7, 11, 13, 0, (int) seed, (int) (seed >>> 32));
        assertEquals(out[0], Philox.draw(seed, 13, 7, 11));
    }

    @Test void uniformIsIn01WithTwentyFourBits() {
        assertEquals(0.0, Philox.uniform(0));
        assertEquals(1.0 - 0x1p-24, Philox.uniform(-1));
    }

    @Test void poissonTableSamplesHaveTheRightMean() {
        int[] table = PoissonTable.cdfThresholds(2.0);
        long sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) sum += PoissonTable.sample(table, 0, table.length, Philox.draw(9, 1, i, 0));
        double mean = (double) sum / n;
        // Standard error of the mean is sqrt(2 / n) = 0.0032; allow 5 standard errors.
        assertEquals(2.0, mean, 0.016);
    }

    @Test void bernoulliThresholdMatchesProbability() {
        int thr = PoissonTable.bernoulliThreshold(0.25);
        assertEquals(0x40000000, thr);
        assertEquals(-1, PoissonTable.bernoulliThreshold(1.0));
        assertEquals(0, PoissonTable.bernoulliThreshold(0.0));
    }
}
