package org.neuroracle.daoserver.oracle;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.neuroracle.daoserver.DaoServer;
import org.neuroracle.daoserver.ForecastServiceEngine;
import org.neuroracle.daoserver.OracleLog;
import org.neuroracle.daoserver.ServerConfig;
import org.neuroracle.daoserver.answer.AnswerCodec;
import org.neuroracle.forecast.service.VoteQuery;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole loop against a running chain (anvil): deploys a DAO (ERC20Votes token, TimelockController, OpenZeppelin
 * Governor), a NeuroOracle governed by its own TimelockController with n fresh node keys and threshold k, and a
 * ProposalForecastConsumer; creates a proposal, casts votes from several accounts, asks for P(pass) by proposal id,
 * runs the nodes in this process (the last one on the opencl backend when there is one) until the request
 * finalises, and asks the HTTP service the same question for the same chain state. With {@code sameBlock} (anvil,
 * hardhat) the nodes answer in one block: automine is switched off while each node polls once and sends its
 * fulfilment into the pool, then one {@code evm_mine} seals them all; the votes after the k-th land as late no-ops.
 */
public final class OracleDemo {
    public record Options(int nodes, int threshold, String opencl, boolean sameBlock) {
        public Options(int nodes, int threshold, String opencl) { this(nodes, threshold, opencl, false); }

        public Options {
            if (nodes < 1 || nodes > 16) throw new IllegalArgumentException("nodes: must be 1..16, got " + nodes);
            if (threshold < 1 || threshold > nodes || 2 * threshold <= nodes) {
                throw new IllegalArgumentException("threshold: must be a majority of the " + nodes + " nodes (k > n/2, k <= n), got " + threshold);
            }
        }
    }

    static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    static final BigInteger NODE_FUNDING_WEI = BigInteger.TEN.pow(18);
    static final long[] HOLDINGS = {300_000, 200_000, 150_000, 50_000};
    static final int[] SUPPORT = {1, 0, 1, 2};
    static final String[] CHOICE = {"against", "for", "abstain"};

    private final String rpcUrl;
    private final Web3j web3j;
    private final TxSender deployer;
    private final Options options;
    private final Consumer<String> progress;
    private final Path workDir;

    public OracleDemo(String rpcUrl, Web3j web3j, TxSender deployer, Options options, Path workDir, Consumer<String> progress) {
        this.rpcUrl = rpcUrl;
        this.web3j = web3j;
        this.deployer = deployer;
        this.options = options;
        this.progress = progress;
        this.workDir = workDir;
    }

