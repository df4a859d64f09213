package org.neuroracle.daoserver.oracle;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned migrations of the oracle tables. {@code oracle_schema} holds the version; each migration runs once, in
 * its own transaction, in order. A database written by a newer node (a version above {@link #VERSION}) is refused
 * rather than misread.
 */
final class OracleSchema {
    private OracleSchema() {}

    /** Migration i (1-based) brings the schema from version i-1 to i. */
    static final List<List<String>> MIGRATIONS = List.of(
            // 1: the first oracle node's tables (a database from before versioning is at this layout already).
            List.of(
                    "CREATE TABLE IF NOT EXISTS oracle_cursor(scope TEXT PRIMARY KEY, next_block INTEGER NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS oracle_blocks(scope TEXT NOT NULL, number INTEGER NOT NULL, hash TEXT NOT NULL,"
                            + " PRIMARY KEY(scope, number))",
                    "CREATE TABLE IF NOT EXISTS oracle_logs(scope TEXT NOT NULL, block_hash TEXT NOT NULL, log_index INTEGER NOT NULL,"
                            + " block_number INTEGER NOT NULL, tx_hash TEXT, request_id TEXT NOT NULL, requester TEXT NOT NULL,"
                            + " model_id TEXT NOT NULL, input_hash TEXT NOT NULL, callback TEXT NOT NULL, callback_gas INTEGER NOT NULL,"
                            + " expires_at INTEGER NOT NULL, input BLOB NOT NULL, status TEXT NOT NULL, detail TEXT,"
                            + " seen_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, block_time INTEGER, kind TEXT,"
                            + " PRIMARY KEY(scope, block_hash, log_index))",
                    "CREATE TABLE IF NOT EXISTS oracle_fulfilments(scope TEXT NOT NULL, request_id TEXT NOT NULL,"
                            + " status TEXT NOT NULL, attestation TEXT, nonce INTEGER, tx_hash TEXT, raw_tx TEXT, mined_block INTEGER,"
                            + " detail TEXT, updated_ms INTEGER NOT NULL, mined_time INTEGER, finalised INTEGER NOT NULL DEFAULT 0,"
                            + " PRIMARY KEY(scope, request_id))",
                    "CREATE TABLE IF NOT EXISTS oracle_finalised(scope TEXT NOT NULL, request_id TEXT NOT NULL,"
                            + " PRIMARY KEY(scope, request_id))",
                    "CREATE TABLE IF NOT EXISTS oracle_reorgs(scope TEXT NOT NULL, detected_ms INTEGER NOT NULL,"
                            + " fork_block INTEGER NOT NULL, old_block INTEGER NOT NULL, old_hash TEXT NOT NULL, new_hash TEXT)"),
            // 2: NeuroOracle v2 (requests by on-chain facts, fees, EIP-712). Logs of the v1 contract cannot be fulfilled
            // through v2's ABI, so their table is rebuilt, not copied; the cursor of a v1 scope is dropped with them.
            // fulfilments: the never-read `finalised` column goes (oracle_finalised holds it); fee bumping needs the
            // replaced hashes and the block the current version was sent at.
            List.of(
                    "DROP TABLE oracle_logs",
                    "DELETE FROM oracle_cursor",
                    "DELETE FROM oracle_blocks",
                    "CREATE TABLE oracle_logs(scope TEXT NOT NULL, block_hash TEXT NOT NULL, log_index INTEGER NOT NULL,"
                            + " block_number INTEGER NOT NULL, tx_hash TEXT, request_id TEXT NOT NULL, requester TEXT NOT NULL,"
                            + " model_id TEXT NOT NULL, request_kind INTEGER NOT NULL, input_hash TEXT NOT NULL, subject BLOB NOT NULL,"
                            + " callback_gas INTEGER NOT NULL, expires_at INTEGER NOT NULL, as_of_block INTEGER NOT NULL,"
                            + " as_of_block_hash TEXT NOT NULL, fee_wei TEXT NOT NULL, status TEXT NOT NULL, detail TEXT,"
                            + " attempts INTEGER NOT NULL, seen_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, block_time INTEGER,"
                            + " kind TEXT, PRIMARY KEY(scope, block_hash, log_index))",
                    "CREATE INDEX oracle_logs_request ON oracle_logs(scope, request_id)",
                    "CREATE INDEX oracle_logs_status ON oracle_logs(scope, status)",
                    "ALTER TABLE oracle_fulfilments DROP COLUMN finalised",
                    "ALTER TABLE oracle_fulfilments ADD COLUMN prev_tx_hashes TEXT",
                    "ALTER TABLE oracle_fulfilments ADD COLUMN sent_block INTEGER"));

    static final int VERSION = MIGRATIONS.size();

    static int version(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS oracle_schema(version INTEGER NOT NULL)");
            try (ResultSet rs = s.executeQuery("SELECT version FROM oracle_schema")) {
                if (rs.next()) return rs.getInt(1);
            }
            s.execute("INSERT INTO oracle_schema(version) VALUES (0)");
            return 0;
        }
    }

    static void migrate(Connection db) throws SQLException {
        int v = version(db);
        if (v > VERSION) {
            throw new OracleException("oracle database schema version " + v + " is newer than this node's " + VERSION
                    + "; run a newer neuroracle or use another --db");
        }
        for (; v < VERSION; v++) {
            db.setAutoCommit(false);
            try (Statement s = db.createStatement()) {
                for (String sql : MIGRATIONS.get(v)) s.execute(sql);
                s.execute("UPDATE oracle_schema SET version=" + (v + 1));
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw new SQLException("oracle schema migration " + (v + 1) + ": " + e.getMessage(), e);
            } finally {
                db.setAutoCommit(true);
            }
        }
    }
}
