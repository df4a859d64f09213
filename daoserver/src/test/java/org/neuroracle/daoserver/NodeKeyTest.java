package org.neuroracle.daoserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeKeyTest {
    @Test void createdOnFirstStartAndReloadedAfter(@TempDir Path dir) throws Exception {
        NodeKey first = NodeKey.loadOrCreate(dir.resolve("data"), "pw-1");
        assertTrue(first.created());
        assertTrue(Files.exists(dir.resolve("data").resolve(NodeKey.FILE_NAME)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file())));
        // The keystore is encrypted: the private key does not appear in the file.
        String text = Files.readString(first.file());
        assertFalse(text.contains(first.keyPair().getPrivateKey().toString(16)));
        assertTrue(text.contains("\"crypto\""));
        NodeKey again = NodeKey.loadOrCreate(dir.resolve("data"), "pw-1");
        assertFalse(again.created());
        assertEquals(first.address(), again.address());
    }

    @Test void wrongPasswordFailsNamingTheFileAndTheSetting(@TempDir Path dir) {
        NodeKey.loadOrCreate(dir, "right");
        var e = assertThrows(IllegalArgumentException.class, () -> NodeKey.loadOrCreate(dir, "wrong"));
        assertTrue(e.getMessage().startsWith(dir.resolve(NodeKey.FILE_NAME) + ": cannot decrypt the node keystore"), e.getMessage());
        assertTrue(e.getMessage().contains("NEURORACLE_KEYSTORE_PASSWORD"), e.getMessage());
    }
}
