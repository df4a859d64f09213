package org.neuroracle.daoserver;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forecasts of an indexed DAO (the hand-written fixture {@code src/test/resources/index/compound}: proposals.csv,
 * votes.csv, treasury.csv): the answer is byte for byte that of the explicit request with the same data.
 */
@ExtendWith(VertxExtension.class)
class IndexedForecastTest {
    /** Proposal 117 of the fixture as an explicit request at asOf 1700130000: the vote at 1700200000 is later. */
    static final String EXPLICIT_117 = """
            {"dao": "compound", "proposalId": "117", "voteStart": 1700000000, "voteEnd": 1700259200, "quorum": "400000",
             "asOf": 1700130000,
             "votes": [
               {"timestamp": 1700000600, "voter": "0x7e4a8391c24b2a8ab5a3b2d2a4c4b0f2f1e1e0a1", "choice": "for",     "weight": "150000"},
               {"timestamp": 1700021000, "voter": "0x2b9e1c7d5a0f3e6b8c4d9a1f7e2c5b8a3d6f9e0c", "choice": "against", "weight": "42000.5"},
               {"timestamp": 1700090000, "voter": "0x9c3f5e7a1b2d4c6e8f0a2b4c6d8e0f1a3b5c7d9e", "choice": "for",     "weight": "310000"}]}""";

    /** Proposal 118 (no quorum, window over long ago): the default asOf is the end of the window, all votes count. */
    static final String EXPLICIT_118 = """
            {"dao": "compound", "proposalId": "118", "voteStart": 1600010000, "voteEnd": 1600269200, "quorum": null,
             "asOf": 1600269200,
             "votes": [
               {"timestamp": 1600020000, "voter": "0x7e4a8391c24b2a8ab5a3b2d2a4c4b0f2f1e1e0a1", "choice": "against", "weight": "90000"},
               {"timestamp": 1600150000, "voter": "0x2b9e1c7d5a0f3e6b8c4d9a1f7e2c5b8a3d6f9e0c", "choice": "for",     "weight": "12000.25"}]}""";

    @TempDir static Path dir;
    static Path index;
    static DaoServer server;

    @BeforeAll static void start() throws Exception {
        index = TestServers.fixtureIndex();
        server = TestServers.start(TestServers.config(dir, index), ForecastServiceEngine.bundled());
    }

    @AfterAll static void stop() { server.close(); }

