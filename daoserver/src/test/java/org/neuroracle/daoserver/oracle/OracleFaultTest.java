package org.neuroracle.daoserver.oracle;

import org.junit.jupiter.api.Test;
import org.neuroracle.daoserver.oracle.OracleStore.LogStatus;
import org.neuroracle.daoserver.oracle.OracleStore.TxStatus;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nodes settling concurrently, stuck and dropped transactions, poison requests, a lagging RPC, refused log ranges. */
class OracleFaultTest extends OracleTestBase {

    void automine(boolean on) throws Exception { anvil.rpc("evm_setAutomine", on); }

    static TransactionReceipt receiptAfterMining(TxSender s, String hash) throws Exception {
        for (int i = 0; i < 200; i++) {
            Optional<TransactionReceipt> rc = s.receipt(hash);
            if (rc.isPresent()) return rc.get();
            Thread.sleep(10);
        }
        throw new AssertionError("no receipt for " + hash);
    }

    /**
     * The bug as it was: each node sized its fulfil gas from eth_estimateGas against the votes already in. Two nodes
     * of k = 2 estimate at 0 votes, both transactions land in one block, and the one mined second is the k-th vote:
     * it lacks the callback's gas and reverts with InsufficientGas.
     */
    @Test void estimateOnlyGasLimitRevertsInsufficientGasOnTheKthVote() throws Exception {
        Deployment d = deploy(2);
        byte[] input = votes("for,3\nagainst,1");
        byte[] id = ask(d, input, 3600);
        ForecastRequest r = requestLog(d, id);
        byte[] out = tally(MODEL_ID, input);
        TxSender s1 = sender(node1), s2 = sender(node2);
        String d1 = fulfilData(d, r, out, node1), d2 = fulfilData(d, r, out, node2);
        BigInteger g1 = s1.estimateGas(d.oracle(), d1), g2 = s2.estimateGas(d.oracle(), d2);
        automine(false);
        try {
            TxSender.SignedTx t1 = s1.sign(d.oracle(), d1, g1), t2 = s2.sign(d.oracle(), d2, g2);
            assertEquals(null, s1.broadcast(t1));
            assertEquals(null, s2.broadcast(t2));
            anvil.mine(1);
            TransactionReceipt a = receiptAfterMining(s1, t1.hash()), b = receiptAfterMining(s2, t2.hash());
            assertEquals(1, (a.isStatusOK() ? 1 : 0) + (b.isStatusOK() ? 1 : 0), "exactly one of the two votes succeeded");
            TransactionReceipt failed = a.isStatusOK() ? b : a;
            String failedData = a.isStatusOK() ? d2 : d1;
            BigInteger failedGas = a.isStatusOK() ? g2 : g1;
            assertTrue(failed.getGasUsed().compareTo(failedGas) < 0, "a revert, not out of gas");
            // Replayed with the same gas limit on the state it met (the other vote in): InsufficientGas.
            var replay = anvil.web3j.ethCall(Transaction.createFunctionCallTransaction(a.isStatusOK() ? node2.getAddress() : node1.getAddress(),
                    null, null, failedGas, d.oracle(), BigInteger.ZERO, failedData), DefaultBlockParameterName.LATEST).send();
            assertEquals("InsufficientGas", NeuroOracleAbi.revertName(TxSender.revertDataFromMessage(replay.getError().getMessage())),
                    replay.getError().getMessage());
            assertEquals(0, answerCount(d), "the request did not finalise");
        } finally {
            automine(true);
        }
    }

