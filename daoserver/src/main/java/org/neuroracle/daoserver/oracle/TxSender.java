package org.neuroracle.daoserver.oracle;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Signs and sends transactions for one account: simulation by eth_call, gas estimation, signing with the account's
 * {@link NonceManager}, broadcasting, and receipts. Signing is separate from broadcasting so a caller can store the
 * signed transaction (and its hash) before it leaves the process, and re-broadcast it after a crash.
 */
public final class TxSender {
    /** Gas head-room over the estimate, in percent: the estimate is taken against a state that may change. */
    static final int GAS_MARGIN_PERCENT = 25;
    /** Priority fee (tip) per gas: 1 gwei, what mainnet validators commonly accept for timely inclusion. */
    static final BigInteger PRIORITY_FEE_WEI = BigInteger.valueOf(1_000_000_000L);

    private final Web3j web3j;
    private final Credentials credentials;
    private final long chainId;
    private final NonceManager nonces;

    public TxSender(Web3j web3j, Credentials credentials, long chainId) {
        this.web3j = web3j;
        this.credentials = credentials;
        this.chainId = chainId;
        this.nonces = new NonceManager(web3j, credentials.getAddress());
    }

    public String address() { return credentials.getAddress(); }

    public NonceManager nonces() { return nonces; }

    public long chainId() { return chainId; }

    /** The outcome of an eth_call: the return data, or the revert data and its readable name. */
    public record CallResult(boolean reverted, String returnData, String revertData, String message) {
        public String revertName() { return reverted ? NeuroOracleAbi.revertName(revertData) : null; }

        public String describe() {
            return reverted ? (revertData != null ? NeuroOracleAbi.describeRevert(revertData) : message) : "ok";
        }
    }

    /** Runs the call against the latest block as this account, without sending anything. */
    public CallResult simulate(String to, String data) throws IOException {
        EthCall r = web3j.ethCall(Transaction.createEthCallTransaction(address(), to, data), DefaultBlockParameterName.LATEST).send();
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

    public BigInteger estimateGas(String to, String data) throws IOException {
        EthEstimateGas g = web3j.ethEstimateGas(Transaction.createFunctionCallTransaction(
                address(), null, null, null, to, BigInteger.ZERO, data)).send();
        if (g.hasError()) throw new OracleException("eth_estimateGas to " + to + ": " + g.getError().getMessage());
        return g.getAmountUsed().multiply(BigInteger.valueOf(100 + GAS_MARGIN_PERCENT)).divide(BigInteger.valueOf(100));
    }

    /** A signed transaction, not yet sent. {@code to} is null for a contract creation. */
    public record SignedTx(long nonce, String hash, String rawHex, BigInteger gasPrice, BigInteger gasLimit) {}

    public SignedTx sign(String to, String data, BigInteger gasLimit) throws IOException {
        var latest = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send();
        if (latest.hasError() || latest.getBlock() == null) throw new IOException("eth_getBlockByNumber latest: no block");
        long nonce = nonces.take();
        RawTransaction tx;
        BigInteger maxFee;
        if (latest.getBlock().getBaseFeePerGasRaw() != null) {
            // EIP-1559: pay a fixed small tip and allow the base fee to double before inclusion. A legacy price
            // taken from eth_gasPrice would feed back into the node's next suggestion (it averages recent tips).
            BigInteger tip = PRIORITY_FEE_WEI;
            maxFee = latest.getBlock().getBaseFeePerGas().shiftLeft(1).add(tip);
            // An empty "to" encodes as the empty byte string: a contract creation.
            tx = RawTransaction.createTransaction(chainId, BigInteger.valueOf(nonce), gasLimit, to == null ? "" : to,
                    BigInteger.ZERO, data, tip, maxFee);
        } else {
            var gp = web3j.ethGasPrice().send();
            if (gp.hasError()) throw new IOException("eth_gasPrice: " + gp.getError().getMessage());
            maxFee = gp.getGasPrice();
            tx = to == null
                    ? RawTransaction.createContractTransaction(BigInteger.valueOf(nonce), maxFee, gasLimit, BigInteger.ZERO, data)
                    : RawTransaction.createTransaction(BigInteger.valueOf(nonce), maxFee, gasLimit, to, BigInteger.ZERO, data);
        }
        byte[] signed = TransactionEncoder.signMessage(tx, chainId, credentials);
        return new SignedTx(nonce, Numeric.toHexString(Hash.sha3(signed)), Numeric.toHexString(signed), maxFee, gasLimit);
    }

    /**
     * Broadcasts a signed transaction. Returns null on success, else the node's error message; a rejected
     * transaction did not use its nonce, so the nonce counter is re-read from the chain.
     */
    public String broadcast(SignedTx tx) throws IOException {
        var r = web3j.ethSendRawTransaction(tx.rawHex()).send();
        if (!r.hasError()) return null;
        String msg = r.getError().getMessage();
        // Re-sending a transaction the node already has is success for us (a re-broadcast after a crash).
        if (msg != null && (msg.contains("already known") || msg.contains("already imported"))) return null;
        nonces.invalidate();
        return msg == null ? "unknown error" : msg;
    }

    public Optional<TransactionReceipt> receipt(String txHash) throws IOException {
        var r = web3j.ethGetTransactionReceipt(txHash).send();
        if (r.hasError()) throw new IOException("eth_getTransactionReceipt " + txHash + ": " + r.getError().getMessage());
        return r.getTransactionReceipt();
    }

    /** Sends and waits for the receipt (deployment, admin and test transactions; the node never blocks like this). */
    public TransactionReceipt sendAndWait(String to, String data, int maxPolls, long pollMillis) throws IOException {
        BigInteger gas = estimateGas(to, data);
        SignedTx tx = sign(to, data, gas);
        String err = broadcast(tx);
        if (err != null) {
            throw new OracleException("sending to " + (to == null ? "a new contract" : to) + " failed: " + err + " (gas " + tx.gasLimit()
                    + " at " + tx.gasPrice() + " wei)");
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
        TransactionReceipt rc = sendAndWait(null, bytecodeHex + Numeric.cleanHexPrefix(constructorArgsHex), 600, 100);
        if (!rc.isStatusOK()) throw new OracleException("deployment transaction " + rc.getTransactionHash() + " reverted");
        return rc.getContractAddress();
    }
}
