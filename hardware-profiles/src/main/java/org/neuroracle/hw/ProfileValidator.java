package org.neuroracle.hw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks profile files against the JSON Schema shipped in this module ({@code profile.schema.json}) and then
 * against rules a schema cannot state (name = file stem, derivations written out, consistent capacities).
 * Every problem is reported, each with file, line and field path; nothing stops at the first one.
 */
public final class ProfileValidator {
    public static final String SCHEMA_RESOURCE = "/org/neuroracle/hw/profile.schema.json";
    private static final JsonSchema SCHEMA = loadSchema();
    private static final java.util.Set<String> QUANTITY_KEYS = java.util.Set.of("value", "unit", "kind", "source", "bound", "boundary");

    private ProfileValidator() {}

    /** Outcome for one file: the problems, and the profile when there are none. */
    public record Result(String file, List<ProfileProblem> problems, HardwareProfile profile) {
        public boolean ok() { return problems.isEmpty(); }
    }

    public static String schemaText() {
        try (InputStream in = ProfileValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema loadSchema() {
        try {
            JsonNode schema = new ObjectMapper().readTree(schemaText());
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled profile schema", e);
        }
    }

    /** Validate every {@code *.yaml} file of a directory, in name order. */
    public static List<Result> validateDirectory(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + ": not a directory");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> yamls = files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
            if (yamls.isEmpty()) throw new IllegalArgumentException(dir + ": no *.yaml profiles");
            return yamls.stream().map(ProfileValidator::validateFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    public static Result validateFile(Path file) {
        String stem = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        try {
            return validate(Files.readString(file), file.toString(), stem);
        } catch (IOException e) {
            return new Result(file.toString(), List.of(new ProfileProblem(file.toString(), 0, "", "cannot read: " + e.getMessage())), null);
        }
    }

    /** Validate YAML text; {@code expectedName} is the file stem the {@code name} field must equal (null: any). */
    public static Result validate(String yaml, String file, String expectedName) {
        LocatedYaml doc = LocatedYaml.parse(yaml, file);
        List<ProfileProblem> problems = new ArrayList<>(doc.problems());
        if (doc.root() == null) return new Result(file, problems, null);
        int yamlProblems = problems.size();
        java.util.Set<ValidationMessage> messages = SCHEMA.validate(doc.root());
        // When a quantity fails one of its allOf branches, networknt also reports all its properties as
        // "unevaluated"; those echoes hide the real error, so drop them wherever the same object has another error.
        List<String> realErrorObjects = new ArrayList<>();
        for (ValidationMessage m : messages)
            if (!"unevaluatedProperties".equals(m.getType())) realErrorObjects.add(toPath(m.getInstanceLocation()));
        for (ValidationMessage m : messages) {
            String path = toPath(m.getInstanceLocation());
            if ("unevaluatedProperties".equals(m.getType())) {
                String object = path;
                if (QUANTITY_KEYS.contains(m.getProperty())
                        && realErrorObjects.stream().anyMatch(e -> e.equals(object) || e.startsWith(object + "."))) continue;
            }
            String text = m.getMessage();
            // networknt prefixes the instance location; our prefix is file:line: path, so drop theirs.
            int colon = text.indexOf(": ");
            if (text.startsWith("/") || text.startsWith("$")) text = colon >= 0 ? text.substring(colon + 2) : text;
            if (m.getProperty() != null && ("additionalProperties".equals(m.getType()) || "unevaluatedProperties".equals(m.getType()))) {
                path = path.isEmpty() ? m.getProperty() : path + "." + m.getProperty();
                text = "unknown field (not in the profile schema)";
            } else if ("required".equals(m.getType()) && m.getProperty() != null) {
                text = "required field '" + m.getProperty() + "' is missing";
            }
            problems.add(new ProfileProblem(file, doc.lineOf(path), path, text));
        }
        if (problems.size() == yamlProblems) semanticChecks(doc, file, expectedName, problems);
        problems = dedupe(problems);
        HardwareProfile profile = problems.isEmpty() ? build(doc.root(), doc, file) : null;
        return new Result(file, problems, profile);
    }

    private static List<ProfileProblem> dedupe(List<ProfileProblem> problems) {
        TreeSet<ProfileProblem> set = new TreeSet<>(Comparator.comparingInt(ProfileProblem::line)
                .thenComparing(ProfileProblem::field).thenComparing(ProfileProblem::message));
        set.addAll(problems);
        return List.copyOf(set);
    }

    private static String toPath(JsonNodePath loc) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < loc.getNameCount(); i++) {
            Object e = loc.getElement(i);
            if (e instanceof Integer idx) s.append('[').append(idx).append(']');
            else {
                if (!s.isEmpty()) s.append('.');
                s.append(e);
            }
        }
        return s.toString();
    }

    private static void semanticChecks(LocatedYaml doc, String file, String expectedName, List<ProfileProblem> out) {
        JsonNode root = doc.root();
        String name = root.path("name").asText();
        if (expectedName != null && !name.equals(expectedName))
            out.add(new ProfileProblem(file, doc.lineOf("name"), "name", "'" + name + "' must equal the file name stem '" + expectedName + "'"));
        Map<String, JsonNode> numbers = new LinkedHashMap<>();
        for (String section : List.of("topology", "timing", "energy", "memory", "telemetry"))
            root.path(section).properties().forEach(e -> {
                String path = section + "." + e.getKey();
                JsonNode q = e.getValue();
                if (!SourceReference.openable(q.path("source").asText()))
                    out.add(new ProfileProblem(file, doc.lineOf(path + ".source"), path + ".source",
                            "the source must be openable by a reader: " + SourceReference.EXPECTED));
                if ("derived".equals(q.path("kind").asText()) && !q.path("source").asText().contains("="))
                    out.add(new ProfileProblem(file, doc.lineOf(path + ".source"), path + ".source",
                            "kind is derived, so the source must write out the derivation as an equation (e.g. 'derived: 2600 W / 380e12 ops/s = 6.84 pJ')"));
                if (q.has("unit")) numbers.put(path, q);
            });
        for (String bits : List.of(HardwareProfile.WEIGHT_BITS, HardwareProfile.STATE_BITS, "topology.spike_payload_bits")) {
            JsonNode q = numbers.get(bits);
            if (q != null && (!"bit".equals(q.path("unit").asText()) || q.path("value").asDouble() != Math.rint(q.path("value").asDouble()) || q.path("value").asDouble() > 64))
                out.add(new ProfileProblem(file, doc.lineOf(bits + ".value"), bits, "a bit width must be a whole number of 'bit' from 1 to 64"));
        }
        JsonNode perCore = numbers.get(HardwareProfile.NEURONS_PER_CORE), cores = numbers.get(HardwareProfile.CORES_PER_CHIP),
                perChip = numbers.get(HardwareProfile.NEURONS_PER_CHIP);
        if (perCore != null && cores != null && perChip != null
                && perCore.path("value").asLong() * cores.path("value").asLong() < perChip.path("value").asLong())
            out.add(new ProfileProblem(file, doc.lineOf(HardwareProfile.NEURONS_PER_CHIP), HardwareProfile.NEURONS_PER_CHIP,
                    perChip.path("value").asLong() + " neurons per chip exceed neurons_per_core x cores_per_chip = "
                            + perCore.path("value").asLong() * cores.path("value").asLong()));
        JsonNode active = numbers.get(HardwareProfile.E_UPDATE_ACTIVE), inactive = numbers.get(HardwareProfile.E_UPDATE_INACTIVE);
        if (active != null && inactive != null && base(inactive) > base(active))
            out.add(new ProfileProblem(file, doc.lineOf(HardwareProfile.E_UPDATE_INACTIVE), HardwareProfile.E_UPDATE_INACTIVE,
                    "an inactive neuron update cannot cost more than an active one (" + HardwareProfile.E_UPDATE_ACTIVE + ")"));
        JsonNode stat = numbers.get(HardwareProfile.STATIC_POWER), max = numbers.get(HardwareProfile.MAX_POWER);
        if (stat != null && max != null && stat.path("boundary").asText().equals(max.path("boundary").asText()) && base(stat) > base(max))
            out.add(new ProfileProblem(file, doc.lineOf(HardwareProfile.STATIC_POWER), HardwareProfile.STATIC_POWER,
                    "static power exceeds max_power at the same boundary"));
    }

    private static double base(JsonNode q) {
        return new Quantity("", q.path("value").asDouble(), q.path("unit").asText(), Kind.MEASURED, "", null, Quantity.Bound.EXACT, 0).base();
    }

    private static HardwareProfile build(JsonNode root, LocatedYaml doc, String file) {
        Map<String, Quantity> quantities = new LinkedHashMap<>();
        Map<String, Fact> facts = new LinkedHashMap<>();
        for (String section : List.of("topology", "timing", "energy", "memory", "telemetry"))
            root.path(section).properties().forEach(e -> {
                String path = section + "." + e.getKey();
                JsonNode q = e.getValue();
                Kind kind = Kind.parse(q.path("kind").asText());
                String source = q.path("source").asText();
                if (q.has("unit")) {
                    Boundary boundary = q.has("boundary") ? Boundary.parse(q.path("boundary").asText()) : null;
                    Quantity.Bound bound = q.has("bound") ? Quantity.Bound.valueOf(q.path("bound").asText().toUpperCase()) : Quantity.Bound.EXACT;
                    quantities.put(path, new Quantity(path, q.path("value").asDouble(), q.path("unit").asText(), kind, source, boundary, bound, doc.lineOf(path)));
                } else {
                    facts.put(path, new Fact(path, q.path("value").asText(), kind, source, doc.lineOf(path)));
                }
            });
        List<String> notes = new ArrayList<>();
        root.path("notes").forEach(n -> notes.add(n.asText()));
        return new HardwareProfile(root.path("name").asText(), root.path("display_name").asText(), root.path("vendor").asText(),
                root.path("process").asText(""), root.path("description").asText(), quantities, facts, notes, file);
    }
}
