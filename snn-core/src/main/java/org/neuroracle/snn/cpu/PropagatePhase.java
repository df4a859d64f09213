package org.neuroracle.snn.cpu;

import org.neuroracle.snn.backend.InjectionQueue;
import org.neuroracle.snn.backend.SpikeBatch;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Projection;

import java.util.Arrays;

/**
 * Propagate: every spike of a step (own, injected, or of other ranks) adds its row's weights into the target
 * populations' delay rings. A partition adds only the synapses whose targets it owns (rows are split once here),
 * so every ring cell is written by one partition, in the same (projection, spike, synapse) order for any
 * partition count.
 */
final class PropagatePhase {
    /**
     * A projection as Propagate walks it: the target channel's ring (int for fixed point, float otherwise), and,
     * where every synapse has the same delay ({@code delay} >= 1, else 0) or the same weight, the shortcuts that
     * let a row be one stream of targets into one ring slot (same additions in the same order).
     */
    private record ProjState(Projection p, int pre, int post, int[] rowPtr, int[] targets, int[] delays,
                             int[] weightsFixed, float[] weightsFloat, int[][] ringFixed, float[][] ringFloat,
                             int delay, boolean sameWeight, boolean anyOrder, int[] splits) {}

    /** Shortest average row part (synapses per row and thread) that Propagate interleaves. */
    static final int MIN_INTERLEAVED_ROW_PART = 64;
    /**
     * Whether split rows are read once, one int per cache line, before their additions ({@link #touch});
     * {@code -Dneuroracle.cpu.touchRows=false} turns it off for A/B runs.
     */
    static final boolean TOUCH_ROW_PARTS = !"false".equals(System.getProperty("neuroracle.cpu.touchRows"));

    /** Whether {@link #addRowsOneSlot} takes unsplit one-slot float rows; {@code -Dneuroracle.cpu.oneSlotLoop=false} for A/B runs. */
    static final boolean ONE_SLOT_LOOP = !"false".equals(System.getProperty("neuroracle.cpu.oneSlotLoop"));

    private final int threads;
    private final int ringSlots;
    private final PopState[] pops;
    private final int[][] lo, hi;                  // [thread][population] neuron range
    private final ProjState[] projections;
    private final IntList[][][] spikeLists;        // [step mod 2 (lag + 1)][population][thread]
    private final InjectionQueue injections;
    private final int[][] rowBounds;               // [thread]: (from, to) of each spike's row part, see addRowsInterleaved
    final long[][] synOps;                         // [thread][population], padded

    /** @param split whether rows are split by target owner (more than one partition, or one rank of several) */
    PropagatePhase(Network network, PopState[] pops, int threads, int ringSlots, int[][] lo, int[][] hi, boolean split,
                   IntList[][][] spikeLists, InjectionQueue injections) {
        this.threads = threads;
        this.ringSlots = ringSlots;
        this.pops = pops;
        this.lo = lo;
        this.hi = hi;
        this.spikeLists = spikeLists;
        this.injections = injections;
        projections = new ProjState[network.projections().size()];
        for (int j = 0; j < projections.length; j++) projections[j] = compileProjection(network.projections().get(j), split);
        synOps = new long[threads][pops.length + CpuSimulation.PAD_LONGS];
        int maxPre = 0;
        for (Population p : network.populations()) maxPre = Math.max(maxPre, p.size());
        rowBounds = new int[threads][2 * maxPre + 2 * CpuSimulation.PAD_LONGS];
    }

    /**
     * Each per-synapse pass is a small method of its own: a cold JVM runs these passes once per projection (Brunel:
     * 15.6 M synapses), so they are OSR-compiled while they run, and as one method C2 took 64 ms to compile it,
     * holding up the step kernels' compiles behind it in the first steps (JFR, snn-core/MEASUREMENTS.md, "Session 16").
     */
    private ProjState compileProjection(Projection pr, boolean split) {
        int[] wf = pr.isFixed() ? fixedWeights(pr) : null;
        int[] splits = split ? rowSplits(pr) : null;
        int[] dl = pr.delaySteps();
        int delay = dl.length == 0 || !allEqual(dl) ? 0 : dl[0];
        boolean sameWeight = pr.synapseCount() > 0 && (wf != null ? allEqual(wf) : allSameBits(pr.weights()));
        PopState post = pops[pr.post()];
        return new ProjState(pr, pr.pre(), pr.post(), pr.rowPtr(), pr.targets(), dl, wf, pr.weights(),
                wf != null ? post.fixedRing(pr.channel()) : null, wf != null ? null : post.floatRing(pr.channel()),
                delay, sameWeight, interleave(pr, delay > 0 && (wf != null || sameWeight)), splits);
    }

