package org.neuroracle.snn.cpu;

import org.neuroracle.snn.fixed.FixedLif;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Population;

/** {@code cuba-lif-fixed}: integer u per channel, v, refractory counter; neurons at zero state are skipped. */
final class FixedLifState extends PopState {
    private final CubaLifFixed model;
    private final int channels;
    private final int[][] u;
    private final int[] v;
    private final int[] ref;
    private final int[] active, uSum, vNext; // per-neuron scratch, written by the owning thread only
    private final int[][][] ring; // [channel][slot][neuron]: one array per slot keeps the update loops vectorisable
    private final int[] du;
    private final int dv, vth, bias, refractorySteps;
    private final RefractoryList refractory;
    /**
     * Quiet ranges: {@code quietAt[lo] == quietEpoch} when, after the last step of the range starting at lo, every
     * u, v and ref of it was zero (and the bias is zero). Such a range with no input this step stays at zero state:
     * u = wrap(decay(0) + 0) = 0, v = clamp(decay(0) + 0 + 0) = 0, no spike (0 > vth << 6 never holds), nothing
     * counted; the step is skipped (the vote reservoir is quiet on about a quarter of its steps).
     */
    private final int[] quietAt;
    private int quietEpoch = 1;
    /**
     * Ranges whose u and v are all in [-(2^23 - 1), 2^23]: {@code inRangeAt[lo] == inRangeEpoch} when, after the
     * last step of the range starting at lo, every u was (every updated v is, by the clamp). With all decay constants
     * at most 255 ({@link #oneMultiply}) such a range takes the one-multiply decay (cuba-fixed: three multiplies per
     * neuron instead of six). Reset, new ranges and a change of kernel forget every mark.
     */
    private final int[] inRangeAt;
    private int inRangeEpoch = 1;
    private final boolean oneMultiply;
    /** x + (2^23 - 1) has no bit above the low 24 exactly when x is in [-(2^23 - 1), 2^23]. */
    private static final int IN_RANGE_OFFSET = FixedLif.MAX_UV - 1, OUT_OF_RANGE_BITS = -(1 << 24);
    /** a + 2^17 has no bit above the low 18 exactly when a is in [-2^17, 2^17) (modulo 2^32, as the sums are). */
    private static final int SMALL_INPUT_OFFSET = 1 << 17, SMALL_INPUT_BITS = -(1 << 18);
    /** The largest decay constant for which x d + 4095 fits an int for every |x| <= 2^23. */
    private static final int ONE_MULTIPLY_MAX_DECAY = 255;
    /**
     * One and two channels through {@link FixedLifVectorKernel} (one explicit-SIMD pass, no refractory list) when
     * the JVM resolved the Vector API module ({@link LifState#VECTOR_MODULE}); {@code -Dneuroracle.cpu.vector=false}
     * turns it off. Per instance, so that tests compare both paths in one JVM; the bits are the same.
     */
    private final VectorKernelSwitch vectorKernel; // set per run (KernelChoice)
    private final boolean vectorPhilox = PoissonCounts.vectorPhiloxConfigured(); // background draws (not per run)

    FixedLifState(Population p, int index, int ringSlots) {
        super(p, index, ringSlots);
        model = (CubaLifFixed) p.model();
        channels = model.channels();
        u = new int[channels][size];
        v = new int[size];
        ref = new int[size];
        active = new int[size];
        uSum = new int[size];
        vNext = new int[size];
        ring = new int[channels][ringSlots][size];
        du = model.du();
        dv = model.dv();
        vth = model.vth();
        bias = model.bias();
        refractorySteps = model.refractorySteps();
        refractory = new RefractoryList(size);
        quietAt = new int[size];
        inRangeAt = new int[size + 1]; // + 1: an empty range at the end (lo == size) is stepped too
        boolean small = dv <= ONE_MULTIPLY_MAX_DECAY;
        for (int d : du) small &= d + 1 <= ONE_MULTIPLY_MAX_DECAY;
        oneMultiply = small;
        vectorKernel = new VectorKernelSwitch(channels == 1 || channels == 2, () -> FixedLifVectorKernel.usable());
        reset();
    }

    @Override boolean vectorKernelActive() { return vectorKernel.active(); }

