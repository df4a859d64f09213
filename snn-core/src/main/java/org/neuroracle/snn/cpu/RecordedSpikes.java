package org.neuroracle.snn.cpu;

import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.model.Network;

import java.util.Arrays;

/**
 * The spikes of recorded populations, kept per partition (each thread appends to its own log, so no locks) and
 * joined into one raster when read. A log holds one record per (step, population) with spikes: step, population,
 * count, then the neurons; about 1.8 ints per spike on COBA instead of three. Records go into blocks that are
 * never copied (a full block is kept and a new one started, each twice the last up to {@link #MAX_BLOCK} ints):
 * growing three arrays by doubling made a 100 s COBA run copy its 80 MB of spikes on every growth, and each young
 * collection of the parallel GC copied the live arrays again (three pauses of 77-88 ms, snn-core/MEASUREMENTS.md,
 * "Seventh pass").
 */
final class RecordedSpikes {
    /** Largest block in ints (1 MiB): big enough that block changes are rare, small enough for eden. */
    static final int MAX_BLOCK = 1 << 18;
    private static final int FIRST_BLOCK = 4096;

    private final Network network;
    private final Log[] logs; // per thread

    /** One partition's records: full blocks, then the block being written. */
    private static final class Log {
        int[][] full = new int[4][];
        int[] fullUsed = new int[4];
        int fullCount;
        int[] cur = new int[FIRST_BLOCK];
        int pos;
        int spikes;

        /** Starts a new block with room for {@code need} ints; the current one is kept as it is. */
        void next(int need) {
            if (fullCount == full.length) { full = Arrays.copyOf(full, 2 * fullCount); fullUsed = Arrays.copyOf(fullUsed, 2 * fullCount); }
            full[fullCount] = cur;
            fullUsed[fullCount++] = pos;
            cur = new int[Math.max(need, Math.min(MAX_BLOCK, 2 * cur.length))];
            pos = 0;
        }

        void clear() {
            Arrays.fill(full, 0, fullCount, null);
            fullCount = 0;
            pos = 0;
            spikes = 0;
        }
    }

    RecordedSpikes(Network network, int threads) {
        this.network = network;
        logs = new Log[threads];
        for (int k = 0; k < threads; k++) logs[k] = new Log();
    }

    /** Partition k's spikes {@code out.a[0 .. n)} (n > 0) of population p at step t. */
    void add(int k, int t, int p, IntList out, int n) {
        final Log g = logs[k];
        if (g.pos + n + 3 > g.cur.length) g.next(n + 3);
        final int[] b = g.cur;
        final int q = g.pos;
        b[q] = t;
        b[q + 1] = p;
        b[q + 2] = n;
        System.arraycopy(out.a, 0, b, q + 3, n);
        g.pos = q + 3 + n;
        g.spikes += n;
    }

    SpikeRaster raster() {
        int total = 0;
        for (Log g : logs) total += g.spikes;
        int[] s = new int[total], p = new int[total], n = new int[total];
        int o = 0;
        for (Log g : logs) {
            for (int i = 0; i < g.fullCount; i++) o = decode(g.full[i], g.fullUsed[i], s, p, n, o);
            o = decode(g.cur, g.pos, s, p, n, o);
        }
        return SpikeRaster.probed(network, s, p, n, total);
    }

    /** Appends the records of {@code b[0, used)} as (step, population, neuron) from index o; returns the next index. */
    private static int decode(int[] b, int used, int[] s, int[] p, int[] n, int o) {
        for (int q = 0; q < used; ) {
            final int t = b[q], pop = b[q + 1], c = b[q + 2];
            Arrays.fill(s, o, o + c, t);
            Arrays.fill(p, o, o + c, pop);
            System.arraycopy(b, q + 3, n, o, c);
            o += c;
            q += 3 + c;
        }
        return o;
    }

    void clear() {
        for (Log g : logs) g.clear();
    }
}
