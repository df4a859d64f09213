package org.neuroracle.daoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's JSON views ({@code GET /v1/daos...}) over the fixture index, checked against the forecast endpoints. */
class DaoViewsEndpointTest {
    @TempDir static Path dir;
    static DaoServer server;

    @BeforeAll static void start() {
        server = TestServers.start(TestServers.config(dir, TestServers.fixtureIndex()), ForecastServiceEngine.bundled());
    }

    @AfterAll static void stop() { server.close(); }

    private static JsonObject get(DaoServer s, String path) throws Exception {
        var r = TestServers.get(s, path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return new JsonObject(r.body());
    }

    private static JsonObject postVote(String body) throws Exception {
        var r = TestServers.post(server, "/v1/forecasts/vote", "application/json", body);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getJsonObject("answer");
    }

    @Test void listsTheIndexedDaos() throws Exception {
        JsonObject o = get(server, "/v1/daos");
        JsonArray daos = o.getJsonArray("daos");
        // The fixture index holds compound (governance and treasury) and cardano (a 5-day-epoch treasury only).
        assertEquals(2, daos.size(), daos.encode());
        JsonObject c = daos.stream().map(JsonObject.class::cast).filter(d -> d.getString("dao").equals("compound")).findFirst().orElseThrow();
        assertEquals(2, c.getInteger("proposals"));
        assertEquals(1, c.getJsonObject("byOutcome").getInteger("pending"));
        assertEquals(new JsonArray().add("COMP"), c.getJsonArray("treasuryAssets"));
        assertFalse(o.containsKey("importHint"), "no hint when DAOs are indexed");
    }

    @Test void parametersNameTheirSourceAndSince() throws Exception {
        JsonArray ps = get(server, "/v1/daos/compound").getJsonArray("parameters");
        assertEquals(DaoParams.NAMES.size(), ps.size());
        JsonObject quorum = ps.getJsonObject(0);
        assertEquals("quorum", quorum.getString("name"));
        assertEquals("400000", quorum.getString("value"));
        assertEquals("data file", quorum.getJsonObject("source").getString("kind"));
        assertTrue(quorum.getJsonObject("source").getString("file").endsWith("proposals.csv"));
        assertEquals("2023-11-14", quorum.getString("since"), "created date of proposal 117, the first with this quorum");
        JsonObject period = ps.getJsonObject(2);
        assertEquals("votingPeriodSeconds", period.getString("name"));
        assertEquals("259200", period.getString("value"));
        assertEquals("2020-09-13", period.getString("since"), "both fixture proposals have a 3-day window");
        JsonObject threshold = ps.getJsonObject(3);
        assertNull(threshold.getString("value"));
        assertEquals("unknown", threshold.getJsonObject("source").getString("kind"));
    }

    @Test void openProposalHasATrajectoryThatMatchesTheForecastEndpoint() throws Exception {
        JsonObject v = get(server, "/v1/daos/compound/proposals");
        JsonArray open = v.getJsonArray("open");
        assertEquals(1, open.size());
        JsonObject p = open.getJsonObject(0);
        assertEquals("117", p.getString("proposalId"));
        assertEquals("460000", p.getJsonObject("tally").getString("for"));
        assertEquals(true, p.getJsonObject("tally").getBoolean("quorumReached"));
        assertEquals(0L, p.getLong("secondsLeft"), "the fixture's window ended in 2023");
        JsonArray traj = p.getJsonArray("trajectory");
        assertEquals(5, traj.size(), "the window start and one point after each of the 4 votes");
        for (int i = 0; i < traj.size(); i++) {
            JsonObject pt = traj.getJsonObject(i);
            assertEquals(i, pt.getInteger("votes"));
            JsonObject pp = pt.getJsonObject("pPass");
            assertTrue(pp.getDouble("lower") <= pp.getDouble("value") && pp.getDouble("value") <= pp.getDouble("upper"));
        }
        JsonObject third = traj.getJsonObject(3);
        JsonObject served = postVote("{\"dao\":\"compound\",\"proposalId\":\"117\",\"asOf\":" + third.getLong("asOf") + "}");
        assertEquals(served.getJsonObject("pPass"), third.getJsonObject("pPass"), "the trajectory is what the served forecaster answers");
    }

    @Test void decidedProposalHasCheckpointForecastsAndReliability() throws Exception {
        JsonArray decided = get(server, "/v1/daos/compound/proposals").getJsonArray("decided");
        assertEquals(1, decided.size());
        JsonObject d = decided.getJsonObject(0);
        assertEquals("defeated", d.getString("outcome"));
        JsonArray fs = d.getJsonArray("forecasts");
        assertEquals(3, fs.size());
        assertEquals(0.25, fs.getJsonObject(1).getDouble("fraction"));
        JsonObject half = fs.getJsonObject(2);
        assertEquals(1600010000L + 129600L, half.getLong("asOf"));
        JsonObject served = postVote("{\"dao\":\"compound\",\"proposalId\":\"118\",\"asOf\":" + half.getLong("asOf") + "}");
        assertEquals(served.getJsonObject("pPass"), half.getJsonObject("pPass"));

        JsonObject rel = get(server, "/v1/daos/compound/reliability");
        double p = half.getJsonObject("pPass").getDouble("value");
        assertEquals(p * p, rel.getJsonArray("brier").getJsonObject(2).getDouble("brier"), 1e-12, "one defeated proposal: Brier = p^2");
        int bin = Math.min(9, (int) Math.floor(p * 10));
        JsonObject b = rel.getJsonArray("bins").getJsonObject(bin);
        assertEquals(1, b.getInteger("count"));
        assertEquals(0.0, b.getDouble("observedPassRate"));
    }

    @Test void treasuryHasBalanceFanAndRunway() throws Exception {
        JsonObject t = get(server, "/v1/daos/compound/treasury");
        JsonObject a = t.getJsonArray("assets").getJsonObject(0);
        assertEquals("COMP", a.getString("asset"));
        assertEquals(35, a.getInteger("days"));
        assertEquals(35, a.getJsonArray("balanceSeries").size());
        assertNotNull(a.getJsonObject("balance").getString("value"));
        JsonObject f = a.getJsonObject("forecast");
        assertTrue(f.getBoolean("available"), f.encode());
        assertEquals(3, f.getJsonArray("horizons").size());
        var served = TestServers.post(server, "/v1/forecasts/treasury", "application/json",
                "{\"dao\":\"compound\",\"asset\":\"COMP\",\"horizonsDays\":[1,7,30]}");
        assertEquals(new JsonObject(served.body()).getJsonObject("answer").getJsonArray("horizons"), f.getJsonArray("horizons"));
        JsonObject runway = f.getJsonObject("runway");
        if (runway.getValue("days") != null && runway.getValue("lower") != null)
            assertTrue(runway.getDouble("lower") <= runway.getDouble("days"));
        // The fixture's COMP rows carry categories: per month they add up to the month's totals.
        assertTrue(t.getJsonObject("categories").getBoolean("available"), t.getJsonObject("categories").encode());
        io.vertx.core.json.JsonArray months = a.getJsonArray("monthlyFlows"), byCat = a.getJsonArray("monthlyFlowsByCategory");
        assertEquals(months.size(), byCat.size());
        for (int i = 0; i < months.size(); i++) {
            java.math.BigDecimal in = java.math.BigDecimal.ZERO, out = java.math.BigDecimal.ZERO;
            for (Object c : byCat.getJsonObject(i).getJsonArray("categories")) {
                in = in.add(new java.math.BigDecimal(((JsonObject) c).getString("inflow")));
                out = out.add(new java.math.BigDecimal(((JsonObject) c).getString("outflow")));
            }
            assertEquals(0, in.compareTo(new java.math.BigDecimal(months.getJsonObject(i).getString("inflow"))), months.getJsonObject(i).encode());
            assertEquals(0, out.compareTo(new java.math.BigDecimal(months.getJsonObject(i).getString("outflow"))), months.getJsonObject(i).encode());
        }
        assertEquals("Protocol fees", byCat.getJsonObject(0).getJsonArray("categories").getJsonObject(0).getString("category"), "largest category first");
        JsonObject cardano = get(server, "/v1/daos/cardano/treasury");
        assertFalse(cardano.getJsonObject("categories").getBoolean("available"), "a file without the column has no categories");
        assertFalse(cardano.getJsonArray("assets").getJsonObject(0).containsKey("monthlyFlowsByCategory"));
        // Its 5-day epochs are forecast on their periods: the page shows what POST /v1/forecasts/treasury answers.
        assertEquals("2024-01-15", cardano.getJsonArray("assets").getJsonObject(0).getJsonObject("balance").getString("date"),
                "the last epoch starts 2024-01-11; its balance is the one at its end");
        JsonObject cf = cardano.getJsonArray("assets").getJsonObject(0).getJsonObject("forecast");
        assertTrue(cf.getBoolean("available"), cf.encode());
        assertEquals(5, cf.getInteger("periodDays"), cf.encode());
        var cServed = TestServers.post(server, "/v1/forecasts/treasury", "application/json", "{\"dao\":\"cardano\",\"asset\":\"ADA\",\"horizonsDays\":[1,7,30]}");
        assertEquals(new JsonObject(cServed.body()).getJsonObject("answer").getJsonArray("horizons"), cf.getJsonArray("horizons"));
    }

    @Test void proposalForecastCarriesRasterAndEnergy() throws Exception {
        JsonObject o = get(server, "/v1/daos/compound/proposals/117/forecast?asOf=1700130000");
        assertEquals(postVote(IndexedForecastTest.EXPLICIT_117).getJsonObject("pPass"), o.getJsonObject("answer").getJsonObject("pPass"));
        assertFalse(o.getJsonArray("energy").isEmpty());
        assertTrue(o.getJsonObject("raster").getInteger("steps") > 0);
    }

    @Test void unknownDaoIs404NamingDao() throws Exception {
        for (String path : new String[]{"/v1/daos/nope", "/v1/daos/nope/proposals", "/v1/daos/nope/treasury", "/v1/daos/nope/reliability"}) {
            var r = TestServers.get(server, path);
            assertEquals(404, r.statusCode(), path);
            assertEquals("dao", new JsonObject(r.body()).getString("field"));
        }
        var r = TestServers.get(server, "/v1/daos/compound/proposals/9999/forecast");
        assertEquals(404, r.statusCode());
        assertEquals("proposalId", new JsonObject(r.body()).getString("field"));
    }

    @Test void emptyIndexSaysHowToImportOne(@TempDir Path d) throws Exception {
        DaoServer s = TestServers.start(TestServers.config(d), ForecastEngine.unavailable("no models in this test"));
        try {
            JsonObject o = get(s, "/v1/daos");
            assertTrue(o.getJsonArray("daos").isEmpty());
            assertTrue(o.getString("importHint").startsWith("./neuroracle data import --format compound-bravo"), o.encode());
            assertTrue(o.getString("importHint").contains(d.resolve("index").resolve("compound").toString()));
        } finally {
            s.close();
        }
    }

    @Test void paramsFileOverridesAndBadOneStopsTheStart(@TempDir Path d) throws Exception {
        Path idx = d.resolve("index"), c = idx.resolve("compound");
        Files.createDirectories(c);
        for (String f : new String[]{"proposals.csv", "votes.csv"}) Files.copy(TestServers.fixtureIndex().resolve("compound").resolve(f), c.resolve(f));
        Files.writeString(c.resolve("params.json"), """
                {"timelockDelaySeconds": {"value": "172800", "unit": "s", "since": "2021-03-09", "source": "ProposalQueued eta - block time"}}""");
        DaoServer s = TestServers.start(TestServers.config(d.resolve("data"), idx), ForecastEngine.unavailable("no models in this test"));
        try {
            JsonObject tl = get(s, "/v1/daos/compound").getJsonArray("parameters").getJsonObject(4);
            assertEquals("172800", tl.getString("value"));
            assertEquals("params file", tl.getJsonObject("source").getString("kind"));
            assertEquals("2021-03-09", tl.getString("since"));
        } finally {
            s.close();
        }
        Files.writeString(c.resolve("params.json"), "{\"quorum\": {\"value\": \"-4\", \"source\": \"x\"}}");
        var e = assertThrows(RuntimeException.class, () -> TestServers.start(TestServers.config(d.resolve("data2"), idx),
                ForecastEngine.unavailable("no models in this test")));
        String m = String.valueOf(e.getMessage());
        assertTrue(m.contains("params.json") && m.contains("quorum.value"), m);
    }
}