    @Override void useVectorKernel(KernelChoice.Selection kernels) {
        // The kernel keeps no refractory list; the scalar path's list is derived from ref and must be rebuilt.
        if (vectorKernel.use(kernels.takes(KernelChoice.Kernel.FIXED_LIF))) {
            refractory.invalidate();
            inRangeEpoch++; // the kernel keeps no in-range marks either
        }
    }

    @Override int step(int t, int slot, int lo, int hi, int[] extraFixed, float extraDriveMv, IntList spikes) {
        if (bias != 0 || lo == hi) return update(slot, lo, hi, extraFixed, spikes);
        if (quietAt[lo] == quietEpoch && noInput(slot, lo, hi, extraFixed)) return 0;
        final int updates = update(slot, lo, hi, extraFixed, spikes);
        quietAt[lo] = zeroState(lo, hi) ? quietEpoch : 0;
        return updates;
    }

    /** Whether this step delivers nothing to [lo, hi): no current and an all-zero ring slot on every channel. */
    private boolean noInput(int slot, int lo, int hi, int[] extraFixed) {
        for (int c = 0; c < channels; c++) {
            if (extraFixed[c] != 0) return false;
            final int[] r = ring[c][slot];
            int any = 0;
            for (int i = lo; i < hi; i++) any |= -r[i]; // -x is 0 iff x is; C2 leaves a bare OR of loads scalar (4x slower)
            if (any != 0) return false;
        }
        return true;
    }

    /** Whether every u, v and ref of [lo, hi) is zero; stops at the first block with a non-zero value. */
    private boolean zeroState(int lo, int hi) {
        for (int b = lo; b < hi; b += Crossings.FIXED_BLOCK) {
            final int e = Math.min(hi, b + Crossings.FIXED_BLOCK);
            int any = 0;
            for (int i = b; i < e; i++) any |= v[i] | ref[i];
            for (int c = 0; c < channels; c++) {
                final int[] uc = u[c];
                for (int i = b; i < e; i++) any |= -uc[i];
            }
            if (any != 0) return false;
        }
        return true;
    }

    private int update(int slot, int lo, int hi, int[] extraFixed, IntList spikes) {
        if (vectorKernel.active()) {
            final int vthScaled = vth << FixedLif.VTH_SHIFT;
            if (channels == 1)
                return FixedLifVectorKernel.oneChannel(u[0], ring[0][slot], v, ref, lo, hi, extraFixed[0], du[0] + 1, dv,
                        bias, vthScaled, refractorySteps, spikes);
            return FixedLifVectorKernel.twoChannels(u[0], u[1], ring[0][slot], ring[1][slot], v, ref, lo, hi, extraFixed[0],
                    extraFixed[1], du[0] + 1, du[1] + 1, dv, bias, vthScaled, refractorySteps, spikes);
        }
        if (channels == 1) return stepOneChannel(slot, lo, hi, extraFixed, spikes);
        if (channels == 2) return stepTwoChannels(slot, lo, hi, extraFixed, spikes);
        final int[] active = this.active, uSum = this.uSum, vNext = this.vNext;
        // Branch-free channel-outer passes over int arrays, which the JIT vectorises. Neurons at zero state with no
        // input are computed too (the arithmetic keeps them at zero) but are not counted as membrane updates.
        for (int c = 0; c < channels; c++) {
            final int[] uc = u[c], rc = ring[c][slot];
            final int dc = du[c] + 1, xc = extraFixed[c];
            if (c == 0) {
                for (int i = lo; i < hi; i++) {
                    final int a = rc[i] + xc, old = uc[i];
                    rc[i] = 0;
                    final int x = FixedLif.wrap(FixedLif.decay(old, dc) + (a << FixedLif.ACT_SHIFT));
                    uc[i] = x;
                    active[i] = a | old;
                    uSum[i] = x;
                }
            } else {
                for (int i = lo; i < hi; i++) {
                    final int a = rc[i] + xc, old = uc[i];
                    rc[i] = 0;
                    final int x = FixedLif.wrap(FixedLif.decay(old, dc) + (a << FixedLif.ACT_SHIFT));
                    uc[i] = x;
                    active[i] |= a | old;
                    uSum[i] += x;
                }
            }
        }
        final int[] v = this.v, ref = this.ref;
        final int dv = this.dv, bias = this.bias, vthScaled = this.vth << FixedLif.VTH_SHIFT, refractorySteps = this.refractorySteps;
        for (int i = lo; i < hi; i++)
            vNext[i] = Math.max(-FixedLif.V_LIMIT, Math.min(FixedLif.V_LIMIT, FixedLif.decay(v[i], dv) + uSum[i] + bias));
        // Skip-rule counter, branch-free: (x | -x) >>> 31 is 1 exactly when x != 0.
        int updates = 0;
        for (int i = lo; i < hi; i++) {
            final int any = active[i] | v[i] | ref[i] | bias;
            updates += (any | -any) >>> 31;
        }
        // Threshold and reset as in LifState: candidate v for all, rare crossings, the refractory list for the rest.
        System.arraycopy(vNext, lo, v, lo, hi - lo);
        final int firstSpike = spikes.size;
        Crossings.aboveInBlocks(vNext, vthScaled, ref, lo, hi, spikes);
        refractory.step(lo, hi, ref, spikes, firstSpike, refractorySteps, v, 0);
        return updates;
    }

