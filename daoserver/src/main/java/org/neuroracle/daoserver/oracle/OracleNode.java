package org.neuroracle.daoserver.oracle;

import org.neuroracle.daoserver.Attestation;
import org.neuroracle.daoserver.oracle.OracleStore.BlockRef;
import org.neuroracle.daoserver.oracle.OracleStore.Fulfilment;
import org.neuroracle.daoserver.oracle.OracleStore.LogStatus;
import org.neuroracle.daoserver.oracle.OracleStore.TxStatus;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An oracle node: watches one NeuroOracle contract for {@code ForecastRequested}, answers each request with its
 * {@link OracleAnswerer}, and submits the signed answer once.
 *
 * <p>One poll ({@link #pollOnce()}):
 * <ol>
 * <li>Reorg check: the newest scanned block hash is compared with the chain's; on a mismatch the node walks back to
 *     the highest block that still matches, forgets everything above it and scans again from there.</li>
 * <li>Scan: logs up to {@code head - confirmations}, in ranges; each range's logs, its last block hash and the moved
 *     cursor are stored in one SQLite transaction, so a restart resumes (backfills) exactly where it stopped.</li>
 * <li>Receipts: sent transactions become FULFILLED or FAILED; one that vanished (reorg, dropped) is orphaned and its
 *     request is handled again.</li>
 * <li>Work: each NEW or RETRY log is answered, simulated with eth_call, and only then signed, claimed in the
 *     database (one claim per request id: exactly once) and broadcast.</li>
 * </ol>
 * Not thread-safe: one thread polls (see {@link #run(AtomicBoolean)}).
 */
public final class OracleNode implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OracleNode.class.getName());

    private final OracleNodeConfig config;
    private final Web3j web3j;
    private final boolean ownsWeb3j;
    private final Credentials credentials;
    private final OracleAnswerer answerer;
    private final TxSender sender;
    private final OracleStore store;
    private final String contract;

    /** What one poll did (for logs, the CLI's status line and tests). */
    public record PollReport(long head, long scannedTo, int newLogs, int sent, int finished, int reorgs) {
        public boolean idle() { return newLogs == 0 && sent == 0 && finished == 0 && reorgs == 0; }
    }

    public OracleNode(OracleNodeConfig config, Credentials credentials, OracleAnswerer answerer) throws IOException {
        this(config, Web3j.build(new HttpService(config.rpcUrl())), true, credentials, answerer);
    }

    /** With a caller's Web3j (left open on close). */
    public OracleNode(OracleNodeConfig config, Web3j web3j, Credentials credentials, OracleAnswerer answerer) throws IOException {
        this(config, web3j, false, credentials, answerer);
    }

    private OracleNode(OracleNodeConfig config, Web3j web3j, boolean ownsWeb3j, Credentials credentials,
                       OracleAnswerer answerer) throws IOException {
        this.config = config;
        this.web3j = web3j;
        this.ownsWeb3j = ownsWeb3j;
        this.credentials = credentials;
        this.answerer = answerer;
        this.contract = config.contract().toLowerCase();
        long chainId;
        try {
            var id = web3j.ethChainId().send();
            if (id.hasError()) throw new OracleException("rpc " + config.rpcUrl() + ": eth_chainId: " + id.getError().getMessage());
            chainId = id.getChainId().longValueExact();
            var code = web3j.ethGetCode(config.contract(), DefaultBlockParameterName.LATEST).send();
            if (code.hasError() || code.getCode() == null || code.getCode().equals("0x")) {
                throw new OracleException("contract: no contract code at " + config.contract() + " on chain " + chainId);
            }
        } catch (IOException e) {
            if (ownsWeb3j) web3j.shutdown();
            throw new OracleException("rpc: cannot reach " + config.rpcUrl() + ": " + e.getMessage(), e);
        }
        this.sender = new TxSender(web3j, credentials, chainId);
        this.store = new OracleStore(config.database(), chainId + ":" + contract + ":" + credentials.getAddress().toLowerCase());
    }

    public String address() { return credentials.getAddress(); }

    public OracleStore store() { return store; }

    /** Polls until {@code stop} is set; RPC failures are logged and retried on the next poll. */
    public void run(AtomicBoolean stop) {
        LOG.log(System.Logger.Level.INFO, "oracle node {0} watching {1} on {2}", address(), contract, config.rpcUrl());
        while (!stop.get()) {
            try {
                PollReport r = pollOnce();
                if (!r.idle()) LOG.log(System.Logger.Level.INFO, "oracle poll: {0}", r);
            } catch (IOException | RuntimeException | SQLException e) {
                LOG.log(System.Logger.Level.WARNING, "oracle poll failed (retrying): " + e.getMessage());
            }
            try {
                Thread.sleep(config.pollIntervalMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public PollReport pollOnce() throws IOException, SQLException {
        long head = blockNumber();
        int reorgs = checkReorg(head);
        long tip = head - config.confirmations();
        long next = store.nextBlock(config.startBlock());
        int newLogs = 0;
        long scannedTo = next - 1;
        while (next <= tip) {
            long to = Math.min(tip, next + config.maxBlockRange() - 1);
            List<ForecastRequest> logs = fetchLogs(next, to);
            String toHash = block(to).getHash();
            java.util.Map<String, Long> times = new java.util.HashMap<>();
            for (ForecastRequest l : logs) {
                if (!times.containsKey(l.blockHash())) times.put(l.blockHash(), block(l.blockNumber()).getTimestamp().longValueExact());
            }
            newLogs += store.recordScan(to, toHash, logs, times);
            scannedTo = to;
            next = to + 1;
        }
        int finished = checkSent();
        int sent = 0;
        for (ForecastRequest r : store.pendingLogs()) {
            if (handle(r)) sent++;
        }
        return new PollReport(head, scannedTo, newLogs, sent, finished, reorgs);
    }

    // ---- reorgs

    private int checkReorg(long head) throws IOException, SQLException {
        List<BlockRef> known = store.recentBlocks();
        if (known.isEmpty()) return 0;
        BlockRef newest = known.getFirst();
        String newestNow = head >= newest.number() ? block(newest.number()).getHash() : null;
        if (newest.hash().equals(newestNow)) return 0;
        long fork = known.getLast().number() - 1; // deeper than the window: re-scan all of it
        for (BlockRef b : known) {
            if (b.number() <= head && b.hash().equals(block(b.number()).getHash())) {
                fork = b.number();
                break;
            }
        }
        LOG.log(System.Logger.Level.WARNING, "reorg: block {0} was {1}, now {2}; rolling back to block {3}",
                newest.number(), newest.hash(), newestNow == null ? "beyond the head " + head : newestNow, fork);
        store.rollback(fork, newest, newestNow);
        // Our transactions above the fork may be gone, and their nonces with them.
        sender.nonces().invalidate();
        return 1;
    }

    // ---- scanning

    private List<ForecastRequest> fetchLogs(long from, long to) throws IOException {
        EthFilter f = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), config.contract());
        f.addSingleTopic(NeuroOracleAbi.FORECAST_REQUESTED_TOPIC);
        EthLog r = web3j.ethGetLogs(f).send();
        if (r.hasError()) throw new IOException("eth_getLogs " + from + ".." + to + ": " + r.getError().getMessage());
        List<ForecastRequest> out = new ArrayList<>();
        for (EthLog.LogResult<?> lr : r.getLogs()) {
            Log log = (Log) lr.get();
            if (log.isRemoved()) continue;
            try {
                out.add(NeuroOracleAbi.decodeRequested(log));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping undecodable log " + log.getBlockHash() + "#" + log.getLogIndex() + ": " + e.getMessage());
            }
        }
        return out;
    }

    // ---- receipts

    private int checkSent() throws IOException, SQLException {
        int finished = 0;
        for (Fulfilment f : store.fulfilments(List.of(TxStatus.SIGNED, TxStatus.SENT))) {
            Optional<TransactionReceipt> rc = sender.receipt(f.txHash());
            if (rc.isPresent()) {
                long minedBlock = rc.get().getBlockNumber().longValueExact();
                long minedTime = block(minedBlock).getTimestamp().longValueExact();
                store.rememberBlock(minedBlock, rc.get().getBlockHash());
                if (rc.get().isStatusOK()) {
                    store.updateFulfilment(f.requestId(), TxStatus.MINED, minedBlock, null);
                    store.setMinedTime(f.requestId(), minedTime);
                    // Our vote reached k when the oracle emitted ForecastFulfilled in this transaction.
                    boolean finalised = rc.get().getLogs().stream().anyMatch(l -> l.getAddress().equalsIgnoreCase(contract)
                            && !l.getTopics().isEmpty() && NeuroOracleAbi.FORECAST_FULFILLED_TOPIC.equals(l.getTopics().get(0)));
                    if (finalised) store.markFinalised(f.requestId());
                    store.setRequestLogsStatus(f.requestId(), List.of(LogStatus.SENT, LogStatus.NEW, LogStatus.RETRY), LogStatus.FULFILLED, f.txHash());
                } else {
                    store.updateFulfilment(f.requestId(), TxStatus.REVERTED, minedBlock, "receipt status " + rc.get().getStatus());
                    store.setRequestLogsStatus(f.requestId(), List.of(LogStatus.SENT, LogStatus.NEW, LogStatus.RETRY), LogStatus.FAILED,
                            "fulfil transaction " + f.txHash() + " reverted");
                }
                finished++;
                continue;
            }
            var known = web3j.ethGetTransactionByHash(f.txHash()).send();
            if (known.getTransaction().isPresent()) continue; // still pending
            if (f.status() == TxStatus.SIGNED) {
                // Claimed but perhaps never sent (a crash between claim and broadcast): send the very same bytes.
                String err = sender.broadcast(new TxSender.SignedTx(f.nonce(), f.txHash(), f.rawTx(), null, null));
                if (err == null) {
                    store.updateFulfilment(f.requestId(), TxStatus.SENT, null, "re-broadcast after restart");
                    continue;
                }
            }
            // Gone from chain and pool (a reorg dropped it, or it was replaced): handle the request again; the
            // contract's one-vote-per-signer rule and the eth_call simulation keep that from counting twice.
            store.updateFulfilment(f.requestId(), TxStatus.ORPHANED, null, "transaction " + f.txHash() + " vanished");
            store.setRequestLogsStatus(f.requestId(), List.of(LogStatus.SENT, LogStatus.FULFILLED), LogStatus.NEW, "re-handling: fulfilment orphaned");
            sender.nonces().invalidate();
        }
        return finished;
    }

    // ---- work

    /** Handles one log; returns true when a fulfilment transaction was broadcast. */
    private boolean handle(ForecastRequest r) throws IOException, SQLException {
        String id = r.requestIdHex();
        Optional<Fulfilment> existing = store.fulfilment(id);
        if (existing.isPresent() && existing.get().status() != TxStatus.ORPHANED) {
            store.setLogStatus(r, LogStatus.DUPLICATE, "request already handled by " + existing.get().txHash());
            return false;
        }
        long nowSeconds = block(blockNumber()).getTimestamp().longValueExact();
        if (r.expiresAtSeconds() <= nowSeconds) {
            store.setLogStatus(r, LogStatus.EXPIRED, "expired at " + r.expiresAtSeconds() + ", chain time " + nowSeconds);
            return false;
        }
        if (!Arrays.equals(sha256(r.input()), r.inputHash())) {
            store.setLogStatus(r, LogStatus.REJECTED, "inputHash does not match sha256 of the input bytes");
            return false;
        }
        byte[] output;
        try {
            store.setKind(r, answerer.kind(r.modelId()));
            output = answerer.answer(r.modelId(), r.input());
        } catch (IllegalArgumentException e) {
            store.setLogStatus(r, LogStatus.REJECTED, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            store.setLogStatus(r, LogStatus.RETRY, "answerer failed: " + e);
            return false;
        }
        Attestation att = Attestation.sign(NeuroOracleAbi.hex(r.modelId()), NeuroOracleAbi.hex(r.inputHash()), output,
                credentials.getEcKeyPair());
        byte[] attestation = att.digest();
        String data = NeuroOracleAbi.fulfil(r, output, att.signature());

        TxSender.CallResult sim = sender.simulate(config.contract(), data);
        if (sim.reverted()) {
            String name = sim.revertName();
            String why = sim.describe();
            LogStatus status = name == null ? LogStatus.FAILED : switch (name) {
                case "AlreadyFulfilled", "AlreadyResponded" -> LogStatus.ALREADY_DONE;
                case "RequestExpired" -> LogStatus.EXPIRED;
                default -> LogStatus.FAILED;
            };
            store.setLogStatus(r, status, "simulation reverted: " + why);
            if ("AlreadyFulfilled".equals(name)) store.markFinalised(id);
            return false;
        }
        TxSender.SignedTx tx = sender.sign(config.contract(), data, sender.estimateGas(config.contract(), data));
        if (!store.claim(id, NeuroOracleAbi.hex(attestation), tx, r)) {
            // Cannot happen with one poller per scope; the unused nonce is returned to the chain's count.
            sender.nonces().invalidate();
            store.setLogStatus(r, LogStatus.DUPLICATE, "request claimed concurrently");
            return false;
        }
        String err = sender.broadcast(tx);
        if (err != null) {
            store.release(id);
            store.setLogStatus(r, LogStatus.RETRY, "broadcast refused: " + err);
            return false;
        }
        store.updateFulfilment(id, TxStatus.SENT, null, null);
        LOG.log(System.Logger.Level.INFO, "fulfilled request {0} with tx {1}", id, tx.hash());
        return true;
    }

    // ---- chain reads

    private long blockNumber() throws IOException {
        var r = web3j.ethBlockNumber().send();
        if (r.hasError()) throw new IOException("eth_blockNumber: " + r.getError().getMessage());
        return r.getBlockNumber().longValueExact();
    }

    private EthBlock.Block block(long number) throws IOException {
        var r = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send();
        if (r.hasError() || r.getBlock() == null) {
            throw new IOException("eth_getBlockByNumber " + number + ": " + (r.hasError() ? r.getError().getMessage() : "no such block"));
        }
        return r.getBlock();
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    @Override public void close() {
        store.close();
        if (ownsWeb3j) web3j.shutdown();
    }
}
