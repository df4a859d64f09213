package org.neuroracle.snn.backend;

/**
 * The backend cannot run one process's part of a partitioned (MPI) network. Every rank hits it alike, so callers
 * report it as a wrong choice of backend rather than a failure of one rank.
 */
public final class PartitionsUnsupportedException extends BackendException {
    public PartitionsUnsupportedException(String backend) {
        super("backend '" + backend + "' cannot run one rank of a distributed (mpirun) simulation; use --backend cpu, or run it in one process");
    }
}
