package org.neuroracle.snn.cpu;

import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.InjectionQueue;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.StateRecorder;
import org.neuroracle.snn.backend.SpikeBatch;
import org.neuroracle.snn.backend.SpikeExchange;
import org.neuroracle.snn.backend.StateSamples;
import org.neuroracle.snn.model.Alif;
import org.neuroracle.snn.model.BackgroundInput;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.CurrentInput;
import org.neuroracle.snn.model.Izhikevich;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NumericMode;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Projection;
import org.neuroracle.snn.rng.PoissonTable;
import org.neuroracle.snn.rng.Streams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The reference simulation. The network is cut into T partitions; partition k owns a contiguous range of every
 * population: it delivers, updates and emits its own neurons, and in Propagate adds only the synapses whose
 * targets it owns (rows are split once at compile). So every ring cell is written by one partition in the same
 * (projection, spike, synapse) order as with one partition: results are identical for any T, in float mode too,
 * and whether the partitions run on T threads or one after another on the caller's thread. Which of the two is
 * faster is measured while running ({@link ThreadSchedule}). With threads, one barrier per batch of steps (up to
 * the shortest delay) separates Emit from Propagate; spike lists rotate over two batches so no second barrier
 * is needed. The point between Emit and Propagate (marked in {@code serial} and {@code loop}) is where spikes of
 * other processes join.
 * <p>Partitioned (one MPI rank, {@link SpikeExchange}): one partition owns the exchange's ranges; Propagate is
 * deferred to the end of each exchange interval and then replays every step of the interval, in step order, with
 * all ranks' spikes (ascending neuron order, as here), so ring cells receive the same additions in the same order
 * as in one process. Safe because every delay is >= the interval: no deferred spike lands in a delivered slot.
 */
final class CpuSimulation implements Simulation {
    private final Network network;
    private final int threads;                     // partitions; each runs on its own thread when parallel
    private final int ringSlots;
    private final boolean fixed;
    private final PopState[] pops;
    private final int[][] lo, hi;                  // [thread][population] neuron range
    private final int[] loAll, hiAll;              // [population]: the owned range of all partitions together
    private boolean wholeRanges;                   // the last steps ran on loAll/hiAll (serially)
    private final ProjState[] projections;
    private final BgState[][] backgroundByPop;
    private final CurrentInput[][] currentByPop;
    private final boolean[] recorded;
    private final IntList[][][] spikeLists;        // [step mod 2 batchSteps][population][thread]
    /** Threaded steps between two barriers: Emit of up to this many steps, then their Propagate (see loop). */
    private final int batchSteps;
    /** The largest batch: one barrier per this many steps is enough when every delay is at least this long. */
    static final int MAX_BATCH_STEPS = 32;
    private final IntList[] recSteps, recPops, recNeurons; // per thread
    private final long[][] spikeCounts, synOps, updates;   // [thread][population], padded (see PAD_LONGS)
    private final int[][] extraFixed;               // [thread][channel] scratch, padded
    private final int[][] rowBounds;                // [thread]: (from, to) of each spike's row part, see addRowsInterleaved
    private final StateRecorder recorder;
    private final StateRecorder.StateReader reader;
    private final InjectionQueue injections;
    private long step;
    private final SpikeExchange exchange;         // null unless this is one rank of a partitioned network
    private final SpikeBatch batch;

    private final ThreadSchedule schedule;
    private final SpinBarrier barrier;
    private final Worker[] workers;
    private volatile long runFrom, runTo;
    private volatile int runEpoch;
    private volatile boolean closed;
    private boolean mainSense;

    /**
     * A projection as Propagate walks it: the target channel's ring (int for fixed point, float otherwise), and,
     * where every synapse has the same delay ({@code delay} >= 1, else 0) or the same weight, the shortcuts that
     * let a row be one stream of targets into one ring slot (same additions in the same order).
     */
    private record ProjState(Projection p, int pre, int post, int[] rowPtr, int[] targets, int[] delays,
                             int[] weightsFixed, float[] weightsFloat, int[][] ringFixed, float[][] ringFloat,
                             int delay, boolean sameWeight, boolean anyOrder, int[] splits) {}

