package org.neuroracle.daoserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest {
    private static Journal.Entry entry(int i) {
        return new Journal.Entry(1_000L + i, "vote", ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8), 200,
                ("{\"answer\":" + i + "}").getBytes(StandardCharsets.UTF_8), "m", "h" + i, "att" + i);
    }

    @Test void appendCompletesWithConsecutiveIdsAfterCommitAndRowsSurviveReopen(@TempDir Path dir) {
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        try (Journal j = Journal.open(dir, "NORMAL", 16)) {
            for (int i = 0; i < 100; i++) futures.add(j.append(entry(i)));
            for (int i = 0; i < 100; i++) assertEquals(i + 1, futures.get(i).join());
            assertEquals(100, j.committedRows());
            assertTrue(j.commits() >= 100 / 16, "group commits hold at most 16 rows");
        }
        try (Journal j = Journal.open(dir, "FULL", 16)) {
            Journal.Row r = j.byId(42).orElseThrow();
            assertEquals("vote", r.endpoint());
            assertArrayEquals("{\"i\":41}".getBytes(StandardCharsets.UTF_8), r.request());
            assertEquals("h41", r.inputHash());
            assertEquals(101, j.append(entry(100)).join(), "ids continue after a restart");
            assertEquals(List.of(101L, 100L, 99L), j.recent("vote", 3).stream().map(Journal.Row::id).toList());
        }
    }

    /**
     * A clean stop with rows still queued: close() lets the writer commit every queued group before it returns, so
     * every append made before it completes with its id and the rows are there after a reopen.
     */
    @Test void aCleanStopCommitsEveryQueuedRow(@TempDir Path dir) throws Exception {
        int threads = 4, perThread = 500;
        List<CompletableFuture<Long>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
        Journal j = Journal.open(dir, "NORMAL", 512); // a queue of 8 x 512 rows: none of the 2,000 is refused as busy
        List<Thread> appenders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            appenders.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) futures.add(j.append(entry(base + i)));
            }));
        }
        for (Thread t : appenders) t.join();
        j.close(); // no join on any future before the stop
        assertEquals(threads * perThread, futures.size());
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (CompletableFuture<Long> f : futures) {
            assertTrue(f.isDone() && !f.isCompletedExceptionally(), "every row queued before close() is committed by it");
            ids.add(f.join());
        }
        assertEquals(threads * perThread, ids.size(), "distinct ids");
        try (Journal again = Journal.open(dir, "NORMAL", 512)) {
            for (long id : ids) assertTrue(again.byId(id).isPresent(), "row " + id + " after reopen");
            assertEquals(threads * perThread, again.recent(null, 10_000).size());
        }
    }

    /**
     * The hash the caller already computed (the service's answer-cache key) is stored as given, not computed again
     * on the writer (a marker value shows which); without one the writer computes it.
     */
    @Test void aGivenRequestHashIsStoredAsIs(@TempDir Path dir) {
        byte[] body = "{\"i\":7}".getBytes(StandardCharsets.UTF_8);
        String marker = "ab".repeat(32);
        try (Journal j = Journal.open(dir, "NORMAL", 8)) {
            long given = j.append(new Journal.Entry(1, "vote", body, 200, new byte[0], null, null, null, false, marker)).join();
            long computed = j.append(new Journal.Entry(2, "vote", body, 200, new byte[0], null, null, null)).join();
            assertEquals(marker, j.byId(given).orElseThrow().requestSha256());
            assertEquals(Journal.sha256(body), j.byId(computed).orElseThrow().requestSha256());
            assertEquals(body.length, j.byId(given).orElseThrow().requestBytes());
        }
    }

    @Test void journalIsInWalMode(@TempDir Path dir) throws Exception {
        try (Journal j = Journal.open(dir, "NORMAL", 8)) {
            j.append(entry(1)).join();
            try (var c = DriverManager.getConnection("jdbc:sqlite:" + j.file()); var s = c.createStatement();
                 var rs = s.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertEquals("wal", rs.getString(1));
            }
        }
    }

    /** A bad tuning property is an error naming it when a journal opens (it was a class-initialisation error, a stack trace). */
    @Test void aBadTuningPropertyNamesItselfWhenAJournalOpens(@TempDir Path dir) {
        for (String[] bad : new String[][]{{"neuroracle.journal.walCapMiB", "0"}, {"neuroracle.journal.checkpoint", "often"},
                {"neuroracle.journal.autocheckpointPages", "x"}, {"neuroracle.journal.pageSize", "3000"}}) {
            System.setProperty(bad[0], bad[1]);
            try {
                var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Journal.open(dir, "NORMAL", 16).close());
                assertTrue(e.getMessage().startsWith(bad[0] + ": ") && e.getMessage().contains(bad[1]), e.getMessage());
            } finally {
                System.clearProperty(bad[0]);
            }
        }
        try (Journal j = Journal.open(dir, "NORMAL", 16)) {
            assertEquals(1, j.append(entry(0)).join(), "the defaults open");
        }
    }
}
