package org.neuroracle.daoserver;

import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns whatever failed a request into a {@link Problem}; only a fault of the service itself becomes a 5xx. */
final class Failures {
    private Failures() {}

    private static final Pattern REQUIRED = Pattern.compile("required propert(?:y|ies) \\W*\"?([A-Za-z0-9_]+)");
    private static final Pattern ADDITIONAL = Pattern.compile("[Aa]dditional property \\W*\"?([A-Za-z0-9_]+)");

    static Problem toProblem(Throwable failure, int statusCode, ServerConfig config) {
        if (failure instanceof Problem p) return p;
        if (failure instanceof SchemaValidationException sve) return schemaProblem(sve);
        if (failure instanceof ValidatorException ve) return validatorProblem(ve);
        if (failure instanceof DecodeException de) return Problem.invalid("body", "malformed JSON: " + firstLine(de.getMessage()));
        if (failure instanceof HttpException he) return statusProblem(he.getStatusCode(), config);
        if (failure instanceof IllegalArgumentException iae) return Problem.fromIllegalArgument(iae, null);
        if (failure == null && statusCode >= 400 && statusCode < 500) return statusProblem(statusCode, config);
        String why = failure == null ? "status " + statusCode : failure.getClass().getSimpleName() + ": " + firstLine(String.valueOf(failure.getMessage()));
        return new Problem(500, "urn:neuroracle:problem:internal", "Internal error", null, why);
    }

    private static Problem statusProblem(int status, ServerConfig config) {
        return switch (status) {
            case 413 -> new Problem(413, "urn:neuroracle:problem:body-too-large", "Request body too large", "body",
                    "request body exceeds maxBodyBytes = " + config.maxBodyBytes() + " bytes");
            case 415 -> new Problem(415, "urn:neuroracle:problem:unsupported-media-type", "Unsupported media type", "content-type",
                    "send the body as application/json");
            case 404 -> Problem.notFound("path", "not found");
            case 405 -> new Problem(405, "urn:neuroracle:problem:method-not-allowed", "Method not allowed", "method", "method not allowed");
            default -> new Problem(status, "urn:neuroracle:problem:bad-request", "Bad request", "body", "bad request (HTTP " + status + ")");
        };
    }

    private static Problem validatorProblem(ValidatorException ve) {
        String msg = firstLine(ve.getMessage());
        String lower = msg.toLowerCase();
        if (lower.contains("content type") || lower.contains("content-type"))
            return new Problem(415, "urn:neuroracle:problem:unsupported-media-type", "Unsupported media type", "content-type", msg);
        String field = "body";
        Matcher m = Pattern.compile("[Pp]arameter (\\w+)").matcher(msg);
        if (m.find() && !lower.contains("body")) field = m.group(1);
        if (lower.contains("decode") || lower.contains("json")) return Problem.invalid("body", "malformed JSON: " + msg);
        return Problem.invalid(field, msg);
    }

    /** The deepest error that names an instance location becomes {@code field}; all of them go into the detail. */
    private static Problem schemaProblem(SchemaValidationException sve) {
        OutputUnit root = sve.getOutputUnit();
        List<OutputUnit> leaves = new ArrayList<>();
        collect(root, leaves);
        OutputUnit best = null;
        for (OutputUnit u : leaves) {
            if (u.getError() == null) continue;
            if (best == null || depth(u.getInstanceLocation()) > depth(best.getInstanceLocation())) best = u;
        }
        if (best == null) best = root;
        String field = fieldPath(best.getInstanceLocation());
        String error = best.getError() == null ? firstLine(sve.getMessage()) : best.getError();
        Matcher req = REQUIRED.matcher(error);
        Matcher add = ADDITIONAL.matcher(error);
        if (req.find()) field = join(field, req.group(1));
        else if (add.find()) field = join(field, add.group(1));
        if (sve.getMessage() != null && sve.getMessage().toLowerCase().contains("body") && error.toLowerCase().contains("missing"))
            field = "body";
        return Problem.invalid(field, field + ": " + error);
    }

    private static void collect(OutputUnit u, List<OutputUnit> out) {
        if (u == null) return;
        out.add(u);
        if (u.getErrors() != null) for (OutputUnit c : u.getErrors()) collect(c, out);
    }

    private static int depth(String pointer) {
        if (pointer == null) return -1;
        int d = 0;
        for (int i = 0; i < pointer.length(); i++) if (pointer.charAt(i) == '/') d++;
        return d;
    }

    /** JSON pointer {@code #/votes/3/weight} or {@code /votes/3/weight} -> {@code votes[3].weight}; root -> {@code body}. */
    static String fieldPath(String pointer) {
        if (pointer == null) return "body";
        String p = pointer.startsWith("#") ? pointer.substring(1) : pointer;
        StringBuilder sb = new StringBuilder();
        for (String part : p.split("/")) {
            if (part.isEmpty()) continue;
            String token = part.replace("~1", "/").replace("~0", "~");
            if (token.chars().allMatch(Character::isDigit)) sb.append('[').append(token).append(']');
            else {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(token);
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String join(String parent, String child) {
        return parent.equals("body") ? child : parent + "." + child;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
