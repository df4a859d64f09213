package org.neuroracle.daoserver.oracle;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.utils.Numeric;
import org.web3j.utils.TxHashVerifier;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Sends transactions for one account. Signing is web3j's {@link RawTransactionManager#sign} (EIP-1559 typed
 * transactions with the chain id), and every broadcast checks the hash the RPC returns with web3j's
 * {@link TxHashVerifier}. What web3j's managers do not offer, and this class adds: signing separately from
 * broadcasting (the node stores the signed bytes before they leave the process, and re-broadcasts them after a
 * crash), a {@link NonceManager} that takes back an unused nonce, and fee replacement of a stuck transaction with
 * the same nonce ({@link #bump}).
 */
public final class TxSender {
    /** Gas head-room over the estimate, in percent: the estimate is taken against a state that may change. */
    static final int GAS_MARGIN_PERCENT = 25;
    /** Priority fee (tip) per gas: 1 gwei, what mainnet validators commonly accept for timely inclusion. */
    static final BigInteger PRIORITY_FEE_WEI = BigInteger.valueOf(1_000_000_000L);
    /** A replacement must raise both fees by at least 10% (geth's and anvil's rule); 12.5% leaves rounding room. */
    static final int BUMP_PERCENT = 125;

    private final Web3j web3j;
    private final Credentials credentials;
    private final long chainId;
    private final NonceManager nonces;
    private final RawTransactionManager signer;
    private final TxHashVerifier hashVerifier = new TxHashVerifier();

    public TxSender(Web3j web3j, Credentials credentials, long chainId) {
        this.web3j = web3j;
        this.credentials = credentials;
        this.chainId = chainId;
        this.nonces = new NonceManager(web3j, credentials.getAddress());
        this.signer = new RawTransactionManager(web3j, credentials, chainId);
    }

    public String address() { return credentials.getAddress(); }

    public NonceManager nonces() { return nonces; }

    public long chainId() { return chainId; }

    public Web3j web3j() { return web3j; }

    /** A call or estimate that reverted, with the revert data (typed, so callers never parse the message). */
    public static final class Reverted extends OracleException {
        private final String revertData;

        public Reverted(String revertData, String message) {
            super(message);
            this.revertData = revertData;
        }

        public String revertData() { return revertData; }

        /** The custom error's name ("AlreadyFulfilled"), or null. */
        public String revertName() { return NeuroOracleAbi.revertName(revertData); }
    }

    /** The outcome of an eth_call: the return data, or the revert data and its readable name. */
    public record CallResult(boolean reverted, String returnData, String revertData, String message) {
        public String revertName() { return reverted ? NeuroOracleAbi.revertName(revertData) : null; }

        public String describe() {
            return reverted ? (revertData != null ? NeuroOracleAbi.describeRevert(revertData) : message) : "ok";
        }
    }

    /** Runs the call against the latest block as this account, without sending anything. */
    public CallResult simulate(String to, String data) throws IOException { return simulate(to, data, BigInteger.ZERO); }

    public CallResult simulate(String to, String data, BigInteger valueWei) throws IOException {
        EthCall r = web3j.ethCall(Transaction.createFunctionCallTransaction(address(), null, null, null, to, valueWei, data),
                DefaultBlockParameterName.LATEST).send();
        if (r.hasError()) {
            String d = r.getError().getData();
            String msg = r.getError().getMessage();
            return new CallResult(true, null, d != null && d.startsWith("0x") ? d : revertDataFromMessage(msg), msg);
        }
        return new CallResult(false, r.getValue(), null, null);
    }

    private static final java.util.regex.Pattern CUSTOM_ERROR =
            java.util.regex.Pattern.compile("custom error (0x[0-9a-fA-F]{8})(?::\\s*([0-9a-fA-F]*))?");

    /**
     * anvil names a custom error in the message ("execution reverted: custom error 0xcbcdfe3c: 00..2e9") and web3j
     * does not hand over the error's data field, so the revert data is rebuilt from the message when it is missing.
     */
    static String revertDataFromMessage(String message) {
        if (message == null) return null;
        var m = CUSTOM_ERROR.matcher(message);
        return m.find() ? m.group(1) + (m.group(2) == null ? "" : m.group(2)) : null;
    }

    /** A read-only call that must succeed; returns its return data. */
    public String read(String to, String data) throws IOException {
        CallResult c = simulate(to, data);
        if (c.reverted()) throw new OracleException("eth_call to " + to + " reverted: " + c.describe());
        return c.returnData();
    }

    /** The estimate plus {@link #GAS_MARGIN_PERCENT}. */
    public BigInteger estimateGas(String to, String data, BigInteger valueWei) throws IOException {
        EthEstimateGas g = web3j.ethEstimateGas(Transaction.createFunctionCallTransaction(
                address(), null, null, null, to, valueWei, data)).send();
        if (g.hasError()) {
            String d = g.getError().getData();
            String revert = d != null && d.startsWith("0x") ? d : revertDataFromMessage(g.getError().getMessage());
            if (revert != null) throw new Reverted(revert, "eth_estimateGas to " + to + ": " + NeuroOracleAbi.describeRevert(revert));
            throw new OracleException("eth_estimateGas to " + to + ": " + g.getError().getMessage());
        }
        return g.getAmountUsed().multiply(BigInteger.valueOf(100 + GAS_MARGIN_PERCENT)).divide(BigInteger.valueOf(100));
    }

    public BigInteger estimateGas(String to, String data) throws IOException { return estimateGas(to, data, BigInteger.ZERO); }

    /** A signed transaction, not yet sent. {@code to} is null for a contract creation. */
    public record SignedTx(long nonce, String hash, String rawHex, BigInteger maxFeeWei, BigInteger tipWei, BigInteger gasLimit,
                           String to, String data, BigInteger valueWei) {}

    public SignedTx sign(String to, String data, BigInteger gasLimit) throws IOException {
        return sign(to, data, gasLimit, BigInteger.ZERO);
    }

    /**
     * Signs with the next nonce. EIP-1559: a fixed small tip and a max fee of twice the latest base fee plus the tip,
     * so the transaction stays includable while the base fee doubles. Give an unsent transaction's nonce back with
     * {@link NonceManager#release}.
     */
    public SignedTx sign(String to, String data, BigInteger gasLimit, BigInteger valueWei) throws IOException {
        BigInteger baseFee = baseFee();
        BigInteger tip = PRIORITY_FEE_WEI;
        BigInteger maxFee = baseFee.shiftLeft(1).add(tip);
        long nonce = nonces.take();
        return signWith(nonce, to, data, gasLimit, valueWei, maxFee, tip);
    }

    private SignedTx signWith(long nonce, String to, String data, BigInteger gasLimit, BigInteger valueWei, BigInteger maxFee,
                              BigInteger tip) {
        // An empty "to" encodes as the empty byte string: a contract creation.
        RawTransaction tx = RawTransaction.createTransaction(chainId, BigInteger.valueOf(nonce), gasLimit, to == null ? "" : to,
                valueWei, data, tip, maxFee);
        String raw = signer.sign(tx);
        return new SignedTx(nonce, Numeric.toHexString(Hash.sha3(Numeric.hexStringToByteArray(raw))), raw, maxFee, tip, gasLimit,
                to, data, valueWei);
    }

    /** A stored signed transaction back as a {@link SignedTx} (web3j's TransactionDecoder reads the EIP-1559 fields). */
    public static SignedTx fromRaw(long nonce, String hash, String rawHex) {
        RawTransaction t = org.web3j.crypto.TransactionDecoder.decode(rawHex);
        if (!(t.getTransaction() instanceof org.web3j.crypto.transaction.type.Transaction1559 tx)) {
            throw new OracleException("stored transaction " + hash + " is not an EIP-1559 transaction");
        }
        String to = t.getTo() == null || t.getTo().isEmpty() || t.getTo().equals("0x") ? null : t.getTo();
        return new SignedTx(nonce, hash, rawHex, tx.getMaxFeePerGas(), tx.getMaxPriorityFeePerGas(), t.getGasLimit(), to,
                t.getData(), t.getValue());
    }

    /**
     * The same transaction (same nonce) with both fees raised by {@link #BUMP_PERCENT}% and at least to the current
     * base fee's double, capped at {@code maxFeeCapWei}; empty when the cap is already reached.
     */
    public Optional<SignedTx> bump(SignedTx tx, BigInteger maxFeeCapWei) throws IOException {
        BigInteger tip = tx.tipWei().multiply(BigInteger.valueOf(BUMP_PERCENT)).divide(BigInteger.valueOf(100));
        BigInteger maxFee = tx.maxFeeWei().multiply(BigInteger.valueOf(BUMP_PERCENT)).divide(BigInteger.valueOf(100))
                .max(baseFee().shiftLeft(1).add(tip));
        if (tx.maxFeeWei().compareTo(maxFeeCapWei) >= 0) return Optional.empty();
        maxFee = maxFee.min(maxFeeCapWei);
        tip = tip.min(maxFee);
        return Optional.of(signWith(tx.nonce(), tx.to(), tx.data(), tx.gasLimit(), tx.valueWei(), maxFee, tip));
    }

    public BigInteger baseFee() throws IOException {
        var latest = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send();
        if (latest.hasError() || latest.getBlock() == null) throw new IOException("eth_getBlockByNumber latest: no block");
        if (latest.getBlock().getBaseFeePerGasRaw() == null) throw new OracleException("chain " + chainId + " has no EIP-1559 base fee");
        return latest.getBlock().getBaseFeePerGas();
    }

    /**
     * Broadcasts a signed transaction. Returns null on success, else the node's error message. A hash from the RPC
     * other than the signed transaction's is an error (web3j's tx-hash check).
     */
    public String broadcast(SignedTx tx) throws IOException {
        var r = web3j.ethSendRawTransaction(tx.rawHex()).send();
        if (!r.hasError()) {
            if (r.getTransactionHash() != null && !hashVerifier.verify(tx.hash(), r.getTransactionHash())) {
                return "the RPC returned transaction hash " + r.getTransactionHash() + " for " + tx.hash();
            }
            return null;
        }
        String msg = r.getError().getMessage();
        // Re-sending a transaction the node already has is success for us (a re-broadcast after a crash).
        if (msg != null && (msg.contains("already known") || msg.contains("already imported"))) return null;
        return msg == null ? "unknown error" : msg;
    }

    public Optional<TransactionReceipt> receipt(String txHash) throws IOException {
        var r = web3j.ethGetTransactionReceipt(txHash).send();
        if (r.hasError()) throw new IOException("eth_getTransactionReceipt " + txHash + ": " + r.getError().getMessage());
        return r.getTransactionReceipt();
    }

    /** Sends and waits for the receipt (deployment, admin and test transactions; the node never blocks like this). */
    public TransactionReceipt sendAndWait(String to, String data, int maxPolls, long pollMillis) throws IOException {
        return sendAndWait(to, data, BigInteger.ZERO, maxPolls, pollMillis);
    }

    public TransactionReceipt sendAndWait(String to, String data, BigInteger valueWei, int maxPolls, long pollMillis) throws IOException {
        BigInteger gas = estimateGas(to, data, valueWei);
        SignedTx tx = sign(to, data, gas, valueWei);
        String err = broadcast(tx);
        if (err != null) {
            // Refused (for instance a nonce another sender of this key used meanwhile): the chain's pending count is
            // the truth; once more with it.
            nonces.invalidate();
            tx = sign(to, data, gas, valueWei);
            err = broadcast(tx);
        }
        if (err != null) {
            nonces.invalidate();
            throw new OracleException("sending to " + (to == null ? "a new contract" : to) + " failed: " + err + " (gas " + tx.gasLimit()
                    + " at " + tx.maxFeeWei() + " wei)");
        }
        for (int i = 0; i < maxPolls; i++) {
            Optional<TransactionReceipt> rc = receipt(tx.hash());
            if (rc.isPresent()) return rc.get();
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + tx.hash());
            }
        }
        throw new OracleException("transaction " + tx.hash() + " not mined after " + maxPolls + " polls");
    }

    /** Deploys creation bytecode plus encoded constructor arguments; returns the contract address. */
    public String deploy(String bytecodeHex, String constructorArgsHex) throws IOException {
        TransactionReceipt rc = sendAndWait(null, bytecodeHex + Numeric.cleanHexPrefix(constructorArgsHex), 600, 50);
        if (!rc.isStatusOK()) throw new OracleException("deployment transaction " + rc.getTransactionHash() + " reverted");
        return rc.getContractAddress();
    }
}
