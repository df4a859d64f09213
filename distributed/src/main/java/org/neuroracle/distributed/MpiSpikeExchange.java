package org.neuroracle.distributed;

import org.neuroracle.distributed.mpi.Mpi;
import org.neuroracle.distributed.mpi.MpiException;
import org.neuroracle.snn.backend.SpikeBatch;
import org.neuroracle.snn.backend.SpikeExchange;

import java.util.Arrays;

/**
 * Spikes swapped with two collectives per interval: MPI_Allgather of each rank's message length, then
 * MPI_Allgatherv of the messages. A message is {@code [firstStep, steps, counts[steps * populations], neurons...]}
 * (int32): the header lets every rank check that all ranks are at the same steps, so a desynchronised job fails
 * with a message instead of mixing steps. The merged batch holds, per (step, population), rank 0's neurons, then
 * rank 1's, ...: ascending, because ranks own ascending ranges.
 */
public final class MpiSpikeExchange implements SpikeExchange {
    private static final int HEADER = 2;

    private final Mpi mpi;
    private final RankPartition partition;
    private final int interval, populations;
    private final SpikeBatch merged;
    private int[] send = new int[1024];
    private int[] mergedCounts = new int[0], mergedNeurons = new int[0];
    private final int[] offset, cursor;   // per rank: start of its message, next neuron of it
    private long exchanges, spikesSent, bytesSent, bytesReceived;
    private double seconds, cpuSeconds;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    public MpiSpikeExchange(Mpi mpi, RankPartition partition, int intervalSteps, int populations) {
        if (mpi.size() != partition.ranks() || mpi.rank() != partition.rank())
            throw new IllegalArgumentException("partition is for rank " + partition.rank() + " of " + partition.ranks() + " but this is rank " + mpi.rank() + " of " + mpi.size());
        this.mpi = mpi;
        this.partition = partition;
        this.interval = intervalSteps;
        this.populations = populations;
        this.merged = new SpikeBatch(populations, intervalSteps);
        this.offset = new int[partition.ranks()];
        this.cursor = new int[partition.ranks()];
    }

    @Override public int ownedFrom(int population) { return partition.from(population); }

    @Override public int ownedTo(int population) { return partition.to(population); }

    @Override public int intervalSteps() { return interval; }

    @Override public SpikeBatch exchange(SpikeBatch local) {
        double t0 = mpi.wtime();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        int groups = local.steps() * populations;
        int length = HEADER + groups + local.size();
        if (send.length < length) send = new int[Math.max(length, send.length * 2)];
        send[0] = local.firstStep();
        send[1] = local.steps();
        System.arraycopy(local.counts(), 0, send, HEADER, groups);
        System.arraycopy(local.neurons(), 0, send, HEADER + groups, local.size());
        int[] lengths = mpi.allgather(length);
        int[] all = mpi.allgatherv(send, length, lengths);
        merge(all, lengths, local.firstStep(), local.steps());
        seconds += mpi.wtime() - t0;
        cpuSeconds += (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
        exchanges++;
        spikesSent += local.size();
        bytesSent += 4L * length;
        bytesReceived += 4L * all.length;
        return merged;
    }

    private void merge(int[] all, int[] lengths, int firstStep, int steps) {
        int ranks = lengths.length, groups = steps * populations;
        int total = 0;
        for (int r = 0, o = 0; r < ranks; o += lengths[r], r++) {
            offset[r] = o;
            if (all[o] != firstStep || all[o + 1] != steps)
                throw new MpiException("spike exchange out of step: rank " + r + " sent steps " + all[o] + "+" + all[o + 1]
                        + " but rank " + mpi.rank() + " is at " + firstStep + "+" + steps);
            total += lengths[r] - HEADER - groups;
        }
        if (mergedCounts.length < groups) mergedCounts = new int[Math.max(groups, interval * populations)];
        if (mergedNeurons.length < total) mergedNeurons = new int[Math.max(total, mergedNeurons.length * 2)];
        Arrays.fill(mergedCounts, 0, groups, 0);
        for (int r = 0; r < ranks; r++) cursor[r] = offset[r] + HEADER + groups;
        int w = 0;
        for (int g = 0; g < groups; g++)
            for (int r = 0; r < ranks; r++) {
                int c = all[offset[r] + HEADER + g];
                System.arraycopy(all, cursor[r], mergedNeurons, w, c);
                cursor[r] += c;
                w += c;
                mergedCounts[g] += c;
            }
        merged.set(firstStep, steps, mergedCounts, mergedNeurons, w);
    }

    public ExchangeStats stats() { return new ExchangeStats(exchanges, seconds, cpuSeconds, spikesSent, bytesSent, bytesReceived); }

    public void resetStats() { exchanges = 0; seconds = 0; cpuSeconds = 0; spikesSent = 0; bytesSent = 0; bytesReceived = 0; }
}
