package org.neuroracle.daoserver;

/**
 * One on-chain oracle request as the dashboard shows it. Written by the oracle node (package
 * {@code org.neuroracle.daoserver.oracle}); read-only here.
 *
 * @param requestId         the request id emitted by {@code NeuroOracle.ForecastRequested}, 0x-hex
 * @param kind              {@code vote} or {@code treasury}
 * @param requester         the consumer contract address, 0x-hex
 * @param status            {@code requested}, {@code fulfilled}, {@code finalised}, {@code expired} or {@code failed}
 * @param blockNumber       block of the request log
 * @param requestedAtEpochS block timestamp of the request (unix seconds)
 * @param fulfilledAtEpochS block timestamp of this node's fulfilment, or null while pending
 * @param attestationDigest the attestation digest this node sent ({@link Attestation#digest}), 0x-hex, or null
 * @param txHash            this node's fulfilment transaction, 0x-hex, or null
 * @param detail            one readable line (error text for {@code failed}), may be empty
 * @param dao               the DAO the request is about, {@code eip155:<chainId>:<governor or treasury>}, or null
 *                          (explicit inputs)
 */
public record OracleLogEntry(String requestId, String kind, String requester, String status, long blockNumber,
                             long requestedAtEpochS, Long fulfilledAtEpochS, String attestationDigest, String txHash,
                             String detail, String dao) {
    /** Without a DAO (explicit inputs). */
    public OracleLogEntry(String requestId, String kind, String requester, String status, long blockNumber, long requestedAtEpochS,
                          Long fulfilledAtEpochS, String attestationDigest, String txHash, String detail) {
        this(requestId, kind, requester, status, blockNumber, requestedAtEpochS, fulfilledAtEpochS, attestationDigest, txHash, detail, null);
    }
}
