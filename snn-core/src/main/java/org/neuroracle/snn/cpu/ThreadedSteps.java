package org.neuroracle.snn.cpu;

import org.neuroracle.snn.backend.StateRecorder;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Steps with every partition on its own thread: the caller runs partition 0, one daemon worker each of the
 * others. Workers park between runs; within a run the partitions only wait for each other's progress counters
 * (see {@link #loop}), and meet at one barrier ({@link SpinBarrier}) at its end.
 */
final class ThreadedSteps {
    private final int threads, ringSlots;
    /** Steps by which Propagate follows Emit: the shortest delay less one (0 with state probes). */
    private final int lag;
    private final int spikeListCount;              // steps of spike lists in rotation: 2 (lag + 1)
    /** Per partition: the step up to which (exclusive) it has emitted, and propagated; each on its own cache lines. */
    private final AtomicLongArray progress;
    private static final int EMITTED = 0, PROPAGATED = 1, STRIDE = 16;
    /**
     * Waiting for a partner: spins first (a few microseconds), then, when the pipeline has slack, sleeps in short
     * parks (see {@link #awaitAll}); without slack (lag 0, one-step delays: steps of microseconds) it yields.
     */
    static final int WAIT_SPINS = 500;
    static final long WAIT_PARK_NANOS = 50_000;
    private final int[][] lo, hi;                  // [thread][population] neuron range
    private final EmitPhase emit;
    private final PropagatePhase propagate;
    private final StateRecorder recorder;
    private final StateRecorder.StateReader reader;
    private final PhaseProfile profile;
    private final SpinBarrier barrier;
    private final Worker[] workers;
    private volatile long runFrom, runTo;
    private volatile int runEpoch;
    private volatile boolean closed;
    private boolean mainSense;

    /** @param spikeListCount steps of spike lists in rotation, at least 2 (lag + 1) */
    ThreadedSteps(int threads, int ringSlots, int lag, int spikeListCount, int[][] lo, int[][] hi, EmitPhase emit, PropagatePhase propagate,
                  StateRecorder recorder, StateRecorder.StateReader reader, PhaseProfile profile) {
        if (spikeListCount < 2 * (lag + 1)) throw new IllegalArgumentException("spike lists for " + spikeListCount + " steps, lag " + lag);
        this.threads = threads;
        this.ringSlots = ringSlots;
        this.lag = lag;
        this.spikeListCount = spikeListCount;
        this.progress = new AtomicLongArray((threads + 1) * STRIDE);
        this.lo = lo;
        this.hi = hi;
        this.emit = emit;
        this.propagate = propagate;
        this.recorder = recorder;
        this.reader = reader;
        this.profile = profile;
        barrier = new SpinBarrier(threads);
        workers = new Worker[threads - 1];
        for (int k = 1; k < threads; k++) {
            workers[k - 1] = new Worker(k);
            workers[k - 1].start();
        }
    }

    /** Steps [from, to) with every partition on its own thread (the caller runs partition 0). */
    void run(long from, long to) {
        for (int k = 0; k < threads; k++) { progress.set(k * STRIDE + EMITTED, from); progress.set(k * STRIDE + PROPAGATED, from); }
        runFrom = from;
        runTo = to;
        runEpoch++;
        for (Worker w : workers) LockSupport.unpark(w);
        loop(0, from, to);
        mainSense = barrier.await(mainSense); // everyone has finished the last Propagate
    }

    /**
     * The step loop of the thread that owns partition k, a pipeline: Emit of step t, then Propagate of step
     * t - lag. Propagate of a step waits until every partition has emitted it (it adds every partition's spikes
     * into this partition's targets); Emit of a step waits until every partition has propagated the step whose
     * spike lists it overwrites. Nothing else is shared: each partition delivers only ring cells it alone
     * writes. Since lag + 1 steps fit in the shortest delay, every step Emit delivers has had all its Propagates
     * (each ring cell gets the same additions in the same step order as one step at a time), and no Propagate
     * writes a slot before it has been delivered. The slack: a partition may run up to lag steps ahead of a slower
     * one before it waits (Brunel, delay 15: 14 steps), so the threads' per-step jitter averages out instead of
     * each step (or batch, with a barrier) costing the slower thread's time, and a partner descheduled for a
     * moment on a busy machine is waited for once, not at every step.
     */
    private void loop(int k, long from, long to) {
        for (long tl = from; tl < to + lag; tl++) step(k, tl, from, to);
    }

    /**
     * Emit of step tl and Propagate of step tl - lag, as partition k. A method of its own so that the JIT compiles
     * it by its invocation count: {@link #loop} is entered once per chunk and makes fewer back-edges in a whole run
     * (20,000 steps) than HotSpot's threshold for compiling a running loop (60,000), so the body written inline ran
     * interpreted all run.
     */
    private void step(int k, long tl, long from, long to) {
        final int L = spikeListCount;
        long c0 = PhaseProfile.ON ? PhaseProfile.clock() : 0, c1 = c0, c2 = c0, c3 = c0, c4 = c0;
        if (tl < to) {
            awaitAll(k, PROPAGATED, tl + 1 - L); // step tl's spike lists were last read by Propagate of step tl - L
            c1 = PhaseProfile.ON ? PhaseProfile.clock() : 0;
            final int t = (int) tl;
            emit.emitRange(k, lo[k], hi[k], t, t % ringSlots, t % L);
            progress.set(k * STRIDE + EMITTED, tl + 1);
            c2 = c3 = c4 = PhaseProfile.ON ? PhaseProfile.clock() : 0;
        }
        final long pl = tl - lag;
        if (pl >= from) {
            // Spikes of other processes (MPI ranks) for step pl would join the spike lists here.
            awaitAll(k, EMITTED, pl + 1);
            c3 = PhaseProfile.ON ? PhaseProfile.clock() : 0;
            final int t = (int) pl;
            propagate.propagate(k, t, t % ringSlots, t % L);
            progress.set(k * STRIDE + PROPAGATED, pl + 1);
            c4 = PhaseProfile.ON ? PhaseProfile.clock() : 0;
            if (!recorder.isEmpty()) recorder.sample(t, reader); // lag is 0 with state probes
        }
        if (PhaseProfile.ON) {
            final long[] ph = profile.nanos[k];
            ph[PhaseProfile.EMIT] += c2 - c1; ph[PhaseProfile.WAIT] += (c1 - c0) + (c3 - c2); ph[PhaseProfile.PROPAGATE] += c4 - c3;
            ph[PhaseProfile.SAMPLE] += PhaseProfile.clock() - c4;
            final int at = 2 * ((int) tl & (PhaseProfile.LOG_STEPS - 1));
            profile.log[k][at] = c2 - c1;     // Emit of step tl
            profile.log[k][at + 1] = c4 - c3; // Propagate of step tl - lag
        }
    }

    /**
     * Waits until every other partition's counter {@code which} has reached {@code step}. With slack (lag > 0) a
     * partition waits only when it is a whole lag ahead, so the partner is the critical path and a short sleep
     * past its arrival costs nothing, while on a loaded machine the sleeping thread gives its core to the partner
     * it waits for; spinning or yielding would keep it.
     */
    private void awaitAll(int k, int which, long step) {
        for (int j = 0; j < threads; j++) {
            if (j == k) continue;
            int spins = 0;
            while (progress.get(j * STRIDE + which) < step) {
                if (++spins < (lag > 0 ? WAIT_SPINS : SpinBarrier.SPIN_LIMIT)) Thread.onSpinWait();
                else if (lag > 0) LockSupport.parkNanos(WAIT_PARK_NANOS);
                else Thread.yield();
            }
        }
    }

    /** Stops the workers (they exit at their next wake-up). */
    void close() {
        closed = true;
        for (Worker w : workers) LockSupport.unpark(w);
    }

    private final class Worker extends Thread {
        private final int k;
        private int seenEpoch;
        private boolean sense;

        Worker(int k) {
            super("neuroracle-cpu-" + k);
            this.k = k;
            setDaemon(true);
        }

        @Override public void run() {
            while (!closed) {
                int epoch = runEpoch;
                if (epoch == seenEpoch) {
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                seenEpoch = epoch;
                loop(k, runFrom, runTo);
                sense = barrier.await(sense);
            }
        }
    }
}
