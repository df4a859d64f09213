package org.neuroracle.daoserver;

import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * The node's secp256k1 signing key, kept in a web3j (Ethereum V3) encrypted keystore file. Created on first start;
 * a later start with a wrong password fails naming the file rather than silently making a new identity.
 */
public final class NodeKey {
    /** File name under the data directory. */
    public static final String FILE_NAME = "node-keystore.json";

    private final ECKeyPair keyPair;
    private final String address;
    private final Path file;
    private final boolean created;

    private NodeKey(ECKeyPair keyPair, Path file, boolean created) {
        this.keyPair = keyPair;
        this.address = "0x" + Keys.getAddress(keyPair.getPublicKey());
        this.file = file;
        this.created = created;
    }

    /** Loads {@code dataDir/node-keystore.json}, creating it (and the directory) when absent. */
    public static NodeKey loadOrCreate(Path dataDir, String password) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(file)) {
                Credentials c = WalletUtils.loadCredentials(password, file.toFile());
                return new NodeKey(c.getEcKeyPair(), file, false);
            }
            ECKeyPair pair = Keys.createEcKeyPair();
            // "Light" scrypt (N = 4096): a start takes milliseconds; the file is still encrypted and MAC-checked.
            String name = WalletUtils.generateWalletFile(password, pair, dataDir.toFile(), false);
            Path generated = dataDir.resolve(name);
            try {
                Files.setPosixFilePermissions(generated, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // non-POSIX file system: permissions are the platform's
            }
            Files.move(generated, file, StandardCopyOption.ATOMIC_MOVE);
            return new NodeKey(pair, file, true);
        } catch (CipherException e) {
            throw new IllegalArgumentException(file + ": cannot decrypt the node keystore (" + e.getMessage()
                    + "); set keystorePassword / NEURORACLE_KEYSTORE_PASSWORD to the password it was created with", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    public ECKeyPair keyPair() { return keyPair; }
    /** Lower-case 0x address. */
    public String address() { return address; }
    public Path file() { return file; }
    /** Whether this start created the keystore. */
    public boolean created() { return created; }
}