    /**
     * Padding of the small per-thread arrays written every step (counters, scratch): arrays allocated one after
     * another share a cache line otherwise, and two threads writing one line move it between cores every step.
     */
    private static final int PAD_LONGS = 16;

    /**
     * Per-phase wall-clock counters for profiling thread scaling ({@code -Dneuroracle.cpu.phases=true}); a static
     * final flag, so the timing code is compiled away when off. Never asserted: wall time on a shared machine.
     */
    static final String PHASE_CLOCK = System.getProperty("neuroracle.cpu.phases", "");
    static final boolean PHASES = !PHASE_CLOCK.isEmpty();
    private static final boolean PHASE_CPU_CLOCK = PHASE_CLOCK.equals("cpu");
    private static final java.lang.management.ThreadMXBean THREAD_CLOCK = PHASE_CPU_CLOCK ? java.lang.management.ManagementFactory.getThreadMXBean() : null;
    /** With PHASES: per step and thread, the emit and propagate nanoseconds of the last LOG_STEPS threaded steps. */
    static final int LOG_STEPS = 1 << 16;
    private final long[][] phaseLog;

    private static long clock() { return PHASE_CPU_CLOCK ? THREAD_CLOCK.getCurrentThreadCpuTime() : System.nanoTime(); }
    static final int PH_EMIT = 0, PH_WAIT = 1, PH_PROPAGATE = 2, PH_SAMPLE = 3, PH_COUNT = 4;
    private final long[][] phaseNanos;             // [thread][phase], padded
    private long parallelSteps, serialSteps;

    private record BgState(int index, int channel, int[] table, int weightFixed, float weight) {}

    CpuSimulation(Network network, int threads) { this(network, threads, null); }

    CpuSimulation(Network network, int threads, SpikeExchange exchange) { this(network, threads, exchange, new ThreadSchedule()); }