    private static int[] fixedWeights(Projection pr) {
        int[] wf = new int[pr.synapseCount()];
        for (int k = 0; k < wf.length; k++) wf[k] = pr.effectiveWeight(k);
        return wf;
    }

    /** For each row and thread, the first synapse whose target that thread owns (targets are sorted). */
    private int[] rowSplits(Projection pr) {
        int rows = pr.preSize();
        int[] splits = new int[rows * (threads + 1)];
        for (int r = 0; r < rows; r++) {
            int s = pr.rowPtr()[r], e = pr.rowPtr()[r + 1];
            for (int k = 0; k <= threads; k++) {
                int bound = k == threads ? hi[threads - 1][pr.post()] : lo[k][pr.post()];
                int a = s, b = e;
                while (a < b) { int m = (a + b) >>> 1; if (pr.targets()[m] < bound) a = m + 1; else b = m; }
                splits[r * (threads + 1) + k] = a;
            }
        }
        return splits;
    }

    /** Whether every value equals the first (true when empty): {@link Projection#firstOutside}'s reduction. */
    static boolean allEqual(int[] values) {
        return values.length == 0 || Projection.firstOutside(values, values[0], values[0]) < 0;
    }

    /** Whether every weight has the first one's bits (so -0.0 differs from 0.0 and NaNs by payload); true when empty. */
    static boolean allSameBits(float[] weights) {
        if (weights.length == 0) return true;
        final int first = Float.floatToRawIntBits(weights[0]);
        int differ = 0;
        for (float w : weights) differ |= Float.floatToRawIntBits(w) ^ first;
        return differ == 0;
    }

    /**
     * Whether Propagate walks pr's rows two at a time ({@link #addRowsInterleaved}): only where additions may come in
     * any order, and where a thread's part of a row is long enough (Brunel: ~500 of ~1,000 targets) for the row's
     * start to matter; COBA's rows of ~80 gain nothing and pay the bounds pass.
     */
    private boolean interleave(Projection pr, boolean anyOrder) {
        return anyOrder && pr.synapseCount() / Math.max(1, pr.preSize()) / threads >= MIN_INTERLEAVED_ROW_PART;
    }

    /** Propagate of step t into partition k's targets. */
    void propagate(int k, int t, int slot, int parity) { propagateRange(k, k + 1, t, slot, parity); }

    /** Propagate of step t into the targets of partitions [ka, kb), counted as partition ka's. */
    void propagateRange(int ka, int kb, int t, int slot, int parity) {
        final int T = threads, D = ringSlots, injected = injectedAt(t);
        // Every partition's targets at once (the serial steps of a threaded simulation, whose schedule kept it on one
        // thread): a split row's parts then make up the whole row, so the unsplit one-slot loop applies (COBA with
        // --threads 2 stays serial by size and paid addRow's per-row dispatch on its ~40-target rows).
        // A rank of a partitioned network (one thread) owns only part of each row and never gets here whole.
        final boolean wholeRows = T > 1 && ka == 0 && kb == T;
        for (ProjState pj : projections) {
            IntList[] lists = spikeLists[parity][pj.pre];
            long ops = 0;
            if (pj.anyOrder) ops = addRowsInterleaved(pj, lists, ka, kb, slot, rowBounds[ka]);
            else if (ONE_SLOT_LOOP && (pj.splits == null || wholeRows) && pj.delay > 0 && pj.sameWeight && pj.ringFloat != null) ops = addRowsOneSlot(pj, lists, slot);
            else
                for (int th = 0; th < T; th++) {
                    IntList l = lists[th];
                    for (int s = 0; s < l.size; s++) ops += addRow(pj, l.a[s], ka, kb, slot, D);
                }
            synOps[ka][pj.pre] += ops + propagateInjected(pj, ka, kb, t, slot, injected);
        }
    }

    /** Index of step t's first injected spike, or -1 when none: one lookup per step, not one per projection. */
    private int injectedAt(int t) {
        final long[] inj = injections.keys();
        if (inj.length == 0) return -1;
        final int q = injections.first(t);
        return q < inj.length && (int) (inj[q] >>> 32) == t ? q : -1;
    }

