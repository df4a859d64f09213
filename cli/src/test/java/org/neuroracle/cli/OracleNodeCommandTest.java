package org.neuroracle.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.daoserver.NodeKey;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OracleNodeCommandTest {
    /** The node refuses the HTTP service's signing keystore before it reaches the chain, in one line naming both. */
    @Test void nodeRefusesTheServiceSigningKeystore(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        NodeKey service = NodeKey.loadOrCreate(data, ""); // empty password: the node opens it without --password-env
        Path cfg = dir.resolve("service.json");
        Files.writeString(cfg, "{\"dataDir\": \"" + data + "\"}");
        CliRun r = CliRun.of("oracle", "node", "--rpc", "http://127.0.0.1:1", "--contract", "0x" + "11".repeat(20),
                "--keystore", service.file().toString(), "--service-config", cfg.toString(), "--db", dir.resolve("n.db").toString(), "--once");
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("neuroracle: key: the oracle node key " + service.address() + " (--keystore " + service.file()
                + ") is the HTTP service's signing key (" + service.file() + ", " + service.address() + "); give the node a key of its own",
                r.err().strip());
    }
}