    /**
     * One channel (the vote model's reservoir), deliver to update in one fused loop the JIT vectorises: each array
     * read and written once, no scratch arrays (the channel-outer passes took four passes and three scratch arrays).
     * The same integer operations as those passes, so the same bits.
     */
    private int stepOneChannel(int slot, int lo, int hi, int[] extraFixed, IntList spikes) {
        final int[] u0 = u[0], r0 = ring[0][slot], v = this.v, ref = this.ref;
        final int d0 = du[0] + 1, x0 = extraFixed[0];
        final int dv = this.dv, bias = this.bias, vthScaled = this.vth << FixedLif.VTH_SHIFT;
        int updates = 0;
        if (bias != 0) {
            for (int i = lo; i < hi; i++) {
                final int a0 = r0[i] + x0;
                r0[i] = 0;
                final int n0 = FixedLif.wrap(FixedLif.decay(u0[i], d0) + (a0 << FixedLif.ACT_SHIFT));
                u0[i] = n0;
                final int vn = Math.max(-FixedLif.V_LIMIT, Math.min(FixedLif.V_LIMIT, FixedLif.decay(v[i], dv) + n0 + bias));
                v[i] = vn;
            }
        } else {
            for (int i = lo; i < hi; i++) {
                final int a0 = r0[i] + x0, old0 = u0[i], vi = v[i];
                r0[i] = 0;
                final int n0 = FixedLif.wrap(FixedLif.decay(old0, d0) + (a0 << FixedLif.ACT_SHIFT));
                u0[i] = n0;
                final int any = a0 | old0 | vi | ref[i];
                updates += (any | -any) >>> 31;
                final int vn = Math.max(-FixedLif.V_LIMIT, Math.min(FixedLif.V_LIMIT, FixedLif.decay(vi, dv) + n0));
                v[i] = vn;
            }
        }
        if (bias != 0) updates = hi - lo; // a non-zero bias makes every neuron count (the skip rule ORs it in)
        final int firstSpike = spikes.size;
        Crossings.aboveInBlocks(v, vthScaled, ref, lo, hi, spikes);
        refractory.step(lo, hi, ref, spikes, firstSpike, refractorySteps, v, 0);
        return updates;
    }

