package org.neuroracle.snn.cpu;

/**
 * Decides, from measured step cost, whether the partitions of a simulation run on their own threads or one
 * after another on the caller's thread. Results are identical either way (see {@link CpuSimulation}), so the
 * choice only affects speed and may change at any chunk boundary: every {@link #STEADY_CHUNKS} chunks it times
 * one chunk of each mode (wall clock, as the user waits for wall time) and keeps the faster. A per-step barrier
 * costs microseconds on a quiet core and whole time slices on an oversubscribed one, which no static rule
 * (neuron count, load average) predicts; a measurement does. Allocation-free.
 */
final class ThreadSchedule {
    /** Steps per measured chunk: long enough to average over scheduler noise, short enough to probe often. */
    static final int CHUNK_STEPS = 500;
    /** Chunks run in the chosen mode between two probes (about 3% of steps run in the slower mode). */
    static final int STEADY_CHUNKS = 30;

    private enum Phase { PROBE_PARALLEL, PROBE_SERIAL, STEADY }

    private Phase phase = Phase.PROBE_PARALLEL;
    private boolean steadyParallel = true;
    private int left = CHUNK_STEPS;             // steps left in the current phase
    private long phaseNanos;                    // wall time spent in the current probe
    private long parallelNanos;                 // the last parallel probe
    private long probes;

    /** Whether the next steps run in parallel. */
    boolean parallel() {
        return switch (phase) {
            case PROBE_PARALLEL -> true;
            case PROBE_SERIAL -> false;
            case STEADY -> steadyParallel;
        };
    }

    /** Steps to run now in the current mode, at most {@code remaining}. */
    int chunk(long remaining) { return (int) Math.min(remaining, left); }

    /** Record that {@code steps} steps took {@code nanos} of wall time in the current mode. */
    void ran(int steps, long nanos) {
        left -= steps;
        if (phase != Phase.STEADY) phaseNanos += nanos;
        if (left > 0) return;
        switch (phase) {
            case PROBE_PARALLEL -> { parallelNanos = phaseNanos; phase = Phase.PROBE_SERIAL; left = CHUNK_STEPS; }
            case PROBE_SERIAL -> {
                steadyParallel = parallelNanos < phaseNanos;
                probes++;
                phase = Phase.STEADY;
                left = CHUNK_STEPS * STEADY_CHUNKS;
            }
            case STEADY -> { phase = Phase.PROBE_PARALLEL; left = CHUNK_STEPS; }
        }
        phaseNanos = 0;
    }

    /** Completed probe pairs (for tests and reports). */
    long probes() { return probes; }
}
