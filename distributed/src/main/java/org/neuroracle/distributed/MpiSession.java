package org.neuroracle.distributed;

import org.neuroracle.distributed.mpi.Mpi;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NetworkBuilder;

import java.util.Locale;

/**
 * A process's membership of an mpirun job: MPI initialised on open, finalised on close. Compiles this rank's part of
 * a network and summarises, on rank 0, how the ranks spent their time.
 */
public final class MpiSession implements AutoCloseable {
    private final Mpi mpi;

    private MpiSession(Mpi mpi) { this.mpi = mpi; }

    /** The session when this process was started by mpirun, else null (a plain run stays one process and never loads libmpi). */
    public static MpiSession ifLaunchedByMpirun() {
        return Mpi.launchedByMpirun() ? new MpiSession(Mpi.init()) : null;
    }

    /** Join the job (MPI_Init) regardless of how the process was started; a singleton run is one rank. */
    public static MpiSession open() { return new MpiSession(Mpi.init()); }

    public int rank() { return mpi.rank(); }

    public int ranks() { return mpi.size(); }

    public boolean isRoot() { return mpi.isRoot(); }

    public Mpi mpi() { return mpi; }

    /**
     * Runs a network loader (a built-in, a file, the microcircuit) so that it builds only this rank's part: the
     * synapses onto this rank's targets, with the weights and delays they have in the whole network (see
     * {@link NetworkBuilder#PART}). Every rank loads from the same seed; nothing is communicated.
     */
    public <T, X extends Throwable> T buildPart(ScopedValue.CallableOp<T, X> loader) throws X {
        return ScopedValue.where(NetworkBuilder.PART, new NetworkBuilder.Part(mpi.rank(), mpi.size())).call(loader);
    }

    /**
     * This rank's part of {@code network} on {@code backend} (which must support {@link Backend#compilePartition});
     * {@code network} is this rank's part ({@link #buildPart}) or the whole network (then each rank ignores the
     * synapses onto other ranks' targets). Collective.
     */
    public DistributedSimulation compile(Backend backend, Network network, Options options) {
        RankPartition part = RankPartition.of(network, mpi.rank(), mpi.size());
        // The exchange interval is the minimum delay of the whole network, which no single part may hold.
        int[] intervals = mpi.allgather(RankPartition.exchangeIntervalSteps(network));
        int interval = java.util.Arrays.stream(intervals).min().orElseThrow();
        MpiSpikeExchange exchange = new MpiSpikeExchange(mpi, part, interval, network.populations().size());
        Simulation local = backend.compilePartition(network, options, exchange);
        long[] synapses = mpi.gatherv(new long[]{network.synapseCount()});
        return new DistributedSimulation(mpi, local, part, exchange, synapses == null ? -1 : java.util.Arrays.stream(synapses).sum());
    }

    /**
     * Collective: one line (on rank 0; null elsewhere) with the ranks' run, exchange and compute seconds (max and
     * mean over ranks) and the exchange volume per rank.
     */
    public String summary(DistributedSimulation sim) {
        ExchangeStats s = sim.exchangeStats();
        final int k = 7;
        double[] all = mpi.gatherv(new double[]{sim.runSeconds(), s.seconds(), sim.runCpuSeconds(), s.cpuSeconds(), s.exchanges(), s.bytesSent(), s.bytesReceived()});
        if (all == null) return null;
        int n = all.length / k;
        double maxRun = 0, maxComm = 0, sumComm = 0, maxCommCpu = 0, maxCompute = 0, maxComputeCpu = 0, sumComputeCpu = 0, sent = 0, received = 0;
        for (int r = 0; r < n; r++) {
            double run = all[k * r], comm = all[k * r + 1], computeCpu = all[k * r + 2] - all[k * r + 3];
            maxRun = Math.max(maxRun, run);
            maxComm = Math.max(maxComm, comm); sumComm += comm;
            maxCommCpu = Math.max(maxCommCpu, all[k * r + 3]);
            maxCompute = Math.max(maxCompute, run - comm);
            maxComputeCpu = Math.max(maxComputeCpu, computeCpu); sumComputeCpu += computeCpu;
            sent += all[k * r + 5]; received += all[k * r + 6];
        }
        long exchanges = (long) all[4];
        return String.format(Locale.ROOT,
                "mpi: %d rank(s), contiguous ranges of every population; spikes exchanged every %d step(s) (%d exchanges); "
                        + "run %.3f s max; exchange %.3f s max (%.3f mean, CPU %.3f s max); compute %.3f s max; compute CPU %.3f s max (%.3f sum over ranks); "
                        + "%.0f B sent and %.0f B received per rank per exchange (mean)",
                n, sim.exchangeIntervalSteps(), exchanges, maxRun, maxComm, sumComm / n, maxCommCpu, maxCompute, maxComputeCpu, sumComputeCpu,
                exchanges == 0 ? 0 : sent / n / exchanges, exchanges == 0 ? 0 : received / n / exchanges);
    }

    /** MPI_Finalize (collective). */
    @Override public void close() { mpi.close(); }
}
