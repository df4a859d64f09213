package org.neuroracle.snn.model;

import org.neuroracle.snn.rng.Philox;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * A {@link Connector} expanded into CSR (rows = pre neurons, targets ascending within a row) from Philox draws,
 * for all targets or for one part's targets [lo, hi). The random connectors are written straight into CSR:
 * fixed fan-in draws per target and scatters the targets into rows by a counting pass (targets come in ascending
 * order, so each row comes out sorted), fixed probability draws row by row in order; neither forms or sorts
 * (pre, post) pairs. Why: sorting Brunel's 15.6 M packed pairs was most of its 2 s build (issue 15, whole runs).
 * The CSR is exactly the one the pairs sorted by (pre, post) give, so networks keep their synapse order and
 * their weights and delays, which are keyed by the synapse's index in the whole projection.
 */
final class ConnectorExpansion {
    /**
     * The CSR of one projection (or of a part's synapses): {@code global[q]} is synapse q's index in the whole
     * projection (null: the same as q); {@code source[q]} its position in an explicit connector's lists (null:
     * not explicit).
     */
    record Csr(int[] rowPtr, int[] targets, int[] global, int[] source) {
        int size() { return targets.length; }
        int globalIndex(int q) { return global == null ? q : global[q]; }
    }

    private ConnectorExpansion() {}

    /**
     * Expands {@code c} between {@code nPre} pre and {@code nPost} post neurons (the same population when
     * {@code same}), keeping targets [lo, hi); {@code part} says whether that is a part (global indices needed).
     */
    static Csr expand(Connector c, String at, long seed, int stream, int nPre, int nPost, boolean same, int lo, int hi, boolean part) {
        return switch (c) {
            case Connector.FixedFanIn f -> fixedFanIn(f, at, seed, stream, nPre, nPost, same, lo, hi, part);
            case Connector.FixedProbability f -> fixedProbability(f, seed, stream, nPre, nPost, same, lo, hi, part);
            case Connector.AllToAll a -> {
                LongList l = new LongList();
                for (int i = 0; i < nPre; i++) for (int t = 0; t < nPost; t++) if (a.allowSelf() || !same || i != t) l.add(pack(i, t));
                yield fromPairs(l.toArray(), null, nPre, lo, hi, part);
            }
            case Connector.OneToOne o -> {
                if (nPre != nPost) throw new InvalidNetworkException(at + ": one-to-one needs equal sizes, got " + nPre + " and " + nPost);
                long[] pairs = new long[nPre];
                for (int i = 0; i < nPre; i++) pairs[i] = pack(i, i);
                yield fromPairs(pairs, null, nPre, lo, hi, part);
            }
            case Connector.Explicit e -> {
                long[] pairs = new long[e.pre().length];
                for (int k = 0; k < pairs.length; k++) {
                    if (e.pre()[k] < 0 || e.pre()[k] >= nPre) throw new InvalidNetworkException(at + ": explicit synapse " + k + " has pre " + e.pre()[k] + " outside 0.." + (nPre - 1));
                    if (e.post()[k] < 0 || e.post()[k] >= nPost) throw new InvalidNetworkException(at + ": explicit synapse " + k + " has post " + e.post()[k] + " outside 0.." + (nPost - 1));
                    pairs[k] = pack(e.pre()[k], e.post()[k]);
                }
                // The original positions, so that explicit weights and delays follow their synapse through the sort.
                yield fromPairs(pairs, sortOrder(pairs), nPre, lo, hi, part);
            }
        };
    }

    /** A fan-in projection this large (synapses kept) is expanded in blocks of targets on the common fork-join pool. */
    static final long PARALLEL_MIN_SYNAPSES = 1 << 20;
    /** At most this many blocks; each holds a count per pre row. */
    private static final int MAX_BLOCKS = 16;

