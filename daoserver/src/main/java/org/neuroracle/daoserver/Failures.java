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

    /** dependentRequired: {@code Instance has "votes" but does not have "voteStart"} names the missing one. */
    private static final Pattern DEPENDENT = Pattern.compile("but does not have \"([A-Za-z0-9_]+)\"");
    private static final Pattern REQUIRED = Pattern.compile("required propert(?:y|ies) \\W*\"?([A-Za-z0-9_]+)");

    static Problem toProblem(Throwable failure, int statusCode, ServerConfig config) {
        // Vert.x Web wraps a handler's rc.fail(status, cause) cause in an HttpException: look inside.
        if (failure instanceof HttpException he && he.getCause() != null) failure = he.getCause();
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
        if (lower.contains("content type") || lower.contains("content-type") || lower.contains("format of the request body is not supported"))
            return new Problem(415, "urn:neuroracle:problem:unsupported-media-type", "Unsupported media type", "content-type", msg);
        String field = "body";
        Matcher m = Pattern.compile("[Pp]arameter (\\w+)").matcher(msg);
        if (m.find() && !lower.contains("body")) field = m.group(1);
        if (lower.contains("decode") || lower.contains("json")) return Problem.invalid("body", "malformed JSON: " + msg);
        return Problem.invalid(field, msg);
    }

    private static final Pattern PARAMETER = Pattern.compile("value of (?:query|path|header|cookie) parameter (\\w+) is invalid");

    /**
     * vertx-json-schema reports a flat list: every enclosing schema ("does not match schema", "A subschema had
     * errors") plus the leaf that failed. The leaf with the deepest field (a missing property counts as one level
     * below its object) names the field; generic wrapper messages only win when nothing else is there.
     */
    private static Problem schemaProblem(SchemaValidationException sve) {
        String message = firstLine(sve.getMessage());
        Matcher param = PARAMETER.matcher(message);
        return schemaProblem(sve.getOutputUnit(), param.find() ? param.group(1) : null, message);
    }

    /** {@code prefix}: the parameter name when a parameter failed, null for a body. */
    static Problem schemaProblem(OutputUnit output, String prefix, String message) {
        List<OutputUnit> units = new ArrayList<>();
        collect(output, units);
        String bestField = null, bestError = null;
        int bestScore = Integer.MIN_VALUE;
        for (OutputUnit u : units) {
            if (u.getError() == null) continue;
            String field = fieldPath(u.getInstanceLocation());
            String error = u.getError();
            Matcher req = REQUIRED.matcher(error);
            if (req.find()) field = join(field, req.group(1));
            Matcher dep = DEPENDENT.matcher(error);
            if (dep.find()) field = join(field, dep.group(1));
            boolean generic = error.contains("does not match schema") || error.contains("subschema had errors")
                    || error.contains("did not match schema") || error.contains("does not match additional properties schema");
            int score = depth(field) * 2 + (generic ? 0 : 1) + (generic ? -100 : 0);
            if (score > bestScore) {
                bestScore = score;
                bestField = field;
                bestError = error;
            }
        }
        if (bestField == null) return Problem.invalid(prefix == null ? "body" : prefix, message);
        if (prefix != null) bestField = bestField.equals("body") ? prefix : prefix + "." + bestField;
        if (bestError.contains("does not match additional properties schema")) bestError = "unknown field (not in the API contract)";
        return Problem.invalid(bestField, bestField + ": " + bestError);
    }

    /** Nesting depth of a field path: {@code body} 0, {@code dao} 1, {@code votes[0].weight} 3. */
    private static int depth(String field) {
        if (field.equals("body")) return 0;
        int d = 1;
        for (int i = 0; i < field.length(); i++) if (field.charAt(i) == '.' || field.charAt(i) == '[') d++;
        return d;
    }

    private static void collect(OutputUnit u, List<OutputUnit> out) {
        if (u == null) return;
        out.add(u);
        if (u.getErrors() != null) for (OutputUnit c : u.getErrors()) collect(c, out);
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

    /** Jackson's {@code [Source: ...; line: 1, column: 9]} as {@code " (line 1, column 9)"}, or empty. */
    static String location(String jacksonMessage) {
        Matcher m = Pattern.compile("line: (\\d+), column: (\\d+)").matcher(jacksonMessage);
        return m.find() ? " (line " + m.group(1) + ", column " + m.group(2) + ")" : "";
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
