package org.neuroracle.distributed;

import org.neuroracle.distributed.mpi.Mpi;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Network;

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
     * This rank's part of {@code network} on {@code backend} (which must support {@link Backend#compilePartition});
     * every rank builds the same network from the same seed and keeps its own neurons and their incoming synapses.
     */
    public DistributedSimulation compile(Backend backend, Network network, Options options) {
        RankPartition part = RankPartition.of(network, mpi.rank(), mpi.size());
        MpiSpikeExchange exchange = new MpiSpikeExchange(mpi, part, RankPartition.exchangeIntervalSteps(network), network.populations().size());
        Simulation local = backend.compilePartition(network, options, exchange);
        return new DistributedSimulation(mpi, local, part, exchange);
    }

    /**
     * Collective: one line (on rank 0; null elsewhere) with the ranks' run, exchange and compute seconds (max and
     * mean over ranks) and the exchange volume per rank.
     */
    public String summary(DistributedSimulation sim) {
        ExchangeStats s = sim.exchangeStats();
        double[] all = mpi.gatherv(new double[]{sim.runSeconds(), s.seconds(), s.exchanges(), s.bytesSent(), s.bytesReceived(), s.spikesSent()});
        if (all == null) return null;
        int n = all.length / 6;
        double maxRun = 0, sumRun = 0, maxComm = 0, sumComm = 0, maxCompute = 0, sumCompute = 0, sent = 0, received = 0;
        for (int r = 0; r < n; r++) {
            double run = all[6 * r], comm = all[6 * r + 1], compute = run - comm;
            maxRun = Math.max(maxRun, run); sumRun += run;
            maxComm = Math.max(maxComm, comm); sumComm += comm;
            maxCompute = Math.max(maxCompute, compute); sumCompute += compute;
            sent += all[6 * r + 3]; received += all[6 * r + 4];
        }
        long exchanges = (long) all[2];
        return String.format(Locale.ROOT,
                "mpi: %d rank(s), contiguous ranges of every population; spikes exchanged every %d step(s) (%d exchanges); "
                        + "run %.3f s max (%.3f mean); exchange %.3f s max (%.3f mean); compute %.3f s max (%.3f mean); "
                        + "%.0f B sent and %.0f B received per rank per exchange (mean)",
                n, sim.exchangeIntervalSteps(), exchanges, maxRun, sumRun / n, maxComm, sumComm / n, maxCompute, sumCompute / n,
                exchanges == 0 ? 0 : sent / n / exchanges, exchanges == 0 ? 0 : received / n / exchanges);
    }

    /** MPI_Finalize (collective). */
    @Override public void close() { mpi.close(); }
}
