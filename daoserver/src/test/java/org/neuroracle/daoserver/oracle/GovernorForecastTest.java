package org.neuroracle.daoserver.oracle;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuroracle.daoserver.DaoServer;
import org.neuroracle.daoserver.ForecastServiceEngine;
import org.neuroracle.daoserver.OracleLog;
import org.neuroracle.daoserver.ServerConfig;
import org.neuroracle.daoserver.answer.AnswerCodec;
import org.neuroracle.daoserver.oracle.OracleStore.LogStatus;
import org.neuroracle.forecast.service.VoteQuery;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real DAO on anvil: an ERC20Votes token, a TimelockController and an OpenZeppelin Governor; holders vote; a
 * consumer asks by proposal id only; three nodes read the Governor themselves and answer with k = 2; the value
 * the consumer decoded on chain equals the HTTP service's answer for the same chain state.
 */
class GovernorForecastTest extends OracleTestBase {
    static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    @BeforeAll static void models() {
        try {
            ForecastServiceEngine.bundled();
        } catch (IllegalStateException e) {
            Assumptions.abort("no bundled forecast models on this branch: " + e.getMessage());
        }
    }

    static String voteModelId() {
        return ForecastServiceEngine.bundled().models().stream().map(m -> (JsonObject) m).filter(m -> m.getString("kind").equals("vote"))
                .findFirst().orElseThrow().getString("modelId");
    }

    /**
     * A DAO deployed in blocks [deployedFrom, deployedTo] whose holders delegate to themselves, with one proposal (a
     * no-op transfer, {@code call}) whose voting has started.
     */
    record ProposedDao(OracleContracts.Dao dao, List<Credentials> voters, BigInteger proposalId, byte[] call, long deployedFrom, long deployedTo) {}

    static final long[] FOUR_HOLDERS = {300_000, 200_000, 150_000, 50_000}, THREE_HOLDERS = {300_000, 200_000, 150_000};

    /** {@link ProposedDao}: one funded account per entry of {@code holdings} (whole tokens), a quorum of 4 %. */
    static ProposedDao proposeWithHolders(TxSender deployer, int votingPeriodBlocks, long[] holdings, String description) throws Exception {
        long deployedFrom = head() + 1;
        OracleContracts.Dao dao = OracleContracts.deployDao(deployer, TOKEN.multiply(BigInteger.valueOf(1_000_000)), 1, votingPeriodBlocks, 4);
        long deployedTo = head();
        List<Credentials> voters = new java.util.ArrayList<>();
        for (long h : holdings) {
            Credentials v = anvil.fundedAccount();
            voters.add(v);
            OracleContracts.transferTokens(deployer, dao.token(), v.getAddress(), TOKEN.multiply(BigInteger.valueOf(h)));
            OracleContracts.delegateToSelf(sender(v), dao.token());
        }
        anvil.mine(1);
        byte[] call = org.web3j.utils.Numeric.hexStringToByteArray(NeuroOracleAbi.call("transfer(address,uint256)",
                new org.web3j.abi.datatypes.Address(voters.get(0).getAddress()), new org.web3j.abi.datatypes.generated.Uint256(0)));
        BigInteger proposalId = OracleContracts.propose(sender(voters.get(0)), dao.governor(), dao.token(), BigInteger.ZERO, call, description);
        anvil.mine(2);
        return new ProposedDao(dao, List.copyOf(voters), proposalId, call, deployedFrom, deployedTo);
    }

