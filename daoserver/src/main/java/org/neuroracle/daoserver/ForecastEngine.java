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

    /** With every hardware profile's energy estimate ({@link EnergyProfiles#ALL}). */
    Outcome vote(JsonObject request);

    Outcome treasury(JsonObject request);

    /** With energy estimated only on the profiles {@code energy} accepts (the output bytes are the same). */
    default Outcome vote(JsonObject request, java.util.function.Predicate<String> energy) { return vote(request); }

    default Outcome treasury(JsonObject request, java.util.function.Predicate<String> energy) { return treasury(request); }

    /** An engine that has no models: every forecast answers 503 with {@code reason}; the model list is empty. */
    static ForecastEngine unavailable(String reason) {
        return new ForecastEngine() {
            @Override public JsonArray models() { return new JsonArray(); }
            @Override public Outcome vote(JsonObject request) { throw Problem.unavailable(reason); }
            @Override public Outcome treasury(JsonObject request) { throw Problem.unavailable(reason); }
        };
    }

    /** The bundled models of the forecast module, or {@link #unavailable} saying why they could not be loaded. */
    static ForecastEngine bundledOrUnavailable() {
        try {
            ForecastServiceEngine e = ForecastServiceEngine.bundled();
            if (e.models().isEmpty()) return unavailable("no forecast models are bundled in this build (forecast module, /models/index.txt)");
            return e;
        } catch (RuntimeException e) {
            return unavailable("no forecast models could be loaded: " + e.getMessage());
        }
    }

    /**
     * One forecast. {@code outputBytes} is what the attestation covers; {@code answer} is the same content as JSON
     * for people; {@code energy} is one object per hardware profile; {@code raster} gives the forecast network's spike
     * raster ({@code {populations:[names], steps, spikes:[[step, population, neuron], ...]}}) when asked: only the
     * journal's raster endpoint does, so forecasts do not build its JSON.
     */
    record Outcome(String kind, String modelId, String inputHash, byte[] outputBytes, String backend,
                   String numericMode, JsonObject answer, JsonArray energy, java.util.function.Supplier<JsonObject> raster) {}
}
