package org.neuroracle.cli;

import picocli.CommandLine;

/**
 * Turns any exception from a command into one readable line on stderr and a non-zero exit, never a stack trace
 * (set NEURORACLE_DEBUG=1 to see it). Exit 1: the input or environment is wrong; exit 3: an internal error.
 * Under mpirun every rank runs the same command line, so a bad-input error is printed by rank 0 only (the other
 * ranks hit the same one); any other failure is printed by the rank it happened on, naming that rank.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {
    private final String mpiRank;

    UserErrors() { this(System.getenv("OMPI_COMM_WORLD_RANK")); }

    /** @param mpiRank this process's rank under mpirun, or null outside it */
    UserErrors(String mpiRank) { this.mpiRank = mpiRank; }

    /** Under mpirun, whether this is a rank other than 0 (which leaves bad-input errors to rank 0). */
    boolean otherRank() { return mpiRank != null && !mpiRank.equals("0"); }

    @Override public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean debug = "1".equals(System.getenv("NEURORACLE_DEBUG"));
        boolean otherRank = otherRank();
        if (otherRank && ex instanceof IllegalArgumentException && !debug) return 1;
        if (debug) ex.printStackTrace(cl.getErr());
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage().strip();
        msg = msg.replace('\n', ' ');
        boolean internal = ex instanceof NullPointerException || ex instanceof IllegalStateException
                || ex instanceof ArrayIndexOutOfBoundsException || ex instanceof ClassCastException;
        cl.getErr().println("neuroracle" + (otherRank ? " (rank " + mpiRank + ")" : "") + ": " + (internal ? "internal error: " + ex.getClass().getSimpleName() + ": " : "") + msg
                + (internal && !debug ? " (NEURORACLE_DEBUG=1 shows the stack trace)" : ""));
        return internal ? 3 : 1;
    }
}
