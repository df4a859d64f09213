package org.neuroracle.daoserver.oracle;

/**
 * Computes the answer to one request: builds the canonical input (from the request's explicit bytes, or by reading
 * the chain as of the request's pinned block) and forecasts it. Must be a pure function of (model, chain state at
 * asOfBlock, request), so independent nodes agree bit for bit.
 */
public interface OracleAnswerer {
    /**
     * @param inputHash sha256 of the canonical input the forecast ran on (explicit requests: of the request's bytes)
     * @param output    the ABI-encoded output bytes to attest
     */
    record Answer(byte[] inputHash, byte[] output) {}

    /**
     * @throws IllegalArgumentException when the request cannot be answered (unknown model, input outside the schema or
     *                                  bounds, unknown proposal): the node rejects it and never fulfils it
     * @throws java.io.IOException      on chain-read failures: transient, tried again
     */
    Answer answer(ForecastRequest request, ChainReader chain) throws java.io.IOException;

    /** "vote" or "treasury" for the request log (the dashboard shows it); null when the model is unknown. */
    default String kind(byte[] modelId) { return null; }
}
