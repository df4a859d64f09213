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

/** {@code oracle_fulfilments}: one row per request id (exactly once), the signed transaction and its fate. Callers synchronise (OracleStore). */
final class FulfilmentTable {
    private final Connection db;
    private final String scope;

    FulfilmentTable(Connection db, String scope) {
        this.db = db;
        this.scope = scope;
    }

    Optional<Fulfilment> fulfilment(String requestId) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT request_id, status, attestation, nonce, tx_hash, raw_tx, mined_block,"
                + " detail, prev_tx_hashes, sent_block FROM oracle_fulfilments WHERE scope=? AND request_id=?")) {
            p.setString(1, scope);
            p.setString(2, requestId);
            ResultSet rs = p.executeQuery();
            return rs.next() ? Optional.of(fulfilment(rs)) : Optional.empty();
        }
    }

    void setMinedTime(String requestId, long epochSeconds) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE oracle_fulfilments SET mined_time=? WHERE scope=? AND request_id=?")) {
            p.setLong(1, epochSeconds);
            p.setString(2, scope);
            p.setString(3, requestId);
            p.executeUpdate();
        }
    }

    List<Fulfilment> fulfilments(List<TxStatus> statuses) throws SQLException {
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

    /** Drops a claim whose transaction the RPC refused (it never left, its nonce is unused). */
    void release(String requestId) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM oracle_fulfilments WHERE scope=? AND request_id=? AND status='SIGNED'")) {
            p.setString(1, scope);
            p.setString(2, requestId);
            p.executeUpdate();
        }
    }

    /** Records that the current transaction left at head {@code block}. */
    void markSent(String requestId, long block) throws SQLException {
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
    void replaceTx(String requestId, String oldHash, TxSender.SignedTx tx) throws SQLException {
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
    void setTxHash(String requestId, String hash) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE oracle_fulfilments SET tx_hash=? WHERE scope=? AND request_id=?")) {
            p.setString(1, hash);
            p.setString(2, scope);
            p.setString(3, requestId);
            p.executeUpdate();
        }
    }

    void updateFulfilment(String requestId, TxStatus status, Long minedBlock, String detail) throws SQLException {
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

    static Fulfilment fulfilment(ResultSet rs) throws SQLException {
        long mined = rs.getLong(7);
        Long minedBlock = rs.wasNull() ? null : mined;
        String prev = rs.getString(9);
        long sb = rs.getLong(10);
        Long sentBlock = rs.wasNull() ? null : sb;
        return new Fulfilment(rs.getString(1), TxStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getLong(4),
                rs.getString(5), rs.getString(6), minedBlock, rs.getString(8),
                prev == null || prev.isEmpty() ? List.of() : List.of(prev.split(",")), sentBlock);
    }
}
