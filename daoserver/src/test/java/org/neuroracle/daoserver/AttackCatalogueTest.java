package org.neuroracle.daoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attacks of issue 14, each answered with a 4xx or 503 (never a 5xx), while the node keeps answering
 * {@code /health} and forecasts. One node with the default budgets, the bundled models, 1 MiB bodies and 10,000
 * votes allowed (the production defaults), short request timeouts and a rate limit per client address. The idle
 * timeout is the default 30 s: Vert.x's idle timer also runs while an answer is being computed, so one shorter than
 * a queued simulation and its 10 s deadline would close connections waiting on their answer. Stalled headers and
 * bodies are closed by the connection guard and the request timer, not by the idle timeout.
 */
class AttackCatalogueTest {
    @TempDir static Path dir;
    static DaoServer server;

    static final String GOOD_VOTE = """
            {"dao":"compound","proposalId":"42","voteStart":1000,"voteEnd":2000,"asOf":1500,"quorum":"400000",
             "votes":[{"timestamp":1100,"voter":"0xabc","choice":"for","weight":"12.5"}]}""";

    @BeforeAll static void start() {
        server = TestServers.start(TestServers.config(dir, dir.resolve("no-index"), Map.of(
                "NEURORACLE_MAX_BODY_BYTES", Integer.toString((1 << 20) + (64 << 10)), "NEURORACLE_MAX_VOTES", "10000",
                "NEURORACLE_REQUEST_TIMEOUT_MS", "1500", "NEURORACLE_RATE_LIMIT_PER_SECOND", "200",
                "NEURORACLE_RATE_LIMIT_BURST", "400", "NEURORACLE_SIM_QUEUE", "2")), ForecastEngine.bundledOrUnavailable());
    }

    @AfterAll static void stop() { server.close(); }

