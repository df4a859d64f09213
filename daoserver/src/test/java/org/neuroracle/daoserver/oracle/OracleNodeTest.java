package org.neuroracle.daoserver.oracle;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.daoserver.Attestation;
import org.neuroracle.daoserver.OracleLog;
import org.neuroracle.daoserver.OracleLogEntry;
import org.neuroracle.daoserver.oracle.OracleStore.LogStatus;
import org.neuroracle.daoserver.oracle.OracleStore.TxStatus;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The oracle end to end: a real anvil, the real compiled NeuroOracle and DaoForecastConsumer, real web3j nodes. */
class OracleNodeTest {
    static Anvil anvil;
    static Credentials admin, requester, node1, node2, node3, outsider;

    @TempDir Path dir;

    static final byte[] MODEL_ID = OracleNode.sha256("vote-model-artifact".getBytes(StandardCharsets.UTF_8));

    /**
     * A real pure function standing in for the forecast service: a vote tally over "choice,weight" lines, answered
     * as the for-share in parts per million (4 bytes, big-endian) followed by the model id's first byte.
     */
    static final OracleAnswerer TALLY = new OracleAnswerer() {
        @Override public String kind(byte[] modelId) { return "vote"; }

        @Override public byte[] answer(byte[] modelId, byte[] input) { return tally(modelId, input); }
    };

