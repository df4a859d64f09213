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

    @Option(names = "--rpc", paramLabel = "URL", converter = OptionValues.RpcUrl.class, description = "Ethereum JSON-RPC endpoint the --governor DAOs are read from.")
    String rpc;

    @Option(names = "--governor", paramLabel = "ADDR", split = ",", converter = OptionValues.Address.class,
            description = "Governor contract(s) (OpenZeppelin Governor or GovernorBravo) whose proposals, votes and parameters the dashboard shows, read from --rpc at start and again on new blocks.")
    java.util.List<String> governors;

    @Option(names = "--chain-poll-seconds", paramLabel = "S", defaultValue = "12",
            description = "How often the head is polled for new blocks of the --governor DAOs (1..3600 s, default 12).")
    int chainPollSeconds;

    private org.neuroracle.daoserver.oracle.ChainDaoRefresher refresher;
    /** The --rpc client the refresher polls with; shut down at exit after the refresher stops. */
    private org.web3j.protocol.Web3j chainClient;

    @Override public Integer call() throws InterruptedException {
        int minPoll = org.neuroracle.daoserver.oracle.ChainDaoRefresher.MIN_POLL_SECONDS, maxPoll = org.neuroracle.daoserver.oracle.ChainDaoRefresher.MAX_POLL_SECONDS;
        if (chainPollSeconds < minPoll || chainPollSeconds > maxPoll)
            throw new IllegalArgumentException("--chain-poll-seconds: must be " + minPoll + ".." + maxPoll + ", got " + chainPollSeconds);
        ServerConfig c = ServerConfig.load(config, System.getenv());
        if (port != null) c = c.withPort(port);
        if (dataDir != null) c = c.withDataDir(dataDir);
        org.neuroracle.daoserver.oracle.SigningKeySeparation.checkServiceKey(c);
        if (c.usesDefaultPassword())
            System.err.println("neuroracle: the node keystore uses the default local-only password; set NEURORACLE_KEYSTORE_PASSWORD for a real node");
        java.util.List<org.neuroracle.daoserver.ChainDao> chainDaos = chainDaos(c);
        DaoServer server;
        try {
            server = DaoServer.start(c, null, OracleLog.discover(c.dataDir()), chainDaos).toCompletionStage().toCompletableFuture().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (chainClient != null) chainClient.shutdown();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof java.net.BindException)
                throw new IllegalArgumentException("port " + c.port() + " on " + c.host() + ": " + cause.getMessage() + " (choose another with --port or NEURORACLE_PORT)");
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause.getMessage(), cause);
        }
        System.out.println("neuroracle: serving on http://" + c.host() + ":" + server.port() + "/  (dashboard /dashboard/, contract /openapi.yaml)");
        System.out.println("neuroracle: node address " + server.nodeAddress() + (server.nodeKey().created() ? " (new keystore " : " (keystore ")
                + server.nodeKey().file() + "), journal " + server.journal().file());
        for (var d : chainDaos) System.out.println("neuroracle: DAO " + d.dao() + " read from " + rpc + ": " + d.proposals().size()
                + " proposals, " + d.votes().size() + " votes");
        if (refresher != null) {
            refresher.start(server::updateChainDao);
            System.out.println("neuroracle: polling " + rpc + " every " + refresher.pollSeconds() + " s for new blocks of the --governor DAOs");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (refresher != null) refresher.close();
            if (chainClient != null) chainClient.shutdown();
            server.close();
            stopped.countDown();
        }, "neuroracle-shutdown"));
        stopped.await();
        return 0;
    }

    /** The --governor DAOs as of the chain's head (blocking, before the service starts); keeps the refresher for later. */
    private java.util.List<org.neuroracle.daoserver.ChainDao> chainDaos(org.neuroracle.daoserver.ServerConfig c) {
        if (governors == null || governors.isEmpty()) {
            if (rpc != null) throw new IllegalArgumentException("rpc: --rpc is only used with --governor ADDR");
            return java.util.List.of();
        }
        if (rpc == null) throw new IllegalArgumentException("governor: --governor needs --rpc URL");
        org.web3j.protocol.Web3j web3j = org.web3j.protocol.Web3j.build(new org.web3j.protocol.http.HttpService(rpc));
        try {
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            refresher = new org.neuroracle.daoserver.oracle.ChainDaoRefresher(web3j, chainId, governors, c.maxVotes(), chainPollSeconds);
            java.util.List<org.neuroracle.daoserver.ChainDao> daos = refresher.readAll();
            chainClient = web3j;
            return daos;
        } catch (java.io.IOException e) {
            web3j.shutdown();
            throw new IllegalArgumentException("rpc: cannot read the governor from " + rpc + ": " + e.getMessage());
        } catch (RuntimeException e) {
            web3j.shutdown();
            throw e;
        }
    }
}
