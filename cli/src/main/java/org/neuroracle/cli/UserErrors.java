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
        String msg = describe(ex).replace('\n', ' ');
        boolean internal = ex instanceof NullPointerException || ex instanceof IllegalStateException
                || ex instanceof ArrayIndexOutOfBoundsException || ex instanceof ClassCastException;
        cl.getErr().println("neuroracle" + (otherRank ? " (rank " + mpiRank + ")" : "") + ": " + (internal ? "internal error: " + ex.getClass().getSimpleName() + ": " : "") + msg
                + (internal && !debug ? " (NEURORACLE_DEBUG=1 shows the stack trace)" : ""));
        return internal ? 3 : 1;
    }

    /**
     * The message a user reads. The JDK's file-system exceptions carry only the path as their message
     * ("neuroracle: /proc/x.csv" said nothing about what went wrong), and a decoder's MalformedInputException only
     * "Input length = 1": both get their reason in words.
     */
    static String describe(Throwable ex) {
        Throwable t = ex instanceof java.io.UncheckedIOException u
                && (u.getCause() instanceof java.nio.file.FileSystemException || u.getCause() instanceof java.nio.charset.CharacterCodingException) ? u.getCause() : ex;
        if (t instanceof java.nio.file.FileSystemException f) {
            String what = switch (f) {
                case java.nio.file.NoSuchFileException n -> "no such file or directory";
                case java.nio.file.AccessDeniedException a -> "permission denied";
                case java.nio.file.FileAlreadyExistsException a -> "already exists";
                case java.nio.file.DirectoryNotEmptyException d -> "a directory that is not empty";
                case java.nio.file.NotDirectoryException d -> "not a directory";
                default -> f.getReason() != null ? f.getReason() : "cannot be used (" + f.getClass().getSimpleName() + ")";
            };
            String path = f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile());
            return path.isEmpty() ? what : path + ": " + what;
        }
        if (t instanceof java.nio.charset.CharacterCodingException)
            return "the input is not UTF-8 text (" + t.getClass().getSimpleName() + ": " + t.getMessage() + ")";
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
    }
}
