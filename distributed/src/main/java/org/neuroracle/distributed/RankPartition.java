package org.neuroracle.distributed;

import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Projection;

/**
 * Which neurons each rank simulates: rank r of N owns the contiguous range {@code [size * r / N, size * (r + 1) / N)}
 * of every population (the same split the cpu backend uses for its threads). Every rank gets a near-equal share
 * of every population, so load stays balanced when populations differ in rate; and because ranges ascend with the
 * rank, concatenating per-rank pieces in rank order gives population order (gathers need no index lists, and
 * spikes exchanged in rank order arrive in ascending neuron order, as in one process).
 */
public record RankPartition(int rank, int ranks, int[] from, int[] to) {
    public RankPartition {
        if (ranks < 1 || rank < 0 || rank >= ranks) throw new IllegalArgumentException("rank " + rank + " of " + ranks);
        from = from.clone();
        to = to.clone();
    }

    public static RankPartition of(Network network, int rank, int ranks) {
        int np = network.populations().size();
        int[] from = new int[np], to = new int[np];
        for (int p = 0; p < np; p++) {
            long n = network.populations().get(p).size();
            from[p] = (int) (n * rank / ranks);
            to[p] = (int) (n * (rank + 1) / ranks);
        }
        return new RankPartition(rank, ranks, from, to);
    }

    public int from(int population) { return from[population]; }

    public int to(int population) { return to[population]; }

    public boolean owns(int population, int neuron) { return neuron >= from[population] && neuron < to[population]; }

    /** The rank that owns a neuron, for any rank's partition (all ranks compute the same split). */
    public static int owner(int size, int neuron, int ranks) {
        // Inverse of from(r) = floor(size * r / ranks): the largest r with from(r) <= neuron.
        int r = (int) (((long) neuron * ranks + ranks - 1) / size);
        while (r > 0 && (long) size * r / ranks > neuron) r--;
        while (r + 1 < ranks && (long) size * (r + 1) / ranks <= neuron) r++;
        return r;
    }

    public int ownedNeurons() {
        int s = 0;
        for (int p = 0; p < from.length; p++) s += to[p] - from[p];
        return s;
    }

    /**
     * Steps between spike exchanges: the network's minimum synaptic delay (a spike at t is read at t + d >= t + min),
     * so one collective serves that many steps. A network without projections needs no exchange for correctness;
     * it exchanges every 1000 steps to keep the per-rank recordings' batches bounded.
     */
    public static int exchangeIntervalSteps(Network network) {
        int min = Integer.MAX_VALUE;
        for (Projection pr : network.projections())
            for (int d : pr.delaySteps()) if (d < min) min = d;
        return min == Integer.MAX_VALUE ? 1000 : Math.max(1, min);
    }
}
