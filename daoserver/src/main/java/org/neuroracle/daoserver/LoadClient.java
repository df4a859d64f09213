package org.neuroracle.daoserver;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop HTTP load generator on Vert.x: {@code connections} clients each keep exactly one request in flight
 * and send the next as soon as the answer arrives, cycling through {@code bodies}. Latency is measured from send to
 * the last byte of the answer. Being closed-loop, it under-reports tail latency when the server stalls (the clients
 * wait instead of queueing); throughput is what the server sustained with that many concurrent requests.
 */
public final class LoadClient {
    private LoadClient() {}

    public record Result(long requests, long ok, double seconds, double perSecond, double p50Ms, double p90Ms,
                         double p99Ms, double maxMs, Map<Integer, Long> statuses) {
        public String summary() {
            return String.format("requests %d (2xx %d) in %.1f s: %.0f/s, latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms, statuses %s",
                    requests, ok, seconds, perSecond, p50Ms, p90Ms, p99Ms, maxMs, statuses);
        }
    }

    /** Runs for {@code warmupSeconds} (not counted), then measures for {@code seconds}. */
    public static Result run(String host, int port, String path, List<Buffer> bodies, int connections,
                             double warmupSeconds, double seconds) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
                    .setKeepAlive(true).setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(connections));
            if (warmupSeconds > 0) phase(vertx, client, path, bodies, connections, warmupSeconds, null);
            long[] latNanos = new long[1 << 22];
            return phase(vertx, client, path, bodies, connections, seconds, latNanos);
        } finally {
            vertx.close().await();
        }
    }

    private static Result phase(Vertx vertx, HttpClient client, String path, List<Buffer> bodies, int connections,
                                double seconds, long[] latNanos) {
        AtomicInteger next = new AtomicInteger();
        int[] count = {0};
        long[] ok = {0};
        Map<Integer, Long> statuses = new TreeMap<>();
        long t0 = System.nanoTime();
        long deadline = t0 + (long) (seconds * 1e9);
        Promise<Void> done = Promise.promise();
        int[] active = {connections};
        vertx.runOnContext(v -> {
            for (int c = 0; c < connections; c++) loop(client, path, bodies, next, deadline, latNanos, count, ok, statuses, active, done);
        });
        done.future().await();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        int n = Math.min(count[0], latNanos == null ? 0 : latNanos.length);
        double p50 = 0, p90 = 0, p99 = 0, max = 0;
        if (latNanos != null && n > 0) {
            long[] sorted = Arrays.copyOf(latNanos, n);
            Arrays.sort(sorted);
            p50 = sorted[(int) Math.min(n - 1, Math.ceil(0.50 * n) - 1)] / 1e6;
            p90 = sorted[(int) Math.min(n - 1, Math.ceil(0.90 * n) - 1)] / 1e6;
            p99 = sorted[(int) Math.min(n - 1, Math.ceil(0.99 * n) - 1)] / 1e6;
            max = sorted[n - 1] / 1e6;
        }
        return new Result(count[0], ok[0], elapsed, count[0] / elapsed, p50, p90, p99, max, statuses);
    }

    // All callbacks run on the client's single event loop, so the counters need no synchronisation.
    private static void loop(HttpClient client, String path, List<Buffer> bodies, AtomicInteger next, long deadline,
                             long[] latNanos, int[] count, long[] ok, Map<Integer, Long> statuses, int[] active, Promise<Void> done) {
        if (System.nanoTime() >= deadline) {
            if (--active[0] == 0) done.tryComplete();
            return;
        }
        Buffer body = bodies.get(Math.floorMod(next.getAndIncrement(), bodies.size()));
        long start = System.nanoTime();
        Future<Integer> status = client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
                        .putHeader("content-type", "application/json"))
                .compose(req -> req.send(body)).compose(resp -> resp.body().map(b -> resp.statusCode()));
        status.onComplete(ar -> {
            long lat = System.nanoTime() - start;
            int code = ar.succeeded() ? ar.result() : -1;
            if (latNanos != null) {
                if (count[0] < latNanos.length) latNanos[count[0]] = lat;
                count[0]++;
                statuses.merge(code, 1L, Long::sum);
                if (code >= 200 && code < 300) ok[0]++;
            }
            loop(client, path, bodies, next, deadline, latNanos, count, ok, statuses, active, done);
        });
    }

    /**
     * {@code n} distinct, valid vote-forecast bodies: proposal i has {@code votesEach} votes with weights and
     * choices from a fixed LCG, so every body (and so every forecast) differs and the set is reproducible.
     */
    public static List<Buffer> voteBodies(int n, int votesEach) {
        Buffer[] out = new Buffer[n];
        long x = 0x9E3779B97F4A7C15L;
        String[] choices = {"for", "against", "abstain"};
        for (int i = 0; i < n; i++) {
            long start = 1_700_000_000L + i * 1000L, end = start + 3 * 86_400L;
            long asOf = start + 3600L + (i % 48) * 3600L;
            JsonArray votes = new JsonArray();
            for (int k = 0; k < votesEach; k++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                long r = x >>> 11;
                votes.add(new JsonObject().put("timestamp", start + Math.floorMod(r, asOf - start + 1))
                        .put("voter", "0x" + Long.toHexString(r | (1L << 60)))
                        .put("choice", choices[(int) ((r >>> 20) % 10 < 6 ? 0 : (r >>> 20) % 10 < 9 ? 1 : 2)])
                        .put("weight", (r % 500_000) + "." + (r % 1000)));
            }
            out[i] = new JsonObject().put("dao", "bench-dao").put("proposalId", "p" + i).put("voteStart", start)
                    .put("voteEnd", end).put("quorum", "400000").put("asOf", asOf).put("votes", votes).toBuffer();
        }
        return List.of(out);
    }
}
