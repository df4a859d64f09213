package org.neuroracle.daoserver.oracle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The oracle node's durable state in SQLite, one class per table ({@link LogTable}, {@link FulfilmentTable},
 * {@link ChainTable}) with versioned migrations ({@link OracleSchema}); this class opens the file, serialises access,
 * and runs the operations that span tables (a scan, a claim, a rollback) in one transaction. Its own {@code oracle_*}
 * tables, so it can share the service's database file, hold the scan cursor, hashes of recently scanned blocks (reorg checks), every handled log keyed by
 * (blockHash, logIndex), one fulfilment per request id (exactly once), and the reorgs seen. Every row carries a
 * scope, {@code chainId:contract:nodeAddress}, so several nodes or deployments can share one file.
 *
 * <p>WAL with synchronous=FULL: a row is on disk before the transaction it describes leaves the process.
 */
public final class OracleStore implements AutoCloseable {
    /** How many scanned block hashes are kept for reorg checks; deeper reorgs re-scan from the oldest one. */
    public static final int BLOCK_WINDOW = 128;

    public enum LogStatus {
        /** seen, not yet acted on */ NEW,
        /** a transient failure (RPC, answerer); tried again on the next poll until the request expires */ RETRY,
        /** our fulfilment transaction is out; waiting for its receipt */ SENT,
        /** our fulfilment is mined and succeeded */ FULFILLED,
        /** the chain already had our answer or the final answer (AlreadyResponded, AlreadyFulfilled) */ ALREADY_DONE,
        /** the same request id was already handled at another log position (a reorg re-included it) */ DUPLICATE,
        /** expired before we could answer */ EXPIRED,
        /** the answerer refused the input (unknown model, malformed input): never fulfilled */ REJECTED,
        /** simulation reverted for another reason, or our transaction reverted */ FAILED
    }

    public enum TxStatus { SIGNED, SENT, MINED, REVERTED, ORPHANED }

    /**
     * @param previousTxHashes hashes of the same nonce's earlier, lower-fee versions (any of them may still be mined)
     * @param sentBlock        the head when the current version was broadcast (fee bumping counts blocks from it)
     */
    public record Fulfilment(String requestId, TxStatus status, String attestation, long nonce, String txHash,
                             String rawTx, Long minedBlock, String detail, List<String> previousTxHashes, Long sentBlock) {
        public List<String> allTxHashes() {
            List<String> all = new ArrayList<>(previousTxHashes);
            all.add(txHash);
            return all;
        }
    }

    public record BlockRef(long number, String hash) {}

    /** One row of the request log, for the dashboard ({@code OracleLog}); times in unix seconds, null when unknown. */
    public record Entry(String requestId, String kind, String requester, String modelId, long blockNumber,
                        Long requestedAtEpochS, Long fulfilledAtEpochS, String status, boolean finalised, String detail,
                        String txStatus, String fulfilTxHash, String attestation, String dao) {}

    private final Connection db;
    private final String scope;
    private final LogTable logs;
    private final FulfilmentTable fulfilments;
    private final ChainTable chain;

