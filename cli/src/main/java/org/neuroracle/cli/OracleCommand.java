package org.neuroracle.cli;

import org.neuroracle.daoserver.oracle.NeuroOracleAbi;
import org.neuroracle.daoserver.oracle.NodeKeys;
import org.neuroracle.daoserver.oracle.OracleAnswererProvider;
import org.neuroracle.daoserver.oracle.OracleContracts;
import org.neuroracle.daoserver.oracle.OracleDemo;
import org.neuroracle.daoserver.oracle.OracleException;
import org.neuroracle.daoserver.oracle.OracleNode;
import org.neuroracle.daoserver.oracle.OracleNodeConfig;
import org.neuroracle.daoserver.oracle.SigningKeySeparation;
import org.neuroracle.daoserver.ServerConfig;
import org.neuroracle.daoserver.oracle.TxSender;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code neuroracle oracle ...}: the on-chain oracle (NeuroOracle.sol) and its node. */
@Command(name = "oracle", mixinStandardHelpOptions = true,
        description = {"The on-chain oracle: deploy NeuroOracle, run an oracle node, ask and read forecasts.",
                "See daoserver/ORACLE.md for the whole flow on a local anvil chain."},
        subcommands = {OracleCommand.Demo.class, OracleCommand.Node.class, OracleCommand.Deploy.class, OracleCommand.Ask.class, OracleCommand.Answer.class})