    /** Runs {@code copies} of the attack at once; while they run, /health and a forecast must answer 200. */
    private static <T> List<T> underAttack(int copies, Callable<T> attack) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            List<Future<T>> fs = new ArrayList<>();
            for (int i = 0; i < copies; i++) fs.add(pool.submit(attack));
            assertServing();
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) out.add(f.get());
            assertServing();
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int forecastNonce = 0;

    /** /health answers 200 and a new forecast (a body never sent before) answers 200. */
    private static void assertServing() throws Exception {
        HttpResponse<String> h = TestServers.get(server, "/health");
        assertEquals(200, h.statusCode(), h.body());
        String body = GOOD_VOTE.replace("\"12.5\"", "\"" + (13 + forecastNonce++) + "\"");
        HttpResponse<String> f = TestServers.post(server, "/v1/forecasts/vote", "application/json", body);
        assertEquals(200, f.statusCode(), f.body());
    }

    private static void assertRefused(HttpResponse<String> r, String field) {
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500 || r.statusCode() == 503, r.statusCode() + " " + r.body());
        assertEquals(Problem.CONTENT_TYPE, r.headers().firstValue("content-type").orElse(""));
        if (r.statusCode() == 503) assertTrue(r.headers().firstValue("retry-after").isPresent(), "503 carries Retry-After");
        else if (field != null) assertEquals(field, new JsonObject(r.body()).getString("field"), r.body());
    }

    private static HttpResponse<String> simulate(JsonObject body) throws Exception {
        return TestServers.post(server, "/v1/simulations", "application/json", body.encode());
    }

    // ---- the catalogue ---------------------------------------------------------------------------------------

    /**
     * 200 bytes: 20,000 Poisson sources at 1 GHz for 10,000 steps would emit 2 x 10^8 spikes. Without a raster they
     * would only be hashed, still too much work (maxSimDigestSpikes); with one they would be kept
     * (maxSimRecordedSpikes). Refused before compiling either way.
     */
    @Test void spikeBombIsRefusedBeforeItRuns() throws Exception {
        JsonObject bomb = new JsonObject("""
                {"network": {"format": "neuroracle-network/1", "name": "bomb", "dt_ms": 1.0,
                 "populations": [{"name": "p", "size": 20000, "model": {"type": "poisson-source", "rate_hz": 1e9}}]},
                 "steps": 10000}""");
        assertTrue(bomb.encode().length() < 250, "the attack fits in about 200 bytes");
        for (HttpResponse<String> r : underAttack(6, () -> simulate(bomb))) {
            assertRefused(r, "network.populations[0]");
            if (r.statusCode() == 422) assertTrue(r.body().contains("maxSimDigestSpikes"), r.body());
        }
        JsonObject withRaster = bomb.copy().put("record", true);
        for (HttpResponse<String> r : underAttack(2, () -> simulate(withRaster))) {
            assertRefused(r, "network.populations[0]");
            if (r.statusCode() == 422) assertTrue(r.body().contains("maxSimRecordedSpikes"), r.body());
        }
    }

    /** Model neurons whose spikes no estimate can know: 20,000 neurons driven to spike every step are cancelled while running. */
    @Test void runtimeSpikeBombIsCancelledWhileRunning() throws Exception {
        JsonObject bomb = new JsonObject("""
                {"network": {"format": "neuroracle-network/1", "name": "hot", "dt_ms": 1.0,
                 "populations": [{"name": "p", "size": 20000, "model": {"type": "cuba-lif-fixed", "du": [0], "dv": 0, "vth": 1,
                   "bias_mant": 4095, "bias_exp": 7, "refractory_steps": 0}}]},
                 "steps": 10000}""");
        // Cancelled by whichever limit it reaches first: the work budget (field "network") on a fast machine, the
        // run deadline (field "steps") on a slow or loaded one; both are a 422 that says how far it got.
        for (HttpResponse<String> r : underAttack(2, () -> simulate(bomb))) {
            assertRefused(r, null);
            if (r.statusCode() == 422) {
                String field = new JsonObject(r.body()).getString("field");
                assertTrue("network".equals(field) || "steps".equals(field), r.body());
                assertTrue(r.body().contains("cancelled after"), r.body());
            }
        }
    }

    /** The longest allowed delay on 20,000 neurons: delay rings of 327 MB. Refused before compiling. */
    @Test void delayBombIsRefused() throws Exception {
        JsonObject bomb = new JsonObject("""
                {"network": {"format": "neuroracle-network/1", "name": "slow", "dt_ms": 1.0,
                 "populations": [{"name": "a", "size": 10, "model": {"type": "poisson-source", "rate_hz": 1}},
                   {"name": "b", "size": 19990, "model": {"type": "cuba-lif-fixed", "du": [100], "dv": 100, "vth": 10,
                   "bias_mant": 0, "bias_exp": 0, "refractory_steps": 0}}],
                 "projections": [{"name": "p", "pre": "a", "post": "b", "channel": 0,
                   "connector": {"type": "fixed-fan-in", "fan_in": 1}, "weight": 1, "weight_exp": 0, "delay_steps": 4096}]},
                 "steps": 10}""");
        for (HttpResponse<String> r : underAttack(4, () -> simulate(bomb))) {
            assertRefused(r, "network.projections[0].delay_steps");
            if (r.statusCode() == 422) assertTrue(r.body().contains("maxSimDelayRingBytes"), r.body());
        }
    }

    @Test void deepJsonIsRefused() throws Exception {
        String arrays = "[".repeat(200_000) + "]".repeat(200_000);
        String objects = "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000);
        String inNetwork = "{\"steps\":1,\"network\":" + objects + "}";
        for (String path : List.of("/v1/forecasts/vote", "/v1/forecasts/treasury", "/v1/simulations"))
            for (HttpResponse<String> r : underAttack(2, () -> TestServers.post(server, path, "application/json", arrays)))
                assertRefused(r, "body");
        for (HttpResponse<String> r : underAttack(2, () -> TestServers.post(server, "/v1/simulations", "application/json", inNetwork)))
            assertRefused(r, null);
    }

    @Test void hugeNumbersAreRefused() throws Exception {
        String longDigits = "9".repeat(500_000);
        List<String[]> cases = List.of(
                new String[]{"/v1/simulations", "{\"builtin\":\"cuba-fixed\",\"steps\":1e400}"},
                new String[]{"/v1/simulations", "{\"builtin\":\"cuba-fixed\",\"steps\":" + longDigits + "}"},
                new String[]{"/v1/simulations", "{\"builtin\":\"cuba-fixed\",\"steps\":5,\"seed\":" + longDigits + "}"},
                new String[]{"/v1/forecasts/vote", GOOD_VOTE.replace("\"asOf\":1500", "\"asOf\":" + longDigits)},
                new String[]{"/v1/forecasts/vote", GOOD_VOTE.replace("\"12.5\"", "\"" + longDigits + "\"")},
                new String[]{"/v1/forecasts/vote", GOOD_VOTE.replace("\"12.5\"", "\"1e999999999\"")},
                new String[]{"/v1/forecasts/vote", GOOD_VOTE.replace("\"asOf\":1500", "\"asOf\":1.5e308")});
        for (String[] c : cases)
            for (HttpResponse<String> r : underAttack(2, () -> TestServers.post(server, c[0], "application/json", c[1])))
                assertRefused(r, null);
    }

    /** Thousands of tiny requests from one client (127.0.0.2) over one connection: beyond its rate, 429 with Retry-After. */
    @Test void manySmallBodiesAreRateLimited() throws Exception {
        List<int[]> counts = underAttack(2, () -> {
            int[] byStatus = new int[600];
            try (RawHttp c = new RawHttp("127.0.0.2", server.port(), 10_000)) {
                for (int i = 0; i < 1500; i++) {
                    RawHttp.Response r = c.post("/v1/forecasts/vote", "{}");
                    assertTrue(r.status() < 500, r.status() + " " + r.body());
                    if (r.status() == 429) assertNotNull(r.headers().get("retry-after"), "429 carries Retry-After");
                    byStatus[r.status()]++;
                }
            }
            return byStatus;
        });
        int limited = counts.stream().mapToInt(c -> c[429]).sum(), invalid = counts.stream().mapToInt(c -> c[400]).sum();
        assertTrue(limited > 0, "some were rate limited");
        assertTrue(invalid > 0, "the first ones were checked (400: an empty body is not a vote request)");
    }

    /** The same 1 MiB, 10,000-vote body again and again: the journal stores its hash and first bytes, not 1 MiB a row. */
    @Test void repeatedMegabyteBodiesDoNotGrowTheJournal() throws Exception {
        StringBuilder votes = new StringBuilder();
        for (int i = 0; i < 10_000; i++)
            votes.append(i == 0 ? "" : ",").append("{\"timestamp\":").append(1001 + i % 400).append(",\"voter\":\"0x")
                    .append(String.format("%040x", i)).append("\",\"choice\":\"for\",\"weight\":\"").append(1 + i % 97).append(".5\"}");
        String body = "{\"dao\":\"big\",\"proposalId\":\"1\",\"voteStart\":1000,\"voteEnd\":2000,\"asOf\":1500,\"quorum\":null,\"votes\":["
                + votes + "]}";
        assertTrue(body.length() > 1_000_000, "about 1 MiB: " + body.length());
        long before = journalBytes();
        HttpResponse<String> first = TestServers.post(server, "/v1/forecasts/vote", "application/json", body);
        assertEquals(200, first.statusCode(), first.body());
        for (HttpResponse<String> r : underAttack(4, () -> {
            HttpResponse<String> last = null;
            for (int i = 0; i < 5; i++) last = TestServers.post(server, "/v1/forecasts/vote", "application/json", body);
            return last;
        })) assertEquals(200, r.statusCode());
        long grown = journalBytes() - before;
        assertTrue(grown < 4 << 20, "21 rows of a 1 MiB body grew the journal by " + grown + " bytes (unbounded: > 21 MiB)");
        long id = Long.parseLong(first.headers().firstValue(DaoServer.JOURNAL_HEADER).orElseThrow());
        Journal.Row row = server.journal().byId(id).orElseThrow();
        assertEquals(body.length(), row.requestBytes());
        assertEquals(Journal.Stored.PREFIX, row.stored());
        assertEquals(Journal.sha256(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)), row.requestSha256());

        // The same body with an invalid last vote misses the fast check; it is validated off the event loop.
        String bad = body.substring(0, body.length() - 10) + "\"NaN\"}]}";
        HttpResponse<String> r = TestServers.post(server, "/v1/forecasts/vote", "application/json", bad);
        assertRefused(r, null);
    }

    private static long journalBytes() throws Exception {
        long n = 0;
        for (String f : List.of("journal.db", "journal.db-wal"))
            if (Files.exists(dir.resolve(f))) n += Files.size(dir.resolve(f));
        return n;
    }

    /**
     * Slow clients: one that stops in the middle of its header is closed by the idle timeout; one that trickles its
     * body slower than the request timeout gets 408 and its connection closed (it held a body buffer until now).
     */
    @Test void slowlorisConnectionsAreClosed() throws Exception {
        List<Boolean> closed = underAttack(12, () -> {
            try (RawHttp c = new RawHttp("127.0.0.3", server.port(), 30_000)) {
                c.writeRaw("POST /v1/forecasts/vote HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: y");
                return c.closedByServer();
            }
        });
        assertTrue(closed.stream().allMatch(b -> b), "every stalled-header connection was closed");
        List<RawHttp.Response> slowBody = underAttack(6, () -> {
            try (RawHttp c = new RawHttp("127.0.0.4", server.port(), 30_000)) {
                c.writeRaw("POST /v1/forecasts/vote HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{");
                try {
                    for (int i = 0; i < 100; i++) {
                        Thread.sleep(200);
                        c.writeRaw(" ");
                    }
                } catch (java.io.IOException e) {
                    return null; // closed while we were writing; the 408 may be lost with the reset
                }
                return c.read();
            }
        });
        for (RawHttp.Response r : slowBody) if (r != null) assertEquals(408, r.status(), r.body());
        assertTrue(server.metricsText().contains("status=\"408\""), "the slow bodies were answered 408");
    }

    /**
     * A client that keeps its first request header unfinished by sending one byte every ~100 ms is closed: the
     * connection guard sees it at accept and closes it when no request has started within requestTimeoutMs (1.5 s
     * here), whatever bytes it dribbles. It gets 300 bytes (30 s) to be closed.
     */
    @Test void dribbledFirstHeaderIsClosed() throws Exception {
        List<Integer> sentBeforeClose = underAttack(4, () -> {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port(), java.net.InetAddress.getByName("127.0.0.5"), 0)) {
                java.io.OutputStream out = s.getOutputStream();
                out.write("POST /v1/forecasts/vote HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a".getBytes());
                out.flush();
                s.setSoTimeout(100);
                int sent = 0;
                for (; sent < 300; sent++) {
                    try {
                        out.write('a');
                        out.flush();
                        if (s.getInputStream().read() < 0) break;
                    } catch (java.net.SocketTimeoutException stillOpen) {
                        // keep dribbling
                    } catch (java.io.IOException closed) {
                        break;
                    }
                }
                return sent;
            }
        });
        for (int sent : sentBeforeClose) assertTrue(sent < 300, "a dribbling first header kept its connection for 30 s");
    }

    /**
     * Connections still sending their first request header count against the connection cap (h2c is off, so Vert.x
     * hands a connection to the guard at accept): with a cap of 3 and three such clients holding their connections,
     * a fourth connection is closed unanswered and counted as refused; once they are gone the node answers again.
     */
    @Test void unfinishedFirstHeadersCountAgainstTheConnectionCap(@TempDir Path capDir) throws Exception {
        try (DaoServer s = TestServers.start(TestServers.config(capDir, capDir.resolve("none"), Map.of("NEURORACLE_MAX_CONNECTIONS", "3",
                "NEURORACLE_REQUEST_TIMEOUT_MS", "20000", "NEURORACLE_IDLE_TIMEOUT_SECONDS", "20")), ForecastEngine.unavailable("not needed"))) {
            List<RawHttp> half = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawHttp c = new RawHttp(null, s.port(), 10_000);
                    c.writeRaw("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a");
                    half.add(c);
                }
                RawHttp.Response r;
                try (RawHttp fourth = new RawHttp(null, s.port(), 10_000)) {
                    r = fourth.get("/health");
                } catch (java.io.IOException reset) {
                    r = null;
                }
                assertEquals(null, r, "a fourth connection beyond the three unfinished headers is closed unanswered");
            } finally {
                for (RawHttp c : half) c.close();
            }
            RawHttp.Response after = null;
            for (int attempt = 0; attempt < 50 && after == null; attempt++) {
                try (RawHttp c = new RawHttp(null, s.port(), 10_000)) {
                    after = c.get("/health");
                } catch (java.io.IOException stillClosing) {
                    Thread.sleep(100);
                }
            }
            assertNotNull(after, "the node answers once the unfinished headers are gone");
            assertEquals(200, after.status(), after.body());
            JsonObject connections = new JsonObject(after.body()).getJsonObject("load").getJsonObject("connections");
            assertTrue(connections.getInteger("refused") >= 1, connections.encode());
        }
    }

    /** Everything in the journal at once: the limit has a maximum (400 above it) and the rows stream in pages. */
    @Test void journalReadOfEverythingIsBounded() throws Exception {
        for (int i = 0; i < 40; i++) assertServing();
        for (HttpResponse<String> r : underAttack(4, () -> TestServers.get(server, "/v1/journal?limit=1000000")))
            assertRefused(r, "limit");
        HttpResponse<String> r = TestServers.get(server, "/v1/journal?limit=200");
        assertEquals(200, r.statusCode(), r.body());
        JsonArray rows = new JsonObject(r.body()).getJsonArray("rows");
        assertTrue(rows.size() >= 40 && rows.size() <= 200, "rows: " + rows.size());
        long prev = Long.MAX_VALUE;
        for (Object o : rows) {
            long id = ((JsonObject) o).getLong("id");
            assertTrue(id < prev, "newest first across pages");
            prev = id;
        }
        HttpResponse<String> small = TestServers.get(server, "/v1/journal?limit=17");
        assertEquals(17, new JsonObject(small.body()).getJsonArray("rows").size());
    }
}
