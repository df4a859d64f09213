package org.neuroracle.daoserver;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.io.NetworkFiles;
import org.neuroracle.snn.model.Network;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class SimulationEndpointTest {
    static final String NETWORK = """
            {"format": "neuroracle-network/1", "name": "tiny", "dt_ms": 1.0, "seed": 7,
             "populations": [
               {"name": "in", "size": 20, "model": {"type": "poisson-source", "rate_hz": 80}},
               {"name": "out", "size": 30, "model": {"type": "cuba-lif-fixed", "du": [80], "dv": 20, "vth": 10,
                "bias_mant": 0, "bias_exp": 0, "refractory_steps": 2}}],
             "projections": [
               {"name": "p", "pre": "in", "post": "out", "channel": 0,
                "connector": {"type": "fixed-probability", "p": 0.3}, "weight": {"uniform": [20, 60]}, "weight_exp": 4,
                "delay_steps": {"uniform": [1, 3]}}],
             "record": {"spikes": [{"population": "out"}]}}""";

    @TempDir static Path dir;
    static DaoServer server;

    @BeforeAll static void start() { server = TestServers.start(TestServers.config(dir), ForecastEngine.unavailable("not needed here")); }

    @AfterAll static void stop() { server.close(); }

    private static HttpResponse<Buffer> post(Vertx vertx, JsonObject body) {
        return WebClient.create(vertx).post(server.port(), "127.0.0.1", "/v1/simulations").sendJsonObject(body).await();
    }

    @Test void networkFileRunsAndMatchesTheCpuBackendDirectly(Vertx vertx) {
        HttpResponse<Buffer> r = post(vertx, new JsonObject().put("network", new JsonObject(NETWORK)).put("steps", 300).put("record", true));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertTrue(Long.parseLong(r.getHeader(DaoServer.JOURNAL_HEADER)) >= 1);
        JsonObject o = r.bodyAsJsonObject();
        Network net = NetworkFiles.parse(NETWORK, "test", null, 1);
        try (Simulation sim = Backends.byName("cpu").compile(net, Options.defaults().withThreads(1))) {
            sim.run(300);
            assertEquals(Digest.of(sim), o.getString("digest"));
            assertEquals(sim.counters().totalSpikes(), o.getJsonObject("counters").getLong("spikes"));
            assertEquals(sim.spikes().size(), o.getJsonObject("raster").getJsonArray("step").size());
        }
        assertEquals(50, o.getInteger("neurons"));
        assertTrue(o.getJsonObject("counters").getLong("spikes") > 0, "the tiny network spikes");
    }

    @Test void matrixMarketConnectorsAreRefused(Vertx vertx) {
        JsonObject net = new JsonObject(NETWORK.replace("{\"type\": \"fixed-probability\", \"p\": 0.3}", "{\"type\": \"matrix-market\", \"file\": \"/etc/passwd\"}"));
        HttpResponse<Buffer> r = post(vertx, new JsonObject().put("network", net).put("steps", 10));
        assertEquals(422, r.statusCode(), r.bodyAsString());
        assertEquals("network.projections[0].connector.type", r.bodyAsJsonObject().getString("field"));
    }

    @Test void invalidNetworkNamesTheFieldInsideTheNetwork(Vertx vertx) {
        JsonObject net = new JsonObject(NETWORK.replace("\"dv\": 20", "\"dv\": 5000"));
        HttpResponse<Buffer> r = post(vertx, new JsonObject().put("network", net).put("steps", 10));
        assertEquals(422, r.statusCode(), r.bodyAsString());
        assertTrue(r.bodyAsJsonObject().getString("field").startsWith("network.populations[1]"), r.bodyAsString());
    }

    @Test void tooManyNeuronsAreRefusedBeforeBuilding(Vertx vertx) {
        JsonObject net = new JsonObject(NETWORK.replace("\"size\": 30", "\"size\": 5000000"));
        HttpResponse<Buffer> r = post(vertx, new JsonObject().put("network", net).put("steps", 10));
        assertEquals(422, r.statusCode(), r.bodyAsString());
        assertEquals("network.populations", r.bodyAsJsonObject().getString("field"));
    }

    @Test void exactlyOneNetworkSource(Vertx vertx) {
        HttpResponse<Buffer> r = post(vertx, new JsonObject().put("steps", 10));
        assertEquals(400, r.statusCode(), r.bodyAsString());
        assertEquals("network", r.bodyAsJsonObject().getString("field"));
        r = post(vertx, new JsonObject().put("steps", 10).put("builtin", "cuba").put("network", new JsonObject(NETWORK)));
        assertEquals(400, r.statusCode(), r.bodyAsString());
    }
}