    @Test void proposalForecastByIdIsReadFromTheGovernorAndMatchesHttp() throws Exception {
        TxSender deployer = sender(admin);
        ProposedDao p = proposeWithHolders(deployer, 200, FOUR_HOLDERS, "Demo: pay contributor 0");
        OracleContracts.Dao dao = p.dao();
        List<Credentials> voters = p.voters();
        BigInteger proposalId = p.proposalId();
        int[] support = {1, 0, 1, 2}; // for, against, for, abstain
        for (int i = 0; i < voters.size(); i++) OracleContracts.castVote(sender(voters.get(i)), dao.governor(), proposalId, support[i]);

        Deployment d = deploy(2);
        String model = voteModelId();
        String consumer = OracleContracts.deployProposalConsumer(deployer, d.oracle(), dao.governor(), HexFormat.of().parseHex(model));
        TxSender asker = sender(requester);
        BigInteger price = OracleContracts.statedGasPrice(asker);
        BigInteger fee = OracleContracts.minFee(asker, d.oracle(), 200_000, price);
        OracleContracts.Asked asked = OracleContracts.askProposal(asker, consumer, proposalId, price, fee);
        ForecastRequest r = requestLog(d, asked.requestId());
        assertEquals(ForecastRequest.KIND_VOTE, r.kind());
        assertEquals(asked.block() - 1, r.asOfBlock(), "pinned to the block before the request");
        assertTrue(r.subject().length == 64, "calldata names (governor, proposalId) only: O(1)");

        long chainId = chainId();
        try (OracleNode n1 = node(d, node1, ForecastAnswerer.bundled(chainId), "n1.db", 0);
             OracleNode n2 = node(d, node2, ForecastAnswerer.bundled(chainId), "n2.db", 0);
             OracleNode n3 = node(d, node3, ForecastAnswerer.bundled(chainId), "n3.db", 0)) {
            for (OracleNode n : List.of(n1, n2, n3)) settle(n);
            Map<LogStatus, Integer> all = new EnumMap<>(LogStatus.class);
            for (OracleNode n : List.of(n1, n2, n3)) n.store().logStatusCounts().forEach((k, v) -> all.merge(k, v, Integer::sum));
            assertEquals(Map.of(LogStatus.FULFILLED, 2, LogStatus.ALREADY_DONE, 1), all, n1.store().recent(5).toString());
        }
        long[] onChain = OracleContracts.forecastOf(sender(outsider), consumer, proposalId);
        assertEquals(r.asOfBlock(), onChain[3]);

        // The same chain state over HTTP: the canonical query built by the same reader, posted as an explicit body.
        VoteQuery q = GovernorReader.read(new ChainReader(anvil.web3j, r.asOfBlock()), chainId, dao.governor(), proposalId, 10_000);
        assertEquals(4, q.votes().size());
        assertEquals("40000", q.quorum(), "4% of 1,000,000 tokens, read from quorum(snapshot)");
        ServerConfig cfg = ServerConfig.load(null, Map.of("NEURORACLE_PORT", "0", "NEURORACLE_DATA_DIR", dir.resolve("http").toString(),
                "NEURORACLE_INDEX_DIR", dir.resolve("none").toString()));
        DaoServer server = DaoServer.start(cfg, ForecastServiceEngine.bundled(), OracleLog.empty()).toCompletionStage().toCompletableFuture().join();
        try {
            HttpResponse<String> http = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/v1/forecasts/vote")).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(VoteQueryJson.toJson(q).put("modelId", model).encode())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, http.statusCode(), http.body());
            byte[] httpOut = HexFormat.of().parseHex(new JsonObject(http.body()).getString("output").substring(2));
            AnswerCodec.Vote h = AnswerCodec.decodeVote(httpOut);
            assertEquals(h.pPassPpm(), onChain[0], "P(pass) on chain == over HTTP");
            assertEquals(h.pPassLowerPpm(), onChain[1]);
            assertEquals(h.pPassUpperPpm(), onChain[2]);
            // Byte for byte: the attested output is the HTTP output with the block the nodes read filled in.
            byte[] attested = fulfilledOutput(d, r);
            AnswerCodec.Vote a = AnswerCodec.decodeVote(attested);
            assertArrayEquals(attested, AnswerCodec.encode(new AnswerCodec.Vote(h.modelId(), a.asOfBlock(), h.asOfTime(), h.elapsedPpm(),
                    h.pPassPpm(), h.pPassLowerPpm(), h.pPassUpperPpm(), h.forSharePpm(), h.forShareLowerPpm(), h.forShareUpperPpm(),
                    h.turnoutWad(), h.turnoutLowerWad(), h.turnoutUpperWad())));
        } finally {
            server.close();
        }
    }