    /** Runs the loop; returns the summary object (the CLI prints it as its last line). */
    public JsonObject run() throws Exception {
        long chainId = deployer.chainId();
        ForecastServiceEngine engine = ForecastServiceEngine.bundled();
        String model = engine.models().stream().map(m -> (JsonObject) m).filter(m -> m.getString("kind").equals("vote"))
                .findFirst().orElseThrow(() -> new OracleException("no vote model is bundled")).getString("modelId");

        progress.accept("chain " + chainId + ", deployer " + deployer.address() + ", vote model " + model);
        List<Credentials> voters = new ArrayList<>();
        for (int i = 0; i < HOLDINGS.length; i++) voters.add(fund(Credentials.create(Keys.createEcKeyPair())));
        List<Credentials> nodeKeys = new ArrayList<>();
        for (int i = 0; i < options.nodes(); i++) nodeKeys.add(fund(Credentials.create(Keys.createEcKeyPair())));

        OracleContracts.Dao dao = OracleContracts.deployDao(deployer, TOKEN.multiply(BigInteger.valueOf(1_000_000)), 1, 300, 4);
        progress.accept("DAO: token " + dao.token() + ", timelock " + dao.timelock() + ", governor " + dao.governor());
        for (int i = 0; i < voters.size(); i++) {
            OracleContracts.transferTokens(deployer, dao.token(), voters.get(i).getAddress(), TOKEN.multiply(BigInteger.valueOf(HOLDINGS[i])));
            OracleContracts.delegateToSelf(new TxSender(web3j, voters.get(i), chainId), dao.token());
        }
        BigInteger proposalId = OracleContracts.propose(new TxSender(web3j, voters.getFirst(), chainId), dao.governor(), dao.token(),
                BigInteger.ZERO, Numeric.hexStringToByteArray(NeuroOracleAbi.call("transfer(address,uint256)",
                        new Address(voters.getFirst().getAddress()), new Uint256(0))), "Demo proposal: a zero transfer");
        progress.accept("proposal " + proposalId + " created by " + voters.getFirst().getAddress());

        // Deploying the oracle also moves the chain past the proposal's snapshot, so voting is open afterwards.
        List<String> nodeAddresses = nodeKeys.stream().map(Credentials::getAddress).toList();
        OracleContracts.Governed g = OracleContracts.deployGoverned(deployer, deployer.address(), nodeAddresses, options.threshold(), 3600);
        String consumer = OracleContracts.deployProposalConsumer(deployer, g.oracle(), dao.governor(), HexFormat.of().parseHex(model));
        progress.accept("NeuroOracle " + g.oracle() + " (admin: TimelockController " + g.timelock() + ", " + options.threshold() + " of "
                + options.nodes() + " nodes), ProposalForecastConsumer " + consumer);
        for (int i = 0; i < voters.size(); i++) {
            OracleContracts.castVote(new TxSender(web3j, voters.get(i), chainId), dao.governor(), proposalId, SUPPORT[i]);
            progress.accept("vote " + CHOICE[SUPPORT[i]] + " with " + HOLDINGS[i] + " DEMO from " + voters.get(i).getAddress());
        }

        BigInteger price = OracleContracts.statedGasPrice(deployer);
        BigInteger fee = OracleContracts.minFee(deployer, g.oracle(), 200_000, price);
        OracleContracts.Asked asked = OracleContracts.askProposal(deployer, consumer, proposalId, price, fee);
        progress.accept("requested forecast of proposal " + proposalId + ": request " + NeuroOracleAbi.hex(asked.requestId()) + " in tx "
                + asked.txHash() + " (fee " + fee + " wei at " + price + " wei/gas)");

        List<OracleNode> nodes = new ArrayList<>();
        JsonArray nodeInfo = new JsonArray();
        try {
            for (int i = 0; i < nodeKeys.size(); i++) {
                String backend = i == nodeKeys.size() - 1 && options.opencl() != null ? options.opencl() : "cpu";
                OracleNodeConfig cfg = new OracleNodeConfig(rpcUrl, g.oracle(), 0, 200, asked.block(), 2000,
                        workDir.resolve("node" + (i + 1) + ".db"));
                nodes.add(new OracleNode(cfg, web3j, nodeKeys.get(i), ForecastAnswerer.bundled(chainId, backend)));
                nodeInfo.add(new JsonObject().put("address", nodeKeys.get(i).getAddress()).put("backend", backend));
                progress.accept("node " + (i + 1) + " " + nodeKeys.get(i).getAddress() + " on backend " + backend);
            }
            long finalisedBlock = -1;
            // The node on the other backend polls first, so its answer is among the k that finalise.
            List<Integer> order = new ArrayList<>();
            for (int i = nodes.size() - 1; i >= 0; i--) order.add(i);
            if (options.sameBlock()) sendAllInOneBlock(nodes, order, nodeInfo);
            for (int round = 0; round < 300 && finalisedBlock < 0; round++) {
                for (int i : order) {
                    OracleNode.PollReport r = nodes.get(i).pollOnce();
                    if (r.sent() > 0) progress.accept("node " + (i + 1) + " (" + nodeInfo.getJsonObject(i).getString("backend") + ") sent its fulfilment");
                }
                finalisedBlock = finalisedBlock(g.oracle(), asked);
                if (finalisedBlock < 0) Thread.sleep(100);
            }
            if (finalisedBlock < 0) throw new OracleException("request " + NeuroOracleAbi.hex(asked.requestId()) + " did not finalise");
            progress.accept("finalised in block " + finalisedBlock);
            JsonArray fulfilGas = new JsonArray(), lateGas = new JsonArray();
            long finalisingGas = -1;
            for (int i = 0; i < nodes.size(); i++) {
                for (int round = 0; round < 50 && !nodes.get(i).store().fulfilments(List.of(OracleStore.TxStatus.SIGNED, OracleStore.TxStatus.SENT)).isEmpty(); round++) {
                    nodes.get(i).pollOnce();
                    Thread.sleep(50);
                }
                nodes.get(i).pollOnce();
                var entries = nodes.get(i).store().recent(1);
                String status = entries.isEmpty() ? "none" : entries.getFirst().status();
                nodeInfo.getJsonObject(i).put("status", status);
                var f = nodes.get(i).store().fulfilment(NeuroOracleAbi.hex(asked.requestId()));
                if (f.isPresent() && f.get().status() == OracleStore.TxStatus.MINED) {
                    var rc = deployer.receipt(f.get().txHash()).orElseThrow();
                    boolean finalising = rc.getLogs().stream().anyMatch(l -> !l.getTopics().isEmpty()
                            && NeuroOracleAbi.FORECAST_FULFILLED_TOPIC.equals(l.getTopics().getFirst()));
                    boolean late = rc.getLogs().stream().anyMatch(l -> !l.getTopics().isEmpty()
                            && NeuroOracleAbi.FORECAST_RESPONDED_LATE_TOPIC.equals(l.getTopics().getFirst()));
                    nodeInfo.getJsonObject(i).put("fulfilTx", rc.getTransactionHash()).put("fulfilBlock", rc.getBlockNumber().longValueExact())
                            .put("gasUsed", rc.getGasUsed().longValueExact()).put("finalising", finalising).put("late", late);
                    if (finalising) finalisingGas = rc.getGasUsed().longValueExact();
                    else if (late) lateGas.add(rc.getGasUsed().longValueExact());
                    else fulfilGas.add(rc.getGasUsed().longValueExact());
                }
                progress.accept("node " + (i + 1) + ": " + status + (entries.isEmpty() || entries.getFirst().detail() == null ? ""
                        : " (" + entries.getFirst().detail() + ")"));
            }
            long[] on = OracleContracts.forecastOf(deployer, consumer, proposalId);

            long asOfBlock = asked.block() - 1;
            VoteQuery q = GovernorReader.read(new ChainReader(web3j, asOfBlock), chainId, dao.governor(), proposalId, 10_000);
            AnswerCodec.Vote http = askHttp(engine, q, model);
            JsonObject onChain = new JsonObject().put("pPassPpm", on[0]).put("lowerPpm", on[1]).put("upperPpm", on[2]).put("asOfBlock", on[3]);
            JsonObject httpJson = new JsonObject().put("pPassPpm", http.pPassPpm()).put("lowerPpm", http.pPassLowerPpm())
                    .put("upperPpm", http.pPassUpperPpm()).put("forSharePpm", http.forSharePpm()).put("turnoutWad", http.turnoutWad().toString())
                    .put("asOfTime", http.asOfTime());
            boolean agree = on[0] == http.pPassPpm() && on[1] == http.pPassLowerPpm() && on[2] == http.pPassUpperPpm();
            progress.accept("on chain forecastOf(" + proposalId + ") = " + on[0] + " ppm [" + on[1] + ", " + on[2] + "]; HTTP "
                    + http.pPassPpm() + " ppm [" + http.pPassLowerPpm() + ", " + http.pPassUpperPpm() + "]: " + (agree ? "equal" : "DIFFERENT"));
            return new JsonObject().put("chainId", chainId).put("oracle", g.oracle()).put("timelock", g.timelock())
                    .put("governor", dao.governor()).put("token", dao.token()).put("consumer", consumer).put("proposalId", proposalId.toString())
                    .put("requestId", NeuroOracleAbi.hex(asked.requestId())).put("requestTx", asked.txHash()).put("asOfBlock", asOfBlock)
                    .put("finalisedBlock", finalisedBlock).put("threshold", options.threshold()).put("nodes", nodeInfo)
                    .put("onChain", onChain).put("http", httpJson).put("agree", agree)
                    .put("gasUsed", new JsonObject().put("request", deployer.receipt(asked.txHash()).orElseThrow().getGasUsed().longValueExact())
                            .put("fulfil", fulfilGas).put("finalisingFulfil", finalisingGas).put("lateFulfil", lateGas));
        } finally {
            for (OracleNode n : nodes) n.close();
        }
    }

