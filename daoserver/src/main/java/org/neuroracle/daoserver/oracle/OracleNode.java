package org.neuroracle.daoserver.oracle;

import org.neuroracle.daoserver.answer.HashSigner;
import org.neuroracle.daoserver.answer.TypedAttestation;
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
    private final long chainId;
    private final HashSigner signer;
    private final TypedAttestation.Domain domain;
    private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "oracle-answer");
        t.setDaemon(true);
        return t;
    });

    /** What one poll did (for logs, the CLI's status line and tests). */
    public record PollReport(long head, long scannedTo, int newLogs, int sent, int finished, int reorgs, boolean headLagging) {
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
        this.chainId = chainId;
        this.sender = new TxSender(web3j, credentials, chainId);
        this.signer = HashSigner.web3j(credentials.getEcKeyPair());
        this.domain = TypedAttestation.onChain(chainId, contract);
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
        List<BlockRef> known = store.recentBlocks();
        if (!known.isEmpty() && head < known.getFirst().number()) {
            // A lagging RPC (a load balancer's slower backend): behind what we scanned is not a reorg. Wait for it.
            LOG.log(System.Logger.Level.INFO, "rpc head {0} is behind scanned block {1}; waiting", head, known.getFirst().number());
            return new PollReport(head, known.getFirst().number(), 0, 0, 0, 0, true);
        }
        int reorgs = checkReorg(head, known);
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
        int finished = checkSent(head);
        int sent = 0;
        for (ForecastRequest r : store.pendingLogs()) {
            if (handle(r, head)) sent++;
        }
        return new PollReport(head, scannedTo, newLogs, sent, finished, reorgs, false);
    }

    // ---- reorgs

    private int checkReorg(long head, List<BlockRef> known) throws IOException, SQLException {
        if (known.isEmpty()) return 0;
        BlockRef newest = known.getFirst();
        String newestNow = block(newest.number()).getHash();
        if (newest.hash().equals(newestNow)) return 0;
        long fork = known.getLast().number() - 1; // deeper than the window: re-scan all of it
        for (BlockRef b : known) {
            if (b.number() <= head && b.hash().equals(block(b.number()).getHash())) {
                fork = b.number();
                break;
            }
        }
        LOG.log(System.Logger.Level.WARNING, "reorg: block {0} was {1}, now {2}; rolling back to block {3}",
                newest.number(), newest.hash(), newestNow, fork);
        store.rollback(fork, newest, newestNow);
        // Our transactions above the fork may be gone, and their nonces with them.
        sender.nonces().invalidate();
        return 1;
    }

    // ---- scanning

    /** The range's requests; eth_getLogs halves its range on errors and each log's block hash is checked (ChainReader). */
    private List<ForecastRequest> fetchLogs(long from, long to) throws IOException {
        List<ForecastRequest> out = new ArrayList<>();
        for (Log log : new ChainReader(web3j, to).logs(config.contract(), List.of(NeuroOracleAbi.FORECAST_REQUESTED_TOPIC), null, null, from)) {
            try {
                out.add(NeuroOracleAbi.decodeRequested(log));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping undecodable log " + log.getBlockHash() + "#" + log.getLogIndex() + ": " + e.getMessage());
            }
        }
        return out;
    }

    // ---- receipts

    private int checkSent(long head) throws IOException, SQLException {
        int finished = 0;
        for (Fulfilment f : store.fulfilments(List.of(TxStatus.SIGNED, TxStatus.SENT))) {
            Optional<TransactionReceipt> rc = Optional.empty();
            // A bumped transaction has several versions with one nonce; whichever was mined counts.
            for (String h : f.allTxHashes()) {
                rc = sender.receipt(h);
                if (rc.isPresent()) {
                    if (!h.equals(f.txHash())) store.setTxHash(f.requestId(), h);
                    break;
                }
            }
            if (rc.isPresent()) {
                TransactionReceipt r = rc.get();
                long minedBlock = r.getBlockNumber().longValueExact();
                long minedTime = block(minedBlock).getTimestamp().longValueExact();
                store.rememberBlock(minedBlock, r.getBlockHash());
                if (r.isStatusOK()) {
                    // Our vote reached k when the oracle emitted ForecastFulfilled in this transaction; it came late
                    // (others finalised it earlier in the same block) when it emitted ForecastRespondedLate.
                    boolean finalised = emitted(r, NeuroOracleAbi.FORECAST_FULFILLED_TOPIC);
                    boolean late = emitted(r, NeuroOracleAbi.FORECAST_RESPONDED_LATE_TOPIC);
                    store.updateFulfilment(f.requestId(), TxStatus.MINED, minedBlock,
                            late ? "late: the request was finalised earlier in block " + minedBlock + " (vote recorded, not counted)" : null);
                    store.setMinedTime(f.requestId(), minedTime);
                    if (finalised || late) store.markFinalised(f.requestId());
                    store.setRequestLogsStatus(f.requestId(), List.of(LogStatus.SENT, LogStatus.NEW, LogStatus.RETRY), LogStatus.FULFILLED, r.getTransactionHash());
                } else {
                    // Reverted (out of gas, InsufficientGas, or another node finalised first): handled again, which
                    // re-simulates: AlreadyFulfilled ends it, anything else is sent again, within maxAttempts.
                    String why = "fulfil transaction " + r.getTransactionHash() + " reverted (gas used " + r.getGasUsed() + ")";
                    store.updateFulfilment(f.requestId(), TxStatus.REVERTED, minedBlock, why);
                    store.setRequestLogsStatus(f.requestId(), List.of(LogStatus.SENT), LogStatus.RETRY, why);
                }
                finished++;
                continue;
            }
            boolean pending = false;
            for (String h : f.allTxHashes()) {
                if (web3j.ethGetTransactionByHash(h).send().getTransaction().isPresent()) {
                    pending = true;
                    break;
                }
            }
            if (pending) {
                if (f.sentBlock() != null && head - f.sentBlock() >= config.bumpAfterBlocks()) bump(f, head);
                continue;
            }
            if (f.status() == TxStatus.SIGNED) {
                // Claimed but perhaps never sent (a crash between claim and broadcast): send the very same bytes.
                String err = sender.broadcast(TxSender.fromRaw(f.nonce(), f.txHash(), f.rawTx()));
                if (err == null) {
                    store.markSent(f.requestId(), head);
                    continue;
                }
            }
            // Gone from chain and pool (a reorg dropped it, the pool evicted it): handle the request again; the
            // contract's one-vote-per-signer rule and the eth_call simulation keep that from counting twice.
            store.updateFulfilment(f.requestId(), TxStatus.ORPHANED, null, "transaction " + f.txHash() + " vanished");
            store.setRequestLogsStatus(f.requestId(), List.of(LogStatus.SENT, LogStatus.FULFILLED), LogStatus.NEW, "re-handling: fulfilment orphaned");
            sender.nonces().invalidate();
        }
        return finished;
    }

    private boolean emitted(TransactionReceipt r, String topic) {
        return r.getLogs().stream().anyMatch(l -> l.getAddress().equalsIgnoreCase(contract) && !l.getTopics().isEmpty()
                && topic.equals(l.getTopics().get(0)));
    }

    /** Replaces a stuck transaction by the same nonce with higher fees (written to the store before it leaves). */
    private void bump(Fulfilment f, long head) throws IOException, SQLException {
        TxSender.SignedTx old = TxSender.fromRaw(f.nonce(), f.txHash(), f.rawTx());
        Optional<TxSender.SignedTx> bumped = sender.bump(old, config.maxFeeCapWei());
        if (bumped.isEmpty()) return; // at the cap: wait
        store.replaceTx(f.requestId(), f.txHash(), bumped.get());
        String err = sender.broadcast(bumped.get());
        if (err != null) LOG.log(System.Logger.Level.WARNING, "fee bump of " + f.txHash() + " refused: " + err);
        store.markSent(f.requestId(), head);
        LOG.log(System.Logger.Level.INFO, "bumped {0} to {1} (max fee {2} wei)", f.txHash(), bumped.get().hash(), bumped.get().maxFeeWei());
    }

    // ---- work

    /** Handles one log; returns true when a fulfilment transaction was broadcast. */
    private boolean handle(ForecastRequest r, long head) throws IOException, SQLException {
        String id = r.requestIdHex();
        Optional<Fulfilment> existing = store.fulfilment(id);
        if (existing.isPresent() && existing.get().status() != TxStatus.ORPHANED && existing.get().status() != TxStatus.REVERTED) {
            store.setLogStatus(r, LogStatus.DUPLICATE, "request already handled by " + existing.get().txHash());
            return false;
        }
        long nowSeconds = block(head).getTimestamp().longValueExact();
        if (r.expiresAtSeconds() <= nowSeconds) {
            store.setLogStatus(r, LogStatus.EXPIRED, "expired at " + r.expiresAtSeconds() + ", chain time " + nowSeconds);
            return false;
        }
        if (r.kind() == ForecastRequest.KIND_EXPLICIT && !Arrays.equals(sha256(r.subject()), r.inputHash())) {
            store.setLogStatus(r, LogStatus.REJECTED, "inputHash does not match sha256 of the input bytes");
            return false;
        }
        // Finalised in a mined block: whatever we send lands in a later block and reverts AlreadyFulfilled. (A request
        // finalised only in the pending block is still answered: the contract takes a vote in its finalising block
        // as a late no-op, so nodes at the same depth all land in one block.)
        long closedIn = NeuroOracleAbi.decodeUint(sender.read(config.contract(), NeuroOracleAbi.finalisedInBlock(r.requestId()))).longValueExact();
        if (closedIn != 0) {
            recordRevert(r, "AlreadyFulfilled", "finalised in block " + closedIn + " before this node answered");
            return false;
        }
        int attempt = store.addAttempt(r);
        if (attempt > config.maxAttempts()) {
            store.setLogStatus(r, LogStatus.REJECTED, "given up after " + config.maxAttempts() + " attempts");
            return false;
        }
        store.setKind(r, answerer.kind(r.modelId()));
        OracleAnswerer.Answer answer;
        var future = workers.submit(() -> answerer.answer(r, new ChainReader(web3j, r.asOfBlock())));
        try {
            answer = future.get(config.answerDeadlineMs(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // The worker may not stop (BigDecimal arithmetic ignores interrupts), but it no longer blocks this loop.
            future.cancel(true);
            store.setLogStatus(r, LogStatus.RETRY, "answer timed out after " + config.answerDeadlineMs() + " ms (attempt " + attempt
                    + " of " + config.maxAttempts() + ")");
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IllegalArgumentException) {
                store.setLogStatus(r, LogStatus.REJECTED, c.getMessage());
            } else {
                store.setLogStatus(r, LogStatus.RETRY, "answerer failed (attempt " + attempt + " of " + config.maxAttempts() + "): " + c);
            }
            return false;
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while answering " + id, e);
        }
        TypedAttestation att = TypedAttestation.of(domain, r.requestId(), r.modelId(), answer.inputHash(), answer.output());
        byte[] digest = att.digest();
        String data = NeuroOracleAbi.fulfil(r, answer.inputHash(), answer.output(), signer.signHash(digest));

        TxSender.CallResult sim = sender.simulate(config.contract(), data);
        if (sim.reverted()) {
            recordRevert(r, sim.revertName(), "simulation reverted: " + sim.describe());
            return false;
        }
        BigInteger gas;
        try {
            // The RPC may estimate against its pending block, where other nodes' votes may already have finalised it.
            gas = FulfilGas.limit(sender.estimateGas(config.contract(), data), r.callbackGasLimit(), threshold());
        } catch (TxSender.Reverted e) {
            recordRevert(r, e.revertName(), e.getMessage());
            return false;
        }
        TxSender.SignedTx tx = sender.sign(config.contract(), data, gas);
        if (!store.claim(id, NeuroOracleAbi.hex(digest), tx, r)) {
            // Cannot happen with one poller per scope; the unused nonce goes back.
            sender.nonces().release(tx.nonce());
            store.setLogStatus(r, LogStatus.DUPLICATE, "request claimed concurrently");
            return false;
        }
        CrashPoints.reach(CrashPoints.AFTER_CLAIM);
        String err = sender.broadcast(tx);
        if (err != null) {
            store.release(id);
            // Refused by the RPC: the nonce was not used there; the pending count is re-read for the next send.
            sender.nonces().invalidate();
            store.setLogStatus(r, LogStatus.RETRY, "broadcast refused: " + err);
            return false;
        }
        store.markSent(id, head);
        CrashPoints.reach(CrashPoints.AFTER_BROADCAST);
        LOG.log(System.Logger.Level.INFO, "fulfilled request {0} with tx {1}", id, tx.hash());
        return true;
    }

    private void recordRevert(ForecastRequest r, String name, String why) throws SQLException {
        LogStatus status = name == null ? LogStatus.FAILED : switch (name) {
            case "AlreadyFulfilled", "AlreadyResponded" -> LogStatus.ALREADY_DONE;
            case "RequestExpired" -> LogStatus.EXPIRED;
            default -> LogStatus.FAILED;
        };
        store.setLogStatus(r, status, why);
        if ("AlreadyFulfilled".equals(name)) store.markFinalised(r.requestIdHex());
    }

    private int threshold() throws IOException {
        return NeuroOracleAbi.decodeUint(sender.read(config.contract(), NeuroOracleAbi.threshold())).intValueExact();
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
        workers.shutdownNow();
        store.close();
        if (ownsWeb3j) web3j.shutdown();
    }
}
