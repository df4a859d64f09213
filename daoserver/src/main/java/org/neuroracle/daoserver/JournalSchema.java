package org.neuroracle.daoserver;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * The journal's tables and indexes, and the migration of journals written by earlier versions.
 *
 * <p>Rows are found by their request's sha256 through {@code journal_request_key}, a WITHOUT ROWID table of
 * (request key, row id): the key is the hash's first 15 hex digits as an integer (60 bits, never negative), the full
 * hash is compared on the row itself. It replaces the index {@code journal_request_sha256} on the 64-character TEXT
 * column, whose entries (~75 bytes) filled a 4 kB page every ~50 rows: a random leaf page per row, split every few
 * dozen inserts, and an index too big for the writer's page cache once the journal grew. An entry here is ~18 bytes.
 * Triggers keep it in step with the journal, for every connection (retention's DELETEs, the sqlite3 CLI), and compute
 * the key in SQL, so the key of a row and the key of a lookup come from one expression ({@link #keyOf}).
 *
 * <p>Migration, once, at open, in one transaction: the keys of the existing rows are read from the old TEXT index (a
 * covering index scan: no row is read), written to the new table, and the old index is dropped. Rows themselves are
 * not rewritten, so what the journal returns is unchanged. An older binary opening a migrated journal recreates the
 * old index (its {@code CREATE INDEX IF NOT EXISTS}); its inserts go through the triggers too, and the next open by
 * this version drops that index again.
 */
final class JournalSchema {
    private JournalSchema() {}

    static final String TABLE = """
            CREATE TABLE IF NOT EXISTS journal (
              id          INTEGER PRIMARY KEY,
              received_ms INTEGER NOT NULL,
              endpoint    TEXT    NOT NULL,
              request     BLOB    NOT NULL,
              status      INTEGER NOT NULL,
              response    BLOB    NOT NULL,
              model_id    TEXT,
              input_hash  TEXT,
              attestation TEXT)""";
    static final String ENDPOINT_INDEX = "CREATE INDEX IF NOT EXISTS journal_endpoint ON journal(endpoint, id)";
    /** Added after the first release; a journal written before gets them with ALTER TABLE (its rows count as FULL). */
    private static final String[][] ADDED_COLUMNS = {
            {"request_sha256", "TEXT"}, {"request_bytes", "INTEGER"}, {"request_stored", "TEXT NOT NULL DEFAULT 'FULL'"}};
    /** The index of the schema before {@code journal_request_key}; dropped by the migration. */
    static final String OLD_HASH_INDEX = "journal_request_sha256";
    static final String KEY_TABLE = "journal_request_key";
    /** Hex digits of the hash in the key: 15 x 4 = 60 bits, so the key is never negative and sorts like the hex. */
    static final int KEY_HEX_DIGITS = 15;

    /**
     * The key of a hex hash, as an SQL expression over {@code hex}: its first {@link #KEY_HEX_DIGITS} digits as an
     * integer. A character that is not a lowercase hex digit gives a meaningless key, the same one for the row and
     * for its lookup (both use this expression), and the full hash is compared anyway.
     */
    static String keyOf(String hex) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < KEY_HEX_DIGITS; i++) {
            if (i > 0) b.append(" | ");
            b.append("((instr('0123456789abcdef', substr(").append(hex).append(", ").append(i + 1).append(", 1)) - 1) << ")
                    .append(4 * (KEY_HEX_DIGITS - 1 - i)).append(')');
        }
        return b.append(')').toString();
    }

    private static final String[] KEY_DDL = {
            "CREATE TABLE " + KEY_TABLE + " (request_key INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (request_key, id)) WITHOUT ROWID",
            "CREATE TRIGGER " + KEY_TABLE + "_insert AFTER INSERT ON journal WHEN new.request_sha256 IS NOT NULL BEGIN"
                    + " INSERT INTO " + KEY_TABLE + " VALUES (" + keyOf("new.request_sha256") + ", new.id); END",
            "CREATE TRIGGER " + KEY_TABLE + "_delete AFTER DELETE ON journal WHEN old.request_sha256 IS NOT NULL BEGIN"
                    + " DELETE FROM " + KEY_TABLE + " WHERE request_key = " + keyOf("old.request_sha256") + " AND id = old.id; END"};

    /**
     * The oldest row of {@code endpoint} that stored the whole request with this hash (parameters: hash, endpoint).
     * The key table's primary key gives the rows of one key in id order, so the first match is the oldest.
     */
    static final String REQUEST_BY_HASH = "SELECT j.request FROM " + KEY_TABLE + " k JOIN journal j ON j.id = k.id"
            + " WHERE k.request_key = " + keyOf("?1") + " AND j.request_sha256 = ?1 AND j.endpoint = ?2"
            + " AND j.request_stored = 'FULL' ORDER BY k.id LIMIT 1";

    /** What {@link #apply} did, for the log and the tests. */
    record Applied(boolean created, boolean migrated, long keysMigrated) {}

    /** Creates the schema or brings an older one up to date. Autocommit connection; one transaction. */
    static Applied apply(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            boolean created = !exists(s, "table", "journal");
            s.execute(TABLE);
            s.execute(ENDPOINT_INDEX);
            Set<String> have = new HashSet<>();
            try (ResultSet rs = s.executeQuery("PRAGMA table_info(journal)")) {
                while (rs.next()) have.add(rs.getString("name"));
            }
            for (String[] col : ADDED_COLUMNS)
                if (!have.contains(col[0])) s.execute("ALTER TABLE journal ADD COLUMN " + col[0] + " " + col[1]);
            boolean migrated = false;
            long keys = 0;
            if (!exists(s, "table", KEY_TABLE)) {
                for (String ddl : KEY_DDL) s.execute(ddl);
                if (!created) {
                    // Read through the old index when there is one: it holds every hash and row id, so no row is read.
                    String from = exists(s, "index", OLD_HASH_INDEX) ? "journal INDEXED BY " + OLD_HASH_INDEX : "journal";
                    keys = s.executeUpdate("INSERT INTO " + KEY_TABLE + " SELECT " + keyOf("request_sha256") + ", id FROM "
                            + from + " WHERE request_sha256 IS NOT NULL");
                    migrated = true;
                }
            }
            s.execute("DROP INDEX IF EXISTS " + OLD_HASH_INDEX);
            c.commit();
            return new Applied(created, migrated, keys);
        } catch (SQLException | RuntimeException e) {
            try { c.rollback(); } catch (SQLException ignored) { /* the original error is reported */ }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static boolean exists(Statement s, String type, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM sqlite_schema WHERE type = '" + type + "' AND name = '" + name + "'")) {
            return rs.next();
        }
    }
}