    /**
     * Automine off, each node polls once (and sends its fulfilment into the pool), one evm_mine seals them all in one
     * block, automine on again. A chain without evm_setAutomine is said so and left alone (nodes then send one by one).
     */
    private void sendAllInOneBlock(List<OracleNode> nodes, List<Integer> order, JsonArray nodeInfo) throws IOException, java.sql.SQLException {
        org.web3j.protocol.http.HttpService rpc = new org.web3j.protocol.http.HttpService(rpcUrl);
        if (devRpc(rpc, "evm_setAutomine", false) != null) {
            progress.accept("the chain has no evm_setAutomine: nodes send one after another");
            return;
        }
        try {
            int sent = 0;
            for (int i : order) {
                if (nodes.get(i).pollOnce().sent() > 0) {
                    sent++;
                    progress.accept("node " + (i + 1) + " (" + nodeInfo.getJsonObject(i).getString("backend") + ") sent its fulfilment into the pool");
                }
            }
            String err = devRpc(rpc, "evm_mine");
            if (err != null) throw new OracleException("evm_mine: " + err);
            progress.accept(sent + " fulfilments sealed in one block by evm_mine");
        } finally {
            devRpc(rpc, "evm_setAutomine", true);
        }
    }

    /** A development-chain RPC call (anvil, hardhat); null on success, else the error message. */
    private static String devRpc(org.web3j.protocol.http.HttpService rpc, String method, Object... params) throws IOException {
        var r = new org.web3j.protocol.core.Request<>(method, List.of(params), rpc, org.web3j.protocol.core.methods.response.VoidResponse.class).send();
        return r.hasError() ? r.getError().getMessage() : null;
    }