    /**
     * The "given recent block" pin: the requester names a block whose hash the contract checks with blockhash; the
     * nodes read the Governor as of that block, so a vote cast after it is not in the answer. Pins in the future (or
     * the current block) and pins more than 256 blocks back are refused with typed errors, at the exact boundary.
     */
    @Test void requestPinnedToAGivenRecentBlockIsReadAsOfThatBlock() throws Exception {
        TxSender deployer = sender(admin);
        ProposedDao p = proposeWithHolders(deployer, 400, FOUR_HOLDERS, "Pinned: pay contributor 0");
        OracleContracts.Dao dao = p.dao();
        List<Credentials> voters = p.voters();
        BigInteger proposalId = p.proposalId();
        OracleContracts.castVote(sender(voters.get(0)), dao.governor(), proposalId, 1);
        OracleContracts.castVote(sender(voters.get(2)), dao.governor(), proposalId, 1);
        OracleContracts.castVote(sender(voters.get(3)), dao.governor(), proposalId, 2);
        long pin = head();
        OracleContracts.castVote(sender(voters.get(1)), dao.governor(), proposalId, 0); // after the pin

        Deployment d = deploy(2);
        String model = voteModelId();
        byte[] modelId = HexFormat.of().parseHex(model);
        TxSender asker = sender(requester);
        BigInteger price = OracleContracts.statedGasPrice(asker);
        BigInteger fee = OracleContracts.minFee(asker, d.oracle(), 200_000, price);
        var rc = asker.sendAndWait(d.oracle(), NeuroOracleAbi.requestVoteForecastAt(dao.governor(), proposalId, pin, modelId, 200_000, 3600, price),
                fee, 600, 20);
        assertTrue(rc.isStatusOK());
        ForecastRequest r = NeuroOracleAbi.decodeRequested(rc.getLogs().stream()
                .filter(l -> NeuroOracleAbi.FORECAST_REQUESTED_TOPIC.equals(l.getTopics().getFirst())).findFirst().orElseThrow());
        assertEquals(pin, r.asOfBlock(), "the given block, not the previous one");
        assertTrue(rc.getBlockNumber().longValueExact() - 1 > pin);
        assertEquals(anvil.web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(pin)), false).send().getBlock().getHash(),
                NeuroOracleAbi.hex(r.asOfBlockHash()), "the event carries blockhash(pin)");

        long chainId = chainId();
        try (OracleNode n1 = node(d, node1, ForecastAnswerer.bundled(chainId), "p1.db", 0);
             OracleNode n2 = node(d, node2, ForecastAnswerer.bundled(chainId), "p2.db", 0)) {
            for (OracleNode n : List.of(n1, n2)) settle(n);
        }
        byte[] attested = fulfilledOutput(d, r);
        VoteQuery atPin = GovernorReader.read(new ChainReader(anvil.web3j, pin), chainId, dao.governor(), proposalId, 10_000);
        VoteQuery before = GovernorReader.read(new ChainReader(anvil.web3j, rc.getBlockNumber().longValueExact() - 1), chainId,
                dao.governor(), proposalId, 10_000);
        assertEquals(3, atPin.votes().size(), "the vote after the pin is not read");
        assertEquals(4, before.votes().size());
        assertArrayEquals(ForecastServiceEngine.bundled().pipeline().vote(model, atPin, pin).outputBytes(), attested);
        assertEquals(pin, AnswerCodec.decodeVote(attested).asOfBlock());

        // Refusals: a pin not yet in the past, one too old; the boundary with real transactions (mined in head + 1).
        assertEquals("PinnedBlockNotPast", asker.simulate(d.oracle(),
                NeuroOracleAbi.requestVoteForecastAt(dao.governor(), proposalId, head() + 5, modelId, 200_000, 3600, price), fee).revertName());
        anvil.mine(300);
        assertEquals("PinnedBlockTooOld", asker.simulate(d.oracle(),
                NeuroOracleAbi.requestVoteForecastAt(dao.governor(), proposalId, pin, modelId, 200_000, 3600, price), fee).revertName());
        assertTrue(sendFixedGas(asker, d.oracle(), NeuroOracleAbi.requestVoteForecastAt(dao.governor(), proposalId, head() + 1 - 256, modelId,
                200_000, 3600, price), fee).isStatusOK(), "256 blocks back: blockhash still knows it");
        assertFalse(sendFixedGas(asker, d.oracle(), NeuroOracleAbi.requestVoteForecastAt(dao.governor(), proposalId, head() + 1 - 257, modelId,
                200_000, 3600, price), fee).isStatusOK(), "257 blocks back: refused");
    }

    /**
     * The dashboard reads a DAO from the chain ({@code serve --rpc --governor}): the proposals and votes come from
     * the same GovernorReader the node uses, and the DAO pages list them beside the indexed DAOs.
     */
    @Test void dashboardServesADaoReadFromItsGovernor() throws Exception {
        TxSender deployer = sender(admin);
        ProposedDao p = proposeWithHolders(deployer, 400, THREE_HOLDERS, "Chain DAO: voted");
        OracleContracts.Dao dao = p.dao();
        List<Credentials> voters = p.voters();
        BigInteger voted = p.proposalId();
        byte[] call = p.call();
        int[] support = {1, 0, 1};
        for (int i = 0; i < voters.size(); i++) OracleContracts.castVote(sender(voters.get(i)), dao.governor(), voted, support[i]);
        // A second proposal whose voting has not started: listed, without votes.
        BigInteger fresh = OracleContracts.propose(sender(voters.get(0)), dao.governor(), dao.token(), BigInteger.ZERO, call, "Chain DAO: fresh");

        long chainId = chainId();
        org.neuroracle.daoserver.ChainDao chainDao = ChainDaoReader.read(anvil.web3j, chainId, dao.governor(), head(), 10_000);
        String name = "eip155:" + chainId + ":" + dao.governor().toLowerCase();
        assertEquals(name, chainDao.dao());
        assertEquals(java.util.Set.of(voted.toString(), fresh.toString()),
                chainDao.proposals().stream().map(org.neuroracle.forecast.data.Proposal::proposalId).collect(java.util.stream.Collectors.toSet()));
        assertEquals(3, chainDao.votes().size());
        assertTrue(chainDao.votes().stream().allMatch(v -> v.proposalId().equals(voted.toString())));
        VoteQuery q = GovernorReader.read(new ChainReader(anvil.web3j, head()), chainId, dao.governor(), voted, 10_000);
        assertEquals(q.votes().stream().map(VoteQuery.VoteEvent::weight).toList(),
                chainDao.votes().stream().map(v -> v.weight().toPlainString()).toList(), "the node's reader, the same weights");

        // One oracle request about this DAO, answered by a node whose database the service reads as its oracle log.
        Deployment d = deploy(2);
        String consumer = OracleContracts.deployProposalConsumer(deployer, d.oracle(), dao.governor(), HexFormat.of().parseHex(voteModelId()));
        TxSender asker = sender(requester);
        BigInteger price = OracleContracts.statedGasPrice(asker);
        OracleContracts.askProposal(asker, consumer, voted, price, OracleContracts.minFee(asker, d.oracle(), 200_000, price));
        java.nio.file.Path dash = java.nio.file.Files.createDirectories(dir.resolve("dash"));
        try (OracleNode n1 = node(d, node1, ForecastAnswerer.bundled(chainId), "dash/" + StoredOracleLog.FILE_NAME, 0)) {
            settle(n1);
        }
        ServerConfig cfg = ServerConfig.load(null, Map.of("NEURORACLE_PORT", "0", "NEURORACLE_DATA_DIR", dash.toString(),
                "NEURORACLE_INDEX_DIR", dir.resolve("none").toString()));
        DaoServer server = DaoServer.start(cfg, ForecastServiceEngine.bundled(), OracleLog.discover(dash), List.of(chainDao))
                .toCompletionStage().toCompletableFuture().join();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> daos = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/daos")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, daos.statusCode(), daos.body());
            JsonObject listed = new JsonObject(daos.body()).getJsonArray("daos").getJsonObject(0);
            assertEquals(name, listed.getString("dao"));
            assertEquals(2, listed.getInteger("proposals"));
            HttpResponse<String> props = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/daos/"
                    + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8) + "/proposals")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, props.statusCode(), props.body());
            var open = new JsonObject(props.body()).getJsonArray("open");
            assertEquals(java.util.Set.of(voted.toString(), fresh.toString()), java.util.Set.of(open.getJsonObject(0).getString("proposalId"),
                    open.getJsonObject(1).getString("proposalId")), "both active or pending: open");
            // Oracle requests per DAO.
            HttpResponse<String> mine = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/oracle/requests?dao="
                    + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, mine.statusCode(), mine.body());
            var requests = new JsonObject(mine.body()).getJsonArray("requests");
            assertEquals(1, requests.size(), mine.body());
            assertEquals(name, requests.getJsonObject(0).getString("dao"));
            assertEquals("fulfilled", requests.getJsonObject(0).getString("status"), "one vote of k = 2");
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/oracle/requests?dao=eip155%3A1%3A0x"
                    + "00".repeat(20))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(0, new JsonObject(other.body()).getJsonArray("requests").size(), other.body());
        } finally {
            server.close();
        }
    }

    static long head() throws Exception { return anvil.web3j.ethBlockNumber().send().getBlockNumber().longValueExact(); }

    /** Sends with a fixed gas limit (no estimate, so a revert lands on chain) and waits for the receipt. */
    static org.web3j.protocol.core.methods.response.TransactionReceipt sendFixedGas(TxSender s, String to, String data, BigInteger value)
            throws Exception {
        TxSender.SignedTx tx = s.sign(to, data, BigInteger.valueOf(400_000), value);
        assertEquals(null, s.broadcast(tx));
        for (int i = 0; i < 200; i++) {
            var rc = s.receipt(tx.hash());
            if (rc.isPresent()) return rc.get();
            Thread.sleep(10);
        }
        throw new AssertionError("not mined: " + tx.hash());
    }

    /** The output bytes of the request's ForecastFulfilled event. */
    static byte[] fulfilledOutput(Deployment d, ForecastRequest r) throws Exception {
        EthFilter f = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(r.blockNumber())),
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST, d.oracle());
        f.addSingleTopic(NeuroOracleAbi.FORECAST_FULFILLED_TOPIC);
        f.addSingleTopic(NeuroOracleAbi.hex(r.requestId()));
        var logs = anvil.web3j.ethGetLogs(f).send().getLogs();
        assertEquals(1, logs.size());
        var log = (org.web3j.protocol.core.methods.response.Log) logs.getFirst().get();
        @SuppressWarnings("rawtypes")
        List<org.web3j.abi.datatypes.Type> t = org.web3j.abi.FunctionReturnDecoder.decode(log.getData(),
                NeuroOracleAbi.FORECAST_FULFILLED.getNonIndexedParameters());
        return ((org.web3j.abi.datatypes.DynamicBytes) t.get(1)).getValue();
    }
}