    private static HttpResponse<Buffer> post(Vertx vertx, String path, String body) {
        return WebClient.create(vertx).post(server.port(), "127.0.0.1", path).putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer(body)).await();
    }

    private static void assertSameForecast(HttpResponse<Buffer> explicit, HttpResponse<Buffer> indexed) {
        assertEquals(200, explicit.statusCode(), explicit.bodyAsString());
        assertEquals(200, indexed.statusCode(), indexed.bodyAsString());
        JsonObject e = explicit.bodyAsJsonObject(), i = indexed.bodyAsJsonObject();
        assertEquals(e.getString("inputHash"), i.getString("inputHash"));
        assertEquals(e.getString("output"), i.getString("output"));
        assertEquals(e.getJsonObject("attestation"), i.getJsonObject("attestation"));
        assertEquals(explicit.bodyAsString(), indexed.bodyAsString(), "the whole answer, byte for byte");
    }

    @Test void indexedVoteIsTheExplicitVote(Vertx vertx) {
        HttpResponse<Buffer> explicit = post(vertx, "/v1/forecasts/vote", EXPLICIT_117);
        HttpResponse<Buffer> indexed = post(vertx, "/v1/forecasts/vote", "{\"dao\":\"compound\",\"proposalId\":\"117\",\"asOf\":1700130000}");
        assertSameForecast(explicit, indexed);
        // The vote after asOf (1700200000, 500000 against) is left out; with a later asOf it counts and the answer moves.
        HttpResponse<Buffer> later = post(vertx, "/v1/forecasts/vote", "{\"dao\":\"compound\",\"proposalId\":\"117\",\"asOf\":1700210000}");
        assertEquals(200, later.statusCode(), later.bodyAsString());
        assertNotEquals(indexed.bodyAsJsonObject().getString("inputHash"), later.bodyAsJsonObject().getString("inputHash"));
    }

    @Test void defaultAsOfIsTheEndOfAFinishedWindow(Vertx vertx) {
        HttpResponse<Buffer> indexed = post(vertx, "/v1/forecasts/vote", "{\"dao\":\"compound\",\"proposalId\":\"118\"}");
        HttpResponse<Buffer> explicit = post(vertx, "/v1/forecasts/vote", EXPLICIT_118);
        assertSameForecast(explicit, indexed);
        assertEquals(1600269200L, indexed.bodyAsJsonObject().getJsonObject("answer").getLong("asOf"));
    }

    @Test void theJournalHoldsTheEquivalentExplicitRequest(Vertx vertx) {
        HttpResponse<Buffer> indexed = post(vertx, "/v1/forecasts/vote", "{\"dao\":\"compound\",\"proposalId\":\"117\",\"asOf\":1700130001}");
        assertEquals(200, indexed.statusCode(), indexed.bodyAsString());
        String id = indexed.getHeader(DaoServer.JOURNAL_HEADER);
        HttpResponse<Buffer> row = WebClient.create(vertx).get(server.port(), "127.0.0.1", "/v1/journal/" + id).send().await();
        assertEquals(200, row.statusCode(), row.bodyAsString());
        JsonObject request = row.bodyAsJsonObject().getJsonObject("request");
        assertEquals(1700130001L, request.getLong("asOf"));
        assertEquals(3, request.getJsonArray("votes").size());
        assertEquals("400000", request.getString("quorum"));
    }

    @Test void indexedTreasuryIsTheExplicitTreasury(Vertx vertx) throws Exception {
        // The explicit series written out from the fixture file: its daily totals (the COMP rows carry categories).
        JsonArray series = new JsonArray();
        for (var r : org.neuroracle.forecast.data.TreasuryData.read(index.resolve("compound")).byAsset().get("COMP"))
            series.add(new JsonObject().put("date", r.date().toString()).put("inflow", r.inflow().toPlainString()).put("outflow", r.outflow().toPlainString())
                    .put("balance", r.balance().toPlainString()));
        String explicit = new JsonObject().put("dao", "compound").put("asset", "COMP").put("horizonsDays", new JsonArray().add(1).add(7).add(30))
                .put("series", series).encodePrettily();
        HttpResponse<Buffer> e = post(vertx, "/v1/forecasts/treasury", explicit);
        HttpResponse<Buffer> i = post(vertx, "/v1/forecasts/treasury", "{\"dao\":\"compound\",\"asset\":\"COMP\",\"horizonsDays\":[1,7,30]}");
        assertSameForecast(e, i);
        assertEquals("2024-02-04", i.bodyAsJsonObject().getJsonObject("answer").getString("lastDate"));
    }

    private static JsonObject problem(Vertx vertx, String path, String body, int status) {
        HttpResponse<Buffer> r = post(vertx, path, body);
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals(Problem.CONTENT_TYPE, r.getHeader("content-type"));
        return r.bodyAsJsonObject();
    }

    @Test void unknownDaoProposalOrAssetIs404NamingTheField(Vertx vertx) {
        JsonObject p = problem(vertx, "/v1/forecasts/vote", "{\"dao\":\"compound\",\"proposalId\":\"999\"}", 404);
        assertEquals("proposalId", p.getString("field"));
        assertTrue(p.getString("detail").contains("999"), p.encode());
        assertEquals("dao", problem(vertx, "/v1/forecasts/vote", "{\"dao\":\"nouns\",\"proposalId\":\"117\"}", 404).getString("field"));
        assertEquals("asset", problem(vertx, "/v1/forecasts/treasury", "{\"dao\":\"compound\",\"asset\":\"ETH\"}", 404).getString("field"));
        assertEquals("dao", problem(vertx, "/v1/forecasts/treasury", "{\"dao\":\"nouns\",\"asset\":\"COMP\"}", 404).getString("field"));
    }

    @Test void aPeriodicIndexedSeriesIsForecastOnItsPeriods(Vertx vertx) throws Exception {
        // Cardano's treasury comes in 5-day epochs: the indexed request is the explicit one with periodDays 5.
        JsonArray series = new JsonArray();
        for (var r : org.neuroracle.forecast.data.TreasuryData.read(index.resolve("cardano")).byAsset().get("ADA"))
            series.add(new JsonObject().put("date", r.date().toString()).put("inflow", r.inflow().toPlainString()).put("outflow", r.outflow().toPlainString())
                    .put("balance", r.balance().toPlainString()));
        JsonObject explicit = new JsonObject().put("dao", "cardano").put("asset", "ADA").put("series", series).put("periodDays", 5);
        HttpResponse<Buffer> e = post(vertx, "/v1/forecasts/treasury", explicit.encode());
        HttpResponse<Buffer> i = post(vertx, "/v1/forecasts/treasury", "{\"dao\":\"cardano\",\"asset\":\"ADA\"}");
        assertSameForecast(e, i);
        JsonObject answer = i.bodyAsJsonObject().getJsonObject("answer");
        assertEquals(5, answer.getInteger("periodDays"), answer.encode());
        assertEquals("2024-01-15", answer.getString("lastDate"), "the last epoch starts 2024-01-11; the horizons count from its last day");
        assertEquals(3, answer.getJsonArray("horizons").size());
        // The same rows sent as a daily series are refused where the dates jump by five days, naming the row.
        JsonObject p = problem(vertx, "/v1/forecasts/treasury", explicit.copy().put("periodDays", 1).encode(), 422);
        assertEquals("series[1].date", p.getString("field"), p.encode());
        assertTrue(p.getString("detail").contains("days must be consecutive"), p.encode());
        assertEquals("periodDays", problem(vertx, "/v1/forecasts/treasury", explicit.copy().put("periodDays", 0).encode(), 400).getString("field"));
    }

    @Test void halfExplicitBodiesBreakTheContract(Vertx vertx) {
        // Metadata without votes, or votes without the window: neither shape, 400 naming the missing field.
        assertEquals("votes", problem(vertx, "/v1/forecasts/vote",
                "{\"dao\":\"compound\",\"proposalId\":\"117\",\"voteStart\":1700000000}", 400).getString("field"));
        assertEquals("voteEnd", problem(vertx, "/v1/forecasts/vote",
                "{\"dao\":\"compound\",\"proposalId\":\"117\",\"voteStart\":1700000000,\"asOf\":1700000001,\"votes\":[]}", 400).getString("field"));
        assertEquals("proposalId", problem(vertx, "/v1/forecasts/vote", "{\"dao\":\"compound\"}", 400).getString("field"));
        // An indexed treasury request takes the index's period: a client's periodDays without a series is refused.
        assertEquals("series", problem(vertx, "/v1/forecasts/treasury", "{\"dao\":\"cardano\",\"asset\":\"ADA\",\"periodDays\":1}", 400).getString("field"));
        // asOf before the window is the forecaster's 422, as for an explicit request.
        assertEquals("asOf", problem(vertx, "/v1/forecasts/vote",
                "{\"dao\":\"compound\",\"proposalId\":\"117\",\"asOf\":1600000000}", 422).getString("field"));
    }

    @Test void indexDirIsATypedValidatedConfigField(@TempDir Path tmp) throws Exception {
        assertEquals(Path.of("data", "index"), ServerConfig.defaults().indexDir());
        assertEquals(Path.of("/srv/idx"), ServerConfig.load(null, Map.of("NEURORACLE_INDEX_DIR", "/srv/idx")).indexDir());
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        var e = assertThrows(ServerConfig.ConfigException.class, () -> ServerConfig.load(null, Map.of("NEURORACLE_INDEX_DIR", file.toString())));
        assertTrue(e.getMessage().startsWith("config field indexDir (from environment variable NEURORACLE_INDEX_DIR)"), e.getMessage());
    }

    @Test void aMissingIndexIsEmptyAndABadFileStopsTheStart(@TempDir Path tmp) throws Exception {
        DaoIndex none = DaoIndex.load(tmp.resolve("absent"));
        assertEquals(0, none.summary().getJsonArray("proposalDaos").size());
        Path bad = Files.createDirectories(tmp.resolve("idx/compound"));
        Files.writeString(bad.resolve("proposals.csv"), "dao,proposal_id,created,vote_start,vote_end,quorum,outcome\ncompound,1,10,20,30,,maybe\n");
        Files.writeString(bad.resolve("votes.csv"), "dao,proposal_id,timestamp,voter,choice,weight\n");
        var e = assertThrows(IllegalArgumentException.class, () -> DaoIndex.load(tmp.resolve("idx")));
        assertTrue(e.getMessage().contains("proposals.csv") && e.getMessage().contains("outcome"), e.getMessage());
    }
}
