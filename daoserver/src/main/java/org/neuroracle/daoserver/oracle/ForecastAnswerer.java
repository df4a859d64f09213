package org.neuroracle.daoserver.oracle;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.neuroracle.daoserver.ForecastEngine;
import org.neuroracle.daoserver.ForecastServiceEngine;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Answers on-chain requests with the forecast service. The request's input bytes are the JSON body the HTTP API
 * takes ({@code POST /v1/forecasts/vote} or {@code /treasury}, without {@code modelId}); the on-chain modelId picks
 * the model and its kind. The answer is the forecast's canonical {@code outputBytes}.
 *
 * <p>On chain, {@code inputHash} is sha256 of those exact JSON bytes (the contract computes it), while the HTTP
 * answer's {@code inputHash} is sha256 of the forecast's canonical input encoding; the output bytes are the same.
 */
public final class ForecastAnswerer implements OracleAnswerer {
    private final ForecastEngine engine;
    private final Map<String, String> kinds = new HashMap<>();

    public ForecastAnswerer(ForecastServiceEngine engine) {
        this.engine = engine;
        engine.models().forEach(m -> {
            JsonObject o = (JsonObject) m;
            kinds.put(o.getString("modelId").toLowerCase(), o.getString("kind"));
        });
    }

    /** With the bundled models. */
    public static ForecastAnswerer bundled() { return new ForecastAnswerer(ForecastServiceEngine.bundled()); }

    /** Registered as answerer {@code forecast}. */
    public static final class Provider implements OracleAnswererProvider {
        @Override public String name() { return "forecast"; }

        @Override public String description() { return "the bundled forecast models (input: the HTTP API's JSON body)"; }

        @Override public OracleAnswerer create() {
            try {
                return bundled();
            } catch (IllegalStateException e) {
                throw new OracleException("answerer forecast: no forecast models could be loaded: " + e.getMessage());
            }
        }
    }

    @Override public String kind(byte[] modelId) { return kinds.get(HexFormat.of().formatHex(modelId)); }

    @Override public byte[] answer(byte[] modelId, byte[] input) {
        String id = HexFormat.of().formatHex(modelId);
        String kind = kinds.get(id);
        if (kind == null) throw new IllegalArgumentException("modelId: no model " + id + " is loaded; loaded: " + kinds.keySet());
        JsonObject request;
        try {
            request = new JsonObject(new String(input, StandardCharsets.UTF_8));
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("input: not a JSON object: " + e.getMessage());
        }
        request.put("modelId", id);
        try {
            return (kind.equals("vote") ? engine.vote(request) : engine.treasury(request)).outputBytes();
        } catch (NullPointerException | ClassCastException e) {
            // The HTTP edge validates the schema before the engine runs; on chain nobody did, so a missing or
            // mistyped field surfaces here and is the requester's error.
            throw new IllegalArgumentException("input: a required field is missing or has the wrong type (" + e + ")");
        }
    }
}