    /** With a given schedule (tests force switches between serial and threaded steps with one). */
    CpuSimulation(Network network, int threads, SpikeExchange exchange, ThreadSchedule schedule) {
        this.schedule = schedule;
        if (exchange != null && threads != 1) throw new IllegalArgumentException("a partitioned cpu simulation runs one partition per rank");
        this.network = network;
        this.threads = threads;
        this.exchange = exchange;
        this.fixed = network.mode() == NumericMode.FIXED;
        this.ringSlots = network.maxDelaySteps() + 1;
        List<Population> ps = network.populations();
        int np = ps.size();
        pops = new PopState[np];
        for (int p = 0; p < np; p++) pops[p] = createState(ps.get(p), p);
        lo = new int[threads][np];
        hi = new int[threads][np];
        for (int k = 0; k < threads; k++)
            for (int p = 0; p < np; p++) {
                long base = exchange == null ? 0 : exchange.ownedFrom(p), n = (exchange == null ? ps.get(p).size() : exchange.ownedTo(p)) - base;
                lo[k][p] = (int) (base + n * k / threads);
                hi[k][p] = (int) (base + n * (k + 1) / threads);
            }
        loAll = lo[0].clone();
        hiAll = hi[threads - 1].clone();
        projections = new ProjState[network.projections().size()];
        for (int j = 0; j < projections.length; j++) projections[j] = compileProjection(network.projections().get(j));
        backgroundByPop = new BgState[np][];
        List<List<BgState>> bg = new ArrayList<>();
        for (int p = 0; p < np; p++) bg.add(new ArrayList<>());
        for (int b = 0; b < network.backgroundInputs().size(); b++) {
            BackgroundInput in = network.backgroundInputs().get(b);
            bg.get(in.population()).add(new BgState(b, in.channel(), PoissonTable.cdfThresholds(in.rateHz() * network.dtMs() / 1000.0), in.weightFixed(), in.weight()));
        }
        for (int p = 0; p < np; p++) backgroundByPop[p] = bg.get(p).toArray(new BgState[0]);
        currentByPop = new CurrentInput[np][];
        for (int p = 0; p < np; p++) {
            final int pp = p;
            currentByPop[p] = network.currentInputs().stream().filter(c -> c.population() == pp).toArray(CurrentInput[]::new);
        }
        recorded = new boolean[np];
        for (int p = 0; p < np; p++) recorded[p] = network.records(p);
        int minDelay = MAX_BATCH_STEPS;
        for (Projection pr : network.projections()) for (int d : pr.delaySteps()) minDelay = Math.min(minDelay, d);
        // State probes sample every step between Propagate and the next Emit, so they need steps one by one.
        batchSteps = network.stateProbes().isEmpty() ? Math.max(1, minDelay) : 1;
        spikeLists = new IntList[2 * batchSteps][np][threads];
        for (int par = 0; par < spikeLists.length; par++)
            for (int p = 0; p < np; p++)
                for (int k = 0; k < threads; k++) spikeLists[par][p][k] = new IntList(64);
        recSteps = new IntList[threads];
        recPops = new IntList[threads];
        recNeurons = new IntList[threads];
        for (int k = 0; k < threads; k++) { recSteps[k] = new IntList(4096); recPops[k] = new IntList(4096); recNeurons[k] = new IntList(4096); }
        spikeCounts = new long[threads][np + PAD_LONGS];
        synOps = new long[threads][np + PAD_LONGS];
        updates = new long[threads][np + PAD_LONGS];
        int maxCh = 1;
        for (Population p : ps) maxCh = Math.max(maxCh, p.model().channels());
        extraFixed = new int[threads][maxCh + 2 * PAD_LONGS];
        phaseNanos = new long[threads][PH_COUNT + PAD_LONGS];
        int maxPre = 0;
        for (Population p : ps) maxPre = Math.max(maxPre, p.size());
        rowBounds = new int[threads][2 * maxPre + 2 * PAD_LONGS];
        phaseLog = PHASES ? new long[threads][2 * LOG_STEPS] : null;
        recorder = new StateRecorder(network);
        reader = (p, variable) -> pops[p].read(variable);
        injections = new InjectionQueue(network);
        batch = exchange == null ? null : new SpikeBatch(np, exchange.intervalSteps());
        barrier = new SpinBarrier(threads);
        workers = new Worker[threads - 1];
        for (int k = 1; k < threads; k++) {
            workers[k - 1] = new Worker(k);
            workers[k - 1].start();
        }
    }

    private PopState createState(Population p, int index) {
        double dt = network.dtMs();
        return switch (p.model()) {
            case CubaLifFixed m -> new FixedLifState(p, index, ringSlots);
            case Lif m -> new LifState(p, index, ringSlots, dt);
            case Alif m -> new AlifState(p, index, ringSlots, dt);
            case Izhikevich m -> new IzhikevichState(p, index, ringSlots, dt);
            default -> new SourceState(p, index, ringSlots, network.seed(), dt);
        };
    }

