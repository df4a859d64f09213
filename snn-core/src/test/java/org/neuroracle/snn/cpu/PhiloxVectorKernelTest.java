package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuroracle.snn.rng.Philox;
import org.neuroracle.snn.rng.PoissonTable;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PhiloxVectorKernel} against {@link Philox#draw}, word for word, over keys, streams, steps and ranges. */
class PhiloxVectorKernelTest {
    @Test void theVectorDrawIsOnWhereTheModuleIsUnlessTurnedOff() {
        // Without the module these cases would not run the kernel (snn-core/pom.xml, surefire argLine).
        assertTrue(LifState.VECTOR_MODULE, "run snn-core's tests with --add-modules jdk.incubator.vector");
        String before = System.getProperty("neuroracle.cpu.vector");
        try {
            System.clearProperty("neuroracle.cpu.vector");
            assertTrue(PoissonCounts.vectorPhiloxConfigured(), "on by default");
            System.setProperty("neuroracle.cpu.vector", "auto");
            assertTrue(PoissonCounts.vectorPhiloxConfigured(), "on with auto (not only for long runs)");
            System.setProperty("neuroracle.cpu.vector", "false");
            assertFalse(PoissonCounts.vectorPhiloxConfigured(), "off with false");
        } finally {
            if (before == null) System.clearProperty("neuroracle.cpu.vector");
            else System.setProperty("neuroracle.cpu.vector", before);
        }
    }

    @Test void everyWordEqualsTheScalarDraw() {
        SplittableRandom r = new SplittableRandom(2026);
        long[] seeds = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x123456789ABCDEFL, 0xFFFFFFFFL, 1L << 32};
        int[] edges = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};
        for (int c = 0; c < 400; c++) {
            long seed = c < seeds.length ? seeds[c] : r.nextLong();
            int stream = c % 7 == 0 ? edges[r.nextInt(edges.length)] : r.nextInt(1000);
            int t = c % 5 == 0 ? edges[r.nextInt(edges.length)] : r.nextInt();
            // ranges off the lane count (the scalar tail), empty ones, and starts off the lane count
            int lo = r.nextInt(5000), len = c % 13 == 0 ? 0 : r.nextInt(1, 300);
            int[] out = new int[lo + len + 3];
            out[lo + len] = 12345; // past hi: untouched
            PhiloxVectorKernel.draw(seed, stream, t, lo, lo + len, out);
            for (int i = lo; i < lo + len; i++)
                assertEquals(Philox.draw(seed, stream, i, t), out[i], "seed " + seed + " stream " + stream + " t " + t + " neuron " + i);
            assertEquals(12345, out[lo + len], "a word written past the range");
            if (lo > 0) assertEquals(0, out[lo - 1], "a word written before the range");
        }
    }

    @ParameterizedTest(name = "vector Philox {0}")
    @ValueSource(booleans = {true, false})
    void poissonCountsAreTheDefinitionsWithEitherDraw(boolean vector) {
        int[] table = {1 << 28, 1 << 30, 0x90000000, 0xF0000000}; // nondecreasing as unsigned words, as PoissonTable's
        int n = 1000, lo = 3, hi = n - 5;
        int[] words = new int[n], counts = new int[n];
        for (int t = 0; t < 50; t++) {
            PoissonCounts.draw(77, 4, t, table, lo, hi, words, counts, vector);
            for (int i = lo; i < hi; i++) {
                int w = Philox.draw(77, 4, i, t) ^ Integer.MIN_VALUE, k = 0;
                while (k < table.length && Integer.compare(w, table[k] ^ Integer.MIN_VALUE) >= 0) k++;
                assertEquals(k, counts[i], "t " + t + " neuron " + i);
            }
        }
    }

    /**
     * Real tables (their last thresholds pass a word with probability below 2^-10, where the kernel tests before it
     * counts, and a saturated 0xFFFFFFFF one), ranges off the lane count: every count is PoissonTable.sample's.
     */
    @ParameterizedTest(name = "lambda {0}")
    @ValueSource(doubles = {0.05, 2.0, 20.0})
    void vectorCountsAreTheTableSampleForRealTables(double lambda) {
        int[] real = PoissonTable.cdfThresholds(lambda);
        int[] saturated = java.util.Arrays.copyOf(real, real.length + 1);
        saturated[real.length] = -1;
        for (int[] table : new int[][]{real, saturated}) {
            int n = 3000, lo = 5, hi = n - 3;
            int[] counts = new int[n], words = new int[n];
            counts[hi] = 777;
            for (int t = 0; t < 40; t++) {
                PhiloxVectorKernel.draw(91, 6, t, lo, hi, words);
                PoissonCountVectorKernel.countThresholds(table, lo, hi, words, counts);
                for (int i = lo; i < hi; i++)
                    assertEquals(PoissonTable.sample(table, 0, table.length, Philox.draw(91, 6, i, t)), counts[i], "t " + t + " neuron " + i);
                assertEquals(777, counts[hi], "a count written past the range");
                assertEquals(0, counts[lo - 1], "a count written before the range");
            }
        }
    }
}
