package org.neuroracle.daoserver.oracle;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Everything an oracle node needs, validated before start; each error names its field.
 *
 * @param rpcUrl          JSON-RPC endpoint (http or https)
 * @param contract        NeuroOracle address (0x + 40 hex)
 * @param confirmations   blocks a request log must be buried under before the node acts on it (0 = act on the head)
 * @param pollIntervalMs  pause between polls of the chain
 * @param startBlock      first block to scan when the database has no cursor for this chain, contract and node
 * @param maxBlockRange   most blocks asked for in one eth_getLogs
 * @param database        SQLite file (created with its folder when missing)
 */
public record OracleNodeConfig(String rpcUrl, String contract, int confirmations, long pollIntervalMs, long startBlock,
                               int maxBlockRange, Path database) {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    public static final int DEFAULT_CONFIRMATIONS = 3;
    public static final long DEFAULT_POLL_INTERVAL_MS = 2000;
    public static final int DEFAULT_MAX_BLOCK_RANGE = 2000;
    public static final Path DEFAULT_DATABASE = Path.of("data", "oracle.db");

    public OracleNodeConfig {
        if (rpcUrl == null || rpcUrl.isBlank()) throw new IllegalArgumentException("rpc: missing JSON-RPC URL");
        URI u;
        try {
            u = URI.create(rpcUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rpc: not a URL: " + rpcUrl);
        }
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
            throw new IllegalArgumentException("rpc: must be an http:// or https:// URL, got " + rpcUrl);
        }
        if (contract == null || !ADDRESS.matcher(contract).matches()) {
            throw new IllegalArgumentException("contract: must be 0x followed by 40 hex digits, got " + contract);
        }
        if (confirmations < 0 || confirmations > 1000) throw new IllegalArgumentException("confirmations: must be 0..1000, got " + confirmations);
        if (pollIntervalMs < 10 || pollIntervalMs > 3_600_000) throw new IllegalArgumentException("poll-ms: must be 10..3600000, got " + pollIntervalMs);
        if (startBlock < 0) throw new IllegalArgumentException("from-block: must be >= 0, got " + startBlock);
        if (maxBlockRange < 1 || maxBlockRange > 100_000) throw new IllegalArgumentException("max-block-range: must be 1..100000, got " + maxBlockRange);
        if (database == null) throw new IllegalArgumentException("db: missing database file");
    }

    public static OracleNodeConfig defaults(String rpcUrl, String contract) {
        return new OracleNodeConfig(rpcUrl, contract, DEFAULT_CONFIRMATIONS, DEFAULT_POLL_INTERVAL_MS, 0,
                DEFAULT_MAX_BLOCK_RANGE, DEFAULT_DATABASE);
    }

    public OracleNodeConfig withConfirmations(int n) {
        return new OracleNodeConfig(rpcUrl, contract, n, pollIntervalMs, startBlock, maxBlockRange, database);
    }

    public OracleNodeConfig withDatabase(Path db) {
        return new OracleNodeConfig(rpcUrl, contract, confirmations, pollIntervalMs, startBlock, maxBlockRange, db);
    }

    public OracleNodeConfig withStartBlock(long b) {
        return new OracleNodeConfig(rpcUrl, contract, confirmations, pollIntervalMs, b, maxBlockRange, database);
    }
}
