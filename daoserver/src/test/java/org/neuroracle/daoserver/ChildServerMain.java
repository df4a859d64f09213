package org.neuroracle.daoserver;

import java.nio.file.Path;
import java.util.Map;

/** A service in its own JVM for the kill -9 test: prints {@code PORT n} once listening, then serves until killed. */
public final class ChildServerMain {
    private ChildServerMain() {}

    public static void main(String[] args) throws Exception {
        ServerConfig c = ServerConfig.load(null, Map.of("NEURORACLE_PORT", "0", "NEURORACLE_DATA_DIR", Path.of(args[0]).toString(),
                "NEURORACLE_EVENT_LOOPS", "1", "NEURORACLE_WORKER_THREADS", "4"));
        DaoServer s = DaoServer.start(c, null, OracleLog.empty()).toCompletionStage().toCompletableFuture().join();
        System.out.println("PORT " + s.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