    private ProjState compileProjection(Projection pr) {
        int[] wf = null;
        if (pr.isFixed()) {
            wf = new int[pr.synapseCount()];
            for (int k = 0; k < wf.length; k++) wf[k] = pr.effectiveWeight(k);
        }
        int[] splits = null;
        if (threads > 1 || exchange != null) {
            // For each row and thread, the first synapse whose target that thread owns (targets are sorted).
            int rows = pr.preSize();
            splits = new int[rows * (threads + 1)];
            for (int r = 0; r < rows; r++) {
                int s = pr.rowPtr()[r], e = pr.rowPtr()[r + 1];
                for (int k = 0; k <= threads; k++) {
                    int bound = k == threads ? hi[threads - 1][pr.post()] : lo[k][pr.post()];
                    int a = s, b = e;
                    while (a < b) { int m = (a + b) >>> 1; if (pr.targets()[m] < bound) a = m + 1; else b = m; }
                    splits[r * (threads + 1) + k] = a;
                }
            }
        }
        int[] dl = pr.delaySteps();
        int delay = dl.length == 0 ? 0 : dl[0];
        for (int d : dl) if (d != delay) { delay = 0; break; }
        boolean sameWeight = true;
        if (wf != null) { for (int w : wf) if (w != wf[0]) { sameWeight = false; break; } }
        else { float[] w = pr.weights(); for (float x : w) if (Float.floatToRawIntBits(x) != Float.floatToRawIntBits(w[0])) { sameWeight = false; break; } }
        PopState post = pops[pr.post()];
        return new ProjState(pr, pr.pre(), pr.post(), pr.rowPtr(), pr.targets(), dl, wf, pr.weights(),
                wf != null ? post.fixedRing(pr.channel()) : null, wf != null ? null : post.floatRing(pr.channel()),
                delay, sameWeight && pr.synapseCount() > 0, interleave(pr, delay > 0 && (wf != null || sameWeight)), splits);
    }

    /**
     * Whether Propagate walks pr's rows two at a time ({@link #addRowsInterleaved}): only where additions may come in
     * any order, and where a thread's part of a row is long enough (Brunel: ~500 of ~1,000 targets) for the row's
     * start to matter; COBA's rows of ~80 gain nothing and pay the bounds pass.
     */
    private boolean interleave(Projection pr, boolean anyOrder) {
        return anyOrder && pr.synapseCount() / Math.max(1, pr.preSize()) / threads >= MIN_INTERLEAVED_ROW_PART;
    }

    /** Shortest average row part (synapses per row and thread) that Propagate interleaves. */
    static final int MIN_INTERLEAVED_ROW_PART = 64;

    @Override public Network network() { return network; }

    @Override public long currentStep() { return step; }

    @Override public void run(int steps) {
        if (closed) throw new IllegalStateException("simulation is closed");
        long from = step, to = Simulation.endOfRun(step, steps);
        if (steps == 0) return;
        if (batch != null) batch.begin((int) from);
        if (threads == 1) {
            serial(from, to);
            serialSteps += to - from;
        } else {
            for (long t = from; t < to; ) {
                int n = schedule.chunk(to - t);
                long t0 = System.nanoTime();
                if (schedule.parallel()) { parallel(t, t + n); parallelSteps += n; }
                else { serial(t, t + n); serialSteps += n; }
                schedule.ran(n, System.nanoTime() - t0);
                t += n;
            }
        }
        step = to;
    }

    /** Steps [from, to) with every partition on its own thread (the caller runs partition 0). */
    private void parallel(long from, long to) {
        useWholeRanges(false);
        runFrom = from;
        runTo = to;
        runEpoch++;
        for (Worker w : workers) LockSupport.unpark(w);
        boolean sense = loop(0, from, to, mainSense);
        mainSense = barrier.await(sense); // everyone has finished the last Propagate
    }

