package org.neuroracle.snn.cpu;

import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.InjectionQueue;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.StateRecorder;
import org.neuroracle.snn.backend.SpikeExchange;
import org.neuroracle.snn.backend.StateSamples;
import org.neuroracle.snn.model.Alif;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Izhikevich;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Projection;

import java.util.List;

/**
 * The reference simulation. The network is cut into T partitions; partition k owns a contiguous range of every
 * population: it delivers, updates and emits its own neurons ({@link EmitPhase}), and in Propagate adds only the
 * synapses whose targets it owns ({@link PropagatePhase}; rows are split once at compile). So every ring cell is
 * written by one partition in the same (projection, spike, synapse) order as with one partition: results are
 * identical for any T, in float mode too, and whether the partitions run on T threads ({@link ThreadedSteps}) or
 * one after another on the caller's thread ({@link SerialSteps}). Which of the two is faster is measured while
 * running ({@link ThreadSchedule}). With threads, Propagate of a step follows its Emit by up to the shortest delay
 * less one step, and partitions wait only for each other's progress. The point between Emit and Propagate
 * (marked in both step loops) is where spikes of other processes join.
 * <p>Partitioned (one MPI rank, {@link SpikeExchange}): one partition owns the exchange's ranges; Propagate is
 * deferred to the end of each exchange interval and then replays every step of the interval, in step order, with
 * all ranks' spikes (ascending neuron order, as here), so ring cells receive the same additions in the same order
 * as in one process. Safe because every delay is >= the interval: no deferred spike lands in a delivered slot.
 */
final class CpuSimulation implements Simulation {
    /** The longest lag of Propagate behind Emit in threaded steps (see {@link ThreadedSteps}), whatever the delays. */
    static final int MAX_LAG_STEPS = 31;
    /**
     * Padding of the small per-thread arrays written every step (counters, scratch): arrays allocated one after
     * another share a cache line otherwise, and two threads writing one line move it between cores every step.
     */
    static final int PAD_LONGS = 16;

    private final Network network;
    private final int threads;                     // partitions; each runs on its own thread when parallel
    private final PopState[] pops;
    private boolean wholeRanges;                   // the last steps ran on whole owned ranges (serially)
    /** Steps by which threaded Propagate may follow Emit: the shortest delay less one. */
    private final int lagSteps;
    private final RecordedSpikes recordedSpikes;
    private final StateRecorder recorder;
    private final InjectionQueue injections;
    private final EmitPhase emit;
    private final PropagatePhase propagate;
    private final SerialSteps serial;
    private final ThreadedSteps threaded;          // null with one partition
    private final ThreadSchedule schedule;
    private final PhaseProfile profile;
    private final KernelChoice.Plan kernelPlan;    // which path lif populations take per run (KernelChoice)
    private KernelChoice.Selection kernels = KernelChoice.Selection.NONE;
    private long step;
    private boolean closed;
    private long parallelSteps, serialSteps;

    CpuSimulation(Network network, int threads) { this(network, threads, null); }

    CpuSimulation(Network network, int threads, SpikeExchange exchange) { this(network, threads, exchange, ThreadSchedule.configured(network.neuronCount(), network.synapseCount())); }

    /** With a given schedule (tests force switches between serial and threaded steps with one). */
    CpuSimulation(Network network, int threads, SpikeExchange exchange, ThreadSchedule schedule) {
        this.schedule = schedule;
        if (exchange != null && threads != 1) throw new IllegalArgumentException("a partitioned cpu simulation runs one partition per rank");
        this.network = network;
        this.threads = threads;
        kernelPlan = new KernelChoice.Plan(KernelChoice.configured(), network.neuronCount());
        int ringSlots = network.maxDelaySteps() + 1;
        List<Population> ps = network.populations();
        int np = ps.size();
        pops = new PopState[np];
        for (int p = 0; p < np; p++) pops[p] = createState(ps.get(p), p, ringSlots);
        int[][] lo = new int[threads][np], hi = new int[threads][np];
        for (int k = 0; k < threads; k++)
            for (int p = 0; p < np; p++) {
                long base = exchange == null ? 0 : exchange.ownedFrom(p), n = (exchange == null ? ps.get(p).size() : exchange.ownedTo(p)) - base;
                lo[k][p] = (int) (base + n * k / threads);
                hi[k][p] = (int) (base + n * (k + 1) / threads);
            }
        int minDelay = MAX_LAG_STEPS + 1;
        for (Projection pr : network.projections()) for (int d : pr.delaySteps()) minDelay = Math.min(minDelay, d);
        // State probes sample every step between Propagate and the next Emit, so they need steps in lockstep.
        lagSteps = network.stateProbes().isEmpty() ? Math.min(Math.max(1, minDelay) - 1, maxLagSteps()) : 0;
        IntList[][][] spikeLists = new IntList[2 * (lagSteps + 1)][np][threads]; // [step mod 2 (lag + 1)][population][thread]
        for (int par = 0; par < spikeLists.length; par++)
            for (int p = 0; p < np; p++)
                for (int k = 0; k < threads; k++) spikeLists[par][p][k] = new IntList(64);
        recordedSpikes = new RecordedSpikes(network, threads);
        profile = new PhaseProfile(threads);
        recorder = new StateRecorder(network);
        StateRecorder.StateReader reader = (p, variable) -> pops[p].read(variable);
        injections = new InjectionQueue(network);
        emit = new EmitPhase(network, pops, threads, spikeLists, recordedSpikes);
        propagate = new PropagatePhase(network, pops, threads, ringSlots, lo, hi, threads > 1 || exchange != null, spikeLists, injections);
        serial = new SerialSteps(threads, ringSlots, spikeLists, lo[0].clone(), hi[threads - 1].clone(), emit, propagate, recorder, reader, profile, exchange);
        threaded = threads == 1 ? null : new ThreadedSteps(threads, ringSlots, lagSteps, spikeLists.length, lo, hi, emit, propagate, recorder, reader, profile);
    }

