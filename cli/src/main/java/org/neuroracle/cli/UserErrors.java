package org.neuroracle.cli;

import picocli.CommandLine;

/**
 * Turns any exception from a command into one readable line on stderr and a non-zero exit, never a stack trace
 * (set NEURORACLE_DEBUG=1 to see it). Exit 1: the input or environment is wrong; exit 3: an internal error.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {
    @Override public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean debug = "1".equals(System.getenv("NEURORACLE_DEBUG"));
        if (debug) ex.printStackTrace(cl.getErr());
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage().strip();
        msg = msg.replace('\n', ' ');
        boolean internal = ex instanceof NullPointerException || ex instanceof IllegalStateException
                || ex instanceof ArrayIndexOutOfBoundsException || ex instanceof ClassCastException;
        cl.getErr().println("neuroracle: " + (internal ? "internal error: " + ex.getClass().getSimpleName() + ": " : "") + msg
                + (internal && !debug ? " (NEURORACLE_DEBUG=1 shows the stack trace)" : ""));
        return internal ? 3 : 1;
    }
}