    private Credentials fund(Credentials c) throws IOException {
        OracleContracts.mustSucceed(deployer.sendAndWait(c.getAddress(), "0x", NODE_FUNDING_WEI, 600, 50), "funding " + c.getAddress());
        return c;
    }

    /** The block of the request's ForecastFulfilled event, or -1. */
    private long finalisedBlock(String oracle, OracleContracts.Asked asked) throws IOException {
        var f = new org.web3j.protocol.core.methods.request.EthFilter(
                org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(asked.block())),
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST, oracle);
        f.addSingleTopic(NeuroOracleAbi.FORECAST_FULFILLED_TOPIC);
        f.addSingleTopic(NeuroOracleAbi.hex(asked.requestId()));
        var logs = web3j.ethGetLogs(f).send();
        if (logs.hasError() || logs.getLogs().isEmpty()) return -1;
        return ((org.web3j.protocol.core.methods.response.Log) logs.getLogs().getFirst().get()).getBlockNumber().longValueExact();
    }

    /** POSTs the chain-built query to a service started here (its own data folder), returns the decoded output. */
    private AnswerCodec.Vote askHttp(ForecastServiceEngine engine, VoteQuery q, String model) throws Exception {
        Path data = Files.createDirectories(workDir.resolve("http"));
        ServerConfig cfg = ServerConfig.load(null, Map.of("NEURORACLE_PORT", "0", "NEURORACLE_DATA_DIR", data.toString(),
                "NEURORACLE_INDEX_DIR", data.resolve("index").toString()));
        DaoServer server = DaoServer.start(cfg, engine, OracleLog.empty()).toCompletionStage().toCompletableFuture().join();
        try {
            String url = "http://127.0.0.1:" + server.port() + "/v1/forecasts/vote";
            progress.accept("HTTP: POST " + url + " with the " + q.votes().size() + " votes read at the same block");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(VoteQueryJson.toJson(q).put("modelId", model).encode())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new OracleException("HTTP forecast: status " + r.statusCode() + ": " + r.body());
            return AnswerCodec.decodeVote(HexFormat.of().parseHex(new JsonObject(r.body()).getString("output").substring(2)));
        } finally {
            server.close();
        }
    }
}
