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

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input at the edge: each case answers 4xx problem JSON naming the field. These checks happen before any
 * model runs, so the node here runs without forecast models (its forecasts would answer 503).
 */
@ExtendWith(VertxExtension.class)
class EdgeValidationTest {
    static final String GOOD = """
            {"dao":"compound","proposalId":"42","voteStart":1000,"voteEnd":2000,"asOf":1500,"quorum":"400000",
             "votes":[{"timestamp":1100,"voter":"0xabc","choice":"for","weight":"12.5"}]}""";

    @TempDir static Path dir;
    static DaoServer server;

    @BeforeAll static void start() {
        server = TestServers.start(TestServers.config(dir), ForecastEngine.unavailable("test node without models"));
    }

    @AfterAll static void stop() { server.close(); }

    private static JsonObject problem(Vertx vertx, String path, String contentType, Buffer body, int status) {
        HttpResponse<Buffer> r = WebClient.create(vertx).post(server.port(), "127.0.0.1", path)
                .putHeader("content-type", contentType).sendBuffer(body).await();
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals(Problem.CONTENT_TYPE, r.getHeader("content-type"));
        JsonObject p = r.bodyAsJsonObject();
        assertEquals(status, p.getInteger("status"));
        assertTrue(p.getString("type").startsWith("urn:neuroracle:problem:"), p.encode());
        assertEquals(path, p.getString("instance"));
        return p;
    }

    private static String field(Vertx vertx, String body, int status) {
        return problem(vertx, "/v1/forecasts/vote", "application/json", Buffer.buffer(body), status).getString("field");
    }

    @Test void malformedJsonNamesTheBodyAndPosition(Vertx vertx) {
        JsonObject p = problem(vertx, "/v1/forecasts/vote", "application/json", Buffer.buffer("{\"dao\": "), 400);
        assertEquals("body", p.getString("field"));
        assertTrue(p.getString("detail").startsWith("malformed JSON"), p.encode());
        assertTrue(p.getString("detail").contains("line 1"), p.encode());
    }

    @Test void nanIsNotJson(Vertx vertx) {
        assertEquals("body", field(vertx, GOOD.replace("\"asOf\":1500", "\"asOf\":NaN"), 400));
        assertEquals("votes[0].weight", field(vertx, GOOD.replace("\"12.5\"", "\"NaN\""), 400));
    }

    @Test void wrongTypesNameTheField(Vertx vertx) {
        assertEquals("votes[0].weight", field(vertx, GOOD.replace("\"12.5\"", "12.5"), 400));
        assertEquals("voteStart", field(vertx, GOOD.replace("1000", "\"1000\""), 400));
        assertEquals("votes", field(vertx, GOOD.replace("\"votes\":[", "\"votes\":{\"a\":[").replace("]}", "]}}"), 400));
        assertEquals("body", field(vertx, "[1,2]", 400));
    }

    @Test void missingFieldsAreNamed(Vertx vertx) {
        assertEquals("proposalId", field(vertx, GOOD.replace("\"proposalId\":\"42\",", ""), 400));
        assertEquals("votes[0].voter", field(vertx, GOOD.replace("\"voter\":\"0xabc\",", ""), 400));
        assertEquals("body", problem(vertx, "/v1/forecasts/vote", "application/json", Buffer.buffer(""), 400).getString("field"));
    }

    @Test void negativeAndOutOfRangeValuesAreNamed(Vertx vertx) {
        assertEquals("asOf", field(vertx, GOOD.replace("1500", "-3"), 400));
        assertEquals("votes[0].choice", field(vertx, GOOD.replace("\"for\"", "\"maybe\""), 400));
        String treasury = "{\"dao\":\"d\",\"asset\":\"ETH\",\"series\":[{\"date\":\"2024-01-01\",\"inflow\":\"1\",\"outflow\":\"2\"},"
                + "{\"date\":\"2024-01-02\",\"inflow\":\"1\",\"outflow\":\"2\"}],\"horizonsDays\":[7,-1]}";
        assertEquals("horizonsDays[1]", problem(vertx, "/v1/forecasts/treasury", "application/json", Buffer.buffer(treasury), 400).getString("field"));
        assertEquals("series[0].inflow", problem(vertx, "/v1/forecasts/treasury", "application/json",
                Buffer.buffer(treasury.replace("\"inflow\":\"1\"", "\"inflow\":\"-1\"").replace(",-1]", "]")), 400).getString("field"));
    }

