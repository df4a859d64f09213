package org.neuroracle.snn.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One pass per step for float {@code lif} with forward Euler and two conductance channels (COBA), or exact
 * integration and two current channels (CUBA), in explicit SIMD:
 * deliver, membrane update, refractory hold, threshold and synaptic decay per vector of neurons, spikes found by
 * one mask test per vector. The float operations per neuron are those of {@code LifState.stepFused} in the same
 * order (a - b written as -b + a, which IEEE 754 defines as the same value; no fused multiply-add), the refractory
 * rule is {@code RefractoryList}'s and the spikes come out ascending, so results are bit for bit the same.
 * <p>Why: C2 cannot vectorise a select, a float-to-int reinterpretation or a reduction inside the update loop, so
 * that path needs a second, scalar pass for the threshold and a refractory list (snn-core/MEASUREMENTS.md, issue 15).
 * <p>No call inside the vector loops: a crossing neuron is reset and made refractory by blends in the vector, and its
 * index is written straight into the spike list's array (room reserved before the loop). With a call on the rare
 * crossing path (as before session 14), C2 kept the loop's array bases, its counter and the broadcast parameters in
 * stack slots across the whole loop and reloaded them every iteration (snn-core/MEASUREMENTS.md, "Session 14").
 * <p>Loaded only when the JVM resolved {@code jdk.incubator.vector} ({@code LifState.VECTOR_MODULE}); otherwise
 * this class is never touched and {@code LifState} keeps the auto-vectorised path.
 */
final class LifVectorKernel {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;

    private LifVectorKernel() {}

    /** Whether the two species have the same lane count (so an int mask casts lane for lane to a float one). */
    static boolean usable() { return F.length() == I.length(); }

    /**
     * Neurons [lo, hi) of one step. {@code vReset < vTh} is required (a held neuron then never looks like a
     * crossing). Appends spikes ascending to {@code spikes}.
     */
    static void eulerTwoConductances(float[] v, int[] ref, float[] g0, float[] g1, float[] r0, float[] r1, int lo, int hi,
                                     float vRest, float drive0, float e0, float e1, float k, float d0, float d1,
                                     float vTh, float vReset, int refractorySteps, IntList spikes) {
        final int L = F.length();
        final FloatVector zero = FloatVector.zero(F);
        spikes.reserve(hi - lo);
        final int[] out = spikes.a;
        int n = spikes.size;
        int i = lo;
        for (final int upper = lo + F.loopBound(hi - lo); i < upper; i += L) {
            final FloatVector vv = FloatVector.fromArray(F, v, i), nv = vv.neg();
            final FloatVector a = FloatVector.fromArray(F, g0, i).add(FloatVector.fromArray(F, r0, i));
            final FloatVector b = FloatVector.fromArray(F, g1, i).add(FloatVector.fromArray(F, r1, i));
            zero.intoArray(r0, i);
            zero.intoArray(r1, i);
            FloatVector x = nv.add(vRest).add(drive0);          // vRest - v + drive
            x = x.add(a.mul(nv.add(e0)));                       // += g0 (E0 - v)
            x = x.add(b.mul(nv.add(e1)));                       // += g1 (E1 - v)
            final IntVector rv = IntVector.fromArray(I, ref, i);
            final VectorMask<Integer> held = rv.compare(VectorOperators.GT, 0);
            final VectorMask<Float> heldF = held.cast(F);
            final FloatVector c = vv.add(x.mul(k)).blend(vReset, heldF);
            final VectorMask<Float> crossed = c.compare(VectorOperators.GE, vTh).andNot(heldF);
            rv.sub(1, held).blend(refractorySteps, crossed.cast(I)).intoArray(ref, i);
            c.blend(vReset, crossed).intoArray(v, i);
            if (crossed.anyTrue())
                for (long m = crossed.toLong(); m != 0; m &= m - 1) out[n++] = i + Long.numberOfTrailingZeros(m);
            a.mul(d0).intoArray(g0, i);
            b.mul(d1).intoArray(g1, i);
        }
        spikes.size = n;
        for (; i < hi; i++) { // the last partial vector, neuron by neuron
            final float a = g0[i] + r0[i], b = g1[i] + r1[i], vi = v[i];
            r0[i] = 0f;
            r1[i] = 0f;
            float x = vRest - vi + drive0;
            x += a * (e0 - vi);
            x += b * (e1 - vi);
            float c = vi + k * x;
            final int ri = ref[i];
            if (ri > 0) {
                ref[i] = ri - 1;
                c = vReset;
            } else if (c >= vTh) {
                spikes.add(i);
                c = vReset;
                ref[i] = refractorySteps;
            }
            v[i] = c;
            g0[i] = a * d0;
            g1[i] = b * d1;
        }
    }

    /**
     * As {@link #eulerTwoConductances} for exact integration with two current channels (CUBA):
     * {@code x = v_rest + (v - v_rest) decay_m + k0; x += g0 P0; x += g1 P1}, in that order.
     */
    static void exactTwoCurrents(float[] v, int[] ref, float[] g0, float[] g1, float[] r0, float[] r1, int lo, int hi,
                                 float vRest, float dm, float k0, float p0, float p1, float d0, float d1,
                                 float vTh, float vReset, int refractorySteps, IntList spikes) {
        final int L = F.length();
        final FloatVector zero = FloatVector.zero(F);
        spikes.reserve(hi - lo);
        final int[] out = spikes.a;
        int n = spikes.size;
        int i = lo;
        for (final int upper = lo + F.loopBound(hi - lo); i < upper; i += L) {
            final FloatVector vv = FloatVector.fromArray(F, v, i);
            final FloatVector a = FloatVector.fromArray(F, g0, i).add(FloatVector.fromArray(F, r0, i));
            final FloatVector b = FloatVector.fromArray(F, g1, i).add(FloatVector.fromArray(F, r1, i));
            zero.intoArray(r0, i);
            zero.intoArray(r1, i);
            FloatVector x = vv.sub(vRest).mul(dm).add(vRest).add(k0); // v_rest + (v - v_rest) decay_m + k0
            x = x.add(a.mul(p0));
            x = x.add(b.mul(p1));
            final IntVector rv = IntVector.fromArray(I, ref, i);
            final VectorMask<Integer> held = rv.compare(VectorOperators.GT, 0);
            final VectorMask<Float> heldF = held.cast(F);
            final FloatVector c = x.blend(vReset, heldF);
            final VectorMask<Float> crossed = c.compare(VectorOperators.GE, vTh).andNot(heldF);
            rv.sub(1, held).blend(refractorySteps, crossed.cast(I)).intoArray(ref, i);
            c.blend(vReset, crossed).intoArray(v, i);
            if (crossed.anyTrue())
                for (long m = crossed.toLong(); m != 0; m &= m - 1) out[n++] = i + Long.numberOfTrailingZeros(m);
            a.mul(d0).intoArray(g0, i);
            b.mul(d1).intoArray(g1, i);
        }
        spikes.size = n;
        for (; i < hi; i++) {
            final float a = g0[i] + r0[i], b = g1[i] + r1[i];
            r0[i] = 0f;
            r1[i] = 0f;
            float x = vRest + (v[i] - vRest) * dm + k0;
            x += a * p0;
            x += b * p1;
            final int ri = ref[i];
            if (ri > 0) {
                ref[i] = ri - 1;
                x = vReset;
            } else if (x >= vTh) {
                spikes.add(i);
                x = vReset;
                ref[i] = refractorySteps;
            }
            v[i] = x;
            g0[i] = a * d0;
            g1[i] = b * d1;
        }
    }
}
