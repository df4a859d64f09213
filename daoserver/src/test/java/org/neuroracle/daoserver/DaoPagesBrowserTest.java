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

    @Test void daoListLinksToTheDao() throws Exception {
        String dom = Chromium.dumpDom(url(""), 10_000, 390, 900);
        assertTrue(dom.contains("data-loaded=\"yes\""));
        assertTrue(dom.contains("data-dao=\"compound\""));
        assertTrue(dom.contains("href=\"dao.html?dao=compound\""));
        assertTrue(dom.contains("data-hscroll=\"no\""));
        Chromium.screenshot(url(""), 10_000, SHOTS.resolve("dao-list-1280.png"), 1280, 500);
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
