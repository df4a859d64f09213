package org.neuroracle.daoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What the HTTP layer needs from the forecasters: the bundled models and the two forecasts, taking the request JSON
 * exactly as the contract validated it. Implementations are pure functions of (model, request) and may block
 * (they run on workers). Semantic errors throw {@link IllegalArgumentException} whose message starts with the
 * JSON field path ({@code votes[3].weight: ...}); the service answers them 422 naming that field.
 */
public interface ForecastEngine {
    /** {@code [{modelId, kind, description, metrics}]}. */
    JsonArray models();

    Outcome vote(JsonObject request);

    Outcome treasury(JsonObject request);

    /**
     * One forecast. {@code outputBytes} is what the attestation covers; {@code answer} is the same content as JSON
     * for people; {@code energy} is one object per hardware profile; {@code raster} is the forecast network's spike
     * raster ({@code {populations:[names], steps, spikes:[[step, population, neuron], ...]}}).
     */
    record Outcome(String kind, String modelId, String inputHash, byte[] outputBytes, String backend,
                   String numericMode, JsonObject answer, JsonArray energy, JsonObject raster) {}
}
