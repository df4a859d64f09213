package org.neuroracle.snn.backend;

/**
 * Work counters per population (NeuroBench-style): spikes emitted, synaptic events caused by those spikes
 * (effective accumulate operations: spike x existing synapse), and membrane updates performed (neurons not
 * skipped). Fixed-point counters are deterministic and identical across backends.
 */
public record Counters(long steps, long[] spikes, long[] synapticOps, long[] membraneUpdates) {
    public long totalSpikes() { return sum(spikes); }
    public long totalSynapticOps() { return sum(synapticOps); }
    public long totalMembraneUpdates() { return sum(membraneUpdates); }

    private static long sum(long[] a) { long s = 0; for (long x : a) s += x; return s; }
}
