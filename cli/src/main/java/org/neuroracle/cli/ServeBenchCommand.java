package org.neuroracle.cli;

import io.vertx.core.buffer.Buffer;
import org.neuroracle.daoserver.DaoServer;
import org.neuroracle.daoserver.LoadClient;
import org.neuroracle.daoserver.OracleLog;
import org.neuroracle.daoserver.ServerConfig;
import org.neuroracle.daoserver.WrkRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "serve-bench", mixinStandardHelpOptions = true,
        header = "Loopback load test of POST /v1/forecasts/vote: throughput, p50/p90/p99 latency.",
        description = {"Loopback load test of POST /v1/forecasts/vote: throughput and",
                "p50/p90/p99 latency. Without --url it starts a service in this process",
                "(data in a temporary directory); client and service then share the cores,",
                "as wrk on the same host would."})
public final class ServeBenchCommand implements Callable<Integer> {
    @Option(names = "--url", paramLabel = "URL", description = "A running service, e.g. http://127.0.0.1:8080 (loopback only).")
    String url;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured duration (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "Unmeasured warm-up seconds (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--connections", defaultValue = "32", description = "Concurrent connections, one request in flight each (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--distinct", defaultValue = "1024", description = "Distinct request bodies cycled through (default: ${DEFAULT-VALUE}).")
    int distinct;

    @Option(names = "--votes", defaultValue = "20", description = "Votes per request (default: ${DEFAULT-VALUE}).")
    int votes;

    @Option(names = "--event-loops", defaultValue = "0", description = "Event loops of the in-process service; 0 = cores (default: ${DEFAULT-VALUE}).")
    int eventLoops;

    @Option(names = "--wrk", description = {"Drive the wrk load generator (apt-get install wrk) instead of the built-in client:",
            "1 thread, --connections connections, every body distinct (bundled Lua script)."})
    boolean wrk;

    @Override public Integer call() throws Exception {
        if (seconds <= 0 || seconds > 600) throw new IllegalArgumentException("--seconds must be in (0, 600], got " + seconds);
        if (warmup < 0 || warmup > 600) throw new IllegalArgumentException("--warmup must be in [0, 600], got " + warmup);
        if (connections < 1 || connections > 4096) throw new IllegalArgumentException("--connections must be in 1..4096, got " + connections);
        if (distinct < 1 || distinct > 1_000_000) throw new IllegalArgumentException("--distinct must be in 1..1000000, got " + distinct);
        if (votes < 0 || votes > 10_000) throw new IllegalArgumentException("--votes must be in 0..10000, got " + votes);
        List<Buffer> bodies = LoadClient.voteBodies(distinct, votes);
        DaoServer server = null;
        Path tmp = null;
        String host;
        int port;
        try {
            if (url == null) {
                tmp = Files.createTempDirectory("neuroracle-serve-bench");
                ServerConfig c = ServerConfig.load(null, Map.of("NEURORACLE_PORT", "0", "NEURORACLE_DATA_DIR", tmp.toString(),
                        "NEURORACLE_EVENT_LOOPS", Integer.toString(eventLoops)));
                server = DaoServer.start(c, null, OracleLog.empty()).toCompletionStage().toCompletableFuture().join();
                host = "127.0.0.1";
                port = server.port();
            } else {
                URI u = URI.create(url);
                host = u.getHost();
                if (host == null) throw new IllegalArgumentException("--url: no host in '" + url + "'");
                if (!host.equals("localhost") && !host.startsWith("127.") && !host.equals("[::1]") && !host.equals("::1"))
                    throw new IllegalArgumentException("--url: serve-bench loads loopback addresses only, got " + host);
                port = u.getPort() < 0 ? 80 : u.getPort();
            }
            if (wrk) return runWrk(host, port);
            System.out.printf("serve-bench: POST /v1/forecasts/vote on %s:%d, %d connections, %d distinct bodies of %d votes, %d cores%n",
                    host, port, connections, distinct, votes, Runtime.getRuntime().availableProcessors());
            LoadClient.Result r = LoadClient.run(host, port, "/v1/forecasts/vote", bodies, connections, warmup, seconds);
            System.out.println("serve-bench: " + r.summary());
            if (server != null)
                System.out.printf("serve-bench: journal rows committed %d in %d commits (%.1f rows per commit)%n",
                        server.journal().committedRows(), server.journal().commits(),
                        server.journal().committedRows() / (double) Math.max(1, server.journal().commits()));
            if (r.ok() == 0) throw new IllegalArgumentException("no request succeeded (statuses " + r.statuses() + "); GET /health tells whether the node has forecast models");
            return 0;
        } finally {
            if (server != null) server.close();
            if (tmp != null) deleteTree(tmp);
        }
    }

    /** wrk, 1 thread, every body distinct: a warm-up run (not reported), then the measured run. */
    private int runWrk(String host, int port) throws Exception {
        java.nio.file.Path exe = WrkRunner.find();
        if (exe == null) throw new IllegalArgumentException("--wrk: wrk is not installed (apt-get install wrk)");
        Path dir = Files.createTempDirectory("neuroracle-wrk");
        try {
            Path script = WrkRunner.writeScript(dir);
            String url = "http://" + host + ":" + port + "/v1/forecasts/vote";
            System.out.printf("serve-bench: wrk -t1 -c%d, POST /v1/forecasts/vote on %s:%d, every body distinct (20 votes), %d cores, load average %s%n",
                    connections, host, port, Runtime.getRuntime().availableProcessors(), loadAverage());
            if (warmup > 0) WrkRunner.run(exe, script, url, 1, connections, (int) Math.ceil(warmup));
            WrkRunner.Result r = WrkRunner.run(exe, script, url, 1, connections, (int) Math.ceil(seconds));
            System.out.println("serve-bench: " + r.summary() + ", load average after " + loadAverage());
            if (r.requests() == r.non2xx()) throw new IllegalArgumentException("no request succeeded; GET /health tells whether the node has forecast models");
            return 0;
        } finally {
            deleteTree(dir);
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }
}
