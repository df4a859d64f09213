package org.neuroracle.daoserver;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edge limits one by one: API keys, the connection cap, journal retention and a writer that survives failures. */
class EdgeLimitsTest {
    static final String KEY = "k-0123456789abcdef";

    @Test void expensiveEndpointsNeedAnApiKeyWhenKeysAreConfigured(@TempDir Path dir) throws Exception {
        try (DaoServer s = TestServers.start(TestServers.config(dir, dir.resolve("none"), Map.of("NEURORACLE_API_KEYS", "other-key-0000000000, " + KEY)),
                ForecastEngine.unavailable("not needed"))) {
            String sim = "{\"builtin\":\"cuba-fixed\",\"steps\":2}";
            HttpResponse<String> none = TestServers.post(s, "/v1/simulations", "application/json", sim);
            assertEquals(401, none.statusCode(), none.body());
            assertEquals("authorization", new JsonObject(none.body()).getString("field"));
            assertEquals(401, TestServers.get(s, "/v1/journal").statusCode());
            HttpResponse<String> wrong = send(s, "/v1/simulations", sim, "Bearer not-the-key-000000");
            assertEquals(401, wrong.statusCode());
            HttpResponse<String> ok = send(s, "/v1/simulations", sim, "Bearer " + KEY);
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals(200, TestServers.get(s, "/health").statusCode(), "health stays open");
        }
    }

    @Test void shortApiKeysAreRefusedAtStart(@TempDir Path dir) {
        var e = assertThrows(ServerConfig.ConfigException.class,
                () -> TestServers.config(dir, dir.resolve("none"), Map.of("NEURORACLE_API_KEYS", "short")));
        assertTrue(e.getMessage().startsWith("config field apiKeys (from environment variable NEURORACLE_API_KEYS)"), e.getMessage());
    }

    private static HttpResponse<String> send(DaoServer s, String path, String body, String authorization) throws Exception {
        return TestServers.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .header("content-type", "application/json").header("authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Connections beyond maxConnections are closed as soon as the server sees them; the others are served. */
    @Test void connectionsBeyondTheCapAreClosed(@TempDir Path dir) throws Exception {
        try (DaoServer s = TestServers.start(TestServers.config(dir, dir.resolve("none"), Map.of("NEURORACLE_MAX_CONNECTIONS", "3")),
                ForecastEngine.unavailable("not needed"))) {
            List<RawHttp> conns = new ArrayList<>();
            try {
                int served = 0, closed = 0;
                for (int i = 0; i < 6; i++) {
                    RawHttp c = new RawHttp(null, s.port(), 10_000);
                    conns.add(c);
                    RawHttp.Response r;
                    try {
                        r = c.get("/health");
                    } catch (java.io.IOException e) {
                        r = null;
                    }
                    if (r == null) closed++;
                    else served++;
                }
                assertEquals(3, served, "the first three kept-alive connections are served");
                assertEquals(3, closed, "the others are closed");
            } finally {
                for (RawHttp c : conns) c.close();
            }
        }
    }

    private static Journal.Entry entry(String endpoint, long receivedMs) {
        return new Journal.Entry(receivedMs, endpoint, "{}".getBytes(StandardCharsets.UTF_8), 200, "{}".getBytes(StandardCharsets.UTF_8), null, null, null);
    }

    @Test void retentionKeepsTheNewestRowsAndDropsOldOnes(@TempDir Path dir) {
        try (Journal j = Journal.open(dir, new Journal.Policy("NORMAL", 8, 1024, 1, 10))) {
            long now = System.currentTimeMillis();
            j.append(entry("vote", now - 3 * 86_400_000L)).join(); // three days old: over the 1-day retention
            for (int i = 0; i < 20; i++) j.append(entry("vote", now)).join();
            j.retainNow();
            List<Journal.Row> rows = j.recent(null, 100);
            assertEquals(10, rows.size(), "at most journalMaxRows rows are kept");
            assertEquals(21, rows.get(0).id(), "the newest are kept");
            assertTrue(j.byId(1).isEmpty(), "the old row is gone");
        }
    }

    @Test void overCapRequestsAreStoredAsHashAndPrefix(@TempDir Path dir) {
        try (Journal j = Journal.open(dir, new Journal.Policy("NORMAL", 8, 1024, 0, 0))) {
            byte[] big = "x".repeat(5000).getBytes(StandardCharsets.UTF_8);
            long id = j.append(new Journal.Entry(1, "vote", big, 200, new byte[0], null, null, null)).join();
            Journal.Row r = j.byId(id).orElseThrow();
            assertEquals(Journal.Stored.PREFIX, r.stored());
            assertEquals(Journal.PREFIX_BYTES, r.request().length);
            assertEquals(5000, r.requestBytes());
            assertEquals(Journal.sha256(big), r.requestSha256());
        }
    }

    /** A batch that fails (here a NOT NULL column) fails its callers only; the writer goes on with the next. */
    @Test void writerSurvivesAFailedBatch(@TempDir Path dir) {
        try (Journal j = Journal.open(dir, "NORMAL", 1)) {
            var failed = j.append(entry(null, 1));
            assertThrows(java.util.concurrent.CompletionException.class, failed::join);
            assertEquals(1, j.writeFailures());
            assertEquals(1, j.append(entry("vote", 2)).join(), "the next row commits");
        }
    }

    /** Retention deletes a backlog in transactions of at most RETENTION_BATCH rows, never one long DELETE. */
    @Test void retentionDeletesABacklogInBatches(@TempDir Path dir) {
        try (Journal j = Journal.open(dir, new Journal.Policy("NORMAL", 512, 1024, 0, 10))) {
            List<java.util.concurrent.CompletableFuture<Long>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 3_500; i++) done.add(j.append(entry("vote", i)));
            done.forEach(java.util.concurrent.CompletableFuture::join);
            long before = j.retentionBatches();
            j.retainNow();
            assertEquals(10, j.recent(null, 100).size(), "journalMaxRows rows are kept");
            assertEquals(3_500, j.recent(null, 1).get(0).id(), "the newest are kept");
            assertEquals(3_490, j.deletedRows());
            assertTrue(j.retentionBatches() - before >= 3, "a backlog of up to 3,490 rows takes several batches of 1,000");
        }
    }
}
