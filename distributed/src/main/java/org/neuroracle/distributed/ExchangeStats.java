package org.neuroracle.distributed;

/**
 * One rank's spike-exchange work: collectives called, seconds inside them (MPI_Wtime; this includes waiting for
 * slower ranks, i.e. load imbalance), and the spikes and bytes this rank sent and received.
 */
public record ExchangeStats(long exchanges, double seconds, long spikesSent, long bytesSent, long bytesReceived) {
    public static final ExchangeStats NONE = new ExchangeStats(0, 0, 0, 0, 0);
}
