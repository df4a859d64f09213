package org.neuroracle.daoserver;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.util.HashMap;
import java.util.Map;

/**
 * The request-body schemas of the POST operations, taken from the served contract and compiled once. The
 * OpenAPI router builds a schema validator for every request and validates on a worker thread; for the hot
 * forecast route that cost more than the rest of a cached answer, so these bodies are validated here, on the event
 * loop, against exactly the same schemas (parameters and the other routes still go through the router).
 */
final class BodyValidators {
    private final Map<String, Validator> byOperation = new HashMap<>();
    private final int maxVotes;

    BodyValidators(JsonObject validatorContract, int maxVotes, String... operations) {
        this.maxVotes = maxVotes;
        JsonObject paths = validatorContract.getJsonObject("paths");
        for (String path : paths.fieldNames())
            for (String method : paths.getJsonObject(path).fieldNames()) {
                JsonObject op = paths.getJsonObject(path).getJsonObject(method);
                for (String wanted : operations)
                    if (wanted.equals(op.getString("operationId"))) {
                        JsonObject schema = op.getJsonObject("requestBody").getJsonObject("content")
                                .getJsonObject("application/json").getJsonObject("schema");
                        byOperation.put(wanted, Validator.create(JsonSchema.of(schema),
                                new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("app:///").setOutputFormat(OutputFormat.Basic)));
                    }
            }
        for (String wanted : operations)
            if (!byOperation.containsKey(wanted)) throw new IllegalStateException("openapi.yaml: no JSON request body for " + wanted);
    }

    /** Whether the full schema validator accepts {@code parsed} for {@code operation} (tests compare the fast check with it). */
    boolean schemaAccepts(String operation, Object parsed) {
        return Boolean.TRUE.equals(byOperation.get(operation).validate(parsed).getValid());
    }

    /** The body as a JSON object that matches the operation's schema, or a 4xx {@link Problem} naming the field. */
    JsonObject validate(String operation, String contentType, Buffer body) {
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json"))
            throw new Problem(415, "urn:neuroracle:problem:unsupported-media-type", "Unsupported media type", "content-type",
                    "send the body as application/json, got " + (contentType == null ? "no content type" : contentType));
        if (body == null || body.length() == 0) throw Problem.invalid("body", "the request has no body");
        Object parsed;
        try {
            parsed = Json.decodeValue(body);
        } catch (DecodeException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            int nl = m.indexOf('\n');
            throw Problem.invalid("body", "malformed JSON: " + (nl < 0 ? m : m.substring(0, nl)).replace("Failed to decode:", "").trim()
                    + Failures.location(m));
        }
        if (operation.equals("forecastVote") && FastVoteCheck.accepts(parsed, maxVotes)) return (JsonObject) parsed;
        OutputUnit result = byOperation.get(operation).validate(parsed);
        if (!Boolean.TRUE.equals(result.getValid())) throw Failures.schemaProblem(result, null, "the request body does not match the contract");
        return (JsonObject) parsed; // the schema says type: object
    }
}
