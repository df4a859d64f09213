package org.neuroracle.snn.backend;

/**
 * A network partitioned across processes (MPI ranks): which neurons this process simulates, and the collective
 * that gives every process every other process's spikes. A partitioned simulation updates only its own neurons,
 * propagates only into its own targets, and hands its spikes to {@link #exchange} once every
 * {@link #intervalSteps()} steps (and at the end of every run). Because every spike emitted at step t arrives at
 * t + delay >= t + minimum delay, an interval of at most the minimum delay means no ring slot is read before
 * the spikes that write it have been exchanged.
 */
public interface SpikeExchange {
    /** This process's neurons of a population are {@code [ownedFrom, ownedTo)}. */
    int ownedFrom(int population);

    int ownedTo(int population);

    /** Steps per exchange: >= 1 and at most the network's minimum delay. */
    int intervalSteps();

    /**
     * Collective: called on every process with its own spikes of the same steps; returns every process's spikes of
     * those steps, neuron indices ascending within each (step, population), in a batch owned by the exchange
     * (valid until the next call).
     */
    SpikeBatch exchange(SpikeBatch local);
}