public final class OracleCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    /** The RPC endpoint and the account key, shared by the subcommands that send transactions. */
    static final class Chain {
        @Option(names = "--rpc", required = true, paramLabel = "URL", converter = OptionValues.RpcUrl.class, description = "Ethereum JSON-RPC endpoint, e.g. http://127.0.0.1:8545.")
        String rpc;
        @Option(names = "--keystore", paramLabel = "FILE", description = "Encrypted keystore (Web3 Secret Storage JSON) of the account.")
        Path keystore;
        @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the keystore password.")
        String passwordEnv;
        @Option(names = "--private-key-env", paramLabel = "VAR", description = "Environment variable holding the account's hex private key (instead of --keystore).")
        String privateKeyEnv;

        Credentials credentials() { return NodeKeys.load(keystore, passwordEnv, privateKeyEnv, System.getenv()); }

        /** Where the key came from, for messages. */
        String keySource() { return keystore != null ? "--keystore " + keystore : "--private-key-env " + privateKeyEnv; }

        Web3j connect() { return Web3j.build(new HttpService(rpc)); }

        TxSender sender(Web3j web3j) {
            try {
                return new TxSender(web3j, credentials(), web3j.ethChainId().send().getChainId().longValueExact());
            } catch (IOException e) {
                throw new OracleException("rpc: cannot reach " + rpc + ": " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = {"The whole loop against a running chain (e.g. anvil): deploys a DAO (ERC20Votes token, TimelockController, "
                    + "OpenZeppelin Governor), NeuroOracle governed by a TimelockController, and a ProposalForecastConsumer; creates a "
                    + "proposal, casts votes from several accounts, asks for P(pass) by proposal id, runs the nodes in this process "
                    + "until the request finalises, and asks the HTTP service the same question for the same chain state.",
                    "Progress goes to stderr; the last line on stdout is one JSON object."})
    static final class Demo implements Callable<Integer> {
        @Mixin Chain chain;
        @Option(names = "--nodes", defaultValue = "3", paramLabel = "N", description = "Oracle nodes to run (default: ${DEFAULT-VALUE}).")
        int nodes;
        @Option(names = "--threshold", defaultValue = "2", paramLabel = "K",
                description = "Identical attestations needed, a majority of the nodes (default: ${DEFAULT-VALUE}).")
        int threshold;
        @Option(names = "--opencl-backend", defaultValue = "opencl", paramLabel = "NAME",
                description = "Backend of the last node when it is available here (default: ${DEFAULT-VALUE}; 'none': all on cpu).")
        String opencl;
        @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the nodes' databases go (default: a new temporary folder).")
        Path workDir;
        @Option(names = "--same-block", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = {"Have all nodes answer in one block (anvil/hardhat: automine off while each node sends, then one evm_mine; "
                        + "votes after the k-th are late no-ops). --no-same-block: nodes send one after another (default: same block)."})
        boolean sameBlock;

        @Override public Integer call() throws Exception {
            OracleDemo.Options opts = new OracleDemo.Options(nodes, threshold, openclBackend(), sameBlock);
            Web3j web3j = chain.connect();
            try {
                TxSender s = chain.sender(web3j);
                Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("neuroracle-oracle-demo");
                var summary = new OracleDemo(chain.rpc, web3j, s, opts, dir, line -> System.err.println("neuroracle: " + line)).run();
                System.out.println(summary.encode());
                return summary.getBoolean("agree") ? 0 : 1;
            } finally {
                web3j.shutdown();
            }
        }

        /** The last node's backend, or null (all cpu) when it is not usable here. */
        private String openclBackend() {
            if (opencl.equals("none")) return null;
            try {
                var b = org.neuroracle.snn.backend.Backends.byName(opencl);
                if (b.available()) return opencl;
            } catch (RuntimeException e) {
                // not on the classpath or no device: said below
            }
            System.err.println("neuroracle: backend " + opencl + " is not available here; every node runs on cpu");
            return null;
        }
    }

    @Command(name = "node", mixinStandardHelpOptions = true,
            description = {"Runs an oracle node: watches NeuroOracle for ForecastRequested, waits for confirmations, answers each "
                    + "request with the chosen answerer, simulates the fulfilment with eth_call and sends it once.",
                    "State (cursor, handled logs, fulfilments, reorgs) lives in SQLite, so a restart backfills what it missed."})
    static final class Node implements Callable<Integer> {
        @Mixin Chain chain;
        @Option(names = "--contract", required = true, paramLabel = "ADDR", description = "NeuroOracle contract address.")
        String contract;
        @Option(names = "--answerer", defaultValue = "forecast", paramLabel = "NAME",
                description = "Which registered answerer computes the forecasts (default: ${DEFAULT-VALUE}).")
        String answerer;
        @Option(names = "--confirmations", defaultValue = "" + OracleNodeConfig.DEFAULT_CONFIRMATIONS, paramLabel = "N",
                description = "Blocks a request must be buried under before the node answers (default: ${DEFAULT-VALUE}).")
        int confirmations;
        @Option(names = "--poll-ms", defaultValue = "" + OracleNodeConfig.DEFAULT_POLL_INTERVAL_MS, paramLabel = "MS",
                description = "Pause between polls, in milliseconds (default: ${DEFAULT-VALUE}).")
        long pollMs;
        @Option(names = "--from-block", defaultValue = "0", paramLabel = "N",
                description = "First block to scan when the database has no cursor yet (default: ${DEFAULT-VALUE}).")
        long fromBlock;
        @Option(names = "--max-block-range", defaultValue = "" + OracleNodeConfig.DEFAULT_MAX_BLOCK_RANGE, paramLabel = "N",
                description = "Most blocks per eth_getLogs (default: ${DEFAULT-VALUE}).")
        int maxBlockRange;
        @Option(names = "--db", defaultValue = "data/oracle.db", paramLabel = "FILE",
                description = "SQLite file for the node's state (default: ${DEFAULT-VALUE}).")
        Path db;
        @Option(names = "--once", description = "Poll once, print what was done, and exit.")
        boolean once;
        @Option(names = "--service-config", paramLabel = "FILE",
                description = {"The HTTP service's configuration (as given to serve --config; NEURORACLE_* variables apply as there). "
                        + "Explicit inputs are held to its bounds (maxBodyBytes, maxVotes, maxSeriesDays), and the node refuses "
                        + "the service's signing key (dataDir/node-keystore.json). Default: serve's configuration without --config."})
        Path serviceConfig;

        @Override public Integer call() throws Exception {
            OutputPaths.file(db, "--db", ".db", ".sqlite");
            OracleNodeConfig cfg = new OracleNodeConfig(chain.rpc, contract, confirmations, pollMs, fromBlock, maxBlockRange, db);
            Credentials key = chain.credentials();
            ServerConfig service = ServerConfig.load(serviceConfig, System.getenv());
            SigningKeySeparation.checkNodeKey(key.getAddress(), chain.keySource(), chain.keystore, service);
            var provider = OracleAnswererProvider.byName(answerer);
            Web3j web3j = chain.connect();
            long chainId;
            try {
                chainId = web3j.ethChainId().send().getChainId().longValueExact();
            } catch (IOException e) {
                web3j.shutdown();
                throw new OracleException("rpc: cannot reach " + chain.rpc + ": " + e.getMessage(), e);
            }
            try (OracleNode node = new OracleNode(cfg, web3j, key, provider.create(chainId, service))) {
                System.out.println("oracle node " + node.address() + " on " + cfg.rpcUrl() + ", contract " + cfg.contract()
                        + ", confirmations " + cfg.confirmations() + ", db " + cfg.database());
                if (once) {
                    OracleNode.PollReport r = node.pollOnce();
                    System.out.println("head " + r.head() + ", scanned to " + r.scannedTo() + ", new requests " + r.newLogs()
                            + ", sent " + r.sent() + ", receipts " + r.finished() + ", reorgs " + r.reorgs());
                    System.out.println("log states: " + node.store().logStatusCounts());
                    return 0;
                }
                AtomicBoolean stop = new AtomicBoolean();
                Thread main = Thread.currentThread();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stop.set(true);
                    main.interrupt();
                }));
                node.run(stop);
            } finally {
                web3j.shutdown();
            }
            return 0;
        }
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = "Deploys a TimelockController (proposer and executor: the sender) and NeuroOracle with the given node "
                    + "signers and threshold k, whose admin is that timelock, plus the example DaoForecastConsumer. Prints the addresses.")
    static final class Deploy implements Callable<Integer> {
        @Mixin Chain chain;
        @Option(names = "--node", required = true, split = ",", paramLabel = "ADDR", converter = OptionValues.Address.class,
                description = "Authorised node signer address(es), comma separated or repeated.")
        List<String> nodes;
        @Option(names = "--threshold", defaultValue = "1", paramLabel = "K",
                description = "How many nodes must send the identical attestation, a majority (default: ${DEFAULT-VALUE}).")
        int threshold;
        @Option(names = "--timelock-delay", defaultValue = "172800", paramLabel = "SECONDS",
                description = "Minimum delay of node-set changes through the timelock (default: ${DEFAULT-VALUE}, two days).")
        long delaySeconds;
        @Option(names = "--no-consumer", description = "Deploy only the timelock and NeuroOracle.")
        boolean noConsumer;

        @Override public Integer call() throws Exception {
            if (delaySeconds < 0) throw new IllegalArgumentException("timelock-delay: must be >= 0, got " + delaySeconds);
            Web3j web3j = chain.connect();
            try {
                TxSender s = chain.sender(web3j);
                OracleContracts.Governed g = OracleContracts.deployGoverned(s, s.address(), nodes, threshold, delaySeconds);
                System.out.println("TimelockController " + g.timelock() + " (proposer and executor " + s.address() + ", delay " + delaySeconds + " s)");
                System.out.println("NeuroOracle " + g.oracle() + " (admin: the timelock, " + threshold + " of " + nodes.size() + " nodes)");
                if (!noConsumer) System.out.println("DaoForecastConsumer " + OracleContracts.deployConsumer(s, g.oracle()));
            } finally {
                web3j.shutdown();
            }
            return 0;
        }
    }

    @Command(name = "ask", mixinStandardHelpOptions = true,
            description = "Asks for a forecast through a DaoForecastConsumer: sends ask(modelId, input, ttl); prints the request id.")
    static final class Ask implements Callable<Integer> {
        @Mixin Chain chain;
        @Option(names = "--consumer", required = true, paramLabel = "ADDR", converter = OptionValues.Address.class, description = "DaoForecastConsumer address.")
        String consumer;
        @Option(names = "--model", required = true, paramLabel = "HEX",
                description = "Model id: 64 hex digits (sha256 of the model artifact), as GET /v1/models lists it.")
        String model;
        @Option(names = "--input", required = true, paramLabel = "FILE", description = "The canonical input bytes (e.g. a vote query JSON).")
        Path input;
        @Option(names = "--ttl", defaultValue = "3600", paramLabel = "SECONDS", description = "Seconds until the request expires (default: ${DEFAULT-VALUE}).")
        long ttlSeconds;

        @Override public Integer call() throws Exception {
            byte[] modelId = parseBytes32("model", model);
            if (!Files.isRegularFile(input)) throw new IllegalArgumentException("input: no such file: " + input);
            byte[] bytes = Files.readAllBytes(input);
            Web3j web3j = chain.connect();
            try {
                byte[] id = OracleContracts.ask(chain.sender(web3j), consumer, modelId, bytes, ttlSeconds);
                System.out.println("request " + NeuroOracleAbi.hex(id));
            } finally {
                web3j.shutdown();
            }
            return 0;
        }
    }

    @Command(name = "answer", mixinStandardHelpOptions = true,
            description = "Prints the answer a DaoForecastConsumer stored for a request (hex output bytes; empty until finalised).")
    static final class Answer implements Callable<Integer> {
        @Option(names = "--rpc", required = true, paramLabel = "URL", converter = OptionValues.RpcUrl.class, description = "Ethereum JSON-RPC endpoint.")
        String rpc;
        @Option(names = "--consumer", required = true, paramLabel = "ADDR", converter = OptionValues.Address.class, description = "DaoForecastConsumer address.")
        String consumer;
        @Option(names = "--request", required = true, paramLabel = "HEX", description = "Request id (64 hex digits).")
        String request;

        @Override public Integer call() throws Exception {
            byte[] id = parseBytes32("request", request);
            Web3j web3j = Web3j.build(new HttpService(rpc));
            try {
                // Reading needs no key: any address may eth_call.
                TxSender reader = new TxSender(web3j, Credentials.create("0x1"), web3j.ethChainId().send().getChainId().longValueExact());
                byte[] out = OracleContracts.answer(reader, consumer, id);
                System.out.println(out.length == 0 ? "no answer yet" : "answer " + NeuroOracleAbi.hex(out) + " (" + out.length + " bytes)");
            } finally {
                web3j.shutdown();
            }
            return 0;
        }
    }

    static byte[] parseBytes32(String field, String hex) {
        String h = hex.startsWith("0x") ? hex.substring(2) : hex;
        if (!h.matches("[0-9a-fA-F]{64}")) throw new IllegalArgumentException(field + ": must be 64 hex digits, got " + hex);
        return HexFormat.of().parseHex(h);
    }
}
