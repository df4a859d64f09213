package org.neuroracle.snn.cpu;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.neuroracle.snn.fixed.FixedLif;

/**
 * One pass per step for {@code cuba-lif-fixed} with one or two channels, in explicit SIMD (Vector API): deliver
 * (ring slot read and cleared, current added), current decay and wrap per channel, membrane decay and clamp, the
 * skip-rule count, the refractory hold (by mask), threshold and reset, and spike emission in ascending order, per
 * vector of neurons. Integer arithmetic is exact, so each lane computes exactly {@link FixedLif}'s operations
 * (the 9-operation decay, the single-correction wrap of Lava, the clamp) and the results are bit for bit those of
 * {@code FixedLifState}'s scalar path with its {@code RefractoryList} (FixedLifStateDefinitionTest runs both).
 * <p>Why: C2 vectorises the scalar path's fused loop, but it then needs a separate threshold scan, the refractory
 * list and, with two channels, every cheaper exact wrap form made C2 give up vectorising (snn-core/MEASUREMENTS.md, issue
 * 15). Here the wrap is two compares and two masked adds, and the threshold one mask test per vector.
 * <p>Loaded only when the JVM resolved {@code jdk.incubator.vector} ({@code LifState.VECTOR_MODULE}), as
 * {@link LifVectorKernel} is; otherwise this class is never touched.
 */
final class FixedLifVectorKernel {
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int LOW12 = FixedLif.DECAY_UNITY - 1, SHIFT = FixedLif.DECAY_SHIFT, SPAN = 2 * FixedLif.MAX_UV;

    /**
     * The decay with one multiply: for |x| <= 2^23 and decay constant d <= 255, {@code x d + 4095} fits an int, and
     * rounding x (4096 - d) / 4096 toward zero is {@code x - ceil(x d / 4096)} for x >= 0 and
     * {@code x - floor(x d / 4096)} for x < 0, that is {@code x - ((x d + (x >= 0 ? 4095 : 0)) >> 12)}: 6 vector
     * operations with one multiply instead of 9 with two (cuba-fixed: 4.1 -> 2.9 us per 4,000-neuron update
     * stand-alone). Used for a vector whose inputs are all in [-(2^23 - 1), 2^23], which every updated v (clamped)
     * and every u that the wrap brought back into range is; other vectors take {@link FixedLif#decay}'s form.
     */
    private static final int SMALL_DECAY = 255;
    /** x + (2^23 - 1) has no bit above the low 24 exactly when x is in [-(2^23 - 1), 2^23]. */
    private static final int IN_RANGE_OFFSET = FixedLif.MAX_UV - 1, OUT_OF_RANGE_BITS = -(1 << 24);

    private FixedLifVectorKernel() {}

    /** Whether the preferred int species has SIMD width (at least 4 lanes); otherwise the scalar path is faster. */
    static boolean usable() { return I.length() >= 4; }

    /**
     * Appends the neurons i + j of the set bits j of {@code lanes} (a crossing mask as bits, so that nothing is boxed
     * when this call is not inlined) to the spikes, ascending, and resets them.
     */
    private static void emit(long lanes, int[] v, int[] ref, int i, int refractorySteps, IntList spikes) {
        for (long m = lanes; m != 0; m &= m - 1) {
            final int n = i + Long.numberOfTrailingZeros(m);
            spikes.add(n);
            v[n] = 0;
            ref[n] = refractorySteps;
        }
    }

    /** Membrane and threshold of one neuron (the partial last vector), exactly as the vector loops per lane. */
    private static void membraneScalar(int[] v, int[] ref, int vi, int total, int dv, int vthScaled,
                                       int refractorySteps, int i, IntList spikes) {
        final int vn = Math.max(-FixedLif.V_LIMIT, Math.min(FixedLif.V_LIMIT, FixedLif.decay(vi, dv) + total));
        final int ri = ref[i];
        if (ri > 0) {
            ref[i] = ri - 1;
            v[i] = 0;
        } else if (vn > vthScaled) {
            spikes.add(i);
            v[i] = 0;
            ref[i] = refractorySteps;
        } else {
            v[i] = vn;
        }
    }

    /** 1 when x != 0, else 0 (the skip rule's count). */
    private static int nonZero(int x) { return (x | -x) >>> 31; }