    /**
     * Steps [from, to) on the caller's thread, with every population's owned range as one partition: the cells of
     * all partitions receive the same additions in the same order as partition by partition (spike lists stay
     * ascending), without the per-partition overhead (measured: 2 partitions run serially cost ~20% more on COBA).
     */
    private void serial(long from, long to) {
        useWholeRanges(true);
        final long[] ph = phaseNanos[0];
        for (long tl = from; tl < to; tl++) {
            final int t = (int) tl, slot = t % ringSlots, parity = t % spikeLists.length;
            long c0 = PHASES ? clock() : 0;
            emitRange(0, loAll, hiAll, t, slot, parity);
            for (int k = 1; k < threads; k++) for (int p = 0; p < pops.length; p++) spikeLists[parity][p][k].clear();
            long c1 = PHASES ? clock() : 0;
            // Spikes of other processes (MPI ranks) for step t join the spike lists here, before any Propagate.
            if (exchange != null) exchangeStep(t, parity, to);
            else propagateRange(0, threads, t, slot, parity);
            long c2 = PHASES ? clock() : 0;
            if (!recorder.isEmpty()) recorder.sample(t, reader); // reads neuron state only, which Propagate never writes
            if (PHASES) { ph[PH_EMIT] += c1 - c0; ph[PH_PROPAGATE] += c2 - c1; ph[PH_SAMPLE] += clock() - c2; }
        }
    }

    /** Tells the populations when the neuron ranges switch between whole populations and per-thread slices. */
    private void useWholeRanges(boolean whole) {
        if (threads == 1 || whole == wholeRanges) return;
        wholeRanges = whole;
        for (PopState ps : pops) ps.rangesChanged();
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
        final long[] ph = phaseNanos[k];
        final int B = batchSteps, L = spikeLists.length;
        for (long bl = from; bl < to; bl += B) {
            final long el = Math.min(to, bl + B);
            long c0 = PHASES ? clock() : 0;
            for (long tl = bl; tl < el; tl++) { final int t = (int) tl; emit(k, t, t % ringSlots, t % L); }
            long c1 = PHASES ? clock() : 0;
            // Spikes of other processes (MPI ranks) for these steps join the spike lists here, before the barrier.
            sense = barrier.await(sense);
            long c2 = PHASES ? clock() : 0;
            for (long tl = bl; tl < el; tl++) { final int t = (int) tl; propagate(k, t, t % ringSlots, t % L); }
            long c3 = PHASES ? clock() : 0;
            if (!recorder.isEmpty()) recorder.sample((int) bl, reader); // batchSteps is 1 with state probes
            if (PHASES) {
                ph[PH_EMIT] += c1 - c0; ph[PH_WAIT] += c2 - c1; ph[PH_PROPAGATE] += c3 - c2; ph[PH_SAMPLE] += clock() - c3;
                for (long tl = bl; tl < el; tl++) { // the batch's times on its first step, zero on the others
                    final int at = 2 * ((int) tl & (LOG_STEPS - 1));
                    phaseLog[k][at] = tl == bl ? c1 - c0 : 0;
                    phaseLog[k][at + 1] = tl == bl ? c3 - c2 : 0;
                }
            }
        }
        return sense;
    }

    /** Deliver, Update and Emit of step t for partition k (its range of every population). */
    private void emit(int k, int t, int slot, int parity) { emitRange(k, lo[k], hi[k], t, slot, parity); }

    /** Deliver, Update and Emit of step t for neurons [lo[p], hi[p]) of every population p, as partition k. */
    private void emitRange(int k, int[] lo, int[] hi, int t, int slot, int parity) {
        final int np = pops.length;
        final int[] extra = extraFixed[k];
        for (int p = 0; p < np; p++) {
            PopState ps = pops[p];
            IntList out = spikeLists[parity][p][k];
            out.clear();
            int a = lo[p], b = hi[p];
            if (a == b) continue;
            for (BgState bg : backgroundByPop[p])
                ps.addBackground(slot, a, b, bg.channel, network.seed(), Streams.BACKGROUND + bg.index, t, bg.table, bg.weightFixed, bg.weight);
            float drive = 0f;
            Arrays.fill(extra, 0, extra.length - 2 * PAD_LONGS, 0);
            for (CurrentInput c : currentByPop[p])
                if (c.activeAt(t)) {
                    if (fixed) extra[c.channel()] += (int) c.amplitude();
                    else drive += (float) c.amplitude();
                }
            updates[k][p] += ps.step(t, slot, a, b, extra, drive, out);
            int n = out.size;
            spikeCounts[k][p] += n;
            if (recorded[p] && n > 0) {
                IntList rs = recSteps[k], rp = recPops[k], rn = recNeurons[k];
                for (int s = 0; s < n; s++) { rs.add(t); rp.add(p); rn.add(out.a[s]); }
            }
        }
    }

