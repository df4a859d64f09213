package org.neuroracle.daoserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real browser (headless Chromium) loads the dashboard from a real node and the test reads what it rendered. */
class DashboardBrowserTest {
    private static int count(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test void showsForecastsFromTheJournal(@TempDir Path dir) throws Exception {
        DaoServer s = TestServers.start(TestServers.config(dir), ForecastServiceEngine.bundled());
        try {
            // Proposal 7 asked about at three points of its window, proposal 8 once, and one treasury forecast.
            String vote = ForecastEndpointTest.VOTE;
            for (long asOf : new long[]{1_700_090_000L, 1_700_100_000L, 1_700_200_000L})
                assertEquals(200, TestServers.post(s, "/v1/forecasts/vote", "application/json",
                        vote.replace("\"42\"", "\"7\"").replace("1700100000", Long.toString(asOf))).statusCode());
            assertEquals(200, TestServers.post(s, "/v1/forecasts/vote", "application/json", vote.replace("\"42\"", "\"8\"")).statusCode());
            StringBuilder series = new StringBuilder();
            java.time.LocalDate day = java.time.LocalDate.of(2024, 1, 1);
            for (int d = 0; d < 40; d++, day = day.plusDays(1))
                series.append(d == 0 ? "" : ",").append("{\"date\":\"").append(day).append("\",\"inflow\":\"").append(100 + d % 7)
                        .append("\",\"outflow\":\"").append(130 + d % 5).append("\",\"balance\":\"").append(10_000 - 30 * d).append("\"}");
            var t = TestServers.post(s, "/v1/forecasts/treasury", "application/json",
                    "{\"dao\":\"d\",\"asset\":\"ETH\",\"series\":[" + series + "]}");
            assertEquals(200, t.statusCode(), t.body());
            long treasuryRow = Long.parseLong(t.headers().firstValue(DaoServer.JOURNAL_HEADER).orElseThrow());
            int profiles = new io.vertx.core.json.JsonObject(t.body()).getJsonArray("energy").size();
            int rasterSpikes = new io.vertx.core.json.JsonObject(TestServers.get(s, "/v1/journal/" + treasuryRow + "/raster").body())
                    .getJsonObject("raster").getJsonObject("spikes").getJsonArray("step").size();

            String dom = Chromium.dumpDom("http://127.0.0.1:" + s.port() + "/dashboard/journal.html", 5000);
            assertTrue(dom.contains("data-loaded=\"yes\""), "every panel loaded without error");
            assertTrue(dom.contains("data-proposals=\"2\""), "two proposals plotted");
            assertTrue(dom.contains("data-proposal=\"compound/7\" data-points=\"3\""), "proposal 7 has three points across its window");
            assertTrue(dom.contains("data-proposal=\"compound/8\" data-points=\"1\""));
            assertEquals(4, count(dom, "class=\"pass-point\""), "one point per vote forecast");
            assertEquals(2, count(dom, "<tr class=\"proposal-row\""));
            assertTrue(dom.contains("data-horizons=\"3\""), "the fan has the 1, 7 and 30 day horizons");
            assertTrue(dom.contains("data-history-days=\"39\""), "40 daily rows drawn one day apart");
            assertEquals(1, count(dom, "class=\"band fan-band\""));
            assertTrue(dom.contains("data-spikes=\"" + rasterSpikes + "\""), "the raster drew every spike of the latest forecast");
            assertTrue(dom.contains(rasterSpikes + " spikes across"), "the raster summary states the spike count");
            assertTrue(dom.contains("journal row " + treasuryRow + " (treasury forecast)"));
            assertTrue(dom.contains("data-profiles=\"" + profiles + "\""), "one energy entry per hardware profile of the latest forecast");
            assertEquals(profiles, count(dom, "class=\"energy-bar\"") + count(dom, "class=\"energy-missing\""));
        } finally {
            s.close();
        }
    }

    /** A periodic series (5-day epochs) in the journal: its rows are drawn five days apart, the last 60 days or so. */
    @Test void drawsAPeriodicTreasuryOnItsPeriods(@TempDir Path dir) throws Exception {
        DaoServer s = TestServers.start(TestServers.config(dir), ForecastServiceEngine.bundled());
        try {
            StringBuilder series = new StringBuilder();
            java.time.LocalDate day = java.time.LocalDate.of(2024, 1, 1);
            for (int d = 0; d < 30; d++, day = day.plusDays(5))
                series.append(d == 0 ? "" : ",").append("{\"date\":\"").append(day).append("\",\"inflow\":\"").append(500 + d % 3)
                        .append("\",\"outflow\":\"").append(d % 6 == 0 ? 900 : 0).append("\",\"balance\":\"").append(50_000 - 100 * d).append("\"}");
            var t = TestServers.post(s, "/v1/forecasts/treasury", "application/json",
                    "{\"dao\":\"c\",\"asset\":\"ADA\",\"periodDays\":5,\"series\":[" + series + "]}");
            assertEquals(200, t.statusCode(), t.body());
            String dom = Chromium.dumpDom("http://127.0.0.1:" + s.port() + "/dashboard/journal.html", 5000);
            assertTrue(dom.contains("data-loaded=\"yes\""), "every panel loaded without error");
            assertTrue(dom.contains("data-horizons=\"3\""));
            assertTrue(dom.contains("data-history-days=\"55\""), "the last 12 epochs, 5 days apart");
        } finally {
            s.close();
        }
    }

    @Test void showsNodeEmptyChartsAndTheOracleLog(@TempDir Path dir) throws Exception {
        OracleLog log = limit -> List.of(
                new OracleLogEntry("0x" + "a1".repeat(32), "vote", "0x" + "11".repeat(20), "fulfilled", 120, 1_700_000_000L,
                        1_700_000_060L, "0x" + "d2".repeat(32), "0x" + "e3".repeat(32), ""),
                new OracleLogEntry("0x" + "b2".repeat(32), "treasury", "0x" + "22".repeat(20), "requested", 121, 1_700_000_100L,
                        null, null, null, ""));
        DaoServer s = DaoServer.start(TestServers.config(dir), ForecastEngine.unavailable("no models in this test"), log)
                .toCompletionStage().toCompletableFuture().join();
        try {
            String dom = Chromium.dumpDom("http://127.0.0.1:" + s.port() + "/dashboard/journal.html", 4000);
            assertTrue(dom.contains("data-loaded=\"yes\""), "every panel loaded without error");
            assertTrue(dom.contains("node " + s.nodeAddress()), "the header shows the node address");
            assertTrue(dom.contains("data-proposals=\"0\""), "no proposals yet");
            assertTrue(dom.contains("no vote forecasts journaled yet"));
            assertTrue(dom.contains("no treasury forecasts journaled yet"));
            assertEquals(2, count(dom, "<tr class=\"oracle-row\""), "both oracle requests are listed");
            assertTrue(dom.contains("data-status=\"fulfilled\"") && dom.contains("data-status=\"requested\""));
            assertTrue(dom.contains("0xa1a1a1…a1a1"), "request ids are shortened, not dropped");
            assertTrue(dom.contains("<div id=\"oracle-empty\" class=\"muted\" hidden=\"\">"), "the empty note is hidden");
        } finally {
            s.close();
        }
    }
}