    /**
     * Floyd's algorithm per target: fanIn distinct pre neurons from the pool, from Philox draws keyed by the target.
     * A part draws every target's inputs (the draws are per target) but stores only its own; per pre row it counts
     * all synapses and those onto targets below its range, which places its own in the whole CSR. A whole
     * projection of at least {@link #PARALLEL_MIN_SYNAPSES} synapses draws and scatters blocks of targets in
     * parallel: the draws depend on the target alone and every block writes its own places, so the CSR is the same
     * for any number of blocks or threads (a part is one block: its rank already has its own core).
     */
    private static Csr fixedFanIn(Connector.FixedFanIn f, String at, long seed, int stream, int nPre, int nPost, boolean same, int lo, int hi, boolean part) {
        int pool = same && !f.allowSelf() ? nPre - 1 : nPre, fanIn = f.fanIn();
        if (fanIn > pool) throw new InvalidNetworkException(at + ": fan_in " + fanIn + " exceeds the " + pool + " available pre neurons");
        long kept = (long) (hi - lo) * fanIn;
        if (kept > Integer.MAX_VALUE - 8) throw new InvalidNetworkException(at + ": " + kept + " synapses do not fit one projection (at most 2^31 - 9)");
        int blocks = part ? 1 : blocks(kept, nPre);
        int[] picks = new int[(int) kept];             // [(t - lo) * fanIn + c]: the c-th pre neuron of own target t
        int[][] rowCounts = new int[blocks][nPre];     // per block: own synapses per row, then the block's first place per row
        int[] rowAll = part ? new int[nPre] : null, below = part ? new int[nPre] : null;
        boolean skipSelf = same && !f.allowSelf();
        forEachBlock(blocks, b -> {
            int[] count = rowCounts[b];
            int[] markedBy = new int[pool];            // markedBy[x] == t + 1: x already chosen for target t
            int from = part ? 0 : blockStart(lo, hi, blocks, b), to = part ? nPost : blockStart(lo, hi, blocks, b + 1);
            for (int t = from; t < to; t++) {
                boolean own = t >= lo && t < hi;
                int at0 = (t - lo) * fanIn;
                for (int r = pool - fanIn, c = 0; r < pool; r++, c++) {
                    int x = (int) ((Integer.toUnsignedLong(Philox.draw(seed, stream, t, r)) * (r + 1)) >>> 32);
                    int pick = markedBy[x] == t + 1 ? r : x;
                    markedBy[pick] = t + 1;
                    int i = skipSelf && pick >= t ? pick + 1 : pick;
                    if (part) {
                        rowAll[i]++;
                        if (t < lo) below[i]++;
                    }
                    if (own) {
                        picks[at0 + c] = i;
                        count[i]++;
                    }
                }
            }
        });
        int[] rowPtr = new int[nPre + 1];
        for (int i = 0; i < nPre; i++) {
            int place = rowPtr[i];
            for (int[] count : rowCounts) { int c = count[i]; count[i] = place; place += c; }
            rowPtr[i + 1] = place;
        }
        int[] targets = new int[picks.length];
        forEachBlock(blocks, b -> {
            int[] place = rowCounts[b];
            int from = blockStart(lo, hi, blocks, b), to = blockStart(lo, hi, blocks, b + 1);
            for (int t = from, q = (from - lo) * fanIn; t < to; t++)
                for (int c = 0; c < fanIn; c++) targets[place[picks[q++]]++] = t;
        });
        if (!part) return new Csr(rowPtr, targets, null, null);
        int[] global = new int[targets.length];
        for (int i = 0, rowStart = 0; i < nPre; rowStart += rowAll[i], i++)
            for (int q = rowPtr[i], g = rowStart + below[i]; q < rowPtr[i + 1]; q++) global[q] = g++;
        return new Csr(rowPtr, targets, global, null);
    }

    /** Blocks of targets for a whole fan-in projection: one per {@link #PARALLEL_MIN_SYNAPSES}, each with 4 synapses per row count at least. */
    static int blocks(long synapses, int nPre) {
        return (int) Math.max(1, Math.min(Math.min(MAX_BLOCKS, synapses / PARALLEL_MIN_SYNAPSES), synapses / (4L * Math.max(1, nPre))));
    }