    /**
     * One channel, neurons [lo, hi): {@code d0} is du + 1 and {@code dv} the membrane decay constant (0..4096),
     * {@code x0} the channel's current this step. Returns the membrane-update count of the skip rule.
     */
    static int oneChannel(int[] u0, int[] r0, int[] v, int[] ref, int lo, int hi, int x0, int d0, int dv, int bias,
                          int vthScaled, int refractorySteps, IntList spikes) {
        final int L = I.length(), f0 = FixedLif.DECAY_UNITY - d0, fv = FixedLif.DECAY_UNITY - dv;
        final boolean small = d0 <= SMALL_DECAY && dv <= SMALL_DECAY;
        final IntVector zero = IntVector.zero(I);
        int updates = 0, i = lo;
        // Every vector operation is written out in the loop: C2 boxes IntVectors passed to a helper it does not
        // inline (a decay helper was "too large", a wrap helper "uses too much stack"; 3x slower).
        for (final int upper = lo + I.loopBound(hi - lo); i < upper; i += L) {
            final IntVector a0 = IntVector.fromArray(I, r0, i).add(x0);
            zero.intoArray(r0, i);
            final IntVector o0 = IntVector.fromArray(I, u0, i), vi = IntVector.fromArray(I, v, i), rv = IntVector.fromArray(I, ref, i);
            if (bias == 0) updates += a0.or(o0).or(vi).or(rv).compare(VectorOperators.NE, 0).trueCount();
            // u0 = wrap(decay(u0, d0) + (a0 << 6))
            final IntVector k0, kv; // decay(u0, d0), decay(v, dv): see twoChannels
            if (small && o0.add(IN_RANGE_OFFSET).or(vi.add(IN_RANGE_OFFSET)).and(OUT_OF_RANGE_BITS).compare(VectorOperators.EQ, 0).allTrue()) {
                k0 = o0.sub(o0.mul(d0).add(o0.lanewise(VectorOperators.ASHR, 31).not().and(LOW12)).lanewise(VectorOperators.ASHR, SHIFT));
                kv = vi.sub(vi.mul(dv).add(vi.lanewise(VectorOperators.ASHR, 31).not().and(LOW12)).lanewise(VectorOperators.ASHR, SHIFT));
            } else {
                k0 = o0.and(LOW12).mul(f0).add(o0.lanewise(VectorOperators.ASHR, 31).and(LOW12)).lanewise(VectorOperators.LSHR, SHIFT)
                    .add(o0.lanewise(VectorOperators.ASHR, SHIFT).mul(f0));
                kv = vi.and(LOW12).mul(fv).add(vi.lanewise(VectorOperators.ASHR, 31).and(LOW12)).lanewise(VectorOperators.LSHR, SHIFT)
                    .add(vi.lanewise(VectorOperators.ASHR, SHIFT).mul(fv));
            }
            IntVector n0 = k0.add(a0.lanewise(VectorOperators.LSHL, FixedLif.ACT_SHIFT));
            n0 = n0.sub(SPAN, n0.compare(VectorOperators.GT, FixedLif.MAX_UV)).add(SPAN, n0.compare(VectorOperators.LE, -FixedLif.MAX_UV));
            n0.intoArray(u0, i);
            // v = clamp(decay(v, dv) + u0 + bias); held while ref > 0; spike when v > vth << 6 and not held
            final IntVector vn = kv.add(n0).add(bias).max(-FixedLif.V_LIMIT).min(FixedLif.V_LIMIT);
            final VectorMask<Integer> held = rv.compare(VectorOperators.GT, 0);
            rv.sub(1, held).intoArray(ref, i);
            vn.blend(0, held).intoArray(v, i);
            final VectorMask<Integer> crossed = vn.compare(VectorOperators.GT, vthScaled).andNot(held);
            if (crossed.anyTrue()) emit(crossed.toLong(), v, ref, i, refractorySteps, spikes);
        }
        for (; i < hi; i++) {
            final int a0 = r0[i] + x0, o0 = u0[i], vi = v[i];
            r0[i] = 0;
            if (bias == 0) updates += nonZero(a0 | o0 | vi | ref[i]);
            final int n0 = FixedLif.wrap(FixedLif.decay(o0, d0) + (a0 << FixedLif.ACT_SHIFT));
            u0[i] = n0;
            membraneScalar(v, ref, vi, n0 + bias, dv, vthScaled, refractorySteps, i, spikes);
        }
        return bias == 0 ? updates : hi - lo; // a non-zero bias makes every neuron count (the skip rule ORs it in)
    }

