package org.neuroracle.daoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.Map;

/**
 * The service with the forecast replaced by one precomputed outcome, for measuring the HTTP edge and the journal:
 * with the reservoir out of the way the JIT warms in seconds even on a loaded machine, and the event-loop and
 * journal-writer threads' CPU per request (read from {@code /proc/PID/task}) is what is left to compare. Every
 * answer is still signed, journaled (each body distinct under the wrk script) and written as served. Not a test; run
 * with the distribution's classpath plus the test classes:
 * {@code java -cp "cli/target/dist/lib/*:daoserver/target/test-classes" org.neuroracle.daoserver.EdgeBenchServer PORT DATA_DIR}
 */
public final class EdgeBenchServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path data = Path.of(args[1]);
        ForecastServiceEngine real = ForecastServiceEngine.bundled();
        JsonObject body = new JsonObject("{\"dao\":\"bench-dao\",\"proposalId\":\"1\",\"voteStart\":1700000000,\"voteEnd\":1700259200,"
                + "\"quorum\":\"400000\",\"asOf\":1700003600,\"votes\":[{\"timestamp\":1700000100,\"voter\":\"0x01\",\"choice\":\"for\",\"weight\":\"5.5\"}]}");
        EnergyProfiles energy = EnergyProfiles.parse(ServerConfig.DEFAULT_ENERGY_PROFILES, "energyProfiles");
        ForecastEngine.Outcome fixed = real.vote(body, energy);
        ForecastEngine stub = new ForecastEngine() {
            @Override public JsonArray models() { return real.models(); }
            @Override public Outcome vote(JsonObject request) { return fixed; }
            @Override public Outcome treasury(JsonObject request) { return fixed; }
        };
        ServerConfig config = ServerConfig.load(null, Map.of("NEURORACLE_PORT", Integer.toString(port),
                "NEURORACLE_DATA_DIR", data.toString(), "NEURORACLE_INDEX_DIR", data.resolve("index").toString()));
        DaoServer s = DaoServer.start(config, stub, OracleLog.empty()).toCompletionStage().toCompletableFuture().join();
        System.out.println("edge bench serving on " + s.port() + " pid " + ProcessHandle.current().pid());
        Thread.currentThread().join();
    }
}
