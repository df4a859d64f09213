package org.neuroracle.daoserver.oracle;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.neuroracle.daoserver.NodeKey;
import org.neuroracle.daoserver.ServerConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rule that the HTTP service and an oracle node never sign with one key. HTTP answers are signed under their
 * own EIP-712 domain, so a signature cannot cross over anyway; a shared key would still tie the node's on-chain
 * identity to a key that answers anonymous callers. Both checks read only public data: the {@code address} field
 * of the service's keystore (no password needed) and the node scopes ({@code chainId:contract:node}) stored in an
 * oracle database.
 */
public final class SigningKeySeparation {
    private SigningKeySeparation() {}

    /** The oracle database {@code oracle node} uses by default, inside the service's data directory. */
    public static final String NODE_DATABASE = "oracle.db";

    /**
     * Refuses an oracle node key that is the HTTP service's signing key ({@code service.dataDir()/node-keystore.json}).
     *
     * @param nodeAddress   the node's address
     * @param nodeKeySource how the node got it ("--keystore FILE", "--private-key-env VAR"), for the message
     * @param nodeKeystore  the node's keystore file, or null when the key came from the environment
     * @throws IllegalArgumentException one line naming both keys' sources and addresses
     */
    public static void checkNodeKey(String nodeAddress, String nodeKeySource, Path nodeKeystore, ServerConfig service) {
        Path serviceFile = service.dataDir().resolve(NodeKey.FILE_NAME);
        if (!Files.isRegularFile(serviceFile)) return;
        String serviceAddress = keystoreAddress(serviceFile);
        boolean samePath = nodeKeystore != null && sameFile(nodeKeystore, serviceFile);
        if (samePath || nodeAddress.equalsIgnoreCase(serviceAddress)) {
            throw new IllegalArgumentException("key: the oracle node key " + nodeAddress.toLowerCase(Locale.ROOT) + " (" + nodeKeySource
                    + ") is the HTTP service's signing key (" + serviceFile + ", " + (serviceAddress == null ? "same file" : serviceAddress)
                    + "); give the node a key of its own");
        }
    }

    /**
     * Refuses to start the service when its signing key is the key of an oracle node whose database lies in the
     * service's data directory ({@code oracle.db}, where {@code oracle node} keeps it by default).
     *
     * @throws IllegalArgumentException one line naming both files and the address
     */
    public static void checkServiceKey(ServerConfig service) {
        Path serviceFile = service.dataDir().resolve(NodeKey.FILE_NAME);
        Path db = service.dataDir().resolve(NODE_DATABASE);
        if (!Files.isRegularFile(serviceFile) || !Files.isRegularFile(db)) return;
        String serviceAddress = keystoreAddress(serviceFile);
        if (serviceAddress == null) return;
        for (String node : nodeAddresses(db)) {
            if (node.equalsIgnoreCase(serviceAddress)) {
                throw new IllegalArgumentException("key: the HTTP service's signing key " + serviceAddress + " (" + serviceFile
                        + ") is the key of the oracle node in " + db + " (" + node + "); give the service a key of its own");
            }
        }
    }

    /** The 0x address a Web3 Secret Storage file names, lower case, or null when the file does not name one. */
    static String keystoreAddress(Path file) {
        try {
            String a = new JsonObject(Files.readString(file)).getString("address");
            if (a == null) return null;
            a = a.toLowerCase(Locale.ROOT);
            return a.startsWith("0x") ? a : "0x" + a;
        } catch (IOException | DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("keystore: " + file + ": not a readable keystore (" + e.getMessage() + ")");
        }
    }

    /** The node addresses an oracle database holds state for (the last part of each scope). */
    static List<String> nodeAddresses(Path db) {
        List<String> out = new ArrayList<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             var s = c.createStatement()) {
            // Every scope this node ever scanned for has a cursor row.
            try (ResultSet exists = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'oracle_cursor'")) {
                if (!exists.next()) return out;
            }
            try (ResultSet r = s.executeQuery("SELECT DISTINCT scope FROM oracle_cursor")) {
                while (r.next()) {
                    String scope = r.getString(1);
                    out.add(scope.substring(scope.lastIndexOf(':') + 1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("oracle database: " + db + ": cannot be read (" + e.getMessage() + ")");
        }
        return out;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