    private void propagate(int k, int t, int slot, int parity) { propagateRange(k, k + 1, t, slot, parity); }

    /** Propagate of step t into the targets of partitions [ka, kb), counted as partition ka's. */
    private void propagateRange(int ka, int kb, int t, int slot, int parity) {
        final int T = threads, D = ringSlots;
        for (ProjState pj : projections) {
            IntList[] lists = spikeLists[parity][pj.pre];
            long ops = 0;
            if (pj.anyOrder) ops = addRowsInterleaved(pj, lists, ka, kb, slot, rowBounds[ka]);
            else
                for (int th = 0; th < T; th++) {
                    IntList l = lists[th];
                    for (int s = 0; s < l.size; s++) ops += addRow(pj, l.a[s], ka, kb, slot, D);
                }
            synOps[ka][pj.pre] += ops + propagateInjected(pj, ka, kb, t, slot);
        }
    }

    /** Injected spikes of step t from pj's pre population, in canonical order; returns synapses touched. */
    private long propagateInjected(ProjState pj, int ka, int kb, int t, int slot) {
        long ops = 0;
        final long[] inj = injections.keys();
        for (int q = inj.length == 0 ? 0 : injections.first(t); q < inj.length && (int) (inj[q] >>> 32) == t; q++) {
            int pop = (int) ((inj[q] >>> 24) & 0xFF), neuron = (int) (inj[q] & 0xFFFFFF);
            if (pop == pj.pre) ops += addRow(pj, neuron, ka, kb, slot, ringSlots);
        }
        return ops;
    }

    /** Partitioned: add step t's own spikes to the batch; at the interval's (or run's) last step, exchange and propagate it. */
    private void exchangeStep(int t, int parity, long to) {
        batch.addStep();
        for (int p = 0; p < pops.length; p++) batch.add(p, spikeLists[parity][p][0].a, spikeLists[parity][p][0].size);
        if (batch.steps() < exchange.intervalSteps() && t + 1 < to) return;
        SpikeBatch all = exchange.exchange(batch);
        for (int s = 0; s < all.steps(); s++) {
            int ts = all.firstStep() + s, slot = ts % ringSlots;
            for (ProjState pj : projections) {
                long ops = 0;
                for (int q = all.start(s, pj.pre), e = all.end(s, pj.pre); q < e; q++) ops += addRow(pj, all.neurons()[q], 0, 1, slot, ringSlots);
                synOps[0][pj.pre] += ops + propagateInjected(pj, 0, 1, ts, slot);
            }
        }
        batch.begin(t + 1);
    }

