package org.neuroracle.daoserver;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The durability promise: a request answered 200 is in the journal even when the process is killed with SIGKILL
 * (no shutdown hook, no flush) while other requests are in flight. The service runs in a child JVM; eight client
 * threads keep it busy with distinct requests; the child is killed; a new child on the same data directory must
 * return every acknowledged row with the request that was sent.
 */
class JournalKillTest {
    private static final String TINY = SimulationEndpointTest.NETWORK;

    record Child(Process process, int port) {}

    private static Child startChild(Path dataDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Xmx512m",
                ChildServerMain.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("PORT ")) {
                // Keep draining stdout so the child never blocks on a full pipe.
                Thread.ofVirtual().start(() -> { try { while (out.readLine() != null) { } } catch (Exception ignored) { } });
                return new Child(p, Integer.parseInt(line.substring(5).trim()));
            }
        }
        throw new IllegalStateException("child server exited with " + p.waitFor() + " before listening");
    }

    private static String body(long seed) {
        return new JsonObject().put("network", new JsonObject(TINY)).put("steps", 50).put("seed", seed).encode();
    }

    @Test void everyAcknowledgedRequestSurvivesKillDashNine(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Child child = startChild(data);
        Map<Long, Long> ackedSeedByJournalId = new ConcurrentHashMap<>();
        AtomicLong nextSeed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            clients.add(Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    long seed = nextSeed.getAndIncrement();
                    try {
                        HttpResponse<String> r = TestServers.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + child.port() + "/v1/simulations"))
                                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body(seed))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200)
                            ackedSeedByJournalId.put(Long.parseLong(r.headers().firstValue(DaoServer.JOURNAL_HEADER).orElseThrow()), seed);
                    } catch (Exception e) {
                        return; // the server died under us: this request was never acknowledged
                    }
                }
            }));
        }
        // Load until a few hundred requests are acknowledged (bounded: at most 120 s).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (ackedSeedByJournalId.size() < 300 && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(ackedSeedByJournalId.size() > 0, "no request was acknowledged before the kill");
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.process().pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertEquals(137, child.process().waitFor(), "the child died of SIGKILL (128 + 9)");
        stop.set(true);
        for (Thread c : clients) c.join(30_000);
        Map<Long, Long> acked = Map.copyOf(ackedSeedByJournalId);
        assertTrue(Files.exists(data.resolve("journal.db-wal")), "the kill left a WAL for recovery");

        Child again = startChild(data);
        try {
            for (Map.Entry<Long, Long> e : acked.entrySet()) {
                HttpResponse<String> r = TestServers.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + again.port() + "/v1/journal/" + e.getKey())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), "acknowledged journal row " + e.getKey() + " is missing after the restart: " + r.body());
                JsonObject row = new JsonObject(r.body());
                assertEquals("simulation", row.getString("endpoint"));
                assertEquals(e.getValue(), row.getJsonObject("request").getLong("seed"), "row " + e.getKey() + " holds another request");
                assertEquals(200, row.getInteger("status"));
            }
            System.out.println("JournalKillTest: " + acked.size() + " acknowledged requests, all in the journal after kill -9 and restart");
        } finally {
            again.process().destroyForcibly().waitFor();
        }
    }
}
