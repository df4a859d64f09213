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
 * The oracle node's durable state in SQLite (its own {@code oracle_*} tables, so it can share the service's database
 * file): the scan cursor, hashes of recently scanned blocks (reorg checks), every handled log keyed by
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
                        String txStatus, String fulfilTxHash, String attestation) {}

    private final Connection db;
    private final String scope;

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
        } catch (Exception e) {
            throw new OracleException("cannot open oracle database " + file + ": " + e.getMessage(), e);
        }
    }

    public String scope() { return scope; }

    // ---- cursor and scanning

    public synchronized long nextBlock(long startBlock) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT next_block FROM oracle_cursor WHERE scope=?")) {
            p.setString(1, scope);
            ResultSet rs = p.executeQuery();
            return rs.next() ? rs.getLong(1) : startBlock;
        }
    }

    /**
     * Records one scanned range atomically: its logs (new ones as NEW; a log seen before keeps its row), the hash of
     * its last block and of each block holding a log, and the cursor moved past it. Returns how many logs were new.
     */
    public synchronized int recordScan(long toBlock, String toBlockHash, List<ForecastRequest> logs,
                                       java.util.Map<String, Long> blockTimes) throws SQLException {
        return inTransaction(() -> {
            int inserted = 0;
            long now = System.currentTimeMillis();
            try (PreparedStatement ins = db.prepareStatement("INSERT OR IGNORE INTO oracle_logs(scope, block_hash, log_index,"
                    + " block_number, tx_hash, request_id, requester, model_id, request_kind, input_hash, subject, callback_gas,"
                    + " expires_at, as_of_block, as_of_block_hash, fee_wei, status, detail, attempts, seen_ms, updated_ms, block_time)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,?,?,?)")) {
                for (ForecastRequest r : logs) {
                    int i = 1;
                    ins.setString(i++, scope);
                    ins.setString(i++, r.blockHash());
                    ins.setLong(i++, r.logIndex());
                    ins.setLong(i++, r.blockNumber());
                    ins.setString(i++, r.txHash());
                    ins.setString(i++, r.requestIdHex());
                    ins.setString(i++, r.requester().toLowerCase());
                    ins.setString(i++, NeuroOracleAbi.hex(r.modelId()));
                    ins.setInt(i++, r.kind());
                    ins.setString(i++, NeuroOracleAbi.hex(r.inputHash()));
                    ins.setBytes(i++, r.subject());
                    ins.setLong(i++, r.callbackGasLimit());
                    ins.setLong(i++, r.expiresAtSeconds());
                    ins.setLong(i++, r.asOfBlock());
                    ins.setString(i++, NeuroOracleAbi.hex(r.asOfBlockHash()));
                    ins.setString(i++, r.feeWei().toString());
                    ins.setString(i++, LogStatus.NEW.name());
                    ins.setString(i++, null);
                    ins.setLong(i++, now);
                    ins.setLong(i++, now);
                    Long t = blockTimes.get(r.blockHash());
                    if (t == null) ins.setNull(i, java.sql.Types.INTEGER); else ins.setLong(i, t);
                    inserted += ins.executeUpdate();
                    putBlock(r.blockNumber(), r.blockHash());
                }
            }
            putBlock(toBlock, toBlockHash);
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

    private void putBlock(long number, String hash) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO oracle_blocks(scope, number, hash) VALUES (?,?,?)"
                + " ON CONFLICT(scope, number) DO UPDATE SET hash=excluded.hash")) {
            p.setString(1, scope);
            p.setLong(2, number);
            p.setString(3, hash);
            p.executeUpdate();
        }
    }

    /**
     * Remembers the block our transaction was mined in, so the reorg check also notices when a reorg removes only
     * that block (the request's block staying canonical).
     */
    public synchronized void rememberBlock(long number, String hash) throws SQLException { putBlock(number, hash); }

    /** Scanned blocks and blocks holding our transactions, newest first. */
    public synchronized List<BlockRef> recentBlocks() throws SQLException {
        List<BlockRef> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT number, hash FROM oracle_blocks WHERE scope=? ORDER BY number DESC")) {
            p.setString(1, scope);
            ResultSet rs = p.executeQuery();
            while (rs.next()) out.add(new BlockRef(rs.getLong(1), rs.getString(2)));
        }
        return out;
    }

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

    public synchronized int reorgCount() throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT COUNT(*) FROM oracle_reorgs WHERE scope=?")) {
            p.setString(1, scope);
            ResultSet rs = p.executeQuery();
            rs.next();
            return rs.getInt(1);
        }
    }

    // ---- logs

    /** Logs waiting for work (NEW, RETRY), oldest first. */
    public synchronized List<ForecastRequest> pendingLogs() throws SQLException {
        List<ForecastRequest> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT request_id, requester, model_id, request_kind, input_hash,"
                + " callback_gas, expires_at, as_of_block, as_of_block_hash, fee_wei, subject, block_hash, block_number, log_index,"
                + " tx_hash FROM oracle_logs WHERE scope=? AND status IN ('NEW','RETRY') ORDER BY block_number, log_index")) {
            p.setString(1, scope);
            ResultSet rs = p.executeQuery();
            HexFormat h = HexFormat.of();
            while (rs.next()) {
                out.add(new ForecastRequest(h.parseHex(rs.getString(1).substring(2)), rs.getString(2),
                        h.parseHex(rs.getString(3).substring(2)), rs.getInt(4), h.parseHex(rs.getString(5).substring(2)),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), h.parseHex(rs.getString(9).substring(2)),
                        new java.math.BigInteger(rs.getString(10)), rs.getBytes(11), rs.getString(12), rs.getLong(13),
                        rs.getLong(14), rs.getString(15)));
            }
        }
        return out;
    }

    public synchronized void setLogStatus(ForecastRequest r, LogStatus status, String detail) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE oracle_logs SET status=?, detail=?, updated_ms=?"
                + " WHERE scope=? AND block_hash=? AND log_index=?")) {
            p.setString(1, status.name());
            p.setString(2, detail);
            p.setLong(3, System.currentTimeMillis());
            p.setString(4, scope);
            p.setString(5, r.blockHash());
            p.setLong(6, r.logIndex());
            p.executeUpdate();
        }
    }

    /** Sets every log of a request (there may be several positions after reorgs) in the given states to a new state. */
    public synchronized void setRequestLogsStatus(String requestId, List<LogStatus> from, LogStatus to, String detail) throws SQLException {
        String in = String.join(",", from.stream().map(s -> "'" + s.name() + "'").toList());
        try (PreparedStatement p = db.prepareStatement("UPDATE oracle_logs SET status=?, detail=?, updated_ms=?"
                + " WHERE scope=? AND request_id=? AND status IN (" + in + ")")) {
            p.setString(1, to.name());
            p.setString(2, detail);
            p.setLong(3, System.currentTimeMillis());
            p.setString(4, scope);
            p.setString(5, requestId);
            p.executeUpdate();
        }
    }

    /** Status counts of this scope's logs, for tests and the CLI's status line. */
    public synchronized java.util.Map<LogStatus, Integer> logStatusCounts() throws SQLException {
        var out = new java.util.EnumMap<LogStatus, Integer>(LogStatus.class);
        try (PreparedStatement p = db.prepareStatement("SELECT status, COUNT(*) FROM oracle_logs WHERE scope=? GROUP BY status")) {
            p.setString(1, scope);
            ResultSet rs = p.executeQuery();
            while (rs.next()) out.put(LogStatus.valueOf(rs.getString(1)), rs.getInt(2));
        }
        return out;
    }

    /** Counts one more attempt at answering this log; returns the new count (poison requests are bounded by it). */
    public synchronized int addAttempt(ForecastRequest r) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE oracle_logs SET attempts=attempts+1 WHERE scope=? AND block_hash=? AND log_index=?")) {
            p.setString(1, scope);
            p.setString(2, r.blockHash());
            p.setLong(3, r.logIndex());
            p.executeUpdate();
        }
        try (PreparedStatement p = db.prepareStatement("SELECT attempts FROM oracle_logs WHERE scope=? AND block_hash=? AND log_index=?")) {
            p.setString(1, scope);
            p.setString(2, r.blockHash());
            p.setLong(3, r.logIndex());
            ResultSet rs = p.executeQuery();
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    public synchronized void setKind(ForecastRequest r, String kind) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE oracle_logs SET kind=? WHERE scope=? AND block_hash=? AND log_index=?")) {
            p.setString(1, kind);
            p.setString(2, scope);
            p.setString(3, r.blockHash());
            p.setLong(4, r.logIndex());
            p.executeUpdate();
        }
    }

    /** Records that the request reached k identical attestations on chain. */
    public synchronized void markFinalised(String requestId) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR IGNORE INTO oracle_finalised(scope, request_id) VALUES (?,?)")) {
            p.setString(1, scope);
            p.setString(2, requestId);
            p.executeUpdate();
        }
    }

    public synchronized void setMinedTime(String requestId, long epochSeconds) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE oracle_fulfilments SET mined_time=? WHERE scope=? AND request_id=?")) {
            p.setLong(1, epochSeconds);
            p.setString(2, scope);
            p.setString(3, requestId);
            p.executeUpdate();
        }
    }

    // ---- fulfilments

    public synchronized Optional<Fulfilment> fulfilment(String requestId) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT request_id, status, attestation, nonce, tx_hash, raw_tx, mined_block,"
                + " detail, prev_tx_hashes, sent_block FROM oracle_fulfilments WHERE scope=? AND request_id=?")) {
            p.setString(1, scope);
            p.setString(2, requestId);
            ResultSet rs = p.executeQuery();
            return rs.next() ? Optional.of(fulfilment(rs)) : Optional.empty();
        }
    }

    public synchronized List<Fulfilment> fulfilments(List<TxStatus> statuses) throws SQLException {
        String in = String.join(",", statuses.stream().map(s -> "'" + s.name() + "'").toList());
        List<Fulfilment> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT request_id, status, attestation, nonce, tx_hash, raw_tx, mined_block,"
                + " detail, prev_tx_hashes, sent_block FROM oracle_fulfilments WHERE scope=? AND status IN (" + in + ") ORDER BY nonce")) {
            p.setString(1, scope);
            ResultSet rs = p.executeQuery();
            while (rs.next()) out.add(fulfilment(rs));
        }
        return out;
    }

    private static Fulfilment fulfilment(ResultSet rs) throws SQLException {
        long mined = rs.getLong(7);
        Long minedBlock = rs.wasNull() ? null : mined;
        String prev = rs.getString(9);
        long sb = rs.getLong(10);
        Long sentBlock = rs.wasNull() ? null : sb;
        return new Fulfilment(rs.getString(1), TxStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getLong(4),
                rs.getString(5), rs.getString(6), minedBlock, rs.getString(8),
                prev == null || prev.isEmpty() ? List.of() : List.of(prev.split(",")), sentBlock);
    }

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
            if (n == 1) setLogStatusInTx(log, LogStatus.SENT, tx.hash());
            return n == 1;
        });
    }

    private void setLogStatusInTx(ForecastRequest r, LogStatus status, String detail) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE oracle_logs SET status=?, detail=?, updated_ms=?"
                + " WHERE scope=? AND block_hash=? AND log_index=?")) {
            p.setString(1, status.name());
            p.setString(2, detail);
            p.setLong(3, System.currentTimeMillis());
            p.setString(4, scope);
            p.setString(5, r.blockHash());
            p.setLong(6, r.logIndex());
            p.executeUpdate();
        }
    }

    /** Drops a claim whose transaction the RPC refused (it never left, its nonce is unused). */
    public synchronized void release(String requestId) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM oracle_fulfilments WHERE scope=? AND request_id=? AND status='SIGNED'")) {
            p.setString(1, scope);
            p.setString(2, requestId);
            p.executeUpdate();
        }
    }

    /** Records that the current transaction left at head {@code block}. */
    public synchronized void markSent(String requestId, long block) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE oracle_fulfilments SET status='SENT', sent_block=?, updated_ms=?"
                + " WHERE scope=? AND request_id=?")) {
            p.setLong(1, block);
            p.setLong(2, System.currentTimeMillis());
            p.setString(3, scope);
            p.setString(4, requestId);
            p.executeUpdate();
        }
    }

    /** Replaces the current transaction by a fee-bumped one with the same nonce (written before it is broadcast). */
    public synchronized void replaceTx(String requestId, String oldHash, TxSender.SignedTx tx) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE oracle_fulfilments SET tx_hash=?, raw_tx=?, status='SIGNED',"
                + " prev_tx_hashes=CASE WHEN prev_tx_hashes IS NULL OR prev_tx_hashes='' THEN ? ELSE prev_tx_hashes || ',' || ? END,"
                + " updated_ms=? WHERE scope=? AND request_id=?")) {
            p.setString(1, tx.hash());
            p.setString(2, tx.rawHex());
            p.setString(3, oldHash);
            p.setString(4, oldHash);
            p.setLong(5, System.currentTimeMillis());
            p.setString(6, scope);
            p.setString(7, requestId);
            p.executeUpdate();
        }
    }

    /** Makes the mined version (maybe an earlier one) the current transaction. */
    public synchronized void setTxHash(String requestId, String hash) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE oracle_fulfilments SET tx_hash=? WHERE scope=? AND request_id=?")) {
            p.setString(1, hash);
            p.setString(2, scope);
            p.setString(3, requestId);
            p.executeUpdate();
        }
    }

    public synchronized void updateFulfilment(String requestId, TxStatus status, Long minedBlock, String detail) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE oracle_fulfilments SET status=?, mined_block=?, detail=?, updated_ms=?"
                + " WHERE scope=? AND request_id=?")) {
            p.setString(1, status.name());
            if (minedBlock == null) p.setNull(2, java.sql.Types.INTEGER); else p.setLong(2, minedBlock);
            p.setString(3, detail);
            p.setLong(4, System.currentTimeMillis());
            p.setString(5, scope);
            p.setString(6, requestId);
            p.executeUpdate();
        }
    }

    // ---- the dashboard's view

    /**
     * The newest {@code limit} handled logs with this node's fulfilment, newest first, over every scope in the file
     * (a log seen again at a new position after a reorg is shown once).
     */
    public synchronized List<Entry> recent(int limit) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT l.request_id, l.kind, l.requester, l.model_id, l.block_number,"
                + " l.block_time, f.mined_time, l.status, (SELECT COUNT(*) FROM oracle_finalised x WHERE x.scope=l.scope"
                + " AND x.request_id=l.request_id), l.detail, f.status, f.tx_hash, f.attestation FROM oracle_logs l"
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
                        rs.getString(12), rs.getString(13)));
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
