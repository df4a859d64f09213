package org.neuroracle.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void tinyBenchPrintsTheSpeedTableAndWritesOutputs(@TempDir Path out) {
        Run r = run("bench", "microcircuit", "--scale", "0.01", "--bio-seconds", "0.2", "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| microcircuit | cpu |"), r.out());
        assertTrue(r.err().contains("bench: [microcircuit cpu seed 1] done"), r.err());
        assertTrue(Files.exists(out.resolve("results.json")) && Files.exists(out.resolve("report.md")) && Files.exists(out.resolve("speed.png")));
    }

    @Test
    void badInputIsOneReadableLine() {
        Run unknown = run("bench", "nosuch", "--out", "x");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().startsWith("neuroracle: unknown network 'nosuch'"), unknown.err());
        Run compare = run("bench", "coba", "--compare", "nest", "--out", "x");
        assertEquals(1, compare.code());
        assertTrue(compare.err().startsWith("neuroracle: --compare: 'nest' is not supported"), compare.err());
        Run noOut = run("bench", "coba");
        assertEquals(1, noOut.code());
        assertTrue(noOut.err().startsWith("neuroracle: --out"), noOut.err());
    }
}