    /**
     * Propagate of one step's spikes (all threads' lists) through a projection whose additions may come in any
     * order ({@code anyOrder}: one target slot, and either one float weight, so that every addition into a cell
     * is the same {@code r = r + w0} and only their number matters, or wrapping integer sums). Rows are walked two
     * at a time, interleaved: a row part is a few KB of targets read from memory, and with half rows per thread
     * the row's start (bounds lookup, first cache lines) dominated; two independent streams keep twice the
     * loads in flight. First every spike's bounds, so those scattered lookups overlap too. Returns synapses.
     */
    private long addRowsInterleaved(ProjState pj, IntList[] lists, int ka, int kb, int slot, int[] bounds) {
        int n = 0;
        final int T1 = threads + 1;
        final int[] split = pj.splits, rowPtr = pj.rowPtr;
        for (IntList l : lists) {
            final int[] a = l.a;
            for (int s = 0, e = l.size; s < e; s++) {
                final int row = a[s];
                final int from = split == null ? rowPtr[row] : split[row * T1 + ka];
                final int to = split == null ? rowPtr[row + 1] : split[row * T1 + kb];
                bounds[n] = from;
                bounds[n + 1] = to;
                n += from < to ? 2 : 0;
            }
        }
        if (n == 0) return 0;
        int sl = slot + pj.delay;
        if (sl >= ringSlots) sl -= ringSlots;
        final int[] tg = pj.targets;
        long ops = 0;
        for (int q = 0; q < n; q += 2) ops += bounds[q + 1] - bounds[q];
        int q = 0;
        if (pj.ringFixed != null) {
            final int[] r = pj.ringFixed[sl], w = pj.weightsFixed;
            for (; q + 3 < n; q += 4) {
                final int fa = bounds[q], fb = bounds[q + 2], m = Math.min(bounds[q + 1] - fa, bounds[q + 3] - fb);
                for (int i = 0; i < m; i++) { r[tg[fa + i]] += w[fa + i]; r[tg[fb + i]] += w[fb + i]; }
                for (int s = fa + m, e = bounds[q + 1]; s < e; s++) r[tg[s]] += w[s];
                for (int s = fb + m, e = bounds[q + 3]; s < e; s++) r[tg[s]] += w[s];
            }
            for (; q < n; q += 2) for (int s = bounds[q], e = bounds[q + 1]; s < e; s++) r[tg[s]] += w[s];
        } else {
            final float[] r = pj.ringFloat[sl];
            final float w0 = pj.weightsFloat[0];
            for (; q + 3 < n; q += 4) {
                final int fa = bounds[q], fb = bounds[q + 2], m = Math.min(bounds[q + 1] - fa, bounds[q + 3] - fb);
                for (int i = 0; i < m; i++) { r[tg[fa + i]] += w0; r[tg[fb + i]] += w0; }
                for (int s = fa + m, e = bounds[q + 1]; s < e; s++) r[tg[s]] += w0;
                for (int s = fb + m, e = bounds[q + 3]; s < e; s++) r[tg[s]] += w0;
            }
            for (; q < n; q += 2) for (int s = bounds[q], e = bounds[q + 1]; s < e; s++) r[tg[s]] += w0;
        }
        return ops;
    }

