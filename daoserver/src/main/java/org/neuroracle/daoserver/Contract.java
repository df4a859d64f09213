package org.neuroracle.daoserver;

import io.vertx.core.json.JsonObject;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The OpenAPI contract ({@code openapi.yaml} beside this class) with the node's configured bounds written in, so
 * that the contract served at {@code /openapi.yaml} is exactly the one enforced at the edge.
 */
final class Contract {
    private Contract() {}

    static JsonObject load(ServerConfig config) {
        JsonObject c = new JsonObject(raw());
        JsonObject schemas = c.getJsonObject("components").getJsonObject("schemas");
        schemas.getJsonObject("VoteRequest").getJsonObject("properties").getJsonObject("votes").put("maxItems", config.maxVotes());
        schemas.getJsonObject("TreasuryRequest").getJsonObject("properties").getJsonObject("series").put("maxItems", config.maxSeriesDays());
        schemas.getJsonObject("SimulationRequest").getJsonObject("properties").getJsonObject("steps").put("maximum", config.maxSimSteps());
        // The journal list streams its rows, but one answer still holds at most journalListMax of them.
        for (Object param : c.getJsonObject("paths").getJsonObject("/v1/journal").getJsonObject("get").getJsonArray("parameters"))
            if (param instanceof JsonObject p && "limit".equals(p.getString("name"))) {
                JsonObject schema = p.getJsonObject("schema");
                schema.put("maximum", config.journalListMax());
                if (schema.getInteger("default", 50) > config.journalListMax()) schema.put("default", config.journalListMax());
            }
        return c;
    }

    /**
     * The copy handed to the request validator: vertx-openapi refuses response media types it cannot validate
     * ({@code application/problem+json}, {@code application/yaml}), and responses are not validated here anyway,
     * so response bodies are dropped from this copy only; the served contract keeps them.
     */
    static JsonObject forValidator(JsonObject contract) {
        JsonObject c = contract.copy();
        JsonObject paths = c.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                JsonObject responses = item.getJsonObject(method).getJsonObject("responses");
                if (responses == null) continue;
                for (String code : responses.fieldNames()) {
                    JsonObject r = responses.getJsonObject(code);
                    if (r.containsKey("$ref")) responses.put(code, new JsonObject().put("description", "problem"));
                    else r.remove("content");
                }
            }
        }
        c.getJsonObject("components").remove("responses");
        // Inline every schema $ref: vertx-json-schema resolves a $ref on every visit (URL parsing, pointer
        // encoding), which made validation of a 20-vote body cost more than the forecast itself.
        JsonObject schemas = c.getJsonObject("components").getJsonObject("schemas");
        return (JsonObject) inline(c, schemas, 0);
    }

    private static Object inline(Object node, JsonObject schemas, int depth) {
        if (depth > 64) throw new IllegalStateException("openapi.yaml: schema $ref nesting deeper than 64 (a cycle?)");
        if (node instanceof JsonObject o) {
            String ref = o.getString("$ref");
            if (ref != null && ref.startsWith("#/components/schemas/") && o.size() == 1)
                return inline(schemas.getJsonObject(ref.substring("#/components/schemas/".length())).copy(), schemas, depth + 1);
            JsonObject out = new JsonObject();
            for (String k : o.fieldNames()) out.put(k, inline(o.getValue(k), schemas, depth + 1));
            return out;
        }
        if (node instanceof io.vertx.core.json.JsonArray a) {
            io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
            for (Object v : a) out.add(inline(v, schemas, depth + 1));
            return out;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> raw() {
        try (InputStream in = Contract.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) throw new IllegalStateException("openapi.yaml missing from the daoserver jar");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String toYaml(JsonObject contract) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setWidth(120);
        return new Yaml(o).dump(contract.getMap());
    }
}