    public OracleStore(Path file, String scope) {
        this.scope = scope;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            OracleSchema.migrate(db);
            logs = new LogTable(db, scope);
            fulfilments = new FulfilmentTable(db, scope);
            chain = new ChainTable(db, scope);
        } catch (Exception e) {
            throw new OracleException("cannot open oracle database " + file + ": " + e.getMessage(), e);
        }
    }

    public String scope() { return scope; }

    // ---- cursor and scanning


    /**
     * Records one scanned range atomically: its logs (new ones as NEW; a log seen before keeps its row), the hash of
     * its last block and of each block holding a log, and the cursor moved past it. Returns how many logs were new.
     */
    public synchronized int recordScan(long toBlock, String toBlockHash, List<ForecastRequest> logs_,
                                       java.util.Map<String, Long> blockTimes) throws SQLException {
        return inTransaction(() -> {
            long now = System.currentTimeMillis();
            int inserted = logs.insert(logs_, blockTimes, now);
            for (ForecastRequest r : logs_) chain.putBlock(r.blockNumber(), r.blockHash());
            chain.putBlock(toBlock, toBlockHash);
            try (PreparedStatement p = db.prepareStatement("INSERT INTO oracle_cursor(scope, next_block) VALUES (?,?)"
                    + " ON CONFLICT(scope) DO UPDATE SET next_block=excluded.next_block")) {
                p.setString(1, scope);
                p.setLong(2, toBlock + 1);
                p.executeUpdate();
            }
            try (PreparedStatement p = db.prepareStatement("DELETE FROM oracle_blocks WHERE scope=? AND number NOT IN"
                    + " (SELECT number FROM oracle_blocks WHERE scope=? ORDER BY number DESC LIMIT ?)")) {
                p.setString(1, scope);
                p.setString(2, scope);
                p.setInt(3, BLOCK_WINDOW);
                p.executeUpdate();
            }
            return inserted;
        });
    }


    /**
     * Remembers the block our transaction was mined in, so the reorg check also notices when a reorg removes only
     * that block (the request's block staying canonical).
     */
    public synchronized void rememberBlock(long number, String hash) throws SQLException { chain.putBlock(number, hash); }


    /**
     * Forgets everything above {@code forkBlock} (the highest block still on the canonical chain): scanned hashes,
     * logs seen there, and the mined state of fulfilments mined there (back to SENT, so their receipts are checked
     * again). The cursor moves to {@code forkBlock + 1}, so the range is scanned again.
     */
    public synchronized void rollback(long forkBlock, BlockRef orphaned, String newHash) throws SQLException {
        inTransaction(() -> {
            for (String sql : List.of("DELETE FROM oracle_blocks WHERE scope=? AND number>?",
                    "DELETE FROM oracle_logs WHERE scope=? AND block_number>?",
                    "DELETE FROM oracle_finalised WHERE scope=? AND request_id IN (SELECT request_id FROM oracle_fulfilments"
                            + " WHERE scope=oracle_finalised.scope AND mined_block>?)",
                    "UPDATE oracle_fulfilments SET status='SENT', mined_block=NULL, mined_time=NULL WHERE scope=? AND mined_block>?")) {
                try (PreparedStatement p = db.prepareStatement(sql)) {
                    p.setString(1, scope);
                    p.setLong(2, forkBlock);
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = db.prepareStatement("UPDATE oracle_cursor SET next_block=? WHERE scope=? AND next_block>?")) {
                p.setLong(1, forkBlock + 1);
                p.setString(2, scope);
                p.setLong(3, forkBlock + 1);
                p.executeUpdate();
            }
            try (PreparedStatement p = db.prepareStatement("INSERT INTO oracle_reorgs(scope, detected_ms, fork_block, old_block,"
                    + " old_hash, new_hash) VALUES (?,?,?,?,?,?)")) {
                p.setString(1, scope);
                p.setLong(2, System.currentTimeMillis());
                p.setLong(3, forkBlock);
                p.setLong(4, orphaned.number());
                p.setString(5, orphaned.hash());
                p.setString(6, newHash);
                p.executeUpdate();
            }
            return null;
        });
    }


    // ---- logs









    // ---- fulfilments




    /**
     * Claims the request for one signed transaction, written before the transaction is broadcast (write-ahead), so
     * a crash right after sending still knows the transaction. Returns false when the request already has a live
     * fulfilment (only an ORPHANED or REVERTED one may be replaced): this row is what makes fulfilment exactly once.
     */
    public synchronized boolean claim(String requestId, String attestation, TxSender.SignedTx tx, ForecastRequest log) throws SQLException {
        return inTransaction(() -> {
            int n;
            try (PreparedStatement p = db.prepareStatement("INSERT INTO oracle_fulfilments(scope, request_id, status, attestation,"
                    + " nonce, tx_hash, raw_tx, mined_block, detail, updated_ms) VALUES (?,?,'SIGNED',?,?,?,?,NULL,NULL,?)"
                    + " ON CONFLICT(scope, request_id) DO UPDATE SET status='SIGNED', attestation=excluded.attestation,"
                    + " nonce=excluded.nonce, tx_hash=excluded.tx_hash, raw_tx=excluded.raw_tx, mined_block=NULL, detail=NULL,"
                    + " updated_ms=excluded.updated_ms, prev_tx_hashes=NULL, sent_block=NULL"
                    + " WHERE oracle_fulfilments.status IN ('ORPHANED','REVERTED')")) {
                p.setString(1, scope);
                p.setString(2, requestId);
                p.setString(3, attestation);
                p.setLong(4, tx.nonce());
                p.setString(5, tx.hash());
                p.setString(6, tx.rawHex());
                p.setLong(7, System.currentTimeMillis());
                n = p.executeUpdate();
            }
            if (n == 1) logs.setLogStatus(log, LogStatus.SENT, tx.hash());
            return n == 1;
        });
    }







    // ---- one table at a time (the tables do the SQL; this class serialises access and owns the transactions)

    public synchronized long nextBlock(long startBlock) throws SQLException { return chain.nextBlock(startBlock); }

    /** Scanned blocks and blocks holding our transactions, newest first. */
    public synchronized List<BlockRef> recentBlocks() throws SQLException { return chain.recentBlocks(); }

    public synchronized int reorgCount() throws SQLException { return chain.reorgCount(); }

    /** Records that the request reached k identical attestations on chain. */
    public synchronized void markFinalised(String requestId) throws SQLException { chain.markFinalised(requestId); }

    /** Logs waiting for work (NEW, RETRY), oldest first. */
    public synchronized List<ForecastRequest> pendingLogs() throws SQLException { return logs.pendingLogs(); }

    public synchronized void setLogStatus(ForecastRequest r, LogStatus status, String detail) throws SQLException {
        logs.setLogStatus(r, status, detail);
    }

    /** Sets every log of a request (there may be several positions after reorgs) in the given states to a new state. */
    public synchronized void setRequestLogsStatus(String requestId, List<LogStatus> from, LogStatus to, String detail) throws SQLException {
        logs.setRequestLogsStatus(requestId, from, to, detail);
    }

    /** Status counts of this scope's logs, for tests and the CLI's status line. */
    public synchronized java.util.Map<LogStatus, Integer> logStatusCounts() throws SQLException { return logs.logStatusCounts(); }

    /** Counts one more attempt at answering this log; returns the new count (poison requests are bounded by it). */
    public synchronized int addAttempt(ForecastRequest r) throws SQLException { return logs.addAttempt(r); }

    public synchronized void setKind(ForecastRequest r, String kind) throws SQLException { logs.setKind(r, kind); }

    public synchronized Optional<Fulfilment> fulfilment(String requestId) throws SQLException { return fulfilments.fulfilment(requestId); }

    public synchronized List<Fulfilment> fulfilments(List<TxStatus> statuses) throws SQLException { return fulfilments.fulfilments(statuses); }

    public synchronized void setMinedTime(String requestId, long epochSeconds) throws SQLException {
        fulfilments.setMinedTime(requestId, epochSeconds);
    }

    /** Drops a claim whose transaction the RPC refused (it never left, its nonce is unused). */
    public synchronized void release(String requestId) throws SQLException { fulfilments.release(requestId); }

    /** Records that the current transaction left at head {@code block}. */
    public synchronized void markSent(String requestId, long block) throws SQLException { fulfilments.markSent(requestId, block); }

    /** Replaces the current transaction by a fee-bumped one with the same nonce (written before it is broadcast). */
    public synchronized void replaceTx(String requestId, String oldHash, TxSender.SignedTx tx) throws SQLException {
        fulfilments.replaceTx(requestId, oldHash, tx);
    }

    /** Makes the mined version (maybe an earlier one) the current transaction. */
    public synchronized void setTxHash(String requestId, String hash) throws SQLException { fulfilments.setTxHash(requestId, hash); }

    public synchronized void updateFulfilment(String requestId, TxStatus status, Long minedBlock, String detail) throws SQLException {
        fulfilments.updateFulfilment(requestId, status, minedBlock, detail);
    }

    // ---- the dashboard's view

    /**
     * The newest {@code limit} handled logs with this node's fulfilment, newest first, over every scope in the file
     * (a log seen again at a new position after a reorg is shown once).
     */
    /**
     * The DAO a request is about, as {@code eip155:<chainId>:<address>}: the governor of a vote request, the treasury
     * of a treasury request (the first word of the subject, ABI-encoded); null for explicit inputs.
     */
    static String dao(String scope, int requestKind, byte[] subject) {
        if (requestKind == ForecastRequest.KIND_EXPLICIT || subject == null || subject.length < 32 || scope == null) return null;
        return "eip155:" + scope.substring(0, scope.indexOf(':')) + ":0x" + java.util.HexFormat.of().formatHex(subject, 12, 32);
    }

    public synchronized List<Entry> recent(int limit) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT l.request_id, l.kind, l.requester, l.model_id, l.block_number,"
                + " l.block_time, f.mined_time, l.status, (SELECT COUNT(*) FROM oracle_finalised x WHERE x.scope=l.scope"
                + " AND x.request_id=l.request_id), l.detail, f.status, f.tx_hash, f.attestation, l.scope, l.request_kind, l.subject"
                + " FROM oracle_logs l"
                + " LEFT JOIN oracle_fulfilments f ON f.scope=l.scope AND f.request_id=l.request_id"
                + " WHERE l.status<>'DUPLICATE' ORDER BY l.block_number DESC, l.log_index DESC LIMIT ?")) {
            p.setInt(1, Math.max(0, limit));
            ResultSet rs = p.executeQuery();
            while (rs.next()) {
                long bt = rs.getLong(6);
                Long blockTime = rs.wasNull() ? null : bt;
                long mt = rs.getLong(7);
                Long minedTime = rs.wasNull() ? null : mt;
                out.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        blockTime, minedTime, rs.getString(8), rs.getInt(9) > 0, rs.getString(10), rs.getString(11),
                        rs.getString(12), rs.getString(13), dao(rs.getString(14), rs.getInt(15), rs.getBytes(16))));
            }
        }
        return out;
    }

    // ----

    private interface Work<T> { T run() throws SQLException; }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        db.setAutoCommit(false);
        try {
            T t = work.run();
            db.commit();
            return t;
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    @Override public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new OracleException("closing the oracle database: " + e.getMessage(), e);
        }
    }
}
