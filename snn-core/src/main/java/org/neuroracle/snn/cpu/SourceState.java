package org.neuroracle.snn.cpu;

import org.neuroracle.snn.model.PoissonSource;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.rng.Philox;
import org.neuroracle.snn.rng.PoissonTable;
import org.neuroracle.snn.rng.Streams;

/** Source populations: spike-source arrays and Poisson sources. They emit spikes but hold no state. */
final class SourceState extends PopState {
    private final SpikeSourceArray array;
    private final int threshold;
    private final long seed;

    SourceState(Population p, int index, int ringSlots, long seed, double dtMs) {
        super(p, index, ringSlots);
        this.seed = seed;
        if (p.model() instanceof SpikeSourceArray s) {
            array = s;
            threshold = 0;
            for (int k = 0; k < s.spikeCount(); k++)
                if (s.neuronAt(k) >= size) throw new org.neuroracle.snn.model.InvalidNetworkException(
                        "population '" + p.name() + "': spike " + k + " names neuron " + s.neuronAt(k) + " but the population has " + size);
        } else {
            array = null;
            threshold = PoissonTable.bernoulliThreshold(((PoissonSource) p.model()).rateHz() * dtMs / 1000.0);
        }
    }

    @Override int step(int t, int slot, int lo, int hi, int[] extraFixed, float extraDriveMv, IntList spikes) {
        if (array != null) {
            int k = lowerBound(t);
            int n = array.spikeCount();
            int last = -1;
            for (; k < n && array.stepAt(k) == t; k++) {
                int i = array.neuronAt(k);
                if (i >= lo && i < hi && i != last) { spikes.add(i); last = i; }
            }
        } else {
            final int stream = Streams.POISSON_SOURCE + index, thr = threshold;
            for (int i = lo; i < hi; i++)
                if (Integer.compareUnsigned(Philox.draw(seed, stream, i, t), thr) < 0) spikes.add(i);
        }
        return 0;
    }

    private int lowerBound(int t) {
        int lo = 0, hi = array.spikeCount();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (array.stepAt(mid) < t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    @Override double[] read(String variable) { throw unknown(variable); }

    @Override void reset() { }
}
