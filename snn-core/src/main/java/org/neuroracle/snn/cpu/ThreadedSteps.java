package org.neuroracle.snn.cpu;

import org.neuroracle.snn.backend.StateRecorder;

import java.util.concurrent.locks.LockSupport;

/**
 * Steps with every partition on its own thread: the caller runs partition 0, one daemon worker each of the
 * others. Workers park between runs and spin at the barrier within one ({@link SpinBarrier}).
 */
final class ThreadedSteps {
    private final int ringSlots;
    /** Threaded steps between two barriers: Emit of up to this many steps, then their Propagate (see loop). */
    private final int batchSteps;
    private final int spikeListCount;              // 2 batchSteps: the spike lists rotate over two batches
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

    ThreadedSteps(int threads, int ringSlots, int batchSteps, int[][] lo, int[][] hi, EmitPhase emit, PropagatePhase propagate,
                  StateRecorder recorder, StateRecorder.StateReader reader, PhaseProfile profile) {
        this.ringSlots = ringSlots;
        this.batchSteps = batchSteps;
        this.spikeListCount = 2 * batchSteps;
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
        runFrom = from;
        runTo = to;
        runEpoch++;
        for (Worker w : workers) LockSupport.unpark(w);
        boolean sense = loop(0, from, to, mainSense);
        mainSense = barrier.await(sense); // everyone has finished the last Propagate
    }

    /**
     * The step loop of the thread that owns partition k. Returns the thread's barrier sense. Steps go in batches of
     * up to {@code batchSteps}: Emit of every step of the batch, one barrier, then Propagate of each of them in
     * step order. Every delay is at least the batch, so no spike of a batch lands in a slot the batch delivers, and
     * each ring cell receives the same additions in the same order as step by step. One barrier per batch instead
     * of per step: Brunel (delay 15) waits for the slower thread once per 15 steps, so the per-step jitter of the
     * two threads averages out instead of adding up, and a partner descheduled on a busy machine costs one wait per
     * batch. Spike lists rotate over two batches, so a thread may start the next batch's Emit while the other still
     * propagates this one.
     */
    private boolean loop(int k, long from, long to, boolean sense) {
        final long[] ph = profile.nanos[k];
        final int B = batchSteps, L = spikeListCount;
        final int[] lk = lo[k], hk = hi[k];
        for (long bl = from; bl < to; bl += B) {
            final long el = Math.min(to, bl + B);
            long c0 = PhaseProfile.ON ? PhaseProfile.clock() : 0;
            for (long tl = bl; tl < el; tl++) { final int t = (int) tl; emit.emitRange(k, lk, hk, t, t % ringSlots, t % L); }
            long c1 = PhaseProfile.ON ? PhaseProfile.clock() : 0;
            // Spikes of other processes (MPI ranks) for these steps join the spike lists here, before the barrier.
            sense = barrier.await(sense);
            long c2 = PhaseProfile.ON ? PhaseProfile.clock() : 0;
            for (long tl = bl; tl < el; tl++) { final int t = (int) tl; propagate.propagate(k, t, t % ringSlots, t % L); }
            long c3 = PhaseProfile.ON ? PhaseProfile.clock() : 0;
            if (!recorder.isEmpty()) recorder.sample((int) bl, reader); // batchSteps is 1 with state probes
            if (PhaseProfile.ON) {
                ph[PhaseProfile.EMIT] += c1 - c0; ph[PhaseProfile.WAIT] += c2 - c1; ph[PhaseProfile.PROPAGATE] += c3 - c2; ph[PhaseProfile.SAMPLE] += PhaseProfile.clock() - c3;
                final long[] log = profile.log[k];
                for (long tl = bl; tl < el; tl++) { // the batch's times on its first step, zero on the others
                    final int at = 2 * ((int) tl & (PhaseProfile.LOG_STEPS - 1));
                    log[at] = tl == bl ? c1 - c0 : 0;
                    log[at + 1] = tl == bl ? c3 - c2 : 0;
                }
            }
        }
        return sense;
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
                sense = loop(k, runFrom, runTo, sense);
                sense = barrier.await(sense);
            }
        }
    }
}
