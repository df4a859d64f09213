package org.neuroracle.daoserver.oracle;

import java.math.BigInteger;

/**
 * One decoded {@code ForecastRequested} log, with where it was seen ((blockHash, logIndex) identifies a log across
 * re-scans; a reorg gives the same request a new position).
 */
public record ForecastRequest(
        byte[] requestId, String requester, byte[] modelId, byte[] inputHash, String callback,
        long callbackGasLimit, long expiresAtSeconds, byte[] input,
        String blockHash, long blockNumber, long logIndex, String txHash) {

    public String requestIdHex() { return NeuroOracleAbi.hex(requestId); }

    BigInteger expiresAt() { return BigInteger.valueOf(expiresAtSeconds); }
}
