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
}