    @Test void unknownFieldsAreRejected(Vertx vertx) {
        assertEquals("extra", field(vertx, GOOD.replace("{\"dao\"", "{\"extra\":1,\"dao\""), 400));
    }

    @Test void unknownModelIsNamed(Vertx vertx) {
        JsonObject p = problem(vertx, "/v1/forecasts/vote", "application/json",
                Buffer.buffer(GOOD.replace("{\"dao\"", "{\"modelId\":\"" + "ab".repeat(32) + "\",\"dao\"")), 422);
        assertEquals("modelId", p.getString("field"));
        assertEquals("modelId", field(vertx, GOOD.replace("{\"dao\"", "{\"modelId\":\"not-a-hash\",\"dao\""), 400));
    }

    @Test void tooManyVotesIsNamed(Vertx vertx) {
        StringBuilder votes = new StringBuilder();
        for (int i = 0; i < 51; i++) votes.append(i == 0 ? "" : ",").append("{\"timestamp\":1100,\"voter\":\"v").append(i).append("\",\"choice\":\"for\",\"weight\":\"1\"}");
        String body = GOOD.replaceAll("\"votes\":\\[.*]", "\"votes\":[" + votes + "]");
        JsonObject p = problem(vertx, "/v1/forecasts/vote", "application/json", Buffer.buffer(body), 400);
        assertEquals("votes", p.getString("field"));
        assertTrue(p.getString("detail").contains("50"), p.encode());
    }

    @Test void oversizedBodyIs413(Vertx vertx) {
        JsonObject p = problem(vertx, "/v1/forecasts/vote", "application/json", Buffer.buffer("x".repeat(70_000)), 413);
        assertEquals("body", p.getString("field"));
    }

    @Test void wrongContentTypeIs415(Vertx vertx) {
        assertEquals("content-type", problem(vertx, "/v1/forecasts/vote", "text/plain", Buffer.buffer(GOOD), 415).getString("field"));
    }

    @Test void badQueryAndPathParametersAreNamed(Vertx vertx) {
        HttpResponse<Buffer> r = WebClient.create(vertx).get(server.port(), "127.0.0.1", "/v1/journal?limit=0").send().await();
        assertEquals(400, r.statusCode());
        assertEquals("limit", r.bodyAsJsonObject().getString("field"));
        r = WebClient.create(vertx).get(server.port(), "127.0.0.1", "/v1/journal/abc").send().await();
        assertEquals(400, r.statusCode());
        assertEquals("id", r.bodyAsJsonObject().getString("field"));
        r = WebClient.create(vertx).get(server.port(), "127.0.0.1", "/v1/journal/999").send().await();
        assertEquals(404, r.statusCode());
        assertEquals("id", r.bodyAsJsonObject().getString("field"));
    }

    @Test void unknownPathAndMethodAreProblems(Vertx vertx) {
        HttpResponse<Buffer> r = WebClient.create(vertx).get(server.port(), "127.0.0.1", "/v2/nothing").send().await();
        assertEquals(404, r.statusCode());
        assertEquals(Problem.CONTENT_TYPE, r.getHeader("content-type"));
        r = WebClient.create(vertx).delete(server.port(), "127.0.0.1", "/v1/models").send().await();
        assertTrue(r.statusCode() == 404 || r.statusCode() == 405, "status " + r.statusCode());
        assertEquals(Problem.CONTENT_TYPE, r.getHeader("content-type"));
    }

    @Test void simulationBoundsAreEnforced(Vertx vertx) {
        JsonObject p = problem(vertx, "/v1/simulations", "application/json", Buffer.buffer("{\"builtin\":\"cuba\",\"steps\":10000001}"), 400);
        assertEquals("steps", p.getString("field"));
        p = problem(vertx, "/v1/simulations", "application/json", Buffer.buffer("{\"builtin\":\"cuba\",\"steps\":10,\"backend\":\"quantum\"}"), 422);
        assertEquals("backend", p.getString("field"));
        p = problem(vertx, "/v1/simulations", "application/json", Buffer.buffer("{\"builtin\":\"mystery\",\"steps\":10}"), 400);
        assertEquals("builtin", p.getString("field"));
    }
}
