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
}
