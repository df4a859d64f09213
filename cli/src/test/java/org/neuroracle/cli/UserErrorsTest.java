package org.neuroracle.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UserErrorsTest {
    private static String handle(String rank, Exception ex, int expectedExit) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(new PrintWriter(err, true));
        assertEquals(expectedExit, new UserErrors(rank).handleExecutionException(ex, cl, null));
        return err.toString().strip();
    }

    @Test void outsideMpirunTheErrorIsOneLine() {
        assertEquals("neuroracle: steps: must be positive", handle(null, new IllegalArgumentException("steps: must be positive"), 1));
    }

    @Test void underMpirunABadInputErrorIsPrintedByRankZeroOnly() {
        assertEquals("neuroracle: steps: must be positive", handle("0", new IllegalArgumentException("steps: must be positive"), 1));
        assertEquals("", handle("3", new IllegalArgumentException("steps: must be positive"), 1));
    }

    @Test void underMpirunAFailureOfOneRankNamesThatRank() {
        String line = handle("2", new UncheckedIOException(new java.io.IOException("disk full")), 1);
        assertEquals("neuroracle (rank 2): java.io.IOException: disk full", line);
    }

    /** The JDK's file-system exceptions carry only the path; the line says what went wrong with it. */
    @Test void fileSystemErrorsSayWhatIsWrongWithThePath() {
        assertEquals("neuroracle: /proc/x.csv: no such file or directory", handle(null, new java.nio.file.NoSuchFileException("/proc/x.csv"), 1));
        assertEquals("neuroracle: /etc/shadow: permission denied", handle(null, new UncheckedIOException(new java.nio.file.AccessDeniedException("/etc/shadow")), 1));
        assertEquals("neuroracle: /tmp/d: a directory that is not empty", handle(null, new java.nio.file.DirectoryNotEmptyException("/tmp/d"), 1));
        assertEquals("neuroracle: /tmp/f: Read-only file system", handle(null, new java.nio.file.FileSystemException("/tmp/f", null, "Read-only file system"), 1));
        assertEquals("neuroracle: the input is not UTF-8 text (MalformedInputException: Input length = 1)",
                handle(null, new UncheckedIOException(new java.nio.charset.MalformedInputException(1)), 1));
    }

    /** 100,000 nested arrays overflowed the JSON reader's stack (a stack trace); now the reader stops at its depth limit. */
    @Test void aDeeplyNestedNetworkFileIsOneLine() throws Exception {
        java.nio.file.Path deep = java.nio.file.Files.createTempFile("deep", ".json");
        java.nio.file.Files.writeString(deep, "[".repeat(100_000));
        CliRun r = CliRun.of("simulate", "--network", deep.toString(), "--steps", "1");
        assertEquals(1, r.exitCode());
        assertEquals("neuroracle: " + deep + " line 1: nested deeper than 256 objects and arrays", r.err().strip());
    }
}