    /** Add one spike's synapses (the part owned by partitions [ka, kb)) into the post rings; returns synapses touched. */
    private int addRow(ProjState pj, int row, int ka, int kb, int slot, int D) {
        int from, to;
        if (pj.splits == null) { from = pj.rowPtr[row]; to = pj.rowPtr[row + 1]; }
        else { int base = row * (threads + 1); from = pj.splits[base + ka]; to = pj.splits[base + kb]; }
        if (from == to) return 0;
        final int[] tg = pj.targets, dl = pj.delays;
        if (pj.ringFixed != null) {
            final int[][] ring = pj.ringFixed;
            final int[] w = pj.weightsFixed;
            if (pj.delay > 0) {
                int sl = slot + pj.delay;
                if (sl >= D) sl -= D;
                final int[] r = ring[sl];
                if (pj.sameWeight) { final int w0 = w[0]; for (int s = from; s < to; s++) r[tg[s]] += w0; }
                else for (int s = from; s < to; s++) r[tg[s]] += w[s];
            } else {
                for (int s = from; s < to; s++) {
                    int sl = slot + dl[s];
                    if (sl >= D) sl -= D;
                    ring[sl][tg[s]] += w[s];
                }
            }
        } else {
            final float[][] ring = pj.ringFloat;
            final float[] w = pj.weightsFloat;
            if (pj.delay > 0) {
                int sl = slot + pj.delay;
                if (sl >= D) sl -= D;
                final float[] r = ring[sl];
                if (pj.sameWeight) { final float w0 = w[0]; for (int s = from; s < to; s++) r[tg[s]] += w0; }
                else for (int s = from; s < to; s++) r[tg[s]] += w[s];
            } else {
                for (int s = from; s < to; s++) {
                    int sl = slot + dl[s];
                    if (sl >= D) sl -= D;
                    ring[sl][tg[s]] += w[s];
                }
            }
        }
        return to - from;
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

    /** Wall nanoseconds per phase ({@link #PH_EMIT} ..) of thread k; zero unless {@link #PHASES}. For profiling. */
    long[] phaseNanos(int k) { return Arrays.copyOf(phaseNanos[k], PH_COUNT); }

    /** With PHASES: emit and propagate nanoseconds of threaded step t on thread k (kept for the last LOG_STEPS steps). */
    long[] phaseLog(int k, int t) { final int at = 2 * (t & (LOG_STEPS - 1)); return new long[]{phaseLog[k][at], phaseLog[k][at + 1]}; }

    /** Steps run with the partitions on their own threads, and on the caller's thread. For profiling and tests. */
    long parallelSteps() { return parallelSteps; }
    long serialSteps() { return serialSteps; }

    @Override public void inject(int population, int neuron, int atStep) {
        inject(population, new int[]{neuron}, new int[]{atStep});
    }

    @Override public void inject(int population, int[] neurons, int[] steps) {
        injections.add(population, neurons, steps, step);
    }

    @Override public SpikeRaster spikes() {
        int total = 0;
        for (int k = 0; k < threads; k++) total += recSteps[k].size;
        int[] s = new int[total], p = new int[total], n = new int[total];
        int o = 0;
        for (int k = 0; k < threads; k++) {
            int m = recSteps[k].size;
            System.arraycopy(recSteps[k].a, 0, s, o, m);
            System.arraycopy(recPops[k].a, 0, p, o, m);
            System.arraycopy(recNeurons[k].a, 0, n, o, m);
            o += m;
        }
        return SpikeRaster.probed(network, s, p, n, total);
    }

    @Override public boolean canDrainSpikes() { return true; }

    @Override public SpikeRaster drainSpikes() {
        SpikeRaster r = spikes();
        for (int k = 0; k < threads; k++) { recSteps[k].clear(); recPops[k].clear(); recNeurons[k].clear(); }
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
            for (int p = 0; p < np; p++) { sp[p] += spikeCounts[k][p]; so[p] += synOps[k][p]; up[p] += updates[k][p]; }
        return new Counters(step, sp, so, up);
    }

    @Override public void reset() {
        for (PopState p : pops) p.reset();
        for (int k = 0; k < threads; k++) {
            recSteps[k].clear(); recPops[k].clear(); recNeurons[k].clear();
            Arrays.fill(spikeCounts[k], 0); Arrays.fill(synOps[k], 0); Arrays.fill(updates[k], 0);
        }
        recorder.clear();
        injections.clear();
        step = 0;
    }

    @Override public void close() {
        if (closed) return;
        closed = true;
        for (Worker w : workers) LockSupport.unpark(w);
        if (PHASES) System.err.print(phaseSummary());
    }

    /** The per-phase profile ({@code -Dneuroracle.cpu.phases=wall|cpu}), printed on close: microseconds per step. */
    String phaseSummary() {
        long steps = Math.max(1, parallelSteps + serialSteps);
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT,
                "cpu phases (%s clock, us per step of the run): %d threaded steps, %d serial, batch %d steps%n", PHASE_CLOCK, parallelSteps, serialSteps, batchSteps));
        for (int k = 0; k < threads; k++) {
            long[] ph = phaseNanos[k];
            sb.append(String.format(java.util.Locale.ROOT, "  partition %d: emit %.2f  wait %.2f  propagate %.2f  sample %.2f%n", k,
                    ph[PH_EMIT] / 1e3 / steps, ph[PH_WAIT] / 1e3 / steps, ph[PH_PROPAGATE] / 1e3 / steps, ph[PH_SAMPLE] / 1e3 / steps));
        }
        return sb.toString();
    }
}
