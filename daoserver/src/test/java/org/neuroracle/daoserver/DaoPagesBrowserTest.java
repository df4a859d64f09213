package org.neuroracle.daoserver;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DAO pages in headless Chromium at 1280 and 390 px, fed by a node whose index is the fixture (nothing posted):
 * the DOM holds the DAO's name, quorum and treasury balance, nothing is wider than the window, and screenshots are
 * written to {@code target/dashboard-screenshots/} for a person to look at.
 */
class DaoPagesBrowserTest {
    @TempDir static Path dir;
    static DaoServer server;
    static final Path SHOTS = Path.of("target", "dashboard-screenshots");

    @BeforeAll static void start() throws Exception {
        Chromium.binary();
        server = TestServers.start(TestServers.config(dir, TestServers.fixtureIndex()), ForecastServiceEngine.bundled());
        Files.createDirectories(SHOTS);
    }

    @AfterAll static void stop() { if (server != null) server.close(); }

    private static String url(String page) { return "http://127.0.0.1:" + server.port() + "/dashboard/" + page; }

    /** A token amount as the page writes it (en-US grouping, no fraction digits at or above 1,000). */
    static String shown(String decimal) {
        BigDecimal v = new BigDecimal(decimal);
        NumberFormat f = NumberFormat.getNumberInstance(Locale.US);
        f.setMaximumFractionDigits(v.abs().compareTo(BigDecimal.valueOf(1000)) >= 0 ? 0 : 2);
        f.setRoundingMode(RoundingMode.HALF_EVEN);
        return f.format(v);
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1280, 390})
    void daoPageShowsNameQuorumAndBalance(int widthPx) throws Exception {
        String balance = new JsonObject(TestServers.get(server, "/v1/daos/compound/treasury").body())
                .getJsonArray("assets").getJsonObject(0).getJsonObject("balance").getString("value");
        String dom = Chromium.dumpDom(url("dao.html?dao=compound"), 30_000, widthPx, 2000);
        assertTrue(dom.contains("data-loaded=\"yes\""), "every section loaded without error");
        assertTrue(dom.contains("data-hscroll=\"no\""), "nothing is wider than the " + widthPx + " px window");
        assertTrue(dom.contains("<h1 id=\"dao-name\">compound</h1>"), "the DAO's name is the heading");
        assertTrue(dom.contains("id=\"param-quorum\">400,000 tokens<"), "the quorum with its unit");
        assertTrue(dom.contains(shown(balance) + " COMP"), "the treasury balance " + shown(balance) + " COMP");
        assertTrue(dom.contains("data-proposal=\"117\" data-points=\"5\""), "the open proposal's trajectory: window start and 4 votes");
        assertEquals(5, dom.split("class=\"dot pass-point\"", -1).length - 1);
        assertTrue(dom.contains("class=\"band fan-band\""), "the treasury fan");
        assertTrue(dom.contains("<table class=\"category-table\" id=\"categories-COMP\">"), "the flows by category");
        assertTrue(dom.contains("data-month=\"2024-02\" data-category=\"Grants\""), "February's grants, the newest month first");
        assertTrue(dom.contains("<td>Contributors</td>"), "every category of the month is a row");
        assertTrue(dom.contains("id=\"brier\""), "the Brier score");
        assertTrue(dom.contains("data-spikes=\""), "the spike raster of the chosen forecast");
        assertTrue(dom.contains("complete estimates compared"));
        assertTrue(dom.contains("id=\"oracle-none\""), "no oracle requests on this node, and the page says so");
        int charts = dom.split("<svg viewBox=", -1).length - 1;
        assertTrue(charts >= 5, "balance, flows, trajectory, reliability, raster: " + charts);
        assertEquals(charts, dom.split("role=\"img\" aria-labelledby=", -1).length - 1, "every chart is an image named by its title and desc");
        assertEquals(charts, dom.split("<title id=", -1).length - 1, "every chart carries a <title>");
        assertTrue(dom.contains("<a class=\"skip\" href=\"#main\">"), "a skip link for keyboard users");
        assertTrue(dom.contains("<label for=\"neuro-proposal\">"), "the forecast choice is a labelled native select");
        Chromium.screenshot(url("dao.html?dao=compound"), 30_000, SHOTS.resolve("dao-compound-" + widthPx + ".png"), widthPx,
                widthPx > 800 ? 2300 : 5200);
    }

    /** A treasury of 5-day epochs (the fixture's cardano) gets its forecast fan and says how its periods are read. */
    @Test void aPeriodicTreasuryPageShowsItsForecast() throws Exception {
        String dom = Chromium.dumpDom(url("dao.html?dao=cardano"), 30_000, 1280, 2000);
        assertTrue(dom.contains("data-loaded=\"yes\""), "every section loaded without error");
        assertTrue(dom.contains("class=\"band fan-band\""), "the treasury fan");
        assertTrue(dom.contains("id=\"period-note-ADA\""), "the note on 5-day periods");
        assertTrue(dom.contains("ADA balance, last 3 5-day periods, and forecast fan"), "the chart counts periods");
        assertFalse(dom.contains("No forecast:"), "no refusal any more");
    }

    @Test void daoListLinksToTheDao() throws Exception {
        String dom = Chromium.dumpDom(url(""), 10_000, 390, 900);
        assertTrue(dom.contains("data-loaded=\"yes\""));
        assertTrue(dom.contains("data-dao=\"compound\""));
        assertTrue(dom.contains("href=\"dao.html?dao=compound\""));
        assertTrue(dom.contains("data-hscroll=\"no\""));
        Chromium.screenshot(url(""), 10_000, SHOTS.resolve("dao-list-1280.png"), 1280, 500);
    }

    /**
     * A DAO read from the chain (built here as the refresher would hand it over; ChainDaoRefreshTest reads a real one
     * on anvil): the parameters cite their chain calls with contract, block and since when, and the oracle panel
     * lists this DAO's requests with their states, not another DAO's.
     */
    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1280, 390})
    void chainDaoPageCitesChainCallsAndListsItsOracleRequests(int widthPx, @TempDir Path d) throws Exception {
        String governor = "0x5fbdb2315678afecb367f032d93f642f64180aa3", timelock = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
        String name = "eip155:31337:" + governor;
        long now = System.currentTimeMillis() / 1000, block = 1234;
        String id = "33389568235471206758066087897800962370734232914583888076383993122405031938509"; // a real OZ id is a 256-bit hash
        var p = new org.neuroracle.forecast.data.Proposal(name, id, now - 3600, now - 3000, now + 86_400, new BigDecimal("40000"),
                org.neuroracle.forecast.data.Outcome.PENDING, "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        var votes = java.util.List.of(
                new org.neuroracle.forecast.data.Vote(name, id, now - 2000, "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
                        org.neuroracle.forecast.data.Choice.FOR, new BigDecimal("300000")),
                new org.neuroracle.forecast.data.Vote(name, id, now - 1000, "0x90f79bf6eb2c4f870365e785982e1f101e93b906",
                        org.neuroracle.forecast.data.Choice.AGAINST, new BigDecimal("200000")));
        var params = java.util.List.of(
                new ChainDao.Parameter("quorum", "40000", "DEMO", governor, "quorum(1233)", "40000000000000000000000 base units (18 decimals)",
                        block, 3, true, "QuorumNumeratorUpdated", now - 7200, "quorumNumerator() / quorumDenominator() = 4 / 100 of the votes supply at block 1233"),
                new ChainDao.Parameter("votingPeriodSeconds", "4800", "s", governor, "votingPeriod()", "400 blocks", block, 3, true, "VotingPeriodSet",
                        now - 7200, "400 blocks of the Governor's block-number clock at 12 s per block"),
                new ChainDao.Parameter("proposalThreshold", "0", "DEMO", governor, "proposalThreshold()", "0 base units (18 decimals)", block, 1200, false,
                        null, now - 400, "votes needed to propose"),
                new ChainDao.Parameter("timelockDelaySeconds", "1", "s", timelock, "getMinDelay()", "1 s", block, 2, true, "MinDelayChange", now - 7300,
                        "the TimelockController named by the Governor's timelock()"));
        ChainDao chain = new ChainDao(name, java.util.List.of(p), votes, block, now - 10, params, null, null);
        OracleLog log = limit -> java.util.List.of(
                new OracleLogEntry("0x" + "ab".repeat(32), "vote", "0x" + "12".repeat(20), "fulfilled", 1230, now - 600, now - 590, null,
                        "0x" + "cd".repeat(32), "", name),
                new OracleLogEntry("0x" + "ef".repeat(32), "vote", "0x" + "12".repeat(20), "requested", 1200, now - 900, null, null, null, "",
                        "eip155:31337:0x" + "00".repeat(20)));
        DaoServer s = DaoServer.start(TestServers.config(d, TestServers.fixtureIndex()), ForecastServiceEngine.bundled(), log, java.util.List.of(chain))
                .toCompletionStage().toCompletableFuture().join();
        try {
            String page = "http://127.0.0.1:" + s.port() + "/dashboard/dao.html?dao=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
            String dom = Chromium.dumpDom(page, 30_000, widthPx, 2000);
            assertTrue(dom.contains("data-loaded=\"yes\""), "every section loaded without error");
            assertTrue(dom.contains("data-hscroll=\"no\""), "nothing is wider than the " + widthPx + " px window");
            assertTrue(dom.contains("id=\"param-quorum\">40,000 DEMO<"), "the quorum with the token's symbol");
            assertEquals(4, dom.split("data-source=\"chain call\"", -1).length - 1, "four parameters read by chain calls");
            assertTrue(dom.contains("<code class=\"src-call\">quorum(1233)</code>"), "the call as made");
            assertTrue(dom.contains("<code class=\"src-call\">getMinDelay()</code>"), "the timelock's delay");
            assertTrue(dom.contains("title=\"" + timelock + "\""), "the timelock's address");
            assertTrue(dom.contains("block 3 (") && dom.contains("), set by VotingPeriodSet<"), "since the block of the event that set it");
            assertTrue(dom.contains("at least since block 1,200 ("), "no event: at least since the earliest read");
            assertTrue(dom.contains("id=\"chain-status\""), "where and when the DAO was read");
            assertTrue(dom.contains("at block 1234"));
            assertTrue(dom.contains("data-requests=\"1\""), "this DAO's oracle request only");
            assertTrue(dom.contains("class=\"oracle-row\" data-status=\"fulfilled\""), "with its state");
            assertTrue(dom.contains("1 request about this DAO (newest first): 1 fulfilled."));
            assertTrue(dom.contains("data-proposal=\"" + id + "\" data-points=\"3\""), "the open proposal's trajectory: window start and 2 votes");
            Chromium.screenshot(page, 30_000, SHOTS.resolve("dao-chain-" + widthPx + ".png"), widthPx, widthPx > 800 ? 1800 : 4200);
            // An indexed DAO on a node with oracle requests, none about it: the page says why.
            String other = Chromium.dumpDom("http://127.0.0.1:" + s.port() + "/dashboard/dao.html?dao=compound", 30_000, widthPx, 2000);
            assertTrue(other.contains("data-loaded=\"yes\""));
            assertTrue(other.contains("id=\"oracle-none-dao\""), "the node has requests, none about compound, and the page says why");
            assertTrue(other.contains("data-requests=\"0\""));
        } finally {
            s.close();
        }
    }

    @Test void emptyNodeSaysHowToImportADao(@TempDir Path d) throws Exception {
        DaoServer s = TestServers.start(TestServers.config(d), ForecastEngine.unavailable("no models in this test"));
        try {
            String dom = Chromium.dumpDom("http://127.0.0.1:" + s.port() + "/dashboard/", 10_000, 390, 900);
            assertTrue(dom.contains("data-loaded=\"yes\""));
            assertTrue(dom.contains("data-daos=\"0\""));
            assertTrue(dom.contains("No DAO is indexed on this node yet."));
            assertTrue(dom.contains("./neuroracle data import --format compound-bravo --in ../shared/data/governance/compound_governor_bravo.csv --out "
                    + d.resolve("index").resolve("compound")), "the one import command");
        } finally {
            s.close();
        }
    }
}