    /**
     * Two channels (cuba-fixed), deliver to update in one fused loop the JIT vectorises: the same integer operations
     * as the channel-outer passes (int sums wrap, so their order cannot matter), each array read and written once.
     */
    private int stepTwoChannels(int slot, int lo, int hi, int[] extraFixed, IntList spikes) {
        final int[] u0 = u[0], u1 = u[1], r0 = ring[0][slot], r1 = ring[1][slot], v = this.v, ref = this.ref;
        final int d0 = du[0] + 1, d1 = du[1] + 1, x0 = extraFixed[0], x1 = extraFixed[1];
        final int dv = this.dv, bias = this.bias, vthScaled = this.vth << FixedLif.VTH_SHIFT;
        int updates = 0;
        if (bias != 0) {
            // A non-zero bias makes every neuron count as updated (the skip rule ORs it in), so the loop needs
            // neither the counter nor ref: one stream and seven operations per neuron less (measured in place).
            if (oneMultiply && inRangeAt[lo] == inRangeEpoch && inputsSmall(r0, r1, x0, x1, lo, hi)) {
                // Every u and v of the range is in [-(2^23 - 1), 2^23] and every decay constant <= 255, so each decay
                // takes FixedLif.decayOneMultiply. With every input a in [-2^17, 2^17), the sum y = decay(u) + (a << 6)
                // is in [-2^24, 2^24), where FixedLif.wrap's single correction gives the one value in
                // [-(2^23 - 1), 2^23] congruent to y mod 2^24: the low 24 bits of y - 1, sign-extended, plus 1
                // (four operations instead of sixteen). So every new u is in range too, and the range's mark stands.
                // Two loops of one channel each, not one fused loop: C2 compiles the two small loops in about half the
                // time of the fused one, during which the step runs in profiled C1 code at ~30x the compiled cost;
                // that saved ~70 ms of a 10 s run and cost ~0.2 us of a 4 us step (snn-core/MEASUREMENTS.md,
                // "Session 10").
                markedChannelDecayingV(u0, r0, v, lo, hi, d0, x0, dv, bias);
                markedChannelClampingV(u1, r1, v, lo, hi, d1, x1);
            } else {
                twoChannelsBiasExact(u0, u1, r0, r1, v, lo, hi, d0, d1, x0, x1, dv, bias);
            }
        } else {
            for (int i = lo; i < hi; i++) {
                final int a0 = r0[i] + x0, a1 = r1[i] + x1, old0 = u0[i], old1 = u1[i], vi = v[i];
                r0[i] = 0;
                r1[i] = 0;
                final int n0 = FixedLif.wrap(FixedLif.decay(old0, d0) + (a0 << FixedLif.ACT_SHIFT));
                final int n1 = FixedLif.wrap(FixedLif.decay(old1, d1) + (a1 << FixedLif.ACT_SHIFT));
                u0[i] = n0;
                u1[i] = n1;
                final int any = a0 | old0 | a1 | old1 | vi | ref[i];
                updates += (any | -any) >>> 31;
                final int vn = Math.max(-FixedLif.V_LIMIT, Math.min(FixedLif.V_LIMIT, FixedLif.decay(vi, dv) + n0 + n1));
                v[i] = vn;
            }
        }
        if (bias != 0) updates = hi - lo;
        final int firstSpike = spikes.size;
        Crossings.aboveInBlocks(v, vthScaled, ref, lo, hi, spikes);
        refractory.step(lo, hi, ref, spikes, firstSpike, refractorySteps, v, 0);
        return updates;
    }

    /**
     * The marked loop's first channel (see stepTwoChannels): u = shortWrap(decay(u) + (a << 6)), the ring slot
     * cleared, and v = decay(v) + bias + u, not yet clamped (|v| < 2^24 + |bias|, no overflow).
     */
    private static void markedChannelDecayingV(int[] u, int[] r, int[] v, int lo, int hi, int d, int x, int dv, int bias) {
        for (int i = lo; i < hi; i++) {
            final int a = r[i] + x;
            r[i] = 0;
            final int n = shortWrap(FixedLif.decayOneMultiply(u[i], d) + (a << FixedLif.ACT_SHIFT));
            u[i] = n;
            v[i] = FixedLif.decayOneMultiply(v[i], dv) + bias + n;
        }
    }

    /** The marked loop's second channel: as the first, then v = clamp(v + u), which completes FixedLif.voltage. */
    private static void markedChannelClampingV(int[] u, int[] r, int[] v, int lo, int hi, int d, int x) {
        for (int i = lo; i < hi; i++) {
            final int a = r[i] + x;
            r[i] = 0;
            final int n = shortWrap(FixedLif.decayOneMultiply(u[i], d) + (a << FixedLif.ACT_SHIFT));
            u[i] = n;
            v[i] = Math.max(-FixedLif.V_LIMIT, Math.min(FixedLif.V_LIMIT, v[i] + n));
        }
    }

    /** FixedLif.wrap for y in [-2^24, 2^24) (the marked loop's bound): the low 24 bits of y - 1, sign-extended, + 1. */
    private static int shortWrap(int y) {
        return ((((y - 1) & SHORT_WRAP_LOW24) ^ FixedLif.MAX_UV) - FixedLif.MAX_UV) + 1;
    }