    /**
     * Injected spikes of step t (from key index {@code from}, -1 for none) from pj's pre population, in canonical
     * order; returns synapses touched.
     */
    private long propagateInjected(ProjState pj, int ka, int kb, int t, int slot, int from) {
        if (from < 0) return 0;
        long ops = 0;
        final long[] inj = injections.keys();
        for (int q = from; q < inj.length && (int) (inj[q] >>> 32) == t; q++) {
            int pop = (int) ((inj[q] >>> 24) & 0xFF), neuron = (int) (inj[q] & 0xFFFFFF);
            if (pop == pj.pre) ops += addRow(pj, neuron, ka, kb, slot, ringSlots);
        }
        return ops;
    }

    /** Partitioned: Propagate of every step of an exchanged batch (all ranks' spikes), in step order, as partition 0. */
    void propagateExchanged(SpikeBatch all) {
        for (int s = 0; s < all.steps(); s++) {
            int ts = all.firstStep() + s, slot = ts % ringSlots, injected = injectedAt(ts);
            for (ProjState pj : projections) {
                long ops = 0;
                for (int q = all.start(s, pj.pre), e = all.end(s, pj.pre); q < e; q++) ops += addRow(pj, all.neurons()[q], 0, 1, slot, ringSlots);
                synOps[0][pj.pre] += ops + propagateInjected(pj, 0, 1, ts, slot, injected);
            }
        }
    }

    /**
     * Propagate of one step's spikes (all threads' lists) through a projection whose additions may come in any
     * order ({@code anyOrder}: one target slot, and either one float weight, so that every addition into a cell
     * is the same {@code r = r + w0} and only their number matters, or wrapping integer sums). Rows are walked two
     * at a time, interleaved: a row part is a few KB of targets read from memory, and with half rows per thread
     * the row's start (bounds lookup, first cache lines) dominated; two independent streams keep twice the
     * loads in flight. First every spike's bounds, so those scattered lookups overlap too. Returns synapses.
     */
    private long addRowsInterleaved(ProjState pj, IntList[] lists, int ka, int kb, int slot, int[] bounds) {
        int n = 0;
        final int T1 = threads + 1;
        final int[] split = pj.splits, rowPtr = pj.rowPtr;
        for (IntList l : lists) {
            final int[] a = l.a;
            for (int s = 0, e = l.size; s < e; s++) {
                final int row = a[s];
                final int from = split == null ? rowPtr[row] : split[row * T1 + ka];
                final int to = split == null ? rowPtr[row + 1] : split[row * T1 + kb];
                bounds[n] = from;
                bounds[n + 1] = to;
                n += from < to ? 2 : 0;
            }
        }
        if (n == 0) return 0;
        if (split != null && kb - ka < threads && TOUCH_ROW_PARTS) touch(pj.targets, bounds, n); // a thread's part, not whole rows
        int sl = slot + pj.delay;
        if (sl >= ringSlots) sl -= ringSlots;
        final int[] tg = pj.targets;
        long ops = 0;
        for (int q = 0; q < n; q += 2) ops += bounds[q + 1] - bounds[q];
        int q = 0;
        if (pj.ringFixed != null) {
            final int[] r = pj.ringFixed[sl], w = pj.weightsFixed;
            for (; q + 3 < n; q += 4) {
                final int fa = bounds[q], fb = bounds[q + 2], m = Math.min(bounds[q + 1] - fa, bounds[q + 3] - fb);
                for (int i = 0; i < m; i++) { r[tg[fa + i]] += w[fa + i]; r[tg[fb + i]] += w[fb + i]; }
                for (int s = fa + m, e = bounds[q + 1]; s < e; s++) r[tg[s]] += w[s];
                for (int s = fb + m, e = bounds[q + 3]; s < e; s++) r[tg[s]] += w[s];
            }
            for (; q < n; q += 2) for (int s = bounds[q], e = bounds[q + 1]; s < e; s++) r[tg[s]] += w[s];
        } else {
            final float[] r = pj.ringFloat[sl];
            final float w0 = pj.weightsFloat[0];
            for (; q + 3 < n; q += 4) {
                final int fa = bounds[q], fb = bounds[q + 2], m = Math.min(bounds[q + 1] - fa, bounds[q + 3] - fb);
                for (int i = 0; i < m; i++) { r[tg[fa + i]] += w0; r[tg[fb + i]] += w0; }
                for (int s = fa + m, e = bounds[q + 1]; s < e; s++) r[tg[s]] += w0;
                for (int s = fb + m, e = bounds[q + 3]; s < e; s++) r[tg[s]] += w0;
            }
            for (; q < n; q += 2) for (int s = bounds[q], e = bounds[q + 1]; s < e; s++) r[tg[s]] += w0;
        }
        return ops;
    }