    /** The fix: whatever the count when it was estimated, a fulfilment carries the finalising work's gas. */
    @Test void nodesSettlingConcurrentlyFinaliseWithTheCallbackCovered() throws Exception {
        Deployment d = deploy(2);
        byte[] input = votes("for,3\nagainst,1");
        try (OracleNode n1 = node(d, node1, TALLY, "n1.db", 0); OracleNode n2 = node(d, node2, TALLY, "n2.db", 0);
             OracleNode n3 = node(d, node3, TALLY, "n3.db", 0)) {
            byte[] id = ask(d, input, 3600);
            automine(false);
            try {
                // Both estimate at 0 votes (the pool holds no vote yet when each simulates), both land in one block.
                assertEquals(1, n1.pollOnce().sent());
                assertEquals(1, n2.pollOnce().sent());
                anvil.mine(1);
            } finally {
                automine(true);
            }
            for (OracleNode n : List.of(n1, n2, n3)) settle(n);
            assertEquals(1, answerCount(d));
            assertArrayEquals(tally(MODEL_ID, input), answer(d, id));
            Map<LogStatus, Integer> all = new java.util.EnumMap<>(LogStatus.class);
            for (OracleNode n : List.of(n1, n2, n3)) n.store().logStatusCounts().forEach((k, v) -> all.merge(k, v, Integer::sum));
            // The two votes in one block finalise (the second runs the callback); the third node comes a block later,
            // reads finalisedInBlock before answering and records the request as done without a transaction.
            assertEquals(Map.of(LogStatus.FULFILLED, 2, LogStatus.ALREADY_DONE, 1), all);
        }
    }

    /**
     * Three nodes at the same depth, k = 2, all in one block (automine off, one evm_mine). The third node estimates
     * against the pending block, where the first two already finalise the request: the contract takes its vote in
     * that same block as a late no-op (ForecastRespondedLate), so it is sent, lands and does not revert.
     */
    @Test void thirdVoteInTheFinalisingBlockLandsAsALateNoOp() throws Exception {
        Deployment d = deploy(2);
        byte[] input = votes("for,3\nagainst,1");
        try (OracleNode n1 = node(d, node1, TALLY, "n1.db", 0); OracleNode n2 = node(d, node2, TALLY, "n2.db", 0);
             OracleNode n3 = node(d, node3, TALLY, "n3.db", 0)) {
            byte[] id = ask(d, input, 3600);
            automine(false);
            try {
                assertEquals(1, n1.pollOnce().sent());
                assertEquals(1, n2.pollOnce().sent());
                assertEquals(1, n3.pollOnce().sent(), "the third node sends although the pending block finalises the request");
                anvil.rpc("evm_mine");
            } finally {
                automine(true);
            }
            java.util.Set<Long> blocks = new java.util.HashSet<>();
            int finalising = 0, late = 0;
            for (OracleNode n : List.of(n1, n2, n3)) {
                settle(n);
                var f = n.store().fulfilment(NeuroOracleAbi.hex(id)).orElseThrow();
                assertEquals(TxStatus.MINED, f.status(), "mined and succeeded: " + f);
                TransactionReceipt rc = sender(admin).receipt(f.txHash()).orElseThrow();
                assertTrue(rc.isStatusOK());
                blocks.add(rc.getBlockNumber().longValueExact());
                if (rc.getLogs().stream().anyMatch(l -> NeuroOracleAbi.FORECAST_FULFILLED_TOPIC.equals(l.getTopics().getFirst()))) finalising++;
                if (rc.getLogs().stream().anyMatch(l -> NeuroOracleAbi.FORECAST_RESPONDED_LATE_TOPIC.equals(l.getTopics().getFirst()))) {
                    late++;
                    assertTrue(f.detail().startsWith("late: the request was finalised earlier in block"), f.detail());
                    System.out.println("OracleFaultTest: late no-op fulfil gas " + rc.getGasUsed());
                }
            }
            assertEquals(1, blocks.size(), "all three fulfilments in one block: " + blocks);
            assertEquals(1, finalising);
            assertEquals(1, late);
            assertEquals(1, answerCount(d), "the callback ran once");
            assertArrayEquals(tally(MODEL_ID, input), answer(d, id));
            Map<LogStatus, Integer> all = new java.util.EnumMap<>(LogStatus.class);
            for (OracleNode n : List.of(n1, n2, n3)) n.store().logStatusCounts().forEach((k, v) -> all.merge(k, v, Integer::sum));
            assertEquals(Map.of(LogStatus.FULFILLED, 3), all);
        }
    }

