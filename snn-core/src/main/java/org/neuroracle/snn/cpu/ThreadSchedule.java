package org.neuroracle.snn.cpu;

/**
 * Decides, from measured step cost, whether the partitions of a simulation run on their own threads or one
 * after another on the caller's thread. Results are identical either way (see {@link CpuSimulation}), so the
 * choice only affects speed and may change at any chunk boundary. Between steady stretches it times one chunk
 * run serially, then the same number of steps in parallel (wall clock, as the user waits for wall time), and
 * keeps the faster. A per-step barrier costs microseconds on a quiet core and whole time slices on an
 * oversubscribed one, which no static rule (neuron count, load average) predicts; a measurement does.
 * The parallel probe runs in short pieces and stops as soon as it has cost more than the whole serial chunk, and
 * each lost probe doubles the stretch before the next (up to {@link #MAX_BACKOFF}x), so a loaded machine pays
 * little for probing. Allocation-free.
 */
final class ThreadSchedule {
    /** Steps per measured chunk: long enough to average over scheduler noise, short enough to probe often. */
    static final int CHUNK_STEPS = 500;
    /** Chunks run in the chosen mode between two probes while threads win. */
    static final int STEADY_CHUNKS = 30;
    /** The parallel probe checks its cost after every this many steps. */
    static final int PROBE_PIECE_STEPS = 50;
    /** Longest stretch between probes, in multiples of the base, after repeated losses of the threads. */
    static final int MAX_BACKOFF = 16;

    private enum Phase { PROBE_SERIAL, PROBE_PARALLEL, STEADY }

    private Phase phase = Phase.PROBE_SERIAL;
    private boolean steadyParallel;
    private int left = CHUNK_STEPS;             // steps left in the current phase
    private long phaseNanos;                    // wall time spent in the current probe
    private long serialNanos;                   // the last serial probe
    private int backoff = 1;
    private long probes;

    /** Whether the next steps run in parallel. */
    boolean parallel() {
        return switch (phase) {
            case PROBE_SERIAL -> false;
            case PROBE_PARALLEL -> true;
            case STEADY -> steadyParallel;
        };
    }

    /** Steps to run now in the current mode, at most {@code remaining}. */
    int chunk(long remaining) {
        int n = phase == Phase.PROBE_PARALLEL ? Math.min(left, PROBE_PIECE_STEPS) : left;
        return (int) Math.min(remaining, n);
    }

    /** Record that {@code steps} steps took {@code nanos} of wall time in the current mode. */
    void ran(int steps, long nanos) {
        left -= steps;
        if (phase != Phase.STEADY) phaseNanos += nanos;
        switch (phase) {
            case PROBE_SERIAL -> {
                if (left > 0) return;
                serialNanos = phaseNanos;
                phase = Phase.PROBE_PARALLEL;
                left = CHUNK_STEPS;
            }
            case PROBE_PARALLEL -> {
                boolean lost = phaseNanos >= serialNanos;
                if (left > 0 && !lost) return;
                steadyParallel = !lost;
                backoff = lost ? Math.min(MAX_BACKOFF, backoff * 2) : 1;
                probes++;
                phase = Phase.STEADY;
                left = CHUNK_STEPS * STEADY_CHUNKS * backoff;
            }
            case STEADY -> {
                if (left > 0) return;
                phase = Phase.PROBE_SERIAL;
                left = CHUNK_STEPS;
            }
        }
        phaseNanos = 0;
    }

    /** Completed probe pairs (for tests and reports). */
    long probes() { return probes; }
}
