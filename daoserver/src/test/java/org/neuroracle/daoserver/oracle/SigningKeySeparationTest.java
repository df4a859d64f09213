package org.neuroracle.daoserver.oracle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.daoserver.NodeKey;
import org.neuroracle.daoserver.ServerConfig;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The HTTP service and an oracle node never sign with one key: each refuses the other's, in one line. */
class SigningKeySeparationTest {
    @TempDir Path dir;

    ServerConfig service() { return ServerConfig.defaults().withDataDir(dir.resolve("data")); }

    @Test void nodeRefusesTheServiceKeystoreByFileAndByAddress() throws Exception {
        NodeKey serviceKey = NodeKey.loadOrCreate(dir.resolve("data"), "pw");
        Path file = serviceKey.file();
        Credentials same = NodeKeys.load(file, "PW", null, Map.of("PW", "pw"));

        var byFile = assertThrows(IllegalArgumentException.class,
                () -> SigningKeySeparation.checkNodeKey(same.getAddress(), "--keystore " + file, file, service()));
        assertEquals("key: the oracle node key " + serviceKey.address() + " (--keystore " + file + ") is the HTTP service's signing key ("
                + file + ", " + serviceKey.address() + "); give the node a key of its own", byFile.getMessage());

        // The same key through the environment: caught by its address.
        String hex = same.getEcKeyPair().getPrivateKey().toString(16);
        Credentials fromEnv = NodeKeys.load(null, null, "NODE_KEY", Map.of("NODE_KEY", "0x" + "0".repeat(64 - hex.length()) + hex));
        var byAddress = assertThrows(IllegalArgumentException.class,
                () -> SigningKeySeparation.checkNodeKey(fromEnv.getAddress(), "--private-key-env NODE_KEY", null, service()));
        assertEquals(true, byAddress.getMessage().contains("(--private-key-env NODE_KEY) is the HTTP service's signing key (" + file),
                byAddress.getMessage());
        assertEquals(1, byAddress.getMessage().lines().count(), "one line");

        // A key of its own passes, and so does any key when the service has no keystore yet.
        Credentials other = Credentials.create(Keys.createEcKeyPair());
        SigningKeySeparation.checkNodeKey(other.getAddress(), "--private-key-env OTHER", null, service());
        SigningKeySeparation.checkNodeKey(same.getAddress(), "--private-key-env NODE_KEY", null,
                ServerConfig.defaults().withDataDir(dir.resolve("elsewhere")));
    }

    @Test void serviceRefusesToStartWithTheKeyOfAnOracleNodeInItsDataDirectory() throws Exception {
        NodeKey serviceKey = NodeKey.loadOrCreate(dir.resolve("data"), "pw");
        Path db = dir.resolve("data").resolve(SigningKeySeparation.NODE_DATABASE);
        // A node that signs with another key: fine.
        try (OracleStore s = new OracleStore(db, "31337:0x00000000000000000000000000000000000000aa:0x00000000000000000000000000000000000000bb")) {
            s.recordScan(5, "0x" + "11".repeat(32), List.of(), Map.of());
        }
        SigningKeySeparation.checkServiceKey(service());
        // A node that scanned with the service's own key: refused.
        try (OracleStore s = new OracleStore(db, "31337:0x00000000000000000000000000000000000000aa:" + serviceKey.address())) {
            s.recordScan(5, "0x" + "11".repeat(32), List.of(), Map.of());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> SigningKeySeparation.checkServiceKey(service()));
        assertEquals("key: the HTTP service's signing key " + serviceKey.address() + " (" + serviceKey.file()
                + ") is the key of the oracle node in " + db + " (" + serviceKey.address() + "); give the service a key of its own", e.getMessage());
    }
}
