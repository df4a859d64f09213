package org.neuroracle.daoserver.oracle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OracleSchemaTest {
    @TempDir Path dir;

    @Test void freshDatabaseIsMigratedToTheLatestVersion() throws Exception {
        Path db = dir.resolve("o.db");
        new OracleStore(db, "s").close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertEquals(OracleSchema.VERSION, OracleSchema.version(c));
            assertTrue(columns(c, "oracle_logs").containsAll(List.of("request_kind", "subject", "as_of_block", "fee_wei", "attempts")));
            assertFalse(columns(c, "oracle_logs").contains("callback"), "the callback is the requester now: no dead column");
            assertFalse(columns(c, "oracle_fulfilments").contains("finalised"), "oracle_finalised holds it: no dead column");
        }
        new OracleStore(db, "s").close(); // a second open runs nothing again
    }

    @Test void unversionedFirstLayoutIsMigrated() throws Exception {
        Path db = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (String sql : OracleSchema.MIGRATIONS.getFirst()) s.execute(sql);
            s.execute("INSERT INTO oracle_fulfilments(scope, request_id, status, updated_ms) VALUES ('s', '0x1', 'MINED', 1)");
        }
        new OracleStore(db, "s").close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status FROM oracle_fulfilments WHERE request_id='0x1'")) {
            assertEquals(OracleSchema.VERSION, OracleSchema.version(c));
            assertTrue(rs.next(), "fulfilments survive the migration");
            assertEquals("MINED", rs.getString(1));
        }
    }

    @Test void refusesADatabaseFromANewerNode() throws Exception {
        Path db = dir.resolve("new.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE oracle_schema(version INTEGER NOT NULL)");
            s.execute("INSERT INTO oracle_schema VALUES (" + (OracleSchema.VERSION + 1) + ")");
        }
        var e = assertThrows(OracleException.class, () -> new OracleStore(db, "s"));
        assertTrue(e.getMessage().contains("newer than this node's"), e.getMessage());
    }

    static List<String> columns(Connection c, String table) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) out.add(rs.getString("name"));
        }
        return out;
    }
}
