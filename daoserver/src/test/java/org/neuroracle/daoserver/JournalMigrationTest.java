package org.neuroracle.daoserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compact request key ({@link JournalSchema}): a journal written by the schema before it (a real file, written by
 * main f521563's Journal: daoserver/bench/OldJournalFixture.java) opens, migrates once and is still searchable by
 * hash; its rows read back byte for byte as before; retention removes the keys of the rows it deletes; rows of
 * every kind round-trip unchanged; and a lookup by hash is a key seek, not a scan.
 */
class JournalMigrationTest {
    private static final Journal.Policy KEEP_ALL = new Journal.Policy("NORMAL", 8, Integer.MAX_VALUE, 0, 0);

    private static Path oldJournal(Path dir) throws Exception {
        try (InputStream in = JournalMigrationTest.class.getResourceAsStream("/journal/v1-text-hash-index.db")) {
            Files.copy(in, dir.resolve("journal.db"));
        }
        return dir;
    }

    /** Every column of every row, as SQLite hands them out, read with plain JDBC (no Journal code). */
    private static List<List<Object>> rawRows(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM journal ORDER BY id")) {
            ResultSetMetaData md = rs.getMetaData();
            List<List<Object>> out = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.add(md.getColumnName(i) + "=" + (v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v)));
                }
                out.add(row);
            }
            return out;
        }
    }

    private static List<String> schemaObjects(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type || ' ' || name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY 1")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) out.add(rs.getString(1));
            return out;
        }
    }

    private static long keyCount(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + JournalSchema.KEY_TABLE)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test void anOldJournalMigratesOnceAndIsStillSearchableByHash(@TempDir Path dir) throws Exception {
        Path db = oldJournal(dir).resolve("journal.db");
        assertTrue(schemaObjects(db).contains("index " + JournalSchema.OLD_HASH_INDEX), "the fixture has the old schema");
        List<List<Object>> before = rawRows(db);
        assertEquals(9, before.size());
        try (Journal j = Journal.open(dir, KEEP_ALL)) {
            List<String> schema = schemaObjects(db);
            assertFalse(schema.contains("index " + JournalSchema.OLD_HASH_INDEX), "old index dropped: " + schema);
            assertTrue(schema.contains("table " + JournalSchema.KEY_TABLE), schema.toString());
            assertEquals(9, keyCount(db), "one key per old row");
            assertEquals(before, rawRows(db), "the migration rewrote no row");

            // Row 7 is a repeat of row 2 (stored as its hash only): its bytes are found through the migrated key.
            Journal.Row repeat = j.byId(7).orElseThrow();
            assertEquals(Journal.Stored.HASH, repeat.stored());
            assertArrayEquals(j.byId(2).orElseThrow().request(), j.requestByHash("vote", repeat.requestSha256()).orElseThrow());
            assertEquals("{\"proposalId\":\"old-1\",\"votes\":[1]}",
                    new String(j.requestByHash("vote", repeat.requestSha256()).orElseThrow(), StandardCharsets.UTF_8));
            for (long id : new long[]{1, 3, 9}) {
                Journal.Row r = j.byId(id).orElseThrow();
                assertArrayEquals(r.request(), j.requestByHash(r.endpoint(), r.requestSha256()).orElseThrow(), "row " + id);
            }
            // Only whole requests of the same endpoint are answers.
            Journal.Row prefix = j.byId(8).orElseThrow();
            assertEquals(Journal.Stored.PREFIX, prefix.stored());
            assertEquals(Optional.empty(), j.requestByHash("vote", prefix.requestSha256()));
            assertEquals(Optional.empty(), j.requestByHash("treasury", repeat.requestSha256()));
            assertEquals(Optional.empty(), j.requestByHash("vote", "0".repeat(64)));

            // A new row with an old row's request: the oldest full row still answers, the new one is searchable too.
            byte[] old2 = j.byId(2).orElseThrow().request();
            long again = j.append(new Journal.Entry(5, "vote", old2, 200, new byte[]{9}, null, null, null)).join();
            assertEquals(10, again);
            byte[] fresh = "{\"new\":1}".getBytes(StandardCharsets.UTF_8);
            j.append(new Journal.Entry(6, "simulation", fresh, 200, new byte[0], null, null, null)).join();
            assertArrayEquals(old2, j.requestByHash("vote", Journal.sha256(old2)).orElseThrow());
            assertArrayEquals(fresh, j.requestByHash("simulation", Journal.sha256(fresh)).orElseThrow());
        }
        // Reopened: nothing migrates again, nothing is lost.
        try (Journal j = Journal.open(dir, KEEP_ALL)) {
            assertEquals(11, keyCount(db));
            assertEquals(before, rawRows(db).subList(0, 9));
            assertArrayEquals(j.byId(2).orElseThrow().request(), j.requestByHash("vote", j.byId(7).orElseThrow().requestSha256()).orElseThrow());
        }
    }

    /** What the migration reports, and that a fresh journal never had the old index. */
    @Test void aNewJournalIsCreatedWithTheKeyTableOnly(@TempDir Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + oldJournal(dir).resolve("journal.db"))) {
            assertEquals(new JournalSchema.Applied(false, true, 9), JournalSchema.apply(c));
            assertEquals(new JournalSchema.Applied(false, false, 0), JournalSchema.apply(c));
        }
        Path fresh = dir.resolve("fresh");
        try (Journal j = Journal.open(fresh, KEEP_ALL)) {
            j.append(new Journal.Entry(1, "vote", new byte[]{1}, 200, new byte[0], null, null, null)).join();
        }
        List<String> schema = schemaObjects(fresh.resolve("journal.db"));
        assertEquals(List.of("index journal_endpoint", "table journal", "table journal_request_key",
                "trigger journal_request_key_delete", "trigger journal_request_key_insert"), schema);
    }

    /** Retention's DELETEs take the rows' keys with them (the delete trigger), so the key table never outgrows the journal. */
    @Test void retentionDeletesTheKeysOfTheRowsItDeletes(@TempDir Path dir) throws Exception {
        oldJournal(dir);
        try (Journal j = Journal.open(dir, new Journal.Policy("NORMAL", 8, Integer.MAX_VALUE, 0, 4))) {
            j.append(new Journal.Entry(20, "vote", "{\"r\":1}".getBytes(StandardCharsets.UTF_8), 200, new byte[0], null, null, null)).join();
            j.retainNow();
            assertEquals(4, j.recent(null, 100).size());
        }
        Path db = dir.resolve("journal.db");
        assertEquals(4, keyCount(db));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + JournalSchema.KEY_TABLE + " k LEFT JOIN journal j ON j.id = k.id WHERE j.id IS NULL")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "no key without its row");
        }
    }

    /** Rows of every kind read back exactly as appended, through byId and recent. */
    @Test void rowsRoundTripByteIdentical(@TempDir Path dir) {
        Random rnd = new Random(14);
        List<Journal.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            byte[] req = new byte[rnd.nextInt(3) == 0 ? 200 + rnd.nextInt(9000) : rnd.nextInt(300)];
            byte[] ans = new byte[rnd.nextInt(7000)];
            rnd.nextBytes(req);
            rnd.nextBytes(ans);
            boolean sim = i % 5 == 0;
            entries.add(new Journal.Entry(1_800_000_000_000L + i, sim ? "simulation" : "vote", req, i % 7 == 0 ? 422 : 200, ans,
                    sim ? null : "model-" + i, sim ? null : Journal.sha256(ans), sim ? null : "0x" + "ab".repeat(32) + ":0x" + i,
                    i % 4 == 3, i % 2 == 0 ? Journal.sha256(req) : null));
        }
        Journal.Policy capped = new Journal.Policy("NORMAL", 8, 4096, 0, 0);
        try (Journal j = Journal.open(dir, capped)) {
            List<Long> ids = new ArrayList<>();
            for (Journal.Entry e : entries) ids.add(j.append(e).join());
            List<Journal.Row> recent = j.recent(null, 100);
            assertEquals(entries.size(), recent.size());
            for (int i = 0; i < entries.size(); i++) {
                Journal.Entry e = entries.get(i);
                Journal.Row r = j.byId(ids.get(i)).orElseThrow();
                Journal.Row listed = recent.get(entries.size() - 1 - i);
                assertEquals(r.id(), listed.id());
                assertArrayEquals(r.request(), listed.request(), "recent = byId, row " + i);
                assertArrayEquals(r.response(), listed.response(), "recent = byId, row " + i);
                assertEquals(r.requestSha256(), listed.requestSha256());
                Journal.Stored stored = e.repeat() ? Journal.Stored.HASH : e.request().length > 4096 ? Journal.Stored.PREFIX : Journal.Stored.FULL;
                byte[] kept = switch (stored) {
                    case FULL -> e.request();
                    case PREFIX -> Arrays.copyOf(e.request(), Journal.PREFIX_BYTES);
                    case HASH -> new byte[0];
                };
                assertEquals(stored, r.stored(), "row " + i);
                assertArrayEquals(kept, r.request(), "request, row " + i);
                assertArrayEquals(e.response(), r.response(), "response, row " + i);
                assertEquals(e.receivedEpochMs(), r.receivedEpochMs());
                assertEquals(e.endpoint(), r.endpoint());
                assertEquals(e.status(), r.status());
                assertEquals(e.modelId(), r.modelId());
                assertEquals(e.inputHash(), r.inputHash());
                assertEquals(e.attestation(), r.attestation());
                assertEquals(Journal.sha256(e.request()), r.requestSha256(), "row " + i);
                assertEquals(e.request().length, r.requestBytes());
                Optional<byte[]> byHash = j.requestByHash(e.endpoint(), r.requestSha256());
                if (stored == Journal.Stored.FULL) assertArrayEquals(e.request(), byHash.orElseThrow(), "by hash, row " + i);
                else assertEquals(Optional.empty(), byHash, "only whole requests are found by hash, row " + i);
            }
        }
    }

    /** The lookup seeks the key table's primary key and reads rows by id: no scan of the journal or of the keys. */
    @Test void aLookupByHashIsAKeySeek(@TempDir Path dir) throws Exception {
        try (Journal j = Journal.open(dir, KEEP_ALL)) {
            j.append(new Journal.Entry(1, "vote", new byte[]{1}, 200, new byte[0], null, null, null)).join();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
             var q = c.prepareStatement("EXPLAIN QUERY PLAN " + JournalSchema.REQUEST_BY_HASH)) {
            q.setString(1, "ab".repeat(32));
            q.setString(2, "vote");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) plan.append(rs.getString("detail")).append('\n');
            }
            String p = plan.toString();
            assertTrue(p.contains("SEARCH k USING PRIMARY KEY (request_key=?)"), p);
            assertTrue(p.contains("SEARCH j USING INTEGER PRIMARY KEY (rowid=?)"), p);
            assertFalse(p.contains("SCAN"), p);
            assertFalse(p.contains("TEMP B-TREE"), "ids of one key come in order: " + p);
        }
    }
}
