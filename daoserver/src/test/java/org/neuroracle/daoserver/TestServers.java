package org.neuroracle.daoserver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Starts a real service on a free loopback port with its data under a temp directory. */
final class TestServers {
    private TestServers() {}

    static ServerConfig config(Path dataDir) { return config(dataDir, dataDir.resolve("index")); }

    /** With {@code indexDir} (tests without an index point it at a folder that does not exist: an empty index). */
    static ServerConfig config(Path dataDir, Path indexDir) { return config(dataDir, indexDir, Map.of()); }

    /** With more environment variables ({@code NEURORACLE_...}) over the test defaults. */
    static ServerConfig config(Path dataDir, Path indexDir, Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("NEURORACLE_PORT", "0", "NEURORACLE_DATA_DIR", dataDir.toString(),
                "NEURORACLE_EVENT_LOOPS", "1", "NEURORACLE_WORKER_THREADS", "2", "NEURORACLE_MAX_VOTES", "50",
                "NEURORACLE_MAX_BODY_BYTES", "65536", "NEURORACLE_INDEX_DIR", indexDir.toString()));
        env.putAll(more);
        return ServerConfig.load(null, env);
    }

    /** The hand-written fixture index ({@code src/test/resources/index}). */
    static Path fixtureIndex() {
        try {
            return Path.of(TestServers.class.getResource("/index").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static DaoServer start(ServerConfig config, ForecastEngine engine) {
        return DaoServer.start(config, engine, OracleLog.empty()).toCompletionStage().toCompletableFuture().join();
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static HttpResponse<String> post(DaoServer s, String path, String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .header("content-type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(DaoServer s, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
