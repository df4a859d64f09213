package org.neuroracle.snn.cpu;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Decides, from measured step cost, whether the partitions of a simulation run on their own threads or one
 * after another on the caller's thread. Results are identical either way (see {@link CpuSimulation}), so the
 * choice only affects speed and may change at any chunk boundary. Between steady stretches it times one chunk
 * run serially, then the same number of steps in parallel (wall clock, as the user waits for wall time), and
 * keeps the faster. A per-step barrier costs microseconds on a quiet core and whole time slices on an
 * oversubscribed one, which no static rule (load average) predicts; a measurement does. Only networks too small
 * to gain anything ({@link #MIN_THREADED_NEURONS}, {@link #MIN_THREADED_SYNAPSES}) or steps too cheap
 * ({@link #MIN_THREADED_STEP_NANOS}) skip the measurement and stay on one thread.
 * The parallel probe runs in short pieces and stops as soon as it has cost more than the whole serial chunk.
 * After a win the threads keep up to {@link #STEADY_CHUNKS} chunks, timed one by one: a chunk slower per step than
 * the fastest serial probe so far ends the stretch and probes again; after a loss the serial stretch is short at first
 * (one chunk, so that a probe lost to a passing burst of load is retried within a thousand steps) and doubles
 * with every further loss in a row, up to {@link #MAX_BACKOFF} chunks, so a machine that stays loaded pays little
 * for probing. A probe lost while the JIT compiled (its compilation clock advanced during the probe pair) does
 * not double the stretch, up to {@link #MAX_COMPILE_EXCUSES} times: on two cores the compiler threads take a core
 * from the threaded probe at start-up, and four such losses in a row would keep 1 + 2 + 4 + 8 chunks (7,500 steps,
 * a third of a 20,000-step Brunel run) serial. Wins in a row lengthen the threaded stretch the same way, up to
 * {@link #MAX_STEADY_CHUNKS} (each serial probe costs a chunk at one thread's speed; the chunk-by-chunk check
 * still drops threads that turn slow). A network whose serial step is measured under
 * {@link #MIN_THREADED_STEP_NANOS} is not probed with threads at all. Allocation-free.
 */
class ThreadSchedule {
    /** Steps per measured chunk: long enough to average over scheduler noise, short enough to probe often. */
    static final int CHUNK_STEPS = 500;
    /** Chunks run in the chosen mode between two probes while threads win. */
    static final int STEADY_CHUNKS = 30;
    /** The parallel probe checks its cost after every this many steps. */
    static final int PROBE_PIECE_STEPS = 50;
    /** The first piece of a parallel probe: a probe whose threads are many times slower costs only this much. */
    static final int FIRST_PIECE_STEPS = 10;
    /** Longest serial stretch between probes, in chunks, after repeated losses of the threads. */
    static final int MAX_BACKOFF = 256;
    /** Longest threaded stretch between probes, in chunks, after repeated wins. */
    static final int MAX_STEADY_CHUNKS = 8 * STEADY_CHUNKS;
    /** Lost probes excused (not doubling the serial stretch) because the JIT compiled during them. */
    static final int MAX_COMPILE_EXCUSES = 4;
    /**
     * Only steps at least this long (serial probe) get excuses: short steps gain little from threads even on a quiet
     * machine (COBA, ~10 us: 0.201 vs 0.200 s/s), and there each threaded probe's first piece is dominated by
     * waking the worker (measured 300-900 us per step against 8-10 serial at load 2), so excused retries only cost.
     */
    static final long MIN_EXCUSED_STEP_NANOS = 150_000;

    /**
     * Steps shorter than this on one thread (serial probe) are not threaded at all: threads in lockstep or nearly
     * (short delays) meet every step, and a step of a few microseconds gains nothing from a second thread even on a
     * quiet machine (COBA, ~10 us: 0.201 vs 0.200 s/s) while every threaded probe costs (a worker's wake-up,
     * 300-900 us per step at load 2). So a network whose measured step is this cheap runs on one thread, which makes
     * {@code --threads 2} exactly as fast as one there. Brunel's ~500 us steps are far above it.
     */
    static final long MIN_THREADED_STEP_NANOS = 50_000;
    /**
     * Networks smaller than both of these are not threaded at all, without measuring: COBA and CUBA (4,000 neurons,
     * 320,166 synapses, steps of ~10 us) gain nothing from a second thread, and their step cost cannot be measured
     * at the start of a run: a kernel the JIT compiles late (the Vector API path) makes the first serial probe
     * hundreds of microseconds a step, which let threads win it and hold 15,500 of 20,000 steps at twice the
     * one-thread time. Brunel (12,500 neurons, 15.6 M synapses) is far above.
     */
    static final long MIN_THREADED_NEURONS = 10_000, MIN_THREADED_SYNAPSES = 2_000_000;
    /** A won probe whose serial step is under this many times the floor, while the JIT compiled, keeps threads one chunk. */
    static final int NEAR_FLOOR = 4;
    /**
     * "While the JIT compiled" for that rule: at least this many milliseconds of compilation during the probe pair. A
     * kernel's C2 compile takes tens to hundreds of milliseconds; the JIT also compiles a few milliseconds' worth now
     * and then all run long, and counting those made Brunel (140 us serial steps, 80 us threaded, since session 12's
     * vector Philox) re-probe after nearly every chunk: three 500-step serial probes in the last four chunks of a
     * 20,000-step run (snn-core/MEASUREMENTS.md, "Session 12").
     */
    static final long WARMING_COMPILE_MILLIS = 20;

    /** Milliseconds the JIT has spent compiling so far (any clock that advances while it compiles). */
    private final LongSupplier compileMillis;
    /** {@link #MIN_THREADED_STEP_NANOS}, or 0 (tests of the probing itself, with made-up nanosecond steps). */
    private final long minThreadedStepNanos;

    private enum Phase { PROBE_SERIAL, PROBE_PARALLEL, STEADY }

    private Phase phase = Phase.PROBE_SERIAL;
    private boolean steadyParallel;
    private int left = CHUNK_STEPS;             // steps left in the current phase
    private long phaseNanos;                    // wall time spent in the current probe
    private long serialNanos;                   // the last serial probe
    private long bestSerialNanos = Long.MAX_VALUE; // the fastest serial probe so far
    private int backoff = 1;                    // chunks of the serial stretch after the next loss
    private int steadyChunks = STEADY_CHUNKS;   // chunks of the threaded stretch after the next win
    private long compileAtProbe;                // compileMillis when the serial probe began
    private int excuses;
    private long probes;

    /** Excuses lost probes by the JVM's compilation time (when the JVM reports it); short steps stay serial. */
    ThreadSchedule() { this(jitClock(), MIN_THREADED_STEP_NANOS); }

    /** With a given compilation clock (tests; {@code () -> 0} for none) and no floor on the step cost. */
    ThreadSchedule(LongSupplier compileMillis) { this(compileMillis, 0); }

    /** With a given compilation clock and floor on the serial step cost below which no threaded probe runs. */
    ThreadSchedule(LongSupplier compileMillis, long minThreadedStepNanos) {
        this.compileMillis = compileMillis;
        this.minThreadedStepNanos = minThreadedStepNanos;
        this.compileAtProbe = compileMillis.getAsLong();
    }

    /**
     * The schedule a simulation gets: measured (the default, {@code auto}), or, for profiling and benchmarks, every
     * step threaded ({@code -Dneuroracle.cpu.schedule=threads}) or every step serial ({@code serial}).
     */
    static ThreadSchedule configured() { return configured(Long.MAX_VALUE, Long.MAX_VALUE); }

    /**
     * As {@link #configured()}, for a network of this size: in {@code auto} mode a network below both
     * {@link #MIN_THREADED_NEURONS} and {@link #MIN_THREADED_SYNAPSES} runs on one thread without measuring.
     */
    static ThreadSchedule configured(long neurons, long synapses) {
        String mode = System.getProperty("neuroracle.cpu.schedule", "auto");
        return switch (mode) {
            case "auto" -> neurons < MIN_THREADED_NEURONS && synapses < MIN_THREADED_SYNAPSES ? new Fixed(false) : new ThreadSchedule();
            case "threads" -> new Fixed(true);
            case "serial" -> new Fixed(false);
            default -> throw new IllegalArgumentException("neuroracle.cpu.schedule: auto, threads or serial, got '" + mode + "'");
        };
    }

    /** One way for every step, in chunks of {@link #CHUNK_STEPS}. */
    private static final class Fixed extends ThreadSchedule {
        private final boolean parallel;
        Fixed(boolean parallel) { super(() -> 0); this.parallel = parallel; }
        @Override boolean parallel() { return parallel; }
        @Override int chunk(long remaining) { return (int) Math.min(remaining, CHUNK_STEPS); }
        @Override void ran(int steps, long nanos) { }
    }

    private static LongSupplier jitClock() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit::getTotalCompilationTime : () -> 0;
    }

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
        int n = phase == Phase.PROBE_PARALLEL ? Math.min(left, left == CHUNK_STEPS ? FIRST_PIECE_STEPS : PROBE_PIECE_STEPS)
                : phase == Phase.STEADY && steadyParallel ? Math.min(left, CHUNK_STEPS) : left;
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
                bestSerialNanos = Math.min(bestSerialNanos, serialNanos);
                if (serialNanos < minThreadedStepNanos * CHUNK_STEPS) {
                    // Too cheap a step to thread (see MIN_THREADED_STEP_NANOS): serial, measured again only rarely.
                    phase = Phase.STEADY;
                    steadyParallel = false;
                    left = CHUNK_STEPS * MAX_BACKOFF;
                    break;
                }
                phase = Phase.PROBE_PARALLEL;
                left = CHUNK_STEPS;
            }
            case PROBE_PARALLEL -> {
                // Lost once it has cost more than the whole serial chunk, or early when its steps so far are more
                // than twice as slow as the serial ones (a descheduled partner: measured 180 us against 11 on COBA).
                final int done = CHUNK_STEPS - left;
                boolean lost = phaseNanos >= serialNanos || phaseNanos * CHUNK_STEPS > 2 * serialNanos * done;
                if (left > 0 && !lost) return;
                steadyParallel = !lost;
                probes++;
                phase = Phase.STEADY;
                if (lost) {
                    left = CHUNK_STEPS * backoff;
                    boolean compiled = compileMillis.getAsLong() != compileAtProbe;
                    boolean longSteps = serialNanos >= MIN_EXCUSED_STEP_NANOS * CHUNK_STEPS;
                    if (compiled && longSteps && excuses < MAX_COMPILE_EXCUSES) excuses++;
                    else backoff = Math.min(MAX_BACKOFF, backoff * 2);
                    steadyChunks = STEADY_CHUNKS;
                } else if (minThreadedStepNanos > 0 && serialNanos < NEAR_FLOOR * minThreadedStepNanos * CHUNK_STEPS
                        && compileMillis.getAsLong() - compileAtProbe >= WARMING_COMPILE_MILLIS) {
                    // Won against a serial probe the JIT may have slowed, by a step not far above the floor: keep the
                    // threads one chunk only and measure again (a warming-up Vector API kernel made COBA's serial
                    // probes 40-150 us a step, and its threads then held 15,500 of 20,000 steps at half the speed).
                    left = CHUNK_STEPS;
                    backoff = 1;
                } else {
                    left = CHUNK_STEPS * steadyChunks;
                    steadyChunks = Math.min(MAX_STEADY_CHUNKS, steadyChunks * 2);
                    backoff = 1;
                }
            }
            case STEADY -> {
                // Threads that have become slower per step than the fastest serial probe (load arrived) are dropped
                // at once: the stretch ends and the next probe decides again. The fastest, not the last: a serial
                // probe slowed by the JIT or a burst of load would otherwise keep slow threads for a whole stretch.
                boolean slower = steadyParallel && nanos * CHUNK_STEPS > bestSerialNanos * steps;
                if (left > 0 && !slower) return;
                if (slower) steadyChunks = STEADY_CHUNKS;
                phase = Phase.PROBE_SERIAL;
                left = CHUNK_STEPS;
                compileAtProbe = compileMillis.getAsLong();
            }
        }
        phaseNanos = 0;
    }

    /** Completed probe pairs (for tests and reports). */
    long probes() { return probes; }
}