    /**
     * Whole rows of one float weight into one slot, every thread's spikes (unsplit rows, or every partition's parts
     * of split ones): the loop of {@link #addRow} without its per-row dispatch (COBA's and CUBA's short rows, ~16
     * targets, paid it per spike), in addRow's order, so the float sums are the same.
     */
    private long addRowsOneSlot(ProjState pj, IntList[] lists, int slot) {
        int sl = slot + pj.delay;
        if (sl >= ringSlots) sl -= ringSlots;
        final float[] r = pj.ringFloat[sl];
        final float w0 = pj.weightsFloat[0];
        final int[] tg = pj.targets, rowPtr = pj.rowPtr;
        long ops = 0;
        for (IntList l : lists) {
            final int[] a = l.a;
            for (int q = 0, e = l.size; q < e; q++) {
                final int row = a[q], from = rowPtr[row], to = rowPtr[row + 1];
                for (int s = from; s < to; s++) r[tg[s]] += w0;
                ops += to - from;
            }
        }
        return ops;
    }

    /**
     * Reads one target per 64-byte line of every row part in {@code bounds[0, n)} (pairs from, to) and keeps their
     * sum in the scratch's last cell, so that the JIT cannot drop the loads. Why: a thread's part of a split row
     * is short (Brunel on two threads: ~500 targets, 2 KB, in a 62 MB array), so each part started with a cache
     * and TLB miss that the addition loop waits for, and a row cost nearly as much to start as to walk. These loads
     * do not depend on each other, so the core has dozens of those misses in flight at once, and the additions then
     * read lines already in L1/L2 (threaded Propagate 50 -> 38-44 us per thread and step, snn-core/MEASUREMENTS.md).
     * One thread's whole rows are long enough for the hardware prefetcher and are not touched.
     */
    private static void touch(int[] targets, int[] bounds, int n) {
        int sum = 0;
        for (int q = 0; q < n; q += 2) for (int s = bounds[q], e = bounds[q + 1]; s < e; s += 16) sum += targets[s];
        bounds[bounds.length - 1] = sum;
    }

    /** Add one spike's synapses (the part owned by partitions [ka, kb)) into the post rings; returns synapses touched. */
    private int addRow(ProjState pj, int row, int ka, int kb, int slot, int D) {
        int from, to;
        if (pj.splits == null) { from = pj.rowPtr[row]; to = pj.rowPtr[row + 1]; }
        else { int base = row * (threads + 1); from = pj.splits[base + ka]; to = pj.splits[base + kb]; }
        if (from == to) return 0;
        final int[] tg = pj.targets, dl = pj.delays;
        if (pj.ringFixed != null) {
            final int[][] ring = pj.ringFixed;
            final int[] w = pj.weightsFixed;
            if (pj.delay > 0) {
                int sl = slot + pj.delay;
                if (sl >= D) sl -= D;
                final int[] r = ring[sl];
                if (pj.sameWeight) { final int w0 = w[0]; for (int s = from; s < to; s++) r[tg[s]] += w0; }
                else for (int s = from; s < to; s++) r[tg[s]] += w[s];
            } else {
                for (int s = from; s < to; s++) {
                    int sl = slot + dl[s];
                    if (sl >= D) sl -= D;
                    ring[sl][tg[s]] += w[s];
                }
            }
        } else {
            final float[][] ring = pj.ringFloat;
            final float[] w = pj.weightsFloat;
            if (pj.delay > 0) {
                int sl = slot + pj.delay;
                if (sl >= D) sl -= D;
                final float[] r = ring[sl];
                if (pj.sameWeight) { final float w0 = w[0]; for (int s = from; s < to; s++) r[tg[s]] += w0; }
                else for (int s = from; s < to; s++) r[tg[s]] += w[s];
            } else {
                for (int s = from; s < to; s++) {
                    int sl = slot + dl[s];
                    if (sl >= D) sl -= D;
                    ring[sl][tg[s]] += w[s];
                }
            }
        }
        return to - from;
    }

    /** Projection j's one delay (0 when its delays differ) and whether all its weights are one value. For tests. */
    int uniformDelay(int j) { return projections[j].delay; }

    boolean sameWeight(int j) { return projections[j].sameWeight; }

    /** Synapse range [from, to) of projection j's row that partition k adds (its split part; the whole row unsplit). For tests. */
    int[] rowPart(int j, int row, int k) {
        ProjState pj = projections[j];
        if (pj.splits == null) return new int[]{pj.rowPtr[row], pj.rowPtr[row + 1]};
        return new int[]{pj.splits[row * (threads + 1) + k], pj.splits[row * (threads + 1) + k + 1]};
    }

    void clearCounts() { for (long[] c : synOps) Arrays.fill(c, 0); }
}
