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

/** {@code oracle_cursor}, {@code oracle_blocks}, {@code oracle_reorgs}, {@code oracle_finalised}: what the node knows of the chain. Callers synchronise (OracleStore). */
final class ChainTable {
    private final Connection db;
    private final String scope;

    ChainTable(Connection db, String scope) {
        this.db = db;
        this.scope = scope;
    }

    long nextBlock(long startBlock) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT next_block FROM oracle_cursor WHERE scope=?")) {
            p.setString(1, scope);
            ResultSet rs = p.executeQuery();
            return rs.next() ? rs.getLong(1) : startBlock;
        }
    }

    void putBlock(long number, String hash) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO oracle_blocks(scope, number, hash) VALUES (?,?,?)"
                + " ON CONFLICT(scope, number) DO UPDATE SET hash=excluded.hash")) {
            p.setString(1, scope);
            p.setLong(2, number);
            p.setString(3, hash);
            p.executeUpdate();
        }
    }

    /** Scanned blocks and blocks holding our transactions, newest first. */
    List<BlockRef> recentBlocks() throws SQLException {
        List<BlockRef> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT number, hash FROM oracle_blocks WHERE scope=? ORDER BY number DESC")) {
            p.setString(1, scope);
            ResultSet rs = p.executeQuery();
            while (rs.next()) out.add(new BlockRef(rs.getLong(1), rs.getString(2)));
        }
        return out;
    }

    int reorgCount() throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT COUNT(*) FROM oracle_reorgs WHERE scope=?")) {
            p.setString(1, scope);
            ResultSet rs = p.executeQuery();
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Records that the request reached k identical attestations on chain. */
    void markFinalised(String requestId) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR IGNORE INTO oracle_finalised(scope, request_id) VALUES (?,?)")) {
            p.setString(1, scope);
            p.setString(2, requestId);
            p.executeUpdate();
        }
    }
}