    /** {@link #MAX_LAG_STEPS}, or less with {@code -Dneuroracle.cpu.maxLag=N} (0: threads in lockstep; benchmarks compare). */
    private static int maxLagSteps() {
        int lag = Integer.getInteger("neuroracle.cpu.maxLag", MAX_LAG_STEPS);
        if (lag < 0 || lag > MAX_LAG_STEPS) throw new IllegalArgumentException("neuroracle.cpu.maxLag: 0.." + MAX_LAG_STEPS + ", got " + lag);
        return lag;
    }

    private PopState createState(Population p, int index, int ringSlots) {
        double dt = network.dtMs();
        return switch (p.model()) {
            case CubaLifFixed m -> new FixedLifState(p, index, ringSlots);
            case Lif m -> new LifState(p, index, ringSlots, dt);
            case Alif m -> new AlifState(p, index, ringSlots, dt);
            case Izhikevich m -> new IzhikevichState(p, index, ringSlots, dt);
            default -> new SourceState(p, index, ringSlots, network.seed(), dt);
        };
    }

    @Override public Network network() { return network; }

    @Override public long currentStep() { return step; }

    @Override public void expectSteps(long steps) {
        kernelPlan.expect(step, steps);
    }

    @Override public void run(int steps) {
        if (closed) throw new IllegalStateException("simulation is closed");
        long from = step, to = Simulation.endOfRun(step, steps);
        if (steps == 0) return;
        chooseKernels(kernelPlan.select(from, to));
        serial.begin(from);
        if (threads == 1) {
            runSerial(from, to);
        } else {
            for (long t = from; t < to; ) {
                int n = schedule.chunk(to - t);
                long t0 = System.nanoTime();
                if (schedule.parallel()) { useWholeRanges(false); threaded.run(t, t + n); parallelSteps += n; }
                else runSerial(t, t + n);
                schedule.ran(n, System.nanoTime() - t0);
                t += n;
            }
        }
        step = to;
    }

    private void runSerial(long from, long to) {
        useWholeRanges(true);
        serial.run(from, to);
        serialSteps += to - from;
    }

    /** Scalar or Vector API path for this run's lif populations (same bits either way; {@link KernelChoice}). */
    private void chooseKernels(KernelChoice.Selection selection) {
        if (selection.equals(kernels)) return;
        kernels = selection;
        for (PopState ps : pops) ps.useVectorKernel(selection);
    }

    /** The kernels the last run chose for its lif populations (taken where a population has one; tests). */
    KernelChoice.Selection kernels() { return kernels; }

    /** Tells the populations when the neuron ranges switch between whole populations and per-thread slices. */
    private void useWholeRanges(boolean whole) {
        if (threads == 1 || whole == wholeRanges) return;
        wholeRanges = whole;
        for (PopState ps : pops) ps.rangesChanged();
    }

    /** The per-phase profile ({@code -Dneuroracle.cpu.phases=wall|cpu}); zero unless {@link PhaseProfile#ON}. */
    PhaseProfile phases() { return profile; }

    /** Propagate's split rows (tests check each partition's part of every row). */
    PropagatePhase propagatePhase() { return propagate; }

    /** Steps run with the partitions on their own threads, and on the caller's thread. For profiling and tests. */
    long parallelSteps() { return parallelSteps; }
    long serialSteps() { return serialSteps; }

    @Override public void inject(int population, int neuron, int atStep) {
        inject(population, new int[]{neuron}, new int[]{atStep});
    }

    @Override public void inject(int population, int[] neurons, int[] steps) {
        injections.add(population, neurons, steps, step);
    }

    @Override public SpikeRaster spikes() { return recordedSpikes.raster(); }

    @Override public boolean canDrainSpikes() { return true; }

    @Override public SpikeRaster drainSpikes() {
        SpikeRaster r = spikes();
        recordedSpikes.clear();
        return r;
    }

    @Override public double[] state(int population, String variable) {
        if (population < 0 || population >= pops.length) throw new IllegalArgumentException("state: no population with index " + population);
        return pops[population].read(variable);
    }

    @Override public StateSamples samples(int probeIndex) { return recorder.samples(probeIndex); }

    @Override public Counters counters() {
        int np = pops.length;
        long[] sp = new long[np], so = new long[np], up = new long[np];
        for (int k = 0; k < threads; k++)
            for (int p = 0; p < np; p++) { sp[p] += emit.spikeCounts[k][p]; so[p] += propagate.synOps[k][p]; up[p] += emit.updates[k][p]; }
        return new Counters(step, sp, so, up);
    }

    @Override public void reset() {
        for (PopState p : pops) p.reset();
        recordedSpikes.clear();
        emit.clearCounts();
        propagate.clearCounts();
        recorder.clear();
        injections.clear();
        step = 0;
        kernelPlan.expect(0, 0);
    }

    @Override public void close() {
        if (closed) return;
        closed = true;
        if (threaded != null) threaded.close();
        if (PhaseProfile.ON) System.err.print(profile.summary(parallelSteps, serialSteps, lagSteps));
    }
}
