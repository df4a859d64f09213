package org.neuroracle.distributed;

/**
 * One rank's spike-exchange work: collectives called, wall seconds inside them (MPI_Wtime; this includes waiting
 * for slower ranks, i.e. load imbalance), the calling thread's CPU seconds inside them (Open MPI polls while it
 * waits, so this is CPU the rank did not compute with), and the spikes and bytes this rank sent and received.
 */
public record ExchangeStats(long exchanges, double seconds, double cpuSeconds, long spikesSent, long bytesSent, long bytesReceived) {}