    private static final int SHORT_WRAP_LOW24 = 2 * FixedLif.MAX_UV - 1;

    /**
     * Whether every input of [lo, hi) this step, ring slot plus injected current, is in [-2^17, 2^17) (cuba-fixed's
     * are a few hundred): the bound under which the marked loop's short wrap is exact. A step with a larger
     * input takes the exact loop, which also re-marks the range.
     */
    private static boolean inputsSmall(int[] r0, int[] r1, int x0, int x1, int lo, int hi) {
        final int o0 = x0 + SMALL_INPUT_OFFSET, o1 = x1 + SMALL_INPUT_OFFSET;
        int any = 0;
        for (int i = lo; i < hi; i++) any |= (r0[i] + o0) | (r1[i] + o1); // int sums wrap: (r + x) + c = r + (x + c)
        return (any & SMALL_INPUT_BITS) == 0;
    }

    /**
     * The two-channel bias loop with FixedLif's exact decay for any state (initial values, or a u that some input
     * pushed out of range): also marks the range for the one-multiply loop when every new u is in range (v is, by
     * the clamp). Its own method, so that C2 does not compile this rarely run loop into stepTwoChannels.
     */
    private void twoChannelsBiasExact(int[] u0, int[] u1, int[] r0, int[] r1, int[] v, int lo, int hi, int d0, int d1,
                                      int x0, int x1, int dv, int bias) {
        int out = 0;
        for (int i = lo; i < hi; i++) {
            final int a0 = r0[i] + x0, a1 = r1[i] + x1, vi = v[i];
            r0[i] = 0;
            r1[i] = 0;
            final int n0 = FixedLif.wrap(FixedLif.decay(u0[i], d0) + (a0 << FixedLif.ACT_SHIFT));
            final int n1 = FixedLif.wrap(FixedLif.decay(u1[i], d1) + (a1 << FixedLif.ACT_SHIFT));
            u0[i] = n0;
            u1[i] = n1;
            out |= (n0 + IN_RANGE_OFFSET) | (n1 + IN_RANGE_OFFSET);
            v[i] = Math.max(-FixedLif.V_LIMIT, Math.min(FixedLif.V_LIMIT, FixedLif.decay(vi, dv) + n0 + n1 + bias));
        }
        inRangeAt[lo] = (out & OUT_OF_RANGE_BITS) == 0 ? inRangeEpoch : 0;
    }

    @Override void addBackground(int slot, int lo, int hi, int channel, long seed, int stream, int t, int[] table,
                                 int weightFixed, float weight) {
        final int[] r = ring[channel][slot], k = active; // active is free until the update overwrites it
        PoissonCounts.draw(seed, stream, t, table, lo, hi, vNext, k, vectorPhilox);
        for (int i = lo; i < hi; i++) r[i] += k[i] * weightFixed;
    }

    @Override void rangesChanged() {
        refractory.invalidate();
        quietEpoch++;
        inRangeEpoch++;
    }

    @Override double[] read(String variable) {
        if (variable.equals("v")) return toDouble(v);
        if (variable.equals("ref")) return toDouble(ref);
        if (variable.equals("u")) return toDouble(u[0]);
        if (variable.startsWith("u")) {
            try {
                int c = Integer.parseInt(variable.substring(1));
                if (c >= 1 && c < channels) return toDouble(u[c]);
            } catch (NumberFormatException ignored) { }
        }
        throw unknown(variable);
    }

    @Override void reset() {
        double[] v0 = init(population, "v");
        for (int i = 0; i < size; i++) v[i] = (int) v0[i];
        for (int c = 0; c < channels; c++) {
            double[] u0 = init(population, c == 0 ? "u" : "u" + c);
            for (int i = 0; i < size; i++) u[c][i] = (int) u0[i];
            for (int[] r : ring[c]) java.util.Arrays.fill(r, 0);
        }
        double[] r0 = init(population, "ref");
        for (int i = 0; i < size; i++) ref[i] = (int) r0[i];
        refractory.invalidate();
        quietEpoch++;
        inRangeEpoch++;
    }

    @Override int[][] fixedRing(int channel) { return ring[channel]; }
}
