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

    @Test void showsNodeEmptyChartsAndTheOracleLog(@TempDir Path dir) throws Exception {
        OracleLog log = limit -> List.of(
                new OracleLogEntry("0x" + "a1".repeat(32), "vote", "0x" + "11".repeat(20), "fulfilled", 120, 1_700_000_000L,
                        1_700_000_060L, "0x" + "d2".repeat(32), "0x" + "e3".repeat(32), ""),
                new OracleLogEntry("0x" + "b2".repeat(32), "treasury", "0x" + "22".repeat(20), "requested", 121, 1_700_000_100L,
                        null, null, null, ""));
        DaoServer s = DaoServer.start(TestServers.config(dir), ForecastEngine.unavailable("no models in this test"), log)
                .toCompletionStage().toCompletableFuture().join();
        try {
            String dom = Chromium.dumpDom("http://127.0.0.1:" + s.port() + "/dashboard/", 4000);
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