    /** The first target of block b of [lo, hi) cut into {@code blocks} equal blocks. */
    private static int blockStart(int lo, int hi, int blocks, int b) { return lo + (int) ((long) (hi - lo) * b / blocks); }

    /** Runs {@code body} for blocks 0..blocks-1: here for one, on the common fork-join pool for more. */
    private static void forEachBlock(int blocks, IntConsumer body) {
        if (blocks == 1) body.accept(0);
        else IntStream.range(0, blocks).parallel().forEach(body);
    }

    /** Geometric skipping per row (rows in order, targets ascending): the gap to the next synapse is floor(log(u) / log(1 - p)). */
    private static Csr fixedProbability(Connector.FixedProbability f, long seed, int stream, int nPre, int nPost, boolean same, int lo, int hi, boolean part) {
        int[] rowPtr = new int[nPre + 1];
        IntList targets = new IntList(), kept = part ? new IntList() : null;
        int k = 0;      // index in the whole projection
        double p = f.p();
        if (p > 0) {
            double logq = StrictMath.log1p(-Math.min(p, 1 - 1e-16));
            for (int i = 0; i < nPre; i++) {
                long t = -1;
                int draw = 0;
                while (true) {
                    double u = 1.0 - Philox.uniform(Philox.draw(seed, stream, i, draw++));
                    long gap = p >= 1 ? 0 : (long) Math.floor(StrictMath.log(u) / logq);
                    t += gap + 1;
                    if (t >= nPost) break;
                    if (f.allowSelf() || !same || t != i) {
                        if (t >= lo && t < hi) { targets.add((int) t); if (kept != null) kept.add(k); }
                        k++;
                    }
                }
                rowPtr[i + 1] = targets.n;
            }
        }
        return new Csr(rowPtr, targets.toArray(), kept == null ? null : kept.toArray(), null);
    }

    /**
     * CSR from (pre, post) pairs: sorted here unless {@code order} (their sorted order, explicit connectors) is given;
     * then cut to targets [lo, hi) when {@code part}. These connectors are small by nature, so they are expanded whole.
     */
    private static Csr fromPairs(long[] pairs, int[] order, int nPre, int lo, int hi, boolean part) {
        if (order == null) Arrays.sort(pairs);
        int[] global = null;
        if (part) {
            IntList keep = new IntList();
            for (int q = 0; q < pairs.length; q++) {
                int t = (int) (order == null ? pairs[q] : pairs[order[q]]);
                if (t >= lo && t < hi) keep.add(q);
            }
            global = keep.toArray();
        }
        int n = global == null ? pairs.length : global.length;
        int[] rowPtr = new int[nPre + 1], targets = new int[n], source = order == null ? null : new int[n];
        for (int k = 0; k < n; k++) {
            int q = global == null ? k : global[k], src = order == null ? q : order[q];
            long pk = pairs[src];
            rowPtr[(int) (pk >>> 32) + 1]++;
            targets[k] = (int) pk;
            if (source != null) source[k] = src;
        }
        for (int i = 0; i < nPre; i++) rowPtr[i + 1] += rowPtr[i];
        return new Csr(rowPtr, targets, global, source);
    }

    private static long pack(int pre, int post) { return ((long) pre << 32) | (post & 0xFFFFFFFFL); }

    private static int[] sortOrder(long[] keys) {
        Integer[] idx = new Integer[keys.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Long.compare(keys[a], keys[b]));
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) out[i] = idx[i];
        return out;
    }

    /** A growable int list (the connectors' kept synapses; parts of prebuilt projections). */
    static final class IntList {
        int[] a = new int[1024];
        int n;
        void add(int x) { if (n == a.length) a = Arrays.copyOf(a, n * 2); a[n++] = x; }
        int[] toArray() { return Arrays.copyOf(a, n); }
    }

    private static final class LongList {
        long[] a = new long[1024];
        int n;
        void add(long x) { if (n == a.length) a = Arrays.copyOf(a, n * 2); a[n++] = x; }
        long[] toArray() { return Arrays.copyOf(a, n); }
    }
}
