package org.neuroracle.daoserver.oracle;

import org.web3j.crypto.Hash;

import java.math.BigInteger;

/**
 * One decoded {@code ForecastRequested} log, with where it was seen ((blockHash, logIndex) identifies a log across
 * re-scans; a reorg gives the same request a new position).
 *
 * @param kind          {@link #KIND_EXPLICIT}, {@link #KIND_VOTE} or {@link #KIND_TREASURY}
 * @param inputHash     explicit: sha256 of the input (the contract computed it); other kinds: zero
 * @param subject       explicit: the input bytes; vote: abi.encode(governor, proposalId); treasury: abi.encode(treasury, tokens)
 * @param asOfBlock     the block whose state the nodes read
 * @param asOfBlockHash blockhash(asOfBlock) as the contract saw it
 */
public record ForecastRequest(
        byte[] requestId, String requester, byte[] modelId, int kind, byte[] inputHash, long callbackGasLimit,
        long expiresAtSeconds, long asOfBlock, byte[] asOfBlockHash, BigInteger feeWei, byte[] subject,
        String blockHash, long blockNumber, long logIndex, String txHash) {

    public static final int KIND_EXPLICIT = 0;
    public static final int KIND_VOTE = 1;
    public static final int KIND_TREASURY = 2;

    public String requestIdHex() { return NeuroOracleAbi.hex(requestId); }

    public byte[] subjectHash() { return Hash.sha3(subject); }

    public String kindName() {
        return switch (kind) {
            case KIND_EXPLICIT -> "explicit";
            case KIND_VOTE -> "vote";
            case KIND_TREASURY -> "treasury";
            default -> "kind " + kind;
        };
    }
}
