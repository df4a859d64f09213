package org.neuroracle.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServeCommandTest {
    @Test void badPortIsRejectedBeforeStartNamingTheField() {
        CliRun r = CliRun.of("serve", "--port", "70000");
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("neuroracle: config field port (from --port): must be in 0..65535, got 70000", r.err().strip());
    }

    @Test void badConfigFileIsRejectedNamingFileAndField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("node.yaml");
        Files.writeString(f, "maxVotes: -3\n");
        CliRun r = CliRun.of("serve", "--config", f.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("config field maxVotes (from " + f + "): must be in 1..1000000, got -3"), r.err());
    }

    @Test void helpDocumentsTheConfiguration() {
        CliRun r = CliRun.of("serve", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("NEURORACLE_KEYSTORE_PASSWORD") && r.out().contains("--config"), r.out());
    }
}
