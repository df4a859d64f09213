package org.neuroracle.daoserver;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.neuroracle.daoserver.answer.AnswerCodec;
import org.neuroracle.daoserver.answer.ForecastPipeline;
import org.neuroracle.daoserver.answer.TypedAttestation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.forecast.service.ForecastService;

import java.nio.file.Path;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forecasts through the bundled models: every answer carries its provenance and a verifiable attestation. */
@ExtendWith(VertxExtension.class)
class ForecastEndpointTest {
    static final String VOTE = """
            {"dao":"compound","proposalId":"42","voteStart":1700000000,"voteEnd":1700259200,"asOf":1700100000,"quorum":"400000",
             "votes":[{"timestamp":1700000100,"voter":"0xabc","choice":"for","weight":"120000.5"},
                      {"timestamp":1700005000,"voter":"0xdef","choice":"against","weight":"30000"},
                      {"timestamp":1700090000,"voter":"0x123","choice":"for","weight":"250000"}]}""";

    @TempDir static Path dir;
    static DaoServer server;

    @BeforeAll static void start() { server = TestServers.start(TestServers.config(dir), ForecastServiceEngine.bundled()); }

    @AfterAll static void stop() { server.close(); }

    private static HttpResponse<Buffer> post(Vertx vertx, String path, String body) {
        return WebClient.create(vertx).post(server.port(), "127.0.0.1", path).putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer(body)).await();
    }

    @Test void voteAnswerCarriesProvenanceAndASignatureByThisNode(Vertx vertx) {
        HttpResponse<Buffer> r = post(vertx, "/v1/forecasts/vote", VOTE);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject a = r.bodyAsJsonObject();
        assertEquals("vote", a.getString("kind"));
        assertEquals("cpu", a.getString("backend"));
        assertEquals("fixed", a.getString("numericMode"));
        assertTrue(a.getString("modelId").matches("[0-9a-f]{64}"));
        assertTrue(a.getString("inputHash").matches("[0-9a-f]{64}"));
        double p = a.getJsonObject("answer").getJsonObject("pPass").getDouble("value");
        assertTrue(p >= 0 && p <= 1, "P(pass) = " + p);
        // The answer agrees with the shared pipeline called directly: the ABI-encoded bytes a contract decodes.
        var direct = new ForecastPipeline(ForecastService.bundled()).vote(null, new ForecastServiceEngineProbe().voteQuery(new JsonObject(VOTE)), 0);
        byte[] out = HexFormat.of().parseHex(a.getString("output").substring(2));
        assertArrayEquals(direct.outputBytes(), out);
        assertEquals(direct.forecast().inputHash(), a.getString("inputHash"));
        AnswerCodec.Vote decoded = AnswerCodec.decodeVote(out);
        assertEquals(Math.round(p * 1e6), decoded.pPassPpm(), "output carries P(pass) in ppm");
        assertEquals(0, decoded.asOfBlock(), "an HTTP body names no block");
        // The attestation is EIP-712 under the HTTP domain, signed by this node's key.
        JsonObject att = a.getJsonObject("attestation");
        assertEquals(DaoServer.HTTP_ATTESTATION_SCHEME, att.getString("scheme"));
        assertEquals(TypedAttestation.HTTP.name(), att.getJsonObject("domain").getString("name"));
        byte[] inputHash = HexFormat.of().parseHex(a.getString("inputHash"));
        TypedAttestation ta = TypedAttestation.of(TypedAttestation.HTTP, inputHash, HexFormat.of().parseHex(a.getString("modelId")), inputHash, out);
        assertEquals("0x" + HexFormat.of().formatHex(ta.digest()), att.getString("digest"));
        assertEquals(server.nodeAddress(), att.getString("signer"));
        assertEquals(server.nodeAddress(), ta.recover(HexFormat.of().parseHex(att.getString("signature").substring(2))));
        JsonArray energy = a.getJsonArray("energy");
        assertEquals(1, energy.size(), "by default the node's energyProfiles only: " + energy);
        assertEquals("desktop-x86", energy.getJsonObject(0).getString("profile"));
    }

    @Test void energyParameterSelectsTheEstimatesAndNeverTheAttestedBytes(Vertx vertx) {
        JsonObject byDefault = post(vertx, "/v1/forecasts/vote", VOTE).bodyAsJsonObject();
        HttpResponse<Buffer> all = post(vertx, "/v1/forecasts/vote?energy=all", VOTE);
        assertEquals(200, all.statusCode(), all.bodyAsString());
        JsonArray every = all.bodyAsJsonObject().getJsonArray("energy");
        assertEquals(org.neuroracle.hw.HardwareProfiles.names().size(), every.size(), "energy=all: one estimate per bundled profile");
        JsonObject two = post(vertx, "/v1/forecasts/vote?energy=loihi2,spinnaker2", VOTE).bodyAsJsonObject();
        assertEquals(java.util.List.of("spinnaker2", "loihi2").stream().sorted().toList(),
                two.getJsonArray("energy").stream().map(e -> ((JsonObject) e).getString("profile")).sorted().toList());
        assertTrue(post(vertx, "/v1/forecasts/vote?energy=none", VOTE).bodyAsJsonObject().getJsonArray("energy").isEmpty());
        for (JsonObject other : java.util.List.of(all.bodyAsJsonObject(), two)) {
            assertEquals(byDefault.getString("output"), other.getString("output"));
            assertEquals(byDefault.getJsonObject("attestation"), other.getJsonObject("attestation"));
        }
        // The cache keeps answers per selection: a repeat with another selection is not served the first one's array.
        assertEquals(every, post(vertx, "/v1/forecasts/vote?energy=all", VOTE).bodyAsJsonObject().getJsonArray("energy"));
        assertEquals(1, post(vertx, "/v1/forecasts/vote", VOTE).bodyAsJsonObject().getJsonArray("energy").size());
        HttpResponse<Buffer> bad = post(vertx, "/v1/forecasts/vote?energy=loihi3", VOTE);
        assertEquals(400, bad.statusCode());
        assertEquals("energy", bad.bodyAsJsonObject().getString("field"), bad.bodyAsString());
        assertTrue(bad.bodyAsJsonObject().getString("detail").contains("no hardware profile 'loihi3'"), bad.bodyAsString());
    }

    @Test void sameInputGivesTheSameBytesAndAttestationDifferentInputDoesNot(Vertx vertx) {
        HttpResponse<Buffer> a = post(vertx, "/v1/forecasts/vote", VOTE);
        HttpResponse<Buffer> b = post(vertx, "/v1/forecasts/vote", VOTE.replace("\n", " ").replace("  ", " "));
        assertEquals(200, a.statusCode());
        assertEquals(a.bodyAsString(), b.bodyAsString(), "same input, same answer bytes (signature included)");
        assertNotEquals(a.getHeader(DaoServer.JOURNAL_HEADER), b.getHeader(DaoServer.JOURNAL_HEADER), "each request is its own journal row");
        HttpResponse<Buffer> c = post(vertx, "/v1/forecasts/vote", VOTE.replace("\"250000\"", "\"250001\""));
        assertNotEquals(a.bodyAsJsonObject().getString("inputHash"), c.bodyAsJsonObject().getString("inputHash"));
        assertNotEquals(a.bodyAsJsonObject().getJsonObject("attestation").getString("digest"),
                c.bodyAsJsonObject().getJsonObject("attestation").getString("digest"));
    }

    @Test void answerIsJournaledBeforeItIsAcknowledged(Vertx vertx) {
        HttpResponse<Buffer> r = post(vertx, "/v1/forecasts/vote", VOTE);
        long id = Long.parseLong(r.getHeader(DaoServer.JOURNAL_HEADER));
        JsonObject row = WebClient.create(vertx).get(server.port(), "127.0.0.1", "/v1/journal/" + id).send().await().bodyAsJsonObject();
        assertEquals("vote", row.getString("endpoint"));
        assertEquals(new JsonObject(VOTE), row.getJsonObject("request"));
        assertEquals(r.bodyAsJsonObject(), row.getJsonObject("response"));
        JsonObject raster = WebClient.create(vertx).get(server.port(), "127.0.0.1", "/v1/journal/" + id + "/raster").send().await().bodyAsJsonObject();
        assertFalse(raster.getJsonObject("raster").getJsonArray("populations").isEmpty());
    }

    @Test void treasuryForecastHasQuantilesForEachHorizon(Vertx vertx) {
        StringBuilder series = new StringBuilder();
        java.time.LocalDate day = java.time.LocalDate.of(2024, 1, 1);
        for (int d = 1; d <= 40; d++, day = day.plusDays(1))
            series.append(d == 1 ? "" : ",").append(String.format("{\"date\":\"%s\",\"inflow\":\"%d\",\"outflow\":\"%d\",\"balance\":\"%d\"}",
                    day, 100 + d % 7, 120 + d % 5, 10_000 - 20 * d));
        String body = "{\"dao\":\"d\",\"asset\":\"ETH\",\"series\":[" + series + "],\"horizonsDays\":[1,7,30]}";
        HttpResponse<Buffer> r = post(vertx, "/v1/forecasts/treasury", body);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonArray hs = r.bodyAsJsonObject().getJsonObject("answer").getJsonArray("horizons");
        assertEquals(3, hs.size());
        for (int i = 0; i < 3; i++) {
            JsonObject bal = hs.getJsonObject(i).getJsonObject("balance");
            assertTrue(bal.getDouble("p10") <= bal.getDouble("p50") && bal.getDouble("p50") <= bal.getDouble("p90"), bal.encode());
        }
    }

    @Test void modelsAreListed(Vertx vertx) {
        JsonArray models = WebClient.create(vertx).get(server.port(), "127.0.0.1", "/v1/models").send().await().bodyAsJsonObject().getJsonArray("models");
        assertTrue(models.stream().anyMatch(m -> "vote".equals(((JsonObject) m).getString("kind"))));
        assertTrue(models.stream().anyMatch(m -> "treasury".equals(((JsonObject) m).getString("kind"))));
    }

    /** Builds the facade's query from JSON the same way the engine does (package access to its converter). */
    static final class ForecastServiceEngineProbe {
        org.neuroracle.forecast.service.VoteQuery voteQuery(JsonObject r) { return ForecastServiceEngine.voteQuery(r); }
    }
}