    static byte[] tally(byte[] modelId, byte[] input) {
        long forW = 0, total = 0;
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.split(",");
            if (f.length != 2) throw new IllegalArgumentException("input: line '" + line + "' is not choice,weight");
            long w = Long.parseLong(f[1].strip());
            total += w;
            if (f[0].strip().equals("for")) forW += w;
        }
        if (total == 0) throw new IllegalArgumentException("input: no votes");
        int ppm = (int) (forW * 1_000_000 / total);
        return new byte[]{(byte) (ppm >>> 24), (byte) (ppm >>> 16), (byte) (ppm >>> 8), (byte) ppm, modelId[0]};
    }
    /** A node with a different (wrong) model: it answers, but differently. */
    static final OracleAnswerer DISAGREEING = (modelId, input) -> {
        byte[] out = TALLY.answer(modelId, input);
        out[3] ^= 1;
        return out;
    };

    @BeforeAll static void start() throws Exception {
        Anvil.assumeAvailable();
        anvil = new Anvil();
        admin = anvil.fundedAccount();
        requester = anvil.fundedAccount();
        node1 = anvil.fundedAccount();
        node2 = anvil.fundedAccount();
        node3 = anvil.fundedAccount();
        outsider = anvil.fundedAccount();
    }

    @AfterAll static void stop() {
        if (anvil != null) anvil.close();
    }

    /** A fresh oracle (nodes 1..3 authorised, threshold k) and consumer. */
    record Deployment(String oracle, String consumer) {}

    Deployment deploy(int k) throws Exception {
        TxSender a = sender(admin);
        String oracle = OracleContracts.deployOracle(a, List.of(node1.getAddress(), node2.getAddress(), node3.getAddress()), k);
        String consumer = OracleContracts.deployConsumer(a, oracle);
        return new Deployment(oracle, consumer);
    }

    static TxSender sender(Credentials c) throws Exception {
        return new TxSender(anvil.web3j, c, anvil.web3j.ethChainId().send().getChainId().longValueExact());
    }

    OracleNode node(Deployment d, Credentials key, OracleAnswerer answerer, String dbName, int confirmations) throws Exception {
        OracleNodeConfig cfg = new OracleNodeConfig(anvil.url, d.oracle(), confirmations, 100, 0, 2000, dir.resolve(dbName));
        return new OracleNode(cfg, anvil.web3j, key, answerer);
    }

    static byte[] votes(String text) { return text.getBytes(StandardCharsets.UTF_8); }

    static byte[] ask(Deployment d, byte[] input, long ttlSeconds) throws Exception {
        return OracleContracts.ask(sender(requester), d.consumer(), MODEL_ID, input, ttlSeconds);
    }

    static byte[] answer(Deployment d, byte[] requestId) throws Exception {
        return OracleContracts.answer(sender(outsider), d.consumer(), requestId);
    }

    static long answerCount(Deployment d) throws Exception { return OracleContracts.answerCount(sender(outsider), d.consumer()); }

    static long txCount(Credentials c) throws Exception {
        return anvil.web3j.ethGetTransactionCount(c.getAddress(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount().longValueExact();
    }

    /** The request as the node would decode it, re-read from the chain. */
    static ForecastRequest requestLog(Deployment d, byte[] requestId) throws Exception {
        var f = new org.web3j.protocol.core.methods.request.EthFilter(DefaultBlockParameterName.EARLIEST,
                DefaultBlockParameterName.LATEST, d.oracle());
        f.addSingleTopic(NeuroOracleAbi.FORECAST_REQUESTED_TOPIC);
        f.addSingleTopic(NeuroOracleAbi.hex(requestId));
        var logs = anvil.web3j.ethGetLogs(f).send().getLogs();
        assertEquals(1, logs.size(), "one ForecastRequested log for the request");
        return NeuroOracleAbi.decodeRequested((org.web3j.protocol.core.methods.response.Log) logs.getFirst().get());
    }

    /** Calldata for a fulfilment signed by {@code signer}. */
    static String fulfilData(ForecastRequest r, byte[] output, Credentials signer) {
        return NeuroOracleAbi.fulfil(r, output, NeuroOracleAbi.signAttestation(r.modelId(), r.inputHash(), output, signer.getEcKeyPair()));
    }

    /** Sends a transaction without simulating first, with a fixed gas limit, so a revert lands on chain. */
    static TransactionReceipt sendUnchecked(Credentials from, String to, String data) throws Exception {
        TxSender s = sender(from);
        TxSender.SignedTx tx = s.sign(to, data, BigInteger.valueOf(1_500_000));
        String err = s.broadcast(tx);
        if (err != null) throw new AssertionError("broadcast refused: " + err);
        for (int i = 0; i < 200; i++) {
            var rc = s.receipt(tx.hash());
            if (rc.isPresent()) return rc.get();
            Thread.sleep(10); // anvil answers eth_sendRawTransaction before its automined block is sealed
        }
        throw new AssertionError("transaction " + tx.hash() + " was not mined");
    }

    /**
     * Polls until none of the node's transactions is waiting for a receipt (anvil seals its automined block just
     * after answering the send), and returns what the polls did in total.
     */
    static OracleNode.PollReport settle(OracleNode n) throws Exception {
        int newLogs = 0, sent = 0, finished = 0, reorgs = 0;
        OracleNode.PollReport r = null;
        for (int i = 0; i < 200; i++) {
            r = n.pollOnce();
            newLogs += r.newLogs();
            sent += r.sent();
            finished += r.finished();
            reorgs += r.reorgs();
            if (n.store().fulfilments(List.of(TxStatus.SIGNED, TxStatus.SENT)).isEmpty() && r.sent() == 0) break;
            Thread.sleep(10);
        }
        return new OracleNode.PollReport(r.head(), r.scannedTo(), newLogs, sent, finished, reorgs);
    }

    // ---- tests

    @Test void requestIsFulfilledAfterConfirmationsAndConsumerReceivesAnswer() throws Exception {
        Deployment d = deploy(1);
        byte[] input = votes("for,60\nagainst,30\nabstain,10");
        try (OracleNode n = node(d, node1, TALLY, StoredOracleLog.FILE_NAME, 2)) {
            n.pollOnce(); // cursor starts at the head
            byte[] id = ask(d, input, 3600);
            OracleNode.PollReport early = n.pollOnce();
            assertEquals(0, early.newLogs(), "the request has fewer than 2 confirmations: not acted on yet");
            assertEquals(0, answerCount(d));

            anvil.mine(2);
            OracleNode.PollReport r = settle(n);
            assertEquals(1, r.newLogs());
            assertEquals(1, r.sent());
            byte[] expected = TALLY.answer(MODEL_ID, input);
            assertArrayEquals(new byte[]{0, 0x09, (byte) 0x27, (byte) 0xc0, MODEL_ID[0]}, expected, "600000 ppm");
            assertArrayEquals(expected, answer(d, id));
            assertEquals(1, answerCount(d));
            assertEquals(Map.of(LogStatus.FULFILLED, 1), n.store().logStatusCounts());
            assertEquals(TxStatus.MINED, n.store().fulfilment(NeuroOracleAbi.hex(id)).orElseThrow().status());
            assertTrue(n.pollOnce().idle(), "nothing left to do");

            // The dashboard's view of the same log, found the way the service finds it.
            List<OracleLogEntry> log = OracleLog.discover(dir).recent(10);
            assertEquals(1, log.size());
            OracleLogEntry e = log.getFirst();
            assertEquals(NeuroOracleAbi.hex(id), e.requestId());
            assertEquals("vote", e.kind());
            assertEquals("finalised", e.status(), "threshold 1: our vote finalised it");
            assertEquals(d.consumer().toLowerCase(), e.requester(), "the requester on chain is the consumer contract");
            assertEquals(NeuroOracleAbi.hex(Attestation.digest(NeuroOracleAbi.hex(MODEL_ID), NeuroOracleAbi.hex(OracleNode.sha256(input)), expected)),
                    e.attestationDigest());
            assertTrue(e.requestedAtEpochS() > 0);
            assertTrue(e.fulfilledAtEpochS() != null && e.fulfilledAtEpochS() >= e.requestedAtEpochS());
            assertTrue(e.txHash().startsWith("0x"));
        }
    }

    @Test void contractVerifiesTheServiceAttestation() throws Exception {
        Deployment d = deploy(1);
        byte[] inputHash = OracleNode.sha256(votes("for,1"));
        byte[] output = "any output bytes".getBytes(StandardCharsets.UTF_8);
        Attestation a = Attestation.sign(NeuroOracleAbi.hex(MODEL_ID), NeuroOracleAbi.hex(inputHash), output, node2.getEcKeyPair());
        String onChain = sender(outsider).read(d.oracle(), NeuroOracleAbi.call("attestation(bytes32,bytes32,bytes)",
                new org.web3j.abi.datatypes.generated.Bytes32(MODEL_ID), new org.web3j.abi.datatypes.generated.Bytes32(inputHash),
                new org.web3j.abi.datatypes.DynamicBytes(output)));
        assertEquals(a.digestHex(), onChain, "NeuroOracle.attestation == Attestation.digest, byte for byte");
        assertEquals(node2.getAddress().toLowerCase(), Attestation.recoverSigner(a.digest(), a.signature()));
    }

    @Test void rejectsUnauthorisedSigner() throws Exception {
        Deployment d = deploy(1);
        byte[] input = votes("for,1\nagainst,3");
        byte[] id = ask(d, input, 3600);
        ForecastRequest r = requestLog(d, id);
        String data = fulfilData(r, TALLY.answer(MODEL_ID, input), outsider);

        TxSender.CallResult sim = sender(outsider).simulate(d.oracle(), data);
        assertTrue(sim.reverted(), sim.toString());
        assertEquals("UnauthorisedSigner", sim.revertName());
        assertFalse(sendUnchecked(outsider, d.oracle(), data).isStatusOK(), "the transaction itself reverts too");

        // A node whose key is not authorised learns it from its simulation and sends nothing.
        try (OracleNode n = node(d, outsider, TALLY, "outsider.db", 0)) {
            long before = txCount(outsider);
            n.pollOnce();
            assertEquals(Map.of(LogStatus.FAILED, 1), n.store().logStatusCounts());
            assertEquals(before, txCount(outsider));
        }
        assertEquals(0, answerCount(d));
    }

    @Test void rejectsExpiredRequest() throws Exception {
        Deployment d = deploy(1);
        byte[] input = votes("for,5\nagainst,5");
        byte[] id = ask(d, input, 60);
        anvil.increaseTime(120);
        ForecastRequest r = requestLog(d, id);
        String data = fulfilData(r, TALLY.answer(MODEL_ID, input), node1);
        assertEquals("RequestExpired", sender(node1).simulate(d.oracle(), data).revertName());
        long before = txCount(node1);
        assertFalse(sendUnchecked(node1, d.oracle(), data).isStatusOK());

        try (OracleNode n = node(d, node1, TALLY, "n1.db", 0)) {
            n.pollOnce();
            assertEquals(Map.of(LogStatus.EXPIRED, 1), n.store().logStatusCounts());
            assertEquals(before + 1, txCount(node1), "only the test's own reverted transaction; the node sent none");
        }
        assertEquals(0, answerCount(d));
    }

    @Test void rejectsDoubleFulfil() throws Exception {
        Deployment d = deploy(2);
        byte[] input = votes("for,9\nagainst,1");
        byte[] id = ask(d, input, 3600);
        ForecastRequest r = requestLog(d, id);
        byte[] output = TALLY.answer(MODEL_ID, input);

        assertTrue(sendUnchecked(node1, d.oracle(), fulfilData(r, output, node1)).isStatusOK());
        assertEquals("AlreadyResponded", sender(node1).simulate(d.oracle(), fulfilData(r, output, node1)).revertName());
        assertFalse(sendUnchecked(node1, d.oracle(), fulfilData(r, output, node1)).isStatusOK(), "one vote per node");
        assertEquals(0, answerCount(d), "one vote is below k = 2");

        assertTrue(sendUnchecked(node2, d.oracle(), fulfilData(r, output, node2)).isStatusOK());
        assertEquals(1, answerCount(d));
        assertEquals("AlreadyFulfilled", sender(node3).simulate(d.oracle(), fulfilData(r, output, node3)).revertName());
        assertFalse(sendUnchecked(node3, d.oracle(), fulfilData(r, output, node3)).isStatusOK());

        // A node that lost its database sees the request again: its simulation says it is done, it sends nothing.
        long before = txCount(node1);
        try (OracleNode n = node(d, node1, TALLY, "fresh.db", 0)) {
            n.pollOnce();
            assertEquals(Map.of(LogStatus.ALREADY_DONE, 1), n.store().logStatusCounts());
        }
        assertEquals(before, txCount(node1));
        assertEquals(1, answerCount(d), "the consumer was called back exactly once");
    }

    @Test void finalisesWhenTwoOfThreeAgreeAndDisagreeingNodeDoesNotCount() throws Exception {
        Deployment d = deploy(2);
        byte[] input = votes("for,2\nagainst,1");
        byte[] expected = TALLY.answer(MODEL_ID, input);
        byte[] wrong = DISAGREEING.answer(MODEL_ID, input);
        try (OracleNode bad = node(d, node3, DISAGREEING, "n3.db", 0);
             OracleNode n1 = node(d, node1, TALLY, "n1.db", 0);
             OracleNode n2 = node(d, node2, TALLY, "n2.db", 0)) {
            byte[] id = ask(d, input, 3600);
            ForecastRequest r = requestLog(d, id);
            byte[] goodAtt = NeuroOracleAbi.attestation(r.modelId(), r.inputHash(), expected);
            byte[] badAtt = NeuroOracleAbi.attestation(r.modelId(), r.inputHash(), wrong);

            assertEquals(1, settle(bad).sent());
            assertEquals(1, settle(n1).sent());
            assertEquals(0, answerCount(d), "1 good + 1 disagreeing vote: not final with k = 2");
            assertEquals(BigInteger.ONE, votes(d, id, goodAtt));
            assertEquals(BigInteger.ONE, votes(d, id, badAtt));

            assertEquals(1, settle(n2).sent());
            assertEquals(1, answerCount(d));
            assertArrayEquals(expected, answer(d, id));
            assertEquals(BigInteger.TWO, votes(d, id, goodAtt));
            for (OracleNode n : List.of(bad, n1, n2)) {
                settle(n);
                assertEquals(Map.of(LogStatus.FULFILLED, 1), n.store().logStatusCounts(), "each node's own vote was mined");
            }
        }
    }

    static BigInteger votes(Deployment d, byte[] id, byte[] att) throws Exception {
        return NeuroOracleAbi.decodeUint(sender(outsider).read(d.oracle(), NeuroOracleAbi.votes(id, att)));
    }

    @Test void restartBackfillsMissedRequestExactlyOnce() throws Exception {
        Deployment d = deploy(1);
        byte[] inputA = votes("for,1\nagainst,1");
        byte[] inputB = votes("for,3\nagainst,1");
        byte[] inputC = votes("for,1\nagainst,3");
        long nonceAtStart = txCount(node1);
        byte[] a;
        try (OracleNode n = node(d, node1, TALLY, "n1.db", 1)) {
            a = ask(d, inputA, 3600);
            anvil.mine(1);
            assertEquals(1, settle(n).sent());
        }
        // The node is down while two requests arrive and get buried under many blocks.
        byte[] b = ask(d, inputB, 3600);
        byte[] c = ask(d, inputC, 3600);
        anvil.mine(20);
        try (OracleNode n = node(d, node1, TALLY, "n1.db", 1)) {
            OracleNode.PollReport r = settle(n);
            assertEquals(2, r.newLogs(), "backfilled B and C, not A again");
            assertEquals(2, r.sent());
            assertTrue(n.pollOnce().idle());
        }
        try (OracleNode n = node(d, node1, TALLY, "n1.db", 1)) {
            anvil.mine(3);
            assertTrue(n.pollOnce().idle(), "a second restart finds nothing to do");
            assertEquals(Map.of(LogStatus.FULFILLED, 3), n.store().logStatusCounts());
        }
        assertEquals(nonceAtStart + 3, txCount(node1), "exactly one transaction per request");
        assertEquals(3, answerCount(d));
        assertArrayEquals(TALLY.answer(MODEL_ID, inputA), answer(d, a));
        assertArrayEquals(TALLY.answer(MODEL_ID, inputB), answer(d, b));
        assertArrayEquals(TALLY.answer(MODEL_ID, inputC), answer(d, c));
    }

    @Test void detectsReorgAndHandlesTheNewChain() throws Exception {
        Deployment d = deploy(1);
        byte[] inputA = votes("for,7\nagainst,3");
        byte[] inputB = votes("for,3\nagainst,7");
        try (OracleNode n = node(d, node1, TALLY, "n1.db", 1)) {
            n.pollOnce();
            String fork = anvil.snapshot();
            byte[] a = ask(d, inputA, 3600);
            anvil.mine(1);
            assertEquals(1, settle(n).sent());
            assertArrayEquals(TALLY.answer(MODEL_ID, inputA), answer(d, a));

            // Replace the blocks holding request A and its fulfilment with a longer chain holding request B.
            anvil.revert(fork);
            byte[] b = ask(d, inputB, 3600);
            anvil.mine(5);
            OracleNode.PollReport r = settle(n);
            assertEquals(1, r.reorgs(), "the stored block hash no longer matches");
            assertEquals(1, n.store().reorgCount());
            assertEquals(1, r.newLogs(), "B is new; A's log was forgotten with its block");
            assertEquals(1, r.sent(), "sent with a re-synchronised nonce (the reorg took our old one back)");
            assertEquals(TxStatus.ORPHANED, n.store().fulfilment(NeuroOracleAbi.hex(a)).orElseThrow().status());
            assertEquals(Map.of(LogStatus.FULFILLED, 1), n.store().logStatusCounts(), () -> diagnose(n, b));
            assertEquals(1, answerCount(d));
            assertArrayEquals(TALLY.answer(MODEL_ID, inputB), answer(d, b));
            assertArrayEquals(new byte[0], answer(d, a), "A does not exist on the new chain");
        }
    }

    @Test void refulfilsWhenReorgDropsOnlyTheFulfilment() throws Exception {
        Deployment d = deploy(1);
        byte[] input = votes("for,4\nagainst,1");
        try (OracleNode n = node(d, node1, TALLY, "n1.db", 1)) {
            n.pollOnce();
            byte[] id = ask(d, input, 3600);
            anvil.mine(1);
            String beforeFulfil = anvil.snapshot();
            assertEquals(1, settle(n).sent());
            assertEquals(1, answerCount(d));

            anvil.revert(beforeFulfil); // the request stays, our fulfilment is gone
            assertEquals(0, answerCount(d));
            anvil.mine(2);
            // The block holding our fulfilment changed hash: a reorg; its receipt is gone: orphaned, handled again.
            assertEquals(1, settle(n).reorgs());
            assertEquals(1, n.store().reorgCount());
            assertEquals(1, answerCount(d));
            assertArrayEquals(TALLY.answer(MODEL_ID, input), answer(d, id));
            assertEquals(TxStatus.MINED, n.store().fulfilment(NeuroOracleAbi.hex(id)).orElseThrow().status());
            assertEquals(Map.of(LogStatus.FULFILLED, 1), n.store().logStatusCounts());
        }
    }

    @Test void rejectedInputIsRecordedAndNeverFulfilled() throws Exception {
        Deployment d = deploy(1);
        ask(d, votes("this is not a vote list"), 3600);
        try (OracleNode n = node(d, node1, TALLY, "n1.db", 0)) {
            long before = txCount(node1);
            n.pollOnce();
            assertEquals(Map.of(LogStatus.REJECTED, 1), n.store().logStatusCounts());
            assertEquals(before, txCount(node1));
            var e = n.store().recent(10);
            assertEquals(1, e.size());
            assertTrue(e.getFirst().detail().startsWith("input: line"), e.getFirst().detail());
        }
    }

    /** What the chain and the node's store say, for a failure message. */
    static String diagnose(OracleNode n, byte[] requestId) {
        try {
            var f = n.store().fulfilment(NeuroOracleAbi.hex(requestId));
            return "fulfilment " + f + "; latest nonce " + txCount(node1) + ", pending nonce "
                    + anvil.web3j.ethGetTransactionCount(node1.getAddress(), DefaultBlockParameterName.PENDING).send().getTransactionCount()
                    + "; txpool " + anvil.rpc("txpool_content") + "; head " + anvil.head()
                    + "; base fee " + anvil.web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getBaseFeePerGas();
        } catch (Exception e) {
            return "diagnosis failed: " + e;
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) b.writeBytes(p);
        return b.toByteArray();
    }
}
