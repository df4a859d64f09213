package org.neuroracle.daoserver.oracle;

import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the chain as of one pinned block: view calls at that block, logs up to it, block times. Every log's block
 * hash is checked against the canonical block at its height (a log from an orphaned block is an error, not data),
 * and eth_getLogs halves its range when the RPC refuses a range (too many results, too wide, timeout), down to one
 * block, instead of retrying the same range forever.
 */
public final class ChainReader {
    private final Web3j web3j;
    private final long asOfBlock;
    private final Map<Long, EthBlock.Block> blocks = new HashMap<>();
    private int getLogsCalls;

    public ChainReader(Web3j web3j, long asOfBlock) {
        this.web3j = web3j;
        this.asOfBlock = asOfBlock;
    }

    public long asOfBlock() { return asOfBlock; }

    /** How many eth_getLogs calls were made (tests check the halving). */
    public int getLogsCalls() { return getLogsCalls; }

    /** The block at {@code number} (cached: a pinned read sees a fixed chain). */
    public EthBlock.Block block(long number) throws IOException {
        EthBlock.Block b = blocks.get(number);
        if (b != null) return b;
        var r = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send();
        if (r.hasError() || r.getBlock() == null) {
            throw new IOException("eth_getBlockByNumber " + number + ": " + (r.hasError() ? r.getError().getMessage() : "no such block"));
        }
        blocks.put(number, r.getBlock());
        return r.getBlock();
    }

    public long time(long number) throws IOException { return block(number).getTimestamp().longValueExact(); }

    /** Throws {@link StaleBlockException} when the canonical block at asOfBlock is not the one the request saw. */
    public void checkPinnedHash(byte[] expectedHash) throws IOException {
        String now = block(asOfBlock).getHash();
        if (!now.equalsIgnoreCase(NeuroOracleAbi.hex(expectedHash))) {
            throw new StaleBlockException("block " + asOfBlock + " is " + now + ", the request saw " + NeuroOracleAbi.hex(expectedHash));
        }
    }

    /** The pinned block was replaced (a reorg): a transient condition, tried again later. */
    public static final class StaleBlockException extends IOException {
        public StaleBlockException(String message) { super(message); }
    }

    /** eth_call at the pinned block; returns the decoded outputs, or null when the call reverts. */
    @SuppressWarnings("rawtypes")
    public List<Type> call(String to, String data, List<TypeReference<Type>> outputs) throws IOException {
        EthCall r = web3j.ethCall(Transaction.createEthCallTransaction(null, to, data),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(asOfBlock))).send();
        if (r.hasError() || r.isReverted() || r.getValue() == null || r.getValue().equals("0x")) return null;
        List<Type> out = FunctionReturnDecoder.decode(r.getValue(), outputs);
        return out.size() == outputs.size() ? out : null;
    }

    /**
     * Logs of {@code address} with topic0 in {@code topic0s} and, when given, topic1/topic2, in blocks from..asOfBlock,
     * oldest first; each log's block hash checked.
     */
    public List<Log> logs(String address, List<String> topic0s, String topic1, String topic2, long fromBlock) throws IOException {
        List<Log> out = new ArrayList<>();
        long from = fromBlock;
        long span = Math.max(1, asOfBlock - fromBlock + 1);
        while (from <= asOfBlock) {
            long to = Math.min(asOfBlock, from + span - 1);
            EthFilter f = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), address);
            f.addOptionalTopics(topic0s.toArray(String[]::new));
            if (topic1 != null) f.addSingleTopic(topic1);
            else if (topic2 != null) f.addNullTopic();
            if (topic2 != null) f.addSingleTopic(topic2);
            getLogsCalls++;
            EthLog r;
            String error;
            try {
                r = web3j.ethGetLogs(f).send();
                error = r.hasError() ? r.getError().getMessage() : null;
            } catch (IOException e) {
                r = null;
                error = e.getMessage();
            }
            if (error != null) {
                if (span == 1) throw new IOException("eth_getLogs " + from + ".." + to + " failed even for one block: " + error);
                span = Math.max(1, span / 2);
                continue;
            }
            for (EthLog.LogResult<?> lr : r.getLogs()) {
                Log log = (Log) lr.get();
                if (log.isRemoved()) continue;
                long n = log.getBlockNumber().longValueExact();
                if (!block(n).getHash().equalsIgnoreCase(log.getBlockHash())) {
                    throw new StaleBlockException("log in block " + n + " has hash " + log.getBlockHash() + ", canonical is " + block(n).getHash());
                }
                out.add(log);
            }
            from = to + 1;
        }
        return out;
    }

    public static String topicOfAddress(String address) {
        return "0x" + "0".repeat(24) + org.web3j.utils.Numeric.cleanHexPrefix(address).toLowerCase();
    }
}
