package org.neuroracle.forecast.service;

import java.util.List;

/**
 * A vote forecast. {@code outputBytes} is the canonical encoding of the answer fields (what an oracle node signs
 * with modelId and inputHash); {@code elapsed} is the fraction of the voting window known at asOf. Bounds: P(pass)
 * spans the bagged readouts; forShare and turnout the 10th..90th percentile of training residuals.
 */
public record VoteForecast(String modelId, String inputHash, byte[] outputBytes, String backend, String numericMode,
                           List<Energy> energy, double elapsed, Interval pPass, Interval forShare, Interval turnout,
                           ForecastRaster raster) {
    public String outputText() { return new String(outputBytes, java.nio.charset.StandardCharsets.UTF_8); }
}
