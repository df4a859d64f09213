package org.neuroracle.adapters;

import org.junit.jupiter.api.Test;
import org.neuroracle.hw.HardwareProfiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The conformance kit passes the emulator and catches deliberately bugged builds of the same C source. */
class BoardConformanceTest {
    /** Compile emulator.c with -DPLANTED_BUG=n into target/planted/. */
    static Path plantedBug(int bug) throws IOException, InterruptedException {
        Path out = Path.of("target/planted/libbug" + bug + ".so").toAbsolutePath();
        Files.createDirectories(out.getParent());
        Process p = new ProcessBuilder("cc", "-O2", "-std=c11", "-D_POSIX_C_SOURCE=200809L", "-shared", "-fPIC",
                "-DPLANTED_BUG=" + bug, "-Iboard-abi", "-o", out.toString(), "board-emulator/emulator.c")
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "cc failed: " + log);
        return out;
    }

    @Test void emulatorPassesEveryCheckAgainstLoihi2() {
        BoardConformance.Report r = BoardConformance.run(EmulatorLibrary.path(), HardwareProfiles.byName("loihi2"), null);
        assertTrue(r.passed(), r.format());
        assertTrue(r.checks().stream().anyMatch(c -> c.name().equals("over-capacity") && c.detail().contains("1000001 neurons")), r.format());
    }

    @Test void fanInLimitIsProbedWhenTheProfilePublishesOne() {
        BoardConformance.Report r = BoardConformance.run(EmulatorLibrary.path(), HardwareProfiles.byName("xylo-audio2"), null);
        BoardConformance.Check c = r.checks().stream().filter(x -> x.name().equals("over-capacity")).findFirst().orElseThrow();
        assertTrue(c.passed() && c.detail().contains("fan-in 64"), r.format());
    }

    @Test void roundingBugFailsTheDigestChecksAndSaysWhere() throws Exception {
        BoardConformance.Report r = BoardConformance.run(plantedBug(1), HardwareProfiles.byName("loihi2"), null);
        assertFalse(r.passed());
        BoardConformance.Check c = r.checks().stream().filter(x -> x.name().equals("digest cuba-fixed")).findFirst().orElseThrow();
        assertFalse(c.passed(), r.format());
        assertTrue(c.detail().contains("first differing spike") || c.detail().contains("state "), c.detail());
        assertTrue(r.format().contains("FAIL  digest cuba-fixed"), r.format());
        // Error handling is unaffected by this bug.
        assertTrue(r.checks().stream().filter(x -> x.name().startsWith("bad-config")).allMatch(BoardConformance.Check::passed), r.format());
    }

    @Test void ignoredCapacityFailsTheOverCapacityCheck() throws Exception {
        BoardConformance.Report r = BoardConformance.run(plantedBug(2), HardwareProfiles.byName("loihi2"), null);
        assertEquals(1, r.failures(), r.format());
        assertTrue(r.format().contains("FAIL  over-capacity"), r.format());
    }

    @Test void acceptingUnknownConfigFailsTheBadConfigCheck() throws Exception {
        BoardConformance.Report r = BoardConformance.run(plantedBug(3), HardwareProfiles.byName("loihi2"), null);
        assertFalse(r.passed());
        assertTrue(r.format().contains("FAIL  bad-config 'no_such_key=1'"), r.format());
    }
}
