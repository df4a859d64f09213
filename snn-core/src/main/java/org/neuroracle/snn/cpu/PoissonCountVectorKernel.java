package org.neuroracle.snn.cpu;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.neuroracle.snn.rng.PoissonTable;

/**
 * The counting half of {@link PoissonCounts}' vector path, in explicit SIMD (Vector API): Philox words to Poisson
 * counts through a CDF threshold table, in the widest int species ({@link PhiloxVectorKernel} makes the words).
 * <p>Loaded only when the JVM resolved {@code jdk.incubator.vector} ({@link LifState#VECTOR_MODULE}), as the other
 * kernels are; otherwise this class is never touched.
 */
final class PoissonCountVectorKernel {
    private static final VectorSpecies<Integer> WIDE = IntVector.SPECIES_PREFERRED;

    private PoissonCountVectorKernel() {}

    /**
     * counts[i] = {@code PoissonTable.sample(table, 0, table.length, words[i])} for i in [lo, hi), in one pass:
     * each vector of words is counted against the thresholds in registers (the number of thresholds a word passes,
     * compared unsigned). The thresholds never decrease, so once no lane passes one, none passes a later one: the
     * leading thresholds that a word passes with probability above 2^-10 are counted without a test, the rest only
     * while some lane still passes (rarely more than one test per vector; a test per threshold mispredicted about
     * once a vector). PoissonCounts' scalar path makes one pass over the range per threshold instead.
     */
    static void countThresholds(int[] table, int lo, int hi, int[] words, int[] counts) {
        final int n = WIDE.length(), K = table.length;
        int likely = 0;
        while (likely < K && Integer.compareUnsigned(table[likely], -(1 << 22)) < 0) likely++;
        int i = lo;
        // As PhiloxVectorKernel.draw: no vector live across this range loop's back-edge, so that an OSR compile of it
        // (the first calls) takes over only ints (countVector's threshold loops still carry the count vector).
        for (final int upper = lo + WIDE.loopBound(hi - lo); i < upper; i += n) countVector(table, likely, words, counts, i);
        for (; i < hi; i++) counts[i] = PoissonTable.sample(table, 0, K, words[i]);
    }

    /** The counts of one vector of words: the first {@code likely} thresholds without a test, then while some lane passes. */
    private static void countVector(int[] table, int likely, int[] words, int[] counts, int i) {
        final IntVector w = IntVector.fromArray(WIDE, words, i);
        IntVector k = IntVector.zero(WIDE);
        int j = 0;
        for (; j < likely; j++) k = k.add(1, w.compare(VectorOperators.UGE, table[j]));
        for (; j < table.length; j++) {
            final VectorMask<Integer> pass = w.compare(VectorOperators.UGE, table[j]);
            if (!pass.anyTrue()) break;
            k = k.add(1, pass);
        }
        k.intoArray(counts, i);
    }
}
