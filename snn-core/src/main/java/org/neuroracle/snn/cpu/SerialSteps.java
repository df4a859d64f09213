package org.neuroracle.snn.cpu;

import org.neuroracle.snn.backend.SpikeBatch;
import org.neuroracle.snn.backend.SpikeExchange;
import org.neuroracle.snn.backend.StateRecorder;

/**
 * Steps on the caller's thread, with every population's owned range as one partition: the cells of all
 * partitions receive the same additions in the same order as partition by partition (spike lists stay
 * ascending), without the per-partition overhead (measured: 2 partitions run serially cost ~20% more on COBA).
 * Partitioned (one MPI rank): each step's own spikes go into the exchange batch, and at the interval's end all
 * ranks' spikes of the interval are propagated in step order (see {@link CpuSimulation}).
 */
final class SerialSteps {
    private final int threads, ringSlots;
    private final IntList[][][] spikeLists;        // [step mod 2 (lag + 1)][population][thread]
    private final int[] loAll, hiAll;              // [population]: the owned range of all partitions together
    private final EmitPhase emit;
    private final PropagatePhase propagate;
    private final StateRecorder recorder;
    private final StateRecorder.StateReader reader;
    private final PhaseProfile profile;
    private final SpikeExchange exchange;          // null unless this is one rank of a partitioned network
    private final SpikeBatch batch;

    SerialSteps(int threads, int ringSlots, IntList[][][] spikeLists, int[] loAll, int[] hiAll, EmitPhase emit, PropagatePhase propagate,
                StateRecorder recorder, StateRecorder.StateReader reader, PhaseProfile profile, SpikeExchange exchange) {
        this.threads = threads;
        this.ringSlots = ringSlots;
        this.spikeLists = spikeLists;
        this.loAll = loAll;
        this.hiAll = hiAll;
        this.emit = emit;
        this.propagate = propagate;
        this.recorder = recorder;
        this.reader = reader;
        this.profile = profile;
        this.exchange = exchange;
        this.batch = exchange == null ? null : new SpikeBatch(spikeLists[0].length, exchange.intervalSteps());
    }

    /** A run starts at step {@code from}: the exchange batch starts there. */
    void begin(long from) { if (batch != null) batch.begin((int) from); }

    /** Steps [from, to); partitioned, {@code to} ends the last exchange interval even when it is short. */
    void run(long from, long to) {
        for (long tl = from; tl < to; tl++) step((int) tl, to);
    }

    /**
     * One step. A method of its own so that the JIT compiles it by its invocation count: the loop in {@link #run}
     * is entered once per chunk and makes fewer back-edges in a whole run (20,000 steps) than HotSpot's threshold
     * for compiling a running loop (60,000), so a loop body written inline ran interpreted all run.
     */
    private void step(int t, long to) {
        final int slot = t % ringSlots, parity = t % spikeLists.length;
        long c0 = PhaseProfile.ON ? PhaseProfile.clock() : 0;
        emit.emitRange(0, loAll, hiAll, t, slot, parity);
        for (int k = 1; k < threads; k++) for (int p = 0; p < spikeLists[parity].length; p++) spikeLists[parity][p][k].clear();
        long c1 = PhaseProfile.ON ? PhaseProfile.clock() : 0;
        // Spikes of other processes (MPI ranks) for step t join the spike lists here, before any Propagate.
        if (exchange != null) exchangeStep(t, parity, to);
        else propagate.propagateRange(0, threads, t, slot, parity);
        long c2 = PhaseProfile.ON ? PhaseProfile.clock() : 0;
        if (!recorder.isEmpty()) recorder.sample(t, reader); // reads neuron state only, which Propagate never writes
        if (PhaseProfile.ON) {
            final long[] ph = profile.nanos[0];
            ph[PhaseProfile.EMIT] += c1 - c0; ph[PhaseProfile.PROPAGATE] += c2 - c1; ph[PhaseProfile.SAMPLE] += PhaseProfile.clock() - c2;
        }
    }

    /** Partitioned: add step t's own spikes to the batch; at the interval's (or run's) last step, exchange and propagate it. */
    private void exchangeStep(int t, int parity, long to) {
        batch.addStep();
        for (int p = 0; p < spikeLists[parity].length; p++) batch.add(p, spikeLists[parity][p][0].a, spikeLists[parity][p][0].size);
        if (batch.steps() < exchange.intervalSteps() && t + 1 < to) return;
        propagate.propagateExchanged(exchange.exchange(batch));
        batch.begin(t + 1);
    }
}
