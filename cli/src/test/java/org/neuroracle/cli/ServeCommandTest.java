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

    /** The service refuses a signing key that an oracle node in its data directory uses (it would start and block otherwise). */
    @Test void serviceRefusesTheKeyOfAnOracleNodeInItsDataDirectory(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        var key = org.neuroracle.daoserver.NodeKey.loadOrCreate(data, org.neuroracle.daoserver.ServerConfig.DEFAULT_KEYSTORE_PASSWORD);
        try (var store = new org.neuroracle.daoserver.oracle.OracleStore(data.resolve("oracle.db"),
                "31337:0x00000000000000000000000000000000000000aa:" + key.address())) {
            store.recordScan(1, "0x" + "11".repeat(32), java.util.List.of(), java.util.Map.of());
        }
        CliRun r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(2),
                () -> CliRun.of("serve", "--port", "0", "--data-dir", data.toString()));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().strip().endsWith("key: the HTTP service's signing key " + key.address() + " (" + key.file()
                + ") is the key of the oracle node in " + data.resolve("oracle.db") + " (" + key.address() + "); give the service a key of its own"), r.err());
    }

    @Test void chainPollOutsideItsRangeIsRefusedBeforeStartNamingTheOption() {
        CliRun r = CliRun.of("serve", "--port", "0", "--chain-poll-seconds", "0");
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("neuroracle: --chain-poll-seconds: must be 1..3600, got 0", r.err().strip());
    }

    @Test void governorWithoutRpcIsRefusedInOneLine() {
        CliRun r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(2),
                () -> CliRun.of("serve", "--port", "0", "--governor", "0x" + "12".repeat(20)));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().strip().endsWith("neuroracle: governor: --governor needs --rpc URL"), r.err());
    }

    @Test void helpDocumentsTheConfiguration() {
        CliRun r = CliRun.of("serve", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("NEURORACLE_KEYSTORE_PASSWORD") && r.out().contains("--config"), r.out());
    }
}
