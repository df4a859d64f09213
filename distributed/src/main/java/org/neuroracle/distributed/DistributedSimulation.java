package org.neuroracle.distributed;

import org.neuroracle.distributed.mpi.Mpi;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.backend.StateSamples;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.StateProbe;

/**
 * One rank's view of a network partitioned across MPI ranks. {@link #run} advances this rank's part (its
 * simulation exchanges spikes inside). The read methods are <b>collective</b> — every rank must call them, in the
 * same order — and gather on rank 0: there they return the whole network's raster, counters, state and samples,
 * exactly what one process would return; on the other ranks they return this rank's own part only (counters of
 * its neurons, raster of its neurons, state arrays valid in its own ranges).
 * {@link #inject} must be called identically on every rank (each rank propagates injected spikes into its own
 * targets, so no exchange is needed for them).
 */
public final class DistributedSimulation implements Simulation {
    private final Mpi mpi;
    private final Simulation local;
    private final RankPartition partition;
    private final MpiSpikeExchange exchange;
    private double runSeconds, runCpuSeconds;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private final long synapseCount;

    DistributedSimulation(Mpi mpi, Simulation local, RankPartition partition, MpiSpikeExchange exchange, long synapseCount) {
        this.synapseCount = synapseCount;
        this.mpi = mpi;
        this.local = local;
        this.partition = partition;
        this.exchange = exchange;
    }

    public RankPartition partition() { return partition; }

    /** Synapses of the whole network (summed over the ranks' parts) on rank 0; -1 on the other ranks. */
    public long synapseCount() { return synapseCount; }

    public int exchangeIntervalSteps() { return exchange.intervalSteps(); }

    /** This rank's exchange counters and its seconds in run() (compute = run - exchange). */
    public ExchangeStats exchangeStats() { return exchange.stats(); }

    /** Wall seconds in run() on this rank. */
    public double runSeconds() { return runSeconds; }

    /** CPU seconds of the running thread in run() on this rank (the step loop runs on the caller's thread). */
    public double runCpuSeconds() { return runCpuSeconds; }

    @Override public Network network() { return local.network(); }

    @Override public long currentStep() { return local.currentStep(); }

    /** Passed on: this rank's cpu backend picks its kernels for the whole run, as one process would. */
    @Override public void expectSteps(long steps) { local.expectSteps(steps); }

    @Override public void run(int steps) {
        double t0 = mpi.wtime();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        local.run(steps);
        runSeconds += mpi.wtime() - t0;
        runCpuSeconds += (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
    }

    @Override public void inject(int population, int neuron, int step) { local.inject(population, neuron, step); }

    @Override public void inject(int population, int[] neurons, int[] steps) { local.inject(population, neurons, steps); }

    @Override public SpikeRaster spikes() {
        SpikeRaster mine = local.spikes();
        int n = mine.size();
        int[] s = new int[n], p = new int[n], k = new int[n];
        for (int i = 0; i < n; i++) { s[i] = mine.step(i); p[i] = mine.population(i); k[i] = mine.neuron(i); }
        int[] gs = mpi.gatherv(s), gp = mpi.gatherv(p), gk = mpi.gatherv(k);
        if (!mpi.isRoot()) return mine;
        // Each rank's raster is already filtered by the spike probes; merging only needs the canonical sort.
        return SpikeRaster.sorted(gs, gp, gk, gs.length);
    }

    @Override public double[] state(int population, String variable) {
        double[] all = local.state(population, variable);
        int a = partition.from(population), b = partition.to(population);
        double[] mine = new double[b - a];
        System.arraycopy(all, a, mine, 0, b - a);
        double[] gathered = mpi.gatherv(mine);
        return mpi.isRoot() ? gathered : all;
    }

    @Override public StateSamples samples(int probeIndex) {
        StateSamples mine = local.samples(probeIndex);
        StateProbe probe = network().stateProbes().get(probeIndex);
        int size = network().populations().get(probe.population()).size();
        int[] neurons = probe.neurons();
        int width = neurons == null ? size : neurons.length;
        int rows = mine.steps().length;
        // Send the probed neurons this rank owns, row by row; rank 0 knows every rank's range and puts them back.
        int[] ownedCols = columnsOf(neurons, size, partition.rank(), partition.ranks(), probe.population());
        double[] send = new double[rows * ownedCols.length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < ownedCols.length; c++) send[r * ownedCols.length + c] = mine.values()[r][ownedCols[c]];
        double[] gathered = mpi.gatherv(send);
        if (!mpi.isRoot()) return mine;
        double[][] values = new double[rows][width];
        int o = 0;
        for (int rank = 0; rank < partition.ranks(); rank++) {
            int[] cols = columnsOf(neurons, size, rank, partition.ranks(), probe.population());
            for (int r = 0; r < rows; r++)
                for (int c : cols) values[r][c] = gathered[o++];
        }
        return new StateSamples(mine.steps(), values);
    }

    /** Indices into a probe's columns of the neurons that {@code rank} owns, in column order. */
    private int[] columnsOf(int[] neurons, int size, int rank, int ranks, int population) {
        int a = (int) ((long) size * rank / ranks), b = (int) ((long) size * (rank + 1) / ranks);
        if (neurons == null) {
            int[] cols = new int[b - a];
            for (int i = 0; i < cols.length; i++) cols[i] = a + i;
            return cols;
        }
        int n = 0;
        for (int x : neurons) if (x >= a && x < b) n++;
        int[] cols = new int[n];
        n = 0;
        for (int c = 0; c < neurons.length; c++) if (neurons[c] >= a && neurons[c] < b) cols[n++] = c;
        return cols;
    }

    @Override public Counters counters() {
        Counters c = local.counters();
        int np = c.spikes().length;
        long[] send = new long[3 * np];
        for (int p = 0; p < np; p++) { send[p] = c.spikes()[p]; send[np + p] = c.synapticOps()[p]; send[2 * np + p] = c.membraneUpdates()[p]; }
        long[] all = mpi.gatherv(send);
        if (!mpi.isRoot()) return c;
        long[] sp = new long[np], so = new long[np], up = new long[np];
        for (int r = 0; r < all.length / (3 * np); r++)
            for (int p = 0; p < np; p++) {
                int base = r * 3 * np;
                sp[p] += all[base + p]; so[p] += all[base + np + p]; up[p] += all[base + 2 * np + p];
            }
        return new Counters(c.steps(), sp, so, up);
    }

    @Override public void reset() {
        local.reset();
        exchange.resetStats();
        runSeconds = 0;
        runCpuSeconds = 0;
    }

    @Override public void close() { local.close(); }
}
