package org.neuroracle.daoserver;

import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem answer. Thrown by handlers and turned into {@code application/problem+json} by the
 * router's failure handler. {@code field} (an extension member) is the JSON path of the offending input,
 * e.g. {@code votes[3].weight}, or {@code body} when the body as a whole is wrong.
 */
public final class Problem extends RuntimeException {
    public static final String CONTENT_TYPE = "application/problem+json";

    private final int status;
    private final String type;
    private final String title;
    private final String field;
    private final int retryAfterSeconds;

    public Problem(int status, String type, String title, String field, String detail) {
        this(status, type, title, field, detail, 0);
    }

    private Problem(int status, String type, String title, String field, String detail, int retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 503 with {@code Retry-After}: a bounded queue is full; the request is fine and may be sent again later. */
    public static Problem busy(String detail, int retryAfterSeconds) {
        return new Problem(503, "urn:neuroracle:problem:busy", "Service busy", null, detail, Math.max(1, retryAfterSeconds));
    }

    /** 429 with {@code Retry-After}: this client sent more than its rate allows. */
    public static Problem tooManyRequests(String detail, int retryAfterSeconds) {
        return new Problem(429, "urn:neuroracle:problem:rate-limited", "Too many requests", "client", detail, Math.max(1, retryAfterSeconds));
    }

    /** 401: an API key is required for this endpoint and none (or an unknown one) was sent. */
    public static Problem unauthorized(String detail) {
        return new Problem(401, "urn:neuroracle:problem:unauthorized", "API key required", "authorization", detail);
    }

    /** 408: the client did not finish sending its request in time. */
    public static Problem requestTimeout(String detail) {
        return new Problem(408, "urn:neuroracle:problem:request-timeout", "Request timeout", "body", detail);
    }

    /** 400: the body does not match the contract (syntax, type, missing field, bound). */
    public static Problem invalid(String field, String detail) {
        return new Problem(400, "urn:neuroracle:problem:invalid-request", "Request does not match the API contract", field, detail);
    }

    /** 422: well-formed but semantically unusable (unknown model, end before start, network too large). */
    public static Problem unprocessable(String field, String detail) {
        return new Problem(422, "urn:neuroracle:problem:unprocessable", "Request cannot be processed", field, detail);
    }

    public static Problem notFound(String field, String detail) {
        return new Problem(404, "urn:neuroracle:problem:not-found", "Not found", field, detail);
    }

    public static Problem unavailable(String detail) {
        return new Problem(503, "urn:neuroracle:problem:unavailable", "Service unavailable", null, detail, 5);
    }

    /**
     * An {@link IllegalArgumentException} from the forecaster or a parser: its message starts with the JSON field
     * path ({@code votes[3].weight: ...}), which becomes {@code field}.
     */
    public static Problem fromIllegalArgument(IllegalArgumentException e, String fieldPrefix) {
        String msg = e.getMessage() == null ? "invalid input" : e.getMessage();
        int colon = msg.indexOf(": ");
        String field = fieldPrefix;
        if (colon > 0 && msg.substring(0, colon).matches("[A-Za-z_][A-Za-z0-9_.\\[\\]]*")) {
            String local = msg.substring(0, colon);
            field = fieldPrefix == null ? local : fieldPrefix + "." + local;
        }
        return unprocessable(field == null ? "body" : field, msg);
    }

    public int status() { return status; }
    /** Seconds for the {@code Retry-After} header; 0 when none is sent. */
    public int retryAfterSeconds() { return retryAfterSeconds; }
    public String field() { return field; }

    public JsonObject toJson(String instance) {
        JsonObject o = new JsonObject().put("type", type).put("title", title).put("status", status)
                .put("detail", getMessage());
        if (instance != null) o.put("instance", instance);
        if (field != null) o.put("field", field);
        return o;
    }
}
