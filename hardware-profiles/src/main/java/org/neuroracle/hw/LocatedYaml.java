package org.neuroracle.hw;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read token by token so that every field path keeps the line it came from: Jackson's tree
 * model drops locations, and validation messages must name the line. Paths look like
 * {@code energy.per_synaptic_op.unit} and {@code notes[2]}; the root is the empty path.
 */
public final class LocatedYaml {
    private static final YAMLFactory YAML = new YAMLFactory();
    private final JsonNode root;
    private final Map<String, Integer> lines;
    private final List<ProfileProblem> problems;

    private LocatedYaml(JsonNode root, Map<String, Integer> lines, List<ProfileProblem> problems) {
        this.root = root;
        this.lines = lines;
        this.problems = problems;
    }

    /** Parse; syntax errors and duplicate keys become problems (a syntax error leaves {@link #root()} null). */
    public static LocatedYaml parse(String text, String file) {
        Map<String, Integer> lines = new HashMap<>();
        List<ProfileProblem> problems = new ArrayList<>();
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                problems.add(new ProfileProblem(file, 1, "", "the file is empty"));
                return new LocatedYaml(null, lines, problems);
            }
            JsonNode root = read(p, "", lines, problems, file);
            return new LocatedYaml(root, lines, problems);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new ProfileProblem(file, at == null ? 0 : at.getLineNr(), "", "YAML syntax: " + e.getOriginalMessage().replaceAll("\\s*\\n\\s*", "; ")));
            return new LocatedYaml(null, lines, problems);
        } catch (IOException e) {
            problems.add(new ProfileProblem(file, 0, "", "cannot read: " + e.getMessage()));
            return new LocatedYaml(null, lines, problems);
        }
    }

    private static JsonNode read(JsonParser p, String path, Map<String, Integer> lines, List<ProfileProblem> problems,
                                 String file) throws IOException {
        JsonToken t = p.currentToken();
        lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String child = path.isEmpty() ? key : path + "." + key;
                    int keyLine = p.currentTokenLocation().getLineNr();
                    p.nextToken();
                    if (o.has(key)) {
                        problems.add(new ProfileProblem(file, keyLine, child, "duplicate key (an earlier '" + key + "' is at line " + lines.get(child) + ")"));
                        read(p, child + "#dup", lines, problems, file);
                        continue;
                    }
                    lines.put(child, keyLine);
                    o.set(key, read(p, child, lines, problems, file));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) a.add(read(p, path + "[" + i++ + "]", lines, problems, file));
                return a;
            }
            case VALUE_STRING -> { return f.textNode(p.getText()); }
            case VALUE_NUMBER_INT -> { return f.numberNode(p.getLongValue()); }
            case VALUE_NUMBER_FLOAT -> { return f.numberNode(p.getDoubleValue()); }
            case VALUE_TRUE -> { return f.booleanNode(true); }
            case VALUE_FALSE -> { return f.booleanNode(false); }
            case VALUE_NULL -> { return f.nullNode(); }
            default -> throw new IOException("unexpected YAML token " + t + " at " + path);
        }
    }

    public JsonNode root() { return root; }

    public List<ProfileProblem> problems() { return problems; }

    /** The line of a path, or of its nearest ancestor that has one (0 when none). */
    public int lineOf(String path) {
        String p = path;
        while (true) {
            Integer l = lines.get(p);
            if (l != null) return l;
            if (p.isEmpty()) return 0;
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }
}
