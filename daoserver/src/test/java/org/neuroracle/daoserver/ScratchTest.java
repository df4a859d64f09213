package org.neuroracle.daoserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

class ScratchTest {
    @Test void scratch(@TempDir Path dir) throws Exception {
        System.setProperty("neuroracle.debugSchema", "true"); DaoServer s = TestServers.start(TestServers.config(dir), null);
        String good = "{\"dao\":\"compound\",\"proposalId\":\"42\",\"voteStart\":1000,\"voteEnd\":2000,\"asOf\":1500,\"quorum\":\"400000\",\"votes\":[{\"timestamp\":1100,\"voter\":\"0xabc\",\"choice\":\"for\",\"weight\":\"12.5\"}]}";
        String[] bodies = {"{", good.replace("\"12.5\"", "12.5"), good.replace("\"12.5\"", "\"NaN\""),
                good.replace("\"for\"", "\"maybe\""), good.replace("1500", "-3"), good.replace("\"quorum\":\"400000\",", ""), good.replace("\"quorum\":\"400000\"", "\"quorum\":null"),
                good.replace("\"dao\":\"compound\",", "\"extra\":1,\"dao\":\"compound\","), good.replace("\"voter\":\"0xabc\",", ""), "x".repeat(70000), ""};
        for (String b : bodies) {
            var r = TestServers.post(s, "/v1/forecasts/vote", "application/json", b);
            System.out.println(r.statusCode() + " " + r.body());
        }
        var r = TestServers.post(s, "/v1/forecasts/vote", "text/plain", good);
        System.out.println(r.statusCode() + " " + r.body());
        for (String p : new String[]{"/health", "/metrics", "/nope", "/v1/journal?limit=0", "/v1/journal/abc", "/v1/oracle/requests", "/v1/backends", "/dashboard/"}) {
            r = TestServers.get(s, p);
            System.out.println(p + " " + r.statusCode() + " " + r.body().substring(0, Math.min(300, r.body().length())));
        }
        System.out.println(TestServers.get(s, "/openapi.yaml").body().substring(0, 400));
        s.close();
    }
}
