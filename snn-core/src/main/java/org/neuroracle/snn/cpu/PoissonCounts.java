package org.neuroracle.snn.cpu;

import org.neuroracle.snn.rng.Philox;

/**
 * Background Poisson counts for a range of neurons: with the Vector API, the vector Philox words and one pass that
 * counts each vector of them against the thresholds in registers ({@link PoissonCountVectorKernel#countThresholds});
 * otherwise three branch-free passes, each of which the JIT keeps in flight or vectorises: the Philox words, then
 * one vectorised pass per CDF threshold (only as far as the largest word reaches), counting the thresholds each
 * word passes. Both equal {@code PoissonTable.sample} for every word, because the thresholds never decrease: the
 * number of thresholds a word passes is the index of the first it does not. Per-neuron sampling spent most of its
 * time on mispredicted loop exits (Brunel: k ~ Poisson(2)).
 */
final class PoissonCounts {
    private PoissonCounts() {}

    /**
     * Whether a population drawing its background now takes the Philox words from {@link PhiloxVectorKernel} (the
     * same words, 5-7x faster per draw): where the JVM resolved the Vector API module and
     * {@code -Dneuroracle.cpu.vector=false} does not turn the kernels off. Read by each population when it is built
     * (as its update kernel's switch is), so that tests compare both paths in one JVM. Unlike the update kernels it
     * does not wait for long runs (KernelChoice): one call draws a whole range, so C2 compiles it within the first
     * steps (the launcher also compiles the Philox kernel early, as the update kernels, but not the counting one: see
     * scripts/java-launch.sh), and Brunel gains from its first second.
     */
    static boolean vectorPhiloxConfigured() {
        return LifState.VECTOR_MODULE && KernelChoice.configured() != KernelChoice.Mode.NEVER && PhiloxVectorKernel.usable();
    }

    /** Smaller ranges (a thread's slice of a small population, a test network) keep the scalar draw. */
    static final int MIN_VECTOR_RANGE = 256;

    /**
     * counts[i] for i in [lo, hi): the Poisson count of neuron i at step t; words is scratch of the same size;
     * {@code vectorPhilox} from {@link #vectorPhiloxConfigured()}: then the vector draw and one counting pass
     * ({@link PoissonCountVectorKernel#countThresholds}), otherwise the scalar draw and a pass per threshold below.
     */
    static void draw(long seed, int stream, int t, int[] table, int lo, int hi, int[] words, int[] counts, boolean vectorPhilox) {
        if (vectorPhilox && hi - lo >= MIN_VECTOR_RANGE) {
            PhiloxVectorKernel.draw(seed, stream, t, lo, hi, words);
            PoissonCountVectorKernel.countThresholds(table, lo, hi, words, counts);
            return;
        }
        int max = Integer.MIN_VALUE;                     // largest word, compared unsigned (sign bit flipped)
        for (int i = lo; i < hi; i++) words[i] = Philox.draw(seed, stream, i, t);
        for (int i = lo; i < hi; i++) {
            final int w = words[i] ^ Integer.MIN_VALUE;
            words[i] = w;
            counts[i] = 0;
            max = Math.max(max, w);
        }
        for (int k = 0; k < table.length; k++) {
            final int th = table[k] ^ Integer.MIN_VALUE;
            if (th > max) break;
            for (int i = lo; i < hi; i++) counts[i] += 1 + lessMask(words[i], th);
        }
    }

    /** -1 when a < b (signed, for any ints), else 0: the vectorisable form of a comparison. */
    private static int lessMask(int a, int b) {
        final int d = a - b;
        return (d ^ ((a ^ b) & (d ^ a))) >> 31;
    }
}