    /**
     * anvil evicts a transaction a base-fee spike priced out (geth keeps it pending): the node finds it gone from pool
     * and chain, and sends the fulfilment again with the same nonce at fees over the new base fee.
     */
    @Test void baseFeeSpikeThatEvictsTheFulfilmentIsRecoveredWithTheSameNonce() throws Exception {
        Deployment d = deploy(1);
        long nonceBefore = txCount(node1);
        try (OracleNode n = node(d, node1, TALLY, "n1.db", 0)) {
            byte[] id = ask(d, votes("for,1"), 3600);
            automine(false);
            String first;
            try {
                assertEquals(1, n.pollOnce().sent());
                first = n.store().fulfilment(NeuroOracleAbi.hex(id)).orElseThrow().txHash();
                BigInteger base = anvil.web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getBaseFeePerGas();
                anvil.rpc("anvil_setNextBlockBaseFeePerGas", "0x" + base.multiply(BigInteger.valueOf(50)).add(BigInteger.valueOf(1_000_000_000L)).toString(16));
                anvil.mine(1);
                assertTrue(sender(node1).receipt(first).isEmpty(), "priced out by the spike");
                n.pollOnce();
                anvil.mine(1);
            } finally {
                automine(true);
            }
            settle(n);
            var done = n.store().fulfilment(NeuroOracleAbi.hex(id)).orElseThrow();
            assertEquals(TxStatus.MINED, done.status());
            assertFalse(done.txHash().equals(first), "a re-priced transaction");
            assertEquals(1, answerCount(d));
            assertEquals(nonceBefore + 1, txCount(node1), "one nonce used");
        }
    }

    /** A fee bump is a valid replacement (both fees up by more than 10%, same nonce): the RPC takes it, it is mined. */
    @Test void bumpReplacesAPendingTransactionWithTheSameNonce() throws Exception {
        Deployment d = deploy(1);
        byte[] id = ask(d, votes("for,1"), 3600);
        ForecastRequest r = requestLog(d, id);
        TxSender s = sender(node1);
        String data = fulfilData(d, r, tally(MODEL_ID, r.subject()), node1);
        automine(false);
        TxSender.SignedTx a, b;
        try {
            a = s.sign(d.oracle(), data, BigInteger.valueOf(1_500_000));
            assertEquals(null, s.broadcast(a));
            b = s.bump(TxSender.fromRaw(a.nonce(), a.hash(), a.rawHex()), BigInteger.valueOf(1_000_000_000_000L)).orElseThrow();
            assertEquals(a.nonce(), b.nonce());
            assertTrue(b.maxFeeWei().compareTo(a.maxFeeWei().multiply(BigInteger.valueOf(11)).divide(BigInteger.TEN)) >= 0);
            assertEquals(null, s.broadcast(b), "accepted as a replacement");
            assertTrue(s.bump(b, b.maxFeeWei()).isEmpty(), "no bump past the cap");
            anvil.mine(1);
        } finally {
            automine(true);
        }
        assertTrue(receiptAfterMining(s, b.hash()).isStatusOK());
        assertTrue(s.receipt(a.hash()).isEmpty(), "the replaced version is gone");
        assertEquals(1, answerCount(d));
    }

    @Test void droppedTransactionIsSentAgainAndExactlyOneVoteLands() throws Exception {
        Deployment d = deploy(1);
        long before = txCount(node1);
        try (OracleNode n = node(d, node1, TALLY, "n1.db", 0)) {
            byte[] id = ask(d, votes("for,2"), 3600);
            automine(false);
            String first;
            try {
                assertEquals(1, n.pollOnce().sent());
                first = n.store().fulfilment(NeuroOracleAbi.hex(id)).orElseThrow().txHash();
                anvil.rpc("anvil_dropTransaction", first);
                n.pollOnce(); // gone from pool and chain: orphaned, and sent again with the same (re-read) nonce
                anvil.mine(1);
            } finally {
                automine(true);
            }
            settle(n);
            assertEquals(TxStatus.MINED, n.store().fulfilment(NeuroOracleAbi.hex(id)).orElseThrow().status());
            assertEquals(1, answerCount(d));
            assertEquals(before + 1, txCount(node1), "one transaction of node 1 landed; the dropped one's nonce was reused");
        }
    }

