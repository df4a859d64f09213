package org.neuroracle.daoserver.oracle;

import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a node's secp256k1 key: from an encrypted keystore file (Web3 Secret Storage, the format the service
 * creates) whose password is in an environment variable, or from a hex private key in an environment variable.
 * Secrets are never taken from the command line, where other users of the machine could read them.
 */
public final class NodeKeys {
    private NodeKeys() {}

    public static Credentials load(Path keystore, String passwordEnv, String privateKeyEnv, Map<String, String> env) {
        if (keystore != null && privateKeyEnv != null) {
            throw new IllegalArgumentException("key: give either --keystore or --private-key-env, not both");
        }
        if (privateKeyEnv != null) {
            String hex = env.get(privateKeyEnv);
            if (hex == null || hex.isBlank()) throw new IllegalArgumentException("private-key-env: environment variable " + privateKeyEnv + " is not set");
            hex = hex.strip();
            if (!WalletUtils.isValidPrivateKey(hex)) {
                throw new IllegalArgumentException("private-key-env: " + privateKeyEnv + " does not hold a 32-byte hex private key");
            }
            return Credentials.create(hex);
        }
        if (keystore == null) throw new IllegalArgumentException("key: give --keystore FILE (with --password-env) or --private-key-env VAR");
        if (!Files.isRegularFile(keystore)) throw new IllegalArgumentException("keystore: no such file: " + keystore);
        String password = passwordEnv == null ? "" : env.get(passwordEnv);
        if (passwordEnv != null && password == null) {
            throw new IllegalArgumentException("password-env: environment variable " + passwordEnv + " is not set");
        }
        try {
            return WalletUtils.loadCredentials(password, keystore.toFile());
        } catch (CipherException e) {
            throw new IllegalArgumentException("keystore: " + keystore + ": cannot decrypt (wrong password?): " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("keystore: " + keystore + ": " + e.getMessage());
        }
    }
}
