package org.neuroracle.daoserver.oracle;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.daoserver.answer.HashSigner;
import org.neuroracle.daoserver.answer.TypedAttestation;
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
class OracleNodeTest extends OracleTestBase {
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
            byte[] expected = tally(MODEL_ID, input);
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
            assertEquals(NeuroOracleAbi.hex(digest(d, requestLog(d, id), expected)), e.attestationDigest());
            assertTrue(e.requestedAtEpochS() > 0);
            assertTrue(e.fulfilledAtEpochS() != null && e.fulfilledAtEpochS() >= e.requestedAtEpochS());
            assertTrue(e.txHash().startsWith("0x"));
        }
    }

    @Test void rejectsUnauthorisedSigner() throws Exception {
        Deployment d = deploy(1);
        byte[] input = votes("for,1\nagainst,3");
        byte[] id = ask(d, input, 3600);
        ForecastRequest r = requestLog(d, id);
        String data = fulfilData(d, r, tally(MODEL_ID, input), outsider);

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
        String data = fulfilData(d, r, tally(MODEL_ID, input), node1);
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
        byte[] output = tally(MODEL_ID, input);

        assertTrue(sendUnchecked(node1, d.oracle(), fulfilData(d, r, output, node1)).isStatusOK());
        assertEquals("AlreadyResponded", sender(node1).simulate(d.oracle(), fulfilData(d, r, output, node1)).revertName());
        assertFalse(sendUnchecked(node1, d.oracle(), fulfilData(d, r, output, node1)).isStatusOK(), "one vote per node");
        assertEquals(0, answerCount(d), "one vote is below k = 2");

        assertTrue(sendUnchecked(node2, d.oracle(), fulfilData(d, r, output, node2)).isStatusOK());
        assertEquals(1, answerCount(d));
        // anvil runs eth_call at "latest" with that block's number: to the contract it is the finalising block, where a
        // third vote is a late no-op. In the next block (pending) it is AlreadyFulfilled, and so is the real transaction.
        assertEquals(null, sender(node3).simulate(d.oracle(), fulfilData(d, r, output, node3)).revertName());
        var pending = anvil.web3j.ethCall(org.web3j.protocol.core.methods.request.Transaction.createFunctionCallTransaction(node3.getAddress(),
                null, null, null, d.oracle(), java.math.BigInteger.ZERO, fulfilData(d, r, output, node3)),
                org.web3j.protocol.core.DefaultBlockParameterName.PENDING).send();
        assertEquals("AlreadyFulfilled", NeuroOracleAbi.revertName(TxSender.revertDataFromMessage(pending.getError().getMessage())));
        assertFalse(sendUnchecked(node3, d.oracle(), fulfilData(d, r, output, node3)).isStatusOK());

        // A node that lost its database sees the request again: finalisedInBlock says it is done, it sends nothing.
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
        byte[] expected = tally(MODEL_ID, input);
        byte[] wrong = tally(MODEL_ID, input);
        wrong[3] ^= 1;
        try (OracleNode bad = node(d, node3, DISAGREEING, "n3.db", 0);
             OracleNode n1 = node(d, node1, TALLY, "n1.db", 0);
             OracleNode n2 = node(d, node2, TALLY, "n2.db", 0)) {
            byte[] id = ask(d, input, 3600);
            ForecastRequest r = requestLog(d, id);
            byte[] goodAtt = digest(d, r, expected);
            byte[] badAtt = digest(d, r, wrong);

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

    /** How many signers submitted {@code att} (NeuroOracle.voters(requestId, att).length). */
    static BigInteger votes(Deployment d, byte[] id, byte[] att) throws Exception {
        String hex = sender(outsider).read(d.oracle(), NeuroOracleAbi.call("voters(bytes32,bytes32)",
                new org.web3j.abi.datatypes.generated.Bytes32(id), new org.web3j.abi.datatypes.generated.Bytes32(att)));
        return new BigInteger(org.web3j.utils.Numeric.cleanHexPrefix(hex).substring(64, 128), 16);
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
        assertArrayEquals(tally(MODEL_ID, inputA), answer(d, a));
        assertArrayEquals(tally(MODEL_ID, inputB), answer(d, b));
        assertArrayEquals(tally(MODEL_ID, inputC), answer(d, c));
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
            assertArrayEquals(tally(MODEL_ID, inputA), answer(d, a));

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
            assertArrayEquals(tally(MODEL_ID, inputB), answer(d, b));
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
            assertArrayEquals(tally(MODEL_ID, input), answer(d, id));
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