    /** Two channels (cuba-fixed), as {@link #oneChannel}; the channels' currents are summed (int sums wrap). */
    static int twoChannels(int[] u0, int[] u1, int[] r0, int[] r1, int[] v, int[] ref, int lo, int hi, int x0, int x1,
                           int d0, int d1, int dv, int bias, int vthScaled, int refractorySteps, IntList spikes) {
        final int L = I.length(), f0 = FixedLif.DECAY_UNITY - d0, f1 = FixedLif.DECAY_UNITY - d1, fv = FixedLif.DECAY_UNITY - dv;
        final boolean small = d0 <= SMALL_DECAY && d1 <= SMALL_DECAY && dv <= SMALL_DECAY;
        final IntVector zero = IntVector.zero(I);
        int updates = 0, i = lo;
        for (final int upper = lo + I.loopBound(hi - lo); i < upper; i += L) { // written out, as in oneChannel
            final IntVector a0 = IntVector.fromArray(I, r0, i).add(x0), a1 = IntVector.fromArray(I, r1, i).add(x1);
            zero.intoArray(r0, i);
            zero.intoArray(r1, i);
            final IntVector o0 = IntVector.fromArray(I, u0, i), o1 = IntVector.fromArray(I, u1, i);
            final IntVector vi = IntVector.fromArray(I, v, i), rv = IntVector.fromArray(I, ref, i);
            if (bias == 0) updates += a0.or(o0).or(a1).or(o1).or(vi).or(rv).compare(VectorOperators.NE, 0).trueCount();
            final IntVector k0, k1, kv; // decay(u0, d0), decay(u1, d1), decay(v, dv)
            if (small && o0.add(IN_RANGE_OFFSET).or(o1.add(IN_RANGE_OFFSET)).or(vi.add(IN_RANGE_OFFSET)).and(OUT_OF_RANGE_BITS)
                    .compare(VectorOperators.EQ, 0).allTrue()) {
                k0 = o0.sub(o0.mul(d0).add(o0.lanewise(VectorOperators.ASHR, 31).not().and(LOW12)).lanewise(VectorOperators.ASHR, SHIFT));
                k1 = o1.sub(o1.mul(d1).add(o1.lanewise(VectorOperators.ASHR, 31).not().and(LOW12)).lanewise(VectorOperators.ASHR, SHIFT));
                kv = vi.sub(vi.mul(dv).add(vi.lanewise(VectorOperators.ASHR, 31).not().and(LOW12)).lanewise(VectorOperators.ASHR, SHIFT));
            } else { // FixedLif.decay: (x >> 12) f + (((x & 4095) f + ((x >> 31) & 4095)) >>> 12)
                k0 = o0.and(LOW12).mul(f0).add(o0.lanewise(VectorOperators.ASHR, 31).and(LOW12)).lanewise(VectorOperators.LSHR, SHIFT)
                    .add(o0.lanewise(VectorOperators.ASHR, SHIFT).mul(f0));
                k1 = o1.and(LOW12).mul(f1).add(o1.lanewise(VectorOperators.ASHR, 31).and(LOW12)).lanewise(VectorOperators.LSHR, SHIFT)
                    .add(o1.lanewise(VectorOperators.ASHR, SHIFT).mul(f1));
                kv = vi.and(LOW12).mul(fv).add(vi.lanewise(VectorOperators.ASHR, 31).and(LOW12)).lanewise(VectorOperators.LSHR, SHIFT)
                    .add(vi.lanewise(VectorOperators.ASHR, SHIFT).mul(fv));
            }
            IntVector n0 = k0.add(a0.lanewise(VectorOperators.LSHL, FixedLif.ACT_SHIFT));
            n0 = n0.sub(SPAN, n0.compare(VectorOperators.GT, FixedLif.MAX_UV)).add(SPAN, n0.compare(VectorOperators.LE, -FixedLif.MAX_UV));
            n0.intoArray(u0, i);
            IntVector n1 = k1.add(a1.lanewise(VectorOperators.LSHL, FixedLif.ACT_SHIFT));
            n1 = n1.sub(SPAN, n1.compare(VectorOperators.GT, FixedLif.MAX_UV)).add(SPAN, n1.compare(VectorOperators.LE, -FixedLif.MAX_UV));
            n1.intoArray(u1, i);
            final IntVector vn = kv.add(n0).add(n1).add(bias).max(-FixedLif.V_LIMIT).min(FixedLif.V_LIMIT);
            final VectorMask<Integer> held = rv.compare(VectorOperators.GT, 0);
            rv.sub(1, held).intoArray(ref, i);
            vn.blend(0, held).intoArray(v, i);
            final VectorMask<Integer> crossed = vn.compare(VectorOperators.GT, vthScaled).andNot(held);
            if (crossed.anyTrue()) emit(crossed.toLong(), v, ref, i, refractorySteps, spikes);
        }
        for (; i < hi; i++) {
            final int a0 = r0[i] + x0, a1 = r1[i] + x1, o0 = u0[i], o1 = u1[i], vi = v[i];
            r0[i] = 0;
            r1[i] = 0;
            if (bias == 0) updates += nonZero(a0 | o0 | a1 | o1 | vi | ref[i]);
            final int n0 = FixedLif.wrap(FixedLif.decay(o0, d0) + (a0 << FixedLif.ACT_SHIFT));
            final int n1 = FixedLif.wrap(FixedLif.decay(o1, d1) + (a1 << FixedLif.ACT_SHIFT));
            u0[i] = n0;
            u1[i] = n1;
            membraneScalar(v, ref, vi, n0 + n1 + bias, dv, vthScaled, refractorySteps, i, spikes);
        }
        return bias == 0 ? updates : hi - lo;
    }
}
