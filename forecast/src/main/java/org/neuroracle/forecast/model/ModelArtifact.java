package org.neuroracle.forecast.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One model = one file, content-addressed: {@code modelId} is the hex SHA-256 of the file's bytes. The file is a
 * header line {@code neuroracle-model/1 kind=<kind> body-sha256=<hex>} followed by the JSON body (network synapses,
 * encoder, readout weights, training summary, metrics). The body hash lets a renamed or edited file be caught on
 * its own; callers that know the expected modelId (the bundled index, a registry) also check the whole-file hash.
 */
public final class ModelArtifact {
    public static final String MAGIC = "neuroracle-model/1";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private ModelArtifact() {}

    /** A loaded artifact: its id (sha256 of the bytes), the bytes and the model. */
    public record Loaded(String modelId, byte[] bytes, ForecastModel model) {}

    public static byte[] encode(ForecastModel model) {
        try {
            byte[] body = JSON.writeValueAsBytes(model);
            String header = MAGIC + " kind=" + model.kind() + " body-sha256=" + sha256(body) + "\n";
            byte[] h = header.getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[h.length + body.length];
            System.arraycopy(h, 0, out, 0, h.length);
            System.arraycopy(body, 0, out, h.length, body.length);
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise model: " + e.getMessage(), e);
        }
    }

    /** Writes the artifact as {@code DIR/<kind>-<modelId>.nrm} and returns the loaded form. */
    public static Loaded write(ForecastModel model, Path dir) {
        byte[] b = encode(model);
        String id = sha256(b);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(model.kind() + "-" + id + ".nrm"), b);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
        return new Loaded(id, b, model);
    }

    public static Loaded read(Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("model " + file + ": cannot read: " + e.getMessage(), e);
        }
        Loaded l = decode(b, file.toString());
        // A file named after its content address must still have that content.
        var m = java.util.regex.Pattern.compile("([0-9a-f]{64})").matcher(file.getFileName().toString());
        if (m.find() && !m.group(1).equals(l.modelId()))
            throw new IllegalArgumentException("model " + file + ": tampered: its sha256 is " + l.modelId() + " but the file is named for " + m.group(1));
        return l;
    }

    /** Decodes bytes, checking the header, the body hash and every field; {@code source} names them in errors. */
    public static Loaded decode(byte[] bytes, String source) {
        int nl = -1;
        for (int i = 0; i < Math.min(bytes.length, 512); i++) if (bytes[i] == '\n') { nl = i; break; }
        if (nl < 0) throw new IllegalArgumentException("model " + source + ": malformed: no '" + MAGIC + "' header line");
        String header = new String(bytes, 0, nl, StandardCharsets.US_ASCII);
        String[] parts = header.split(" ");
        if (parts.length != 3 || !parts[0].equals(MAGIC) || !parts[1].startsWith("kind=") || !parts[2].startsWith("body-sha256="))
            throw new IllegalArgumentException("model " + source + ": malformed header '" + header + "', expected '" + MAGIC + " kind=K body-sha256=H'");
        String kind = parts[1].substring(5);
        byte[] body = java.util.Arrays.copyOfRange(bytes, nl + 1, bytes.length);
        String bodyHash = sha256(body);
        if (!bodyHash.equals(parts[2].substring(12)))
            throw new IllegalArgumentException("model " + source + ": tampered: body sha256 is " + bodyHash + " but the header says " + parts[2].substring(12));
        Class<? extends ForecastModel> type = switch (kind) {
            case "vote" -> VoteModel.class;
            case "treasury" -> TreasuryModel.class;
            case TreasuryEnsembleModel.KIND -> TreasuryEnsembleModel.class;
            default -> throw new IllegalArgumentException("model " + source + ": unknown kind '" + kind + "' (vote, treasury, " + TreasuryEnsembleModel.KIND + ")");
        };
        try {
            JsonNode tree = JSON.readTree(body);
            if (!(tree instanceof ObjectNode)) throw new IllegalArgumentException("model " + source + ": malformed: body is not a JSON object");
            // Vote artifacts made before the online per-DAO recalibration have no such field: they have none.
            if (type == VoteModel.class && !tree.has("recalibration")) ((ObjectNode) tree).putNull("recalibration");
            ForecastModel m = JSON.treeToValue(tree, type);
            return new Loaded(sha256(bytes), bytes.clone(), m);
        } catch (IOException e) {
            String msg = e.getMessage();
            Throwable c = e.getCause();
            if (c instanceof IllegalArgumentException iae) msg = iae.getMessage();
            else if (e instanceof com.fasterxml.jackson.databind.JsonMappingException jm) msg = jm.getPathReference() + ": " + jm.getOriginalMessage();
            throw new IllegalArgumentException("model " + source + ": malformed: " + msg, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model " + source + ": malformed: " + e.getMessage(), e);
        }
    }

    public static String sha256(byte[] b) {
        MessageDigest md = SHA256.get(); // the provider lookup of getInstance cost more than hashing a query
        md.reset();
        return HexFormat.of().formatHex(md.digest(b));
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
}
