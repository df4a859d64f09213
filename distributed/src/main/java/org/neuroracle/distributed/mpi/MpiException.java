package org.neuroracle.distributed.mpi;

/** An MPI call failed, or the MPI library could not be loaded; the message carries MPI's own error string. */
public final class MpiException extends RuntimeException {
    public MpiException(String message) { super(message); }

    public MpiException(String message, Throwable cause) { super(message, cause); }
}
