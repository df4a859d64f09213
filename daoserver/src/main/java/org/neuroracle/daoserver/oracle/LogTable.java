package org.neuroracle.daoserver.oracle;

import org.neuroracle.daoserver.oracle.OracleStore.BlockRef;
import org.neuroracle.daoserver.oracle.OracleStore.Fulfilment;
import org.neuroracle.daoserver.oracle.OracleStore.LogStatus;
import org.neuroracle.daoserver.oracle.OracleStore.TxStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** {@code oracle_logs}: every ForecastRequested log seen, keyed by (blockHash, logIndex), with its handling state. Callers synchronise (OracleStore). */
final class LogTable {
    private final Connection db;
    private final String scope;

    LogTable(Connection db, String scope) {
        this.db = db;
        this.scope = scope;
    }

    /** Logs waiting for work (NEW, RETRY), oldest first. */
    List<ForecastRequest> pendingLogs() throws SQLException {
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

    void setLogStatus(ForecastRequest r, LogStatus status, String detail) throws SQLException {
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
    void setRequestLogsStatus(String requestId, List<LogStatus> from, LogStatus to, String detail) throws SQLException {
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
    java.util.Map<LogStatus, Integer> logStatusCounts() throws SQLException {
        var out = new java.util.EnumMap<LogStatus, Integer>(LogStatus.class);
        try (PreparedStatement p = db.prepareStatement("SELECT status, COUNT(*) FROM oracle_logs WHERE scope=? GROUP BY status")) {
            p.setString(1, scope);
            ResultSet rs = p.executeQuery();
            while (rs.next()) out.put(LogStatus.valueOf(rs.getString(1)), rs.getInt(2));
        }
        return out;
    }

    /** Counts one more attempt at answering this log; returns the new count (poison requests are bounded by it). */
    int addAttempt(ForecastRequest r) throws SQLException {
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

    void setKind(ForecastRequest r, String kind) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE oracle_logs SET kind=? WHERE scope=? AND block_hash=? AND log_index=?")) {
            p.setString(1, kind);
            p.setString(2, scope);
            p.setString(3, r.blockHash());
            p.setLong(4, r.logIndex());
            p.executeUpdate();
        }
    }

    /** New logs as NEW (a log seen before keeps its row); returns how many were new. */
    int insert(List<ForecastRequest> requests, java.util.Map<String, Long> blockTimes, long now) throws SQLException {
        int inserted = 0;
        try (PreparedStatement ins = db.prepareStatement("INSERT OR IGNORE INTO oracle_logs(scope, block_hash, log_index,"
                + " block_number, tx_hash, request_id, requester, model_id, request_kind, input_hash, subject, callback_gas,"
                + " expires_at, as_of_block, as_of_block_hash, fee_wei, status, detail, attempts, seen_ms, updated_ms, block_time)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,?,?,?)")) {
            for (ForecastRequest r : requests) {
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
            }
        }
        return inserted;
    }
}
