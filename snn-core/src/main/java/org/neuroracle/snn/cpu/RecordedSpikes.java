package org.neuroracle.snn.cpu;

import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.model.Network;

/**
 * The spikes of recorded populations, kept per partition (each thread appends to its own lists, so no locks) and
 * joined into one raster when read.
 */
final class RecordedSpikes {
    private final Network network;
    private final IntList[] steps, pops, neurons; // per thread

    RecordedSpikes(Network network, int threads) {
        this.network = network;
        steps = new IntList[threads];
        pops = new IntList[threads];
        neurons = new IntList[threads];
        for (int k = 0; k < threads; k++) { steps[k] = new IntList(4096); pops[k] = new IntList(4096); neurons[k] = new IntList(4096); }
    }

    /** Partition k's spikes {@code out.a[0 .. n)} of population p at step t. */
    void add(int k, int t, int p, IntList out, int n) {
        IntList rs = steps[k], rp = pops[k], rn = neurons[k];
        for (int s = 0; s < n; s++) { rs.add(t); rp.add(p); rn.add(out.a[s]); }
    }

    SpikeRaster raster() {
        int total = 0;
        for (IntList l : steps) total += l.size;
        int[] s = new int[total], p = new int[total], n = new int[total];
        int o = 0;
        for (int k = 0; k < steps.length; k++) {
            int m = steps[k].size;
            System.arraycopy(steps[k].a, 0, s, o, m);
            System.arraycopy(pops[k].a, 0, p, o, m);
            System.arraycopy(neurons[k].a, 0, n, o, m);
            o += m;
        }
        return SpikeRaster.probed(network, s, p, n, total);
    }

    void clear() {
        for (int k = 0; k < steps.length; k++) { steps[k].clear(); pops[k].clear(); neurons[k].clear(); }
    }
}
