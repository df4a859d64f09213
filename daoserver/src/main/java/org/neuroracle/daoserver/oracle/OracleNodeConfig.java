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
 * @param answerDeadlineMs how long one answer (chain reads and forecast) may run on its worker before it is abandoned
 * @param maxAttempts     tries at answering one request (timeouts, transient failures, reverted fulfilments) before
 *                        it is rejected for good
 * @param bumpAfterBlocks blocks a sent fulfilment may stay unmined before it is replaced with higher fees
 * @param maxFeeCapWei    the highest max fee per gas a bump may reach
 */
public record OracleNodeConfig(String rpcUrl, String contract, int confirmations, long pollIntervalMs, long startBlock,
                               int maxBlockRange, Path database, long answerDeadlineMs, int maxAttempts, int bumpAfterBlocks,
                               java.math.BigInteger maxFeeCapWei) {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    public static final int DEFAULT_CONFIRMATIONS = 3;
    public static final long DEFAULT_POLL_INTERVAL_MS = 2000;
    public static final int DEFAULT_MAX_BLOCK_RANGE = 2000;
    public static final Path DEFAULT_DATABASE = Path.of("data", "oracle.db");
    public static final long DEFAULT_ANSWER_DEADLINE_MS = 60_000;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final int DEFAULT_BUMP_AFTER_BLOCKS = 3;
    public static final java.math.BigInteger DEFAULT_MAX_FEE_CAP_WEI = java.math.BigInteger.valueOf(500_000_000_000L);

    public OracleNodeConfig(String rpcUrl, String contract, int confirmations, long pollIntervalMs, long startBlock,
                            int maxBlockRange, Path database) {
        this(rpcUrl, contract, confirmations, pollIntervalMs, startBlock, maxBlockRange, database, DEFAULT_ANSWER_DEADLINE_MS,
                DEFAULT_MAX_ATTEMPTS, DEFAULT_BUMP_AFTER_BLOCKS, DEFAULT_MAX_FEE_CAP_WEI);
    }

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
        if (answerDeadlineMs < 10) throw new IllegalArgumentException("answer-deadline-ms: must be >= 10, got " + answerDeadlineMs);
        if (maxAttempts < 1 || maxAttempts > 100) throw new IllegalArgumentException("max-attempts: must be 1..100, got " + maxAttempts);
        if (bumpAfterBlocks < 1) throw new IllegalArgumentException("bump-after-blocks: must be >= 1, got " + bumpAfterBlocks);
        if (maxFeeCapWei == null || maxFeeCapWei.signum() <= 0) throw new IllegalArgumentException("max-fee-cap-wei: must be positive, got " + maxFeeCapWei);
    }

    public static OracleNodeConfig defaults(String rpcUrl, String contract) {
        return new OracleNodeConfig(rpcUrl, contract, DEFAULT_CONFIRMATIONS, DEFAULT_POLL_INTERVAL_MS, 0,
                DEFAULT_MAX_BLOCK_RANGE, DEFAULT_DATABASE);
    }

    public OracleNodeConfig withConfirmations(int n) {
        return new OracleNodeConfig(rpcUrl, contract, n, pollIntervalMs, startBlock, maxBlockRange, database, answerDeadlineMs, maxAttempts, bumpAfterBlocks, maxFeeCapWei);
    }

    public OracleNodeConfig withDatabase(Path db) {
        return new OracleNodeConfig(rpcUrl, contract, confirmations, pollIntervalMs, startBlock, maxBlockRange, db, answerDeadlineMs, maxAttempts, bumpAfterBlocks, maxFeeCapWei);
    }

    public OracleNodeConfig withStartBlock(long b) {
        return new OracleNodeConfig(rpcUrl, contract, confirmations, pollIntervalMs, b, maxBlockRange, database, answerDeadlineMs, maxAttempts, bumpAfterBlocks, maxFeeCapWei);
    }

    public OracleNodeConfig withAnswerDeadline(long ms, int attempts) {
        return new OracleNodeConfig(rpcUrl, contract, confirmations, pollIntervalMs, startBlock, maxBlockRange, database, ms, attempts,
                bumpAfterBlocks, maxFeeCapWei);
    }

    public OracleNodeConfig withBumping(int afterBlocks, java.math.BigInteger capWei) {
        return new OracleNodeConfig(rpcUrl, contract, confirmations, pollIntervalMs, startBlock, maxBlockRange, database,
                answerDeadlineMs, maxAttempts, afterBlocks, capWei);
    }
}
