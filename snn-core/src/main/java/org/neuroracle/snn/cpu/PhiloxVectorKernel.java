package org.neuroracle.snn.cpu;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.neuroracle.snn.rng.Philox;

/**
 * {@link Philox#draw} for a range of consecutive neurons at one step, in explicit SIMD (Vector API): the ten
 * Philox4x32 rounds run on 64-bit lanes, one neuron per lane, every product {@code (x & 0xFFFFFFFF) * M} exact in
 * 64 bits, so each lane computes exactly the scalar draw's words (PhiloxVectorKernelTest compares them). The upper
 * halves of the lanes carry garbage between rounds; only low halves are multiplied, shifted down or returned.
 * <p>Why: C2 does not vectorise the scalar draw (32 x 32 -> 64-bit products on ints), and Brunel's background
 * (12,500 neurons, one draw each per step) spent ~200 us of a ~350 us step there; this is 5-7x faster per draw
 * (snn-core/MEASUREMENTS.md, "Session 12").
 * <p>Loaded only when the JVM resolved {@code jdk.incubator.vector} ({@link LifState#VECTOR_MODULE}), as the other
 * kernels are; otherwise this class is never touched.
 */
final class PhiloxVectorKernel {
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    /** The int species of half L's width: one int lane per long lane. */
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(L.vectorBitSize() / 2));
    private static final long LOW32 = 0xFFFFFFFFL, M0 = Philox.M0 & LOW32, M1 = Philox.M1 & LOW32;
    private static final long[] IOTA = new long[L.length()];
    static { for (int j = 0; j < IOTA.length; j++) IOTA[j] = j; }

    private PhiloxVectorKernel() {}

    /** Whether the species gives at least 4 lanes (otherwise the scalar draw is as fast). */
    static boolean usable() { return L.length() >= 4; }

    /** Lanes per vector, for the caller's minimum range. */
    static int lanes() { return L.length(); }

    /**
     * out[i] = Philox.draw(seed, stream, i, t) for i in [lo, hi). The loop over the range keeps no vector live
     * across its back-edge (each vector's constants are made in {@link #drawVector}, which C2 inlines and hoists): a
     * compile that enters this loop part-way (OSR, the first call's 1,500 vectors of Brunel) then has only ints to
     * take over, whereas vectors carried into an OSR entry presumably have no exact type (their operations stayed boxed)
     * (snn-core/MEASUREMENTS.md, "Session 16"). drawVector's own round loop still carries its four counters.
     */
    static void draw(long seed, int stream, int t, int lo, int hi, int[] out) {
        final int n = L.length();
        int i = lo;
        for (final int upper = lo + L.loopBound(hi - lo); i < upper; i += n) drawVector(seed, stream, t, i, out);
        for (; i < hi; i++) out[i] = Philox.draw(seed, stream, i, t);
    }

    /** out[i + j] = Philox.draw(seed, stream, i + j, t) for the lanes j of one vector. */
    private static void drawVector(long seed, int stream, int t, int i, int[] out) {
        // Both factors visibly masked to 32 bits: then C2 emits one vpmuludq (32 x 32 -> 64) per product instead of
        // the full 64-bit vpmullq (3 uops, ~15 cycles on Intel), which it chose while the multiplier was a plain
        // broadcast constant (the same products: both factors are below 2^32 either way). Draw 4.8-6.5 -> 2.4-2.9 ns
        // per neuron (snn-core/MEASUREMENTS.md, "Session 14").
        final LongVector m0 = LongVector.broadcast(L, M0).and(LOW32), m1 = LongVector.broadcast(L, M1).and(LOW32);
        // counter (neuron, step, stream, 0), key (seed lo, seed hi), as Philox.draw
        LongVector c0 = LongVector.fromArray(L, IOTA, 0).add(i & LOW32), c1 = LongVector.broadcast(L, t & LOW32);
        LongVector c2 = LongVector.broadcast(L, stream & LOW32), c3 = LongVector.zero(L);
        int k0 = (int) seed, k1 = (int) (seed >>> 32);
        for (int round = 0; round < 10; round++) {
            final LongVector p0 = c0.and(LOW32).mul(m0), p1 = c2.and(LOW32).mul(m1);
            c0 = p1.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c1).lanewise(VectorOperators.XOR, k0 & LOW32);
            c2 = p0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c3).lanewise(VectorOperators.XOR, k1 & LOW32);
            c1 = p1;
            c3 = p0;
            k0 += Philox.W0;
            k1 += Philox.W1;
        }
        ((IntVector) c0.convertShape(VectorOperators.L2I, I, 0)).intoArray(out, i);
    }
}
