package org.neuroracle.daoserver.oracle;

/**
 * Computes the answer to one on-chain forecast request. It must be a pure function of (modelId, input): independent
 * nodes on different hardware run it and the contract finalises only when k of them return identical bytes.
 * The service wires the real forecast facade; tests may pass any deterministic function.
 */
@FunctionalInterface
public interface OracleAnswerer {
    /**
     * @param modelId the 32-byte model id from the request (sha256 of the model artifact)
     * @param input   the request's canonical input bytes, exactly as sent on chain
     * @return the canonical output bytes to attest
     * @throws IllegalArgumentException when the model is unknown or the input is malformed: the node records the
     *                                  request as rejected and never fulfils it (it expires on chain)
     */
    byte[] answer(byte[] modelId, byte[] input);

    /** "vote" or "treasury" for the request log (the dashboard shows it); null when the model is unknown. */
    default String kind(byte[] modelId) { return null; }
}
