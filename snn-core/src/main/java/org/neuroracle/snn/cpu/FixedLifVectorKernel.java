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
 * list and, with two channels, every cheaper exact wrap form made C2 give up vectorising (snn-core/README.md, issue
 * 15). Here the wrap is two compares and two masked adds, and the threshold one mask test per vector.
 * <p>Loaded only when the JVM resolved {@code jdk.incubator.vector} ({@code LifState.VECTOR_MODULE}), as
 * {@link LifVectorKernel} is; otherwise this class is never touched.
 */
final class FixedLifVectorKernel {
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int LOW12 = FixedLif.DECAY_UNITY - 1, SPAN = 2 * FixedLif.MAX_UV;

    private FixedLifVectorKernel() {}

    /** Whether the preferred int species has SIMD width (at least 4 lanes); otherwise the scalar path is faster. */
    static boolean usable() { return I.length() >= 4; }

    /** {@link FixedLif#decay}, lane by lane: {@code (x >> 12) f + (((x & 4095) f + ((x >> 31) & 4095)) >>> 12)}. */
    private static IntVector decay(IntVector x, int f) {
        final IntVector towardZero = x.lanewise(VectorOperators.ASHR, 31).and(LOW12);
        final IntVector low = x.and(LOW12).mul(f).add(towardZero).lanewise(VectorOperators.LSHR, FixedLif.DECAY_SHIFT);
        return x.lanewise(VectorOperators.ASHR, FixedLif.DECAY_SHIFT).mul(f).add(low);
    }

    /** {@link FixedLif#wrap}, lane by lane: both tests on the unwrapped sum, at most one 2^24 correction. */
    private static IntVector wrap(IntVector x) {
        final VectorMask<Integer> above = x.compare(VectorOperators.GT, FixedLif.MAX_UV);
        final VectorMask<Integer> below = x.compare(VectorOperators.LE, -FixedLif.MAX_UV);
        return x.sub(SPAN, above).add(SPAN, below);
    }

    /** One current channel's deliver and update at lanes [i, i + L): stores the new u, returns it. */
    private static IntVector current(int[] u, IntVector old, IntVector a, int f, int i) {
        final IntVector n = wrap(decay(old, f).add(a.lanewise(VectorOperators.LSHL, FixedLif.ACT_SHIFT)));
        n.intoArray(u, i);
        return n;
    }

    /**
     * The membrane part at lanes [i, i + L): v from the summed input, refractory hold, threshold; stores v and ref
     * and appends the lanes that spiked, ascending.
     */
    private static void membrane(int[] v, int[] ref, IntVector vi, IntVector total, int fv, int vthScaled,
                                 int refractorySteps, int i, IntList spikes) {
        final IntVector vn = decay(vi, fv).add(total).max(-FixedLif.V_LIMIT).min(FixedLif.V_LIMIT);
        final IntVector rv = IntVector.fromArray(I, ref, i);
        final VectorMask<Integer> held = rv.compare(VectorOperators.GT, 0);
        rv.sub(1, held).intoArray(ref, i);
        vn.blend(0, held).intoArray(v, i);
        final VectorMask<Integer> crossed = vn.compare(VectorOperators.GT, vthScaled).andNot(held);
        if (crossed.anyTrue()) {
            final int lanes = I.length();
            for (int j = 0; j < lanes; j++)
                if (crossed.laneIsSet(j)) {
                    spikes.add(i + j);
                    v[i + j] = 0;
                    ref[i + j] = refractorySteps;
                }
        }
    }

    /** Membrane and threshold of one neuron (the partial last vector), exactly as {@link #membrane} per lane. */
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
        final IntVector zero = IntVector.zero(I);
        int updates = 0, i = lo;
        for (final int upper = lo + I.loopBound(hi - lo); i < upper; i += L) {
            final IntVector a0 = IntVector.fromArray(I, r0, i).add(x0);
            zero.intoArray(r0, i);
            final IntVector o0 = IntVector.fromArray(I, u0, i), vi = IntVector.fromArray(I, v, i);
            if (bias == 0)
                updates += a0.or(o0).or(vi).or(IntVector.fromArray(I, ref, i)).compare(VectorOperators.NE, 0).trueCount();
            final IntVector n0 = current(u0, o0, a0, f0, i);
            membrane(v, ref, vi, n0.add(bias), fv, vthScaled, refractorySteps, i, spikes);
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
        final IntVector zero = IntVector.zero(I);
        int updates = 0, i = lo;
        for (final int upper = lo + I.loopBound(hi - lo); i < upper; i += L) {
            final IntVector a0 = IntVector.fromArray(I, r0, i).add(x0), a1 = IntVector.fromArray(I, r1, i).add(x1);
            zero.intoArray(r0, i);
            zero.intoArray(r1, i);
            final IntVector o0 = IntVector.fromArray(I, u0, i), o1 = IntVector.fromArray(I, u1, i);
            final IntVector vi = IntVector.fromArray(I, v, i);
            if (bias == 0)
                updates += a0.or(o0).or(a1).or(o1).or(vi).or(IntVector.fromArray(I, ref, i)).compare(VectorOperators.NE, 0).trueCount();
            final IntVector n0 = current(u0, o0, a0, f0, i), n1 = current(u1, o1, a1, f1, i);
            membrane(v, ref, vi, n0.add(n1).add(bias), fv, vthScaled, refractorySteps, i, spikes);
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
