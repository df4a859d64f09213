package org.neuroracle.daoserver.oracle;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

/** A real anvil, the real compiled contracts, funded keys and the helpers the oracle tests share. */
abstract class OracleTestBase {
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

        @Override public Answer answer(ForecastRequest r, ChainReader chain) { return new Answer(r.inputHash(), tally(r.modelId(), r.subject())); }
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
    static final OracleAnswerer DISAGREEING = (r, chain) -> {
        byte[] out = tally(r.modelId(), r.subject());
        out[3] ^= 1;
        return new OracleAnswerer.Answer(r.inputHash(), out);
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

    /** A fresh oracle (threshold k of nodes 1..3, or node 1 alone for k = 1) and consumer. */
    record Deployment(String oracle, String consumer) {}

    Deployment deploy(int k) throws Exception {
        TxSender a = sender(admin);
        // k must be a majority: k = 1 authorises node 1 alone, k = 2 nodes 1..3.
        List<String> nodes = k == 1 ? List.of(node1.getAddress()) : List.of(node1.getAddress(), node2.getAddress(), node3.getAddress());
        String oracle = OracleContracts.deployOracle(a, nodes, k);
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

    /** Calldata for a fulfilment signed by {@code signer} under the deployment's EIP-712 domain. */
    static String fulfilData(Deployment d, ForecastRequest r, byte[] output, Credentials signer) throws Exception {
        return fulfilData(TypedAttestation.onChain(chainId(), d.oracle()), r, r.requestId(), output, signer);
    }

    /** Calldata for a fulfilment of {@code r} whose signature covers {@code signedRequestId} under {@code domain}. */
    static String fulfilData(TypedAttestation.Domain domain, ForecastRequest r, byte[] signedRequestId, byte[] output, Credentials signer) {
        TypedAttestation a = TypedAttestation.of(domain, signedRequestId, r.modelId(), r.inputHash(), output);
        return NeuroOracleAbi.fulfil(r, r.inputHash(), output, a.sign(HashSigner.web3j(signer.getEcKeyPair())));
    }

    static long chainId() throws Exception { return anvil.web3j.ethChainId().send().getChainId().longValueExact(); }

    static byte[] digest(Deployment d, ForecastRequest r, byte[] output) throws Exception {
        return TypedAttestation.of(TypedAttestation.onChain(chainId(), d.oracle()), r.requestId(), r.modelId(), r.inputHash(), output).digest();
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
        return new OracleNode.PollReport(r.head(), r.scannedTo(), newLogs, sent, finished, reorgs, r.headLagging());
    }

}