    @Test void poisonRequestIsRejectedAfterBoundedTriesAndDoesNotBlockOthers() throws Exception {
        Deployment d = deploy(1);
        byte[] poison = votes("for,1\nagainst,1\nhang,0");
        OracleAnswerer hangsOnPoison = (r, chain) -> {
            if (new String(r.subject(), java.nio.charset.StandardCharsets.UTF_8).contains("hang")) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("interrupted");
            }
            return TALLY.answer(r, chain);
        };
        OracleNodeConfig cfg = new OracleNodeConfig(anvil.url, d.oracle(), 0, 100, 0, 2000, dir.resolve("n1.db")).withAnswerDeadline(200, 2);
        try (OracleNode n = new OracleNode(cfg, anvil.web3j, node1, hangsOnPoison)) {
            byte[] bad = ask(d, poison, 3600);
            byte[] good = ask(d, votes("for,9\nagainst,1"), 3600);
            for (int i = 0; i < 4; i++) settle(n);
            assertEquals(Map.of(LogStatus.REJECTED, 1, LogStatus.FULFILLED, 1), n.store().logStatusCounts());
            var recent = n.store().recent(10);
            assertTrue(recent.stream().anyMatch(e -> e.requestId().equals(NeuroOracleAbi.hex(bad))
                    && e.detail().contains("given up after 2 attempts")), recent.toString());
            assertArrayEquals(tally(MODEL_ID, votes("for,9\nagainst,1")), answer(d, good));
        }
    }

    @Test void laggingHeadIsNotAReorg() throws Exception {
        Deployment d = deploy(1);
        FaultyRpc rpc = new FaultyRpc(anvil.url);
        var web3j = rpc.web3j();
        try (OracleNode n = new OracleNode(new OracleNodeConfig(anvil.url, d.oracle(), 0, 100, 0, 2000, dir.resolve("n1.db")), web3j, node1, TALLY)) {
            ask(d, votes("for,1"), 3600);
            settle(n);
            rpc.headLag.set(5);
            OracleNode.PollReport r = n.pollOnce();
            assertTrue(r.headLagging());
            assertEquals(0, r.reorgs());
            assertEquals(0, n.store().reorgCount(), "nothing rolled back");
            rpc.headLag.set(0);
            byte[] id2 = ask(d, votes("for,2\nagainst,1"), 3600);
            settle(n);
            assertEquals(Map.of(LogStatus.FULFILLED, 2), n.store().logStatusCounts());
            assertEquals(2, answerCount(d));
            assertFalse(answer(d, id2).length == 0);
        } finally {
            web3j.shutdown();
        }
    }

    @Test void getLogsHalvesItsRangeWhenTheRpcRefusesIt() throws Exception {
        Deployment d = deploy(1);
        long start = anvil.head();
        byte[] a = ask(d, votes("for,1"), 3600);
        anvil.mine(40);
        byte[] b = ask(d, votes("for,1\nagainst,1"), 3600);
        FaultyRpc rpc = new FaultyRpc(anvil.url);
        rpc.maxLogRange.set(10);
        var web3j = rpc.web3j();
        try (OracleNode n = new OracleNode(new OracleNodeConfig(anvil.url, d.oracle(), 0, 100, start, 2000, dir.resolve("n1.db")), web3j, node1, TALLY)) {
            settle(n);
            assertTrue(rpc.refusedGetLogs.get() > 0, "the wide range was refused");
            assertEquals(Map.of(LogStatus.FULFILLED, 2), n.store().logStatusCounts(), "and both requests were found in narrower ones");
            assertFalse(answer(d, a).length == 0);
            assertFalse(answer(d, b).length == 0);
        } finally {
            web3j.shutdown();
        }
    }

    /**
     * A reorg that takes the block holding our fulfilment away and returns the transaction to the pool: the node rolls back, finds the transaction pending again and waits for it rather than sending
     * a second one; one vote lands.
     */
    @Test void reorgReturningTheFulfilmentToThePoolIsWaitedForNotResent() throws Exception {
        Deployment d = deploy(1);
        long before = txCount(node1);
        try (OracleNode n = node(d, node1, TALLY, "n1.db", 0)) {
            byte[] id = ask(d, votes("for,3"), 3600);
            anvil.mine(1);
            assertEquals(1, settle(n).sent());
            String tx = n.store().fulfilment(NeuroOracleAbi.hex(id)).orElseThrow().txHash();
            long minedIn = sender(node1).receipt(tx).orElseThrow().getBlockNumber().longValueExact();
            automine(false);
            Object pool;
            try {
                // Replace the blocks from the fulfilment's on with empty ones. geth puts the transactions of dropped
                // blocks back into its pool; anvil_reorg does not, so the test re-injects the very same signed bytes.
                anvil.rpc("anvil_reorg", anvil.head() - minedIn + 1, List.of());
                String raw = n.store().fulfilment(NeuroOracleAbi.hex(id)).orElseThrow().rawTx();
                assertEquals(null, anvil.web3j.ethSendRawTransaction(raw).send().getError());
                pool = anvil.rpc("txpool_content");
                assertTrue(pool.toString().contains(tx), "back in the pool: " + pool);
                OracleNode.PollReport r = n.pollOnce();
                assertEquals(1, r.reorgs(), "the block holding the fulfilment changed");
                assertEquals(0, r.sent(), "the transaction is pending again: nothing new is sent; pool " + pool + "; " + n.store().fulfilment(NeuroOracleAbi.hex(id)));
                anvil.mine(1);
            } finally {
                automine(true);
            }
            settle(n);
            assertEquals(TxStatus.MINED, n.store().fulfilment(NeuroOracleAbi.hex(id)).orElseThrow().status());
            assertEquals(1, answerCount(d));
            assertEquals(before + 1, txCount(node1), "one vote of node 1, the original transaction");
        }
    }

    /**
     * A fulfilment that stays pending (here: the block gas limit drops below its gas limit once it is in the pool, so blocks pass without it)
     * is replaced after bumpAfterBlocks with higher fees and the same nonce; whichever version is mined counts.
     */
    @Test void nodeBumpsAFulfilmentPendingForNBlocks() throws Exception {
        Deployment d = deploy(1);
        long before = txCount(node1);
        OracleNodeConfig cfg = new OracleNodeConfig(anvil.url, d.oracle(), 0, 100, 0, 2000, dir.resolve("n1.db"))
                .withBumping(2, BigInteger.valueOf(1_000_000_000_000L));
        Object gasLimit = anvil.web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getGasLimit();
        try (OracleNode n = new OracleNode(cfg, anvil.web3j, node1, TALLY)) {
            byte[] id = ask(d, votes("for,4"), 3600);
            automine(false);
            try {
                assertEquals(1, n.pollOnce().sent());
                // Below the fulfilment's gas limit, set after it was accepted into the pool.
                anvil.rpc("evm_setBlockGasLimit", "0x" + Long.toHexString(200_000));
                var first = n.store().fulfilment(NeuroOracleAbi.hex(id)).orElseThrow();
                anvil.mine(1);
                n.pollOnce();
                assertEquals(first.txHash(), n.store().fulfilment(NeuroOracleAbi.hex(id)).orElseThrow().txHash(), "1 block: not yet");
                anvil.mine(1);
                n.pollOnce();
                var bumped = n.store().fulfilment(NeuroOracleAbi.hex(id)).orElseThrow();
                assertEquals(List.of(first.txHash()), bumped.previousTxHashes(), "2 blocks pending: replaced");
                assertTrue(TxSender.fromRaw(bumped.nonce(), bumped.txHash(), bumped.rawTx()).maxFeeWei()
                        .compareTo(TxSender.fromRaw(first.nonce(), first.txHash(), first.rawTx()).maxFeeWei()) > 0);
                anvil.rpc("evm_setBlockGasLimit", "0x" + ((BigInteger) gasLimit).toString(16));
                anvil.mine(1);
                settle(n);
                var done = n.store().fulfilment(NeuroOracleAbi.hex(id)).orElseThrow();
                assertEquals(TxStatus.MINED, done.status());
                // anvil mined one version (which one depends on its pool); the node recognises whichever it was.
                assertTrue(done.allTxHashes().contains(first.txHash()) && done.allTxHashes().size() >= 2, done.toString());
                assertTrue(sender(node1).receipt(done.txHash()).orElseThrow().isStatusOK());
            } finally {
                anvil.rpc("evm_setBlockGasLimit", "0x" + ((BigInteger) gasLimit).toString(16));
                automine(true);
            }
            assertEquals(1, answerCount(d));
            assertEquals(before + 1, txCount(node1), "one nonce");
        }
    }
}
