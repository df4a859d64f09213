package org.neuroracle.cli;

import org.neuroracle.daoserver.DaoServer;
import org.neuroracle.daoserver.OracleLog;
import org.neuroracle.daoserver.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Run the forecast service: HTTP API, dashboard, SQLite journal, node key.",
        description = {"Run the forecast service: HTTP API (contract at /openapi.yaml),",
                "dashboard at /dashboard/, SQLite journal and node keystore under the data",
                "directory. Needs nothing else on the machine.",
                "Configuration: defaults < --config file (JSON or YAML) < NEURORACLE_*",
                "environment variables < flags. Fields and variables: daoserver/README.md",
                "(e.g. NEURORACLE_PORT, NEURORACLE_KEYSTORE_PASSWORD, NEURORACLE_DATA_DIR)."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (.json, .yaml or .yml).")
    Path config;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (overrides the file and NEURORACLE_PORT; default 8080).")
    Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Journal, keystore and oracle state (default ./data).")
    Path dataDir;

    @Override public Integer call() throws InterruptedException {
        ServerConfig c = ServerConfig.load(config, System.getenv());
        if (port != null) c = c.withPort(port);
        if (dataDir != null) c = c.withDataDir(dataDir);
        org.neuroracle.daoserver.oracle.SigningKeySeparation.checkServiceKey(c);
        if (c.usesDefaultPassword())
            System.err.println("neuroracle: the node keystore uses the default local-only password; set NEURORACLE_KEYSTORE_PASSWORD for a real node");
        DaoServer server;
        try {
            server = DaoServer.start(c, null, OracleLog.discover(c.dataDir())).toCompletionStage().toCompletableFuture().join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof java.net.BindException)
                throw new IllegalArgumentException("port " + c.port() + " on " + c.host() + ": " + cause.getMessage() + " (choose another with --port or NEURORACLE_PORT)");
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause.getMessage(), cause);
        }
        System.out.println("neuroracle: serving on http://" + c.host() + ":" + server.port() + "/  (dashboard /dashboard/, contract /openapi.yaml)");
        System.out.println("neuroracle: node address " + server.nodeAddress() + (server.nodeKey().created() ? " (new keystore " : " (keystore ")
                + server.nodeKey().file() + "), journal " + server.journal().file());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "neuroracle-shutdown"));
        stopped.await();
        return 0;
    }
}
