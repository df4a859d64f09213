package org.neuroracle.daoserver.oracle;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuroracle.daoserver.ChainDao;
import org.neuroracle.daoserver.DaoServer;
import org.neuroracle.daoserver.ForecastServiceEngine;
import org.neuroracle.daoserver.OracleLog;
import org.neuroracle.daoserver.ServerConfig;
import org.web3j.crypto.Credentials;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chain DAO on the dashboard stays current ({@code serve --rpc --governor}): a real OpenZeppelin Governor on anvil,
 * the service started on its first read, a vote cast afterwards shows in the service's JSON once the refresher has
 * seen the new block; the parameters are cited as chain calls with contract, block and the event that set them; an
 * RPC outage keeps the last good view (200, marked stale, reported to the sink once) and the next good read ends it.
 */
class ChainDaoRefreshTest extends OracleTestBase {
    static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    @BeforeAll static void models() {
        try {
            ForecastServiceEngine.bundled();
        } catch (IllegalStateException e) {
            Assumptions.abort("no bundled forecast models on this branch: " + e.getMessage());
        }
    }

    @Test void aVoteCastAfterTheStartReachesThePagesJsonAndTheParametersCiteChainCalls() throws Exception {
        TxSender deployer = sender(admin);
        GovernorForecastTest.ProposedDao p = GovernorForecastTest.proposeWithHolders(deployer, 400, GovernorForecastTest.THREE_HOLDERS, "Refresh: voted later");
        OracleContracts.Dao dao = p.dao();
        List<Credentials> voters = p.voters();
        BigInteger id = p.proposalId();
        long deployedFrom = p.deployedFrom(), deployedTo = p.deployedTo();
        OracleContracts.castVote(sender(voters.get(0)), dao.governor(), id, 1);

        long chainId = chainId();
        String name = "eip155:" + chainId + ":" + dao.governor().toLowerCase();
        FaultyRpc rpc = new FaultyRpc(anvil.url);
        ChainDaoRefresher refresher = new ChainDaoRefresher(rpc.web3j(), chainId, List.of(dao.governor()), 10_000, 1);
        List<ChainDao> first = refresher.readAll();
        long firstBlock = first.getFirst().block();
        ServerConfig cfg = ServerConfig.load(null, Map.of("NEURORACLE_PORT", "0", "NEURORACLE_DATA_DIR", dir.resolve("data").toString(),
                "NEURORACLE_INDEX_DIR", dir.resolve("none").toString()));
        DaoServer server = DaoServer.start(cfg, ForecastServiceEngine.bundled(), OracleLog.empty(), first).toCompletionStage().toCompletableFuture().join();
        String base = "http://127.0.0.1:" + server.port() + "/v1/daos/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        try {
            // The parameters, each a chain call with the contract, the block and the event that set it.
            JsonObject detail = get(base);
            Map<String, JsonObject> params = new java.util.HashMap<>();
            for (Object o : detail.getJsonArray("parameters")) params.put(((JsonObject) o).getString("name"), (JsonObject) o);
            JsonObject quorum = params.get("quorum");
            assertEquals("40000", quorum.getString("value"), "4% of 1,000,000 tokens");
            assertEquals("DEMO", quorum.getString("unit"), "the token's symbol()");
            assertEquals("chain call", quorum.getJsonObject("source").getString("kind"));
            assertEquals("quorum(" + (firstBlock - 1) + ")", quorum.getJsonObject("source").getString("call"));
            assertEquals(dao.governor().toLowerCase(), quorum.getJsonObject("source").getString("contract"));
            assertEquals(firstBlock, quorum.getJsonObject("source").getLong("block"));
            assertEquals("QuorumNumeratorUpdated", quorum.getJsonObject("source").getString("event"));
            assertTrue(quorum.getBoolean("sinceExact"));
            long since = quorum.getLong("sinceBlock");
            assertTrue(since >= deployedFrom && since <= deployedTo, "set in the Governor's constructor, block " + since);
            JsonObject period = params.get("votingPeriodSeconds");
            assertEquals("4800", period.getString("value"), "400 blocks at 12 s");
            assertEquals("votingPeriod()", period.getJsonObject("source").getString("call"));
            assertEquals("400 blocks", period.getJsonObject("source").getString("returned"));
            assertEquals("VotingPeriodSet", period.getJsonObject("source").getString("event"));
            assertEquals("12", params.get("votingDelaySeconds").getString("value"));
            assertEquals("0", params.get("proposalThreshold").getString("value"));
            JsonObject timelock = params.get("timelockDelaySeconds");
            assertEquals("1", timelock.getString("value"));
            assertEquals("getMinDelay()", timelock.getJsonObject("source").getString("call"));
            assertEquals(dao.timelock().toLowerCase(), timelock.getJsonObject("source").getString("contract"));
            assertEquals("MinDelayChange", timelock.getJsonObject("source").getString("event"));
            assertEquals(firstBlock, detail.getJsonObject("chain").getLong("block"));
            assertEquals(1, openTally(base).getInteger("votes"));

            // A vote after the start: the refresher (polling every second) sees the new block, the JSON changes.
            OracleContracts.castVote(sender(voters.get(1)), dao.governor(), id, 0);
            List<ChainDao> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            refresher.start(d -> {
                seen.add(d);
                server.updateChainDao(d);
            });
            JsonObject tally = null;
            for (int i = 0; i < 600 && (tally == null || tally.getInteger("votes") < 2); i++) {
                Thread.sleep(100);
                tally = openTally(base);
            }
            assertEquals(2, tally.getInteger("votes"), "the vote cast after the start is in the page's JSON");
            assertEquals("200000", tally.getString("against"));
            assertTrue(get(base).getJsonObject("chain").getLong("block") > firstBlock);
            refresher.close();

            // An outage: the last good view stays (200), marked stale; the sink hears of it once; the next good read ends it.
            OracleContracts.castVote(sender(voters.get(2)), dao.governor(), id, 1);
            seen.clear();
            rpc.down.set(true);
            assertEquals(0, refresher.pollOnce(server::updateChainDao));
            assertEquals(0, refresher.pollOnce(d -> { seen.add(d); server.updateChainDao(d); }));
            assertEquals(0, seen.size(), "the outage was reported on its first failed poll only");
            JsonObject stale = get(base);
            assertNotNull(stale.getJsonObject("chain").getString("refreshError"), stale.encode());
            assertTrue(stale.getJsonObject("chain").getString("detail").contains("last good read"));
            assertEquals(2, openTally(base).getInteger("votes"), "the last good view is kept");
            rpc.down.set(false);
            assertEquals(1, refresher.pollOnce(server::updateChainDao));
            assertNull(get(base).getJsonObject("chain").getString("refreshError"));
            assertEquals(3, openTally(base).getInteger("votes"));
        } finally {
            refresher.close();
            server.close();
        }
    }

    /**
     * A read after the last good one scans only the new blocks for proposals and setter events, reads again only what
     * can have changed (the undecided proposal, the new ones, the cancelled one) and equals a whole read at the same
     * block: a second vote, a second proposal voted on, a third cancelled while pending, and both windows closed.
     */
    @Test void aReadAfterTheLastScansOnlyNewBlocksAndEqualsAWholeRead() throws Exception {
        TxSender deployer = sender(admin);
        GovernorForecastTest.ProposedDao p = GovernorForecastTest.proposeWithHolders(deployer, 30, GovernorForecastTest.THREE_HOLDERS, "Incremental: decided later");
        String governor = p.dao().governor();
        List<Credentials> voters = p.voters();
        OracleContracts.castVote(sender(voters.get(0)), governor, p.proposalId(), 1);
        long chainId = chainId();
        FaultyRpc rpc = new FaultyRpc(anvil.url);
        ChainDaoReader.Read first = ChainDaoReader.readAfter(rpc.web3j(), chainId, governor, GovernorForecastTest.head(), 10_000, null);
        assertEquals(1, first.dao().proposals().size());
        assertEquals(org.neuroracle.forecast.data.Outcome.PENDING, first.dao().proposals().getFirst().outcome());

        OracleContracts.castVote(sender(voters.get(1)), governor, p.proposalId(), 0);
        BigInteger second = OracleContracts.propose(sender(voters.get(1)), governor, p.dao().token(), BigInteger.ZERO, p.call(), "Incremental: second");
        String cancelled = "Incremental: cancelled while pending";
        BigInteger third = OracleContracts.propose(sender(voters.get(2)), governor, p.dao().token(), BigInteger.ZERO, p.call(), cancelled);
        cancel(sender(voters.get(2)), governor, p.dao().token(), p.call(), cancelled);
        anvil.mine(2);
        OracleContracts.castVote(sender(voters.get(0)), governor, second, 1);
        anvil.mine(40);
        long head = GovernorForecastTest.head();

        rpc.getLogsFrom.clear();
        ChainDaoReader.Read next = ChainDaoReader.readAfter(rpc.web3j(), chainId, governor, head, 10_000, first.index());
        List<Long> incremental = List.copyOf(rpc.getLogsFrom);
        rpc.getLogsFrom.clear();
        ChainDao whole = ChainDaoReader.read(rpc.web3j(), chainId, governor, head, 10_000);
        assertTrue(rpc.getLogsFrom.stream().filter(f -> f == 0).count() >= 3, "a whole read scans proposals and both setter logs from block 0: " + rpc.getLogsFrom);
        assertFalse(incremental.contains(0L), "the read after scans no log from block 0: " + incremental);
        assertTrue(incremental.stream().filter(f -> f == first.index().block() + 1).count() >= 3,
                "proposals and both contracts' setter events from the block after the last read: " + incremental);

        assertEquals(whole.proposals(), next.dao().proposals());
        assertEquals(whole.votes(), next.dao().votes());
        assertEquals(whole.parameters(), next.dao().parameters());
        assertEquals(head, next.dao().block());
        assertEquals(List.of(p.proposalId().toString(), second.toString(), third.toString()),
                next.dao().proposals().stream().map(org.neuroracle.forecast.data.Proposal::proposalId).toList());
        assertEquals(List.of(org.neuroracle.forecast.data.Outcome.PASSED, org.neuroracle.forecast.data.Outcome.PASSED, org.neuroracle.forecast.data.Outcome.CANCELLED),
                next.dao().proposals().stream().map(org.neuroracle.forecast.data.Proposal::outcome).toList());
        assertEquals(3, next.dao().votes().size());
    }

    /** OpenZeppelin Governor.cancel(targets, values, calldatas, descriptionHash): the proposer, while pending. */
    private static void cancel(TxSender proposer, String governor, String target, byte[] call, String description) throws Exception {
        @SuppressWarnings("rawtypes")
        List<org.web3j.abi.datatypes.Type> args = List.of(
                new org.web3j.abi.datatypes.DynamicArray<>(org.web3j.abi.datatypes.Address.class, new org.web3j.abi.datatypes.Address(target)),
                new org.web3j.abi.datatypes.DynamicArray<>(org.web3j.abi.datatypes.generated.Uint256.class, new org.web3j.abi.datatypes.generated.Uint256(0)),
                new org.web3j.abi.datatypes.DynamicArray<>(org.web3j.abi.datatypes.DynamicBytes.class, new org.web3j.abi.datatypes.DynamicBytes(call)),
                new org.web3j.abi.datatypes.generated.Bytes32(org.web3j.crypto.Hash.sha3(description.getBytes(StandardCharsets.UTF_8))));
        var rc = proposer.sendAndWait(governor, NeuroOracleAbi.selector("cancel(address[],uint256[],bytes[],bytes32)")
                + org.web3j.abi.FunctionEncoder.encodeConstructor(args), 600, 50);
        assertTrue(rc.isStatusOK(), "cancel reverted: " + rc.getRevertReason());
    }

    /** GovernorBravo's constant quorumVotes(): cited as that call, in the comp() token's units, held "at least since" the read. */
    @Test void bravoQuorumIsReadByQuorumVotesAndHasNoSinceEvent() throws Exception {
        TxSender a = sender(admin);
        String comp = a.deploy(ContractArtifacts.bytecode(ContractArtifacts.VOTES_TOKEN),
                org.web3j.abi.FunctionEncoder.encodeConstructor(List.of(new org.web3j.abi.datatypes.generated.Uint256(TOKEN.multiply(BigInteger.valueOf(1000))))));
        String bravo = a.deploy(ContractArtifacts.bytecode("BravoShapedGovernor"), org.web3j.abi.FunctionEncoder.encodeConstructor(List.of(
                new org.web3j.abi.datatypes.Address(comp), new org.web3j.abi.datatypes.generated.Uint256(TOKEN.multiply(BigInteger.valueOf(400_000))))));
        long at = GovernorForecastTest.head();
        List<ChainDao.Parameter> ps = GovernorParamsReader.read(new ChainReader(anvil.web3j, at), bravo);
        ChainDao.Parameter q = ps.stream().filter(p -> p.name().equals("quorum")).findFirst().orElseThrow();
        assertEquals("400000", q.value());
        assertEquals("DEMO", q.unit());
        assertEquals("quorumVotes()", q.call());
        assertFalse(q.sinceExact(), "no event sets Bravo's quorum");
        assertEquals(at, q.sinceBlock());
        assertNull(q.sinceEvent());
        assertTrue(ps.stream().noneMatch(p -> p.name().equals("timelockDelaySeconds")), "no timelock() on this contract: left out, not guessed");
    }

    /** A parameter no event dates keeps the earliest block it was read at, across reads with the same value. */
    @Test void aValueWithoutAnEventHoldsAtLeastSinceItsFirstRead() {
        ChainDao.Parameter at10 = new ChainDao.Parameter("quorum", "400000", "COMP", "0xg", "quorumVotes()", "4e23", 10, 10, false, null, 100, "d");
        ChainDao.Parameter at20 = new ChainDao.Parameter("quorum", "400000", "COMP", "0xg", "quorumVotes()", "4e23", 20, 20, false, null, 200, "d");
        ChainDao.Parameter changed = new ChainDao.Parameter("quorum", "500000", "COMP", "0xg", "quorumVotes()", "5e23", 30, 30, false, null, 300, "d");
        ChainDao a = new ChainDao("eip155:1:0xg", List.of(), List.of(), 10, 100, List.of(at10), null, null);
        ChainDao b = ChainDaoRefresher.keepEarliestSince(a, new ChainDao("eip155:1:0xg", List.of(), List.of(), 20, 200, List.of(at20), null, null));
        assertEquals(10, b.parameters().getFirst().sinceBlock());
        assertEquals(20, b.parameters().getFirst().readAtBlock());
        assertFalse(b.parameters().getFirst().sinceExact());
        ChainDao c = ChainDaoRefresher.keepEarliestSince(b, new ChainDao("eip155:1:0xg", List.of(), List.of(), 30, 300, List.of(changed), null, null));
        assertEquals(30, c.parameters().getFirst().sinceBlock(), "a new value holds from its own read");
    }

    private static JsonObject get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return new JsonObject(r.body());
    }

    private static JsonObject openTally(String base) throws Exception {
        JsonArray open = get(base + "/proposals").getJsonArray("open");
        assertEquals(1, open.size(), open.encode());
        return open.getJsonObject(0).getJsonObject("tally");
    }
}
