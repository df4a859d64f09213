package org.neuroracle.daoserver;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The optional governance parameters file of an indexed DAO, {@code INDEX/<dao>/params.json}: the parameters the
 * canonical CSVs cannot hold (proposal threshold, timelock delay) or that an operator knows better than the data
 * shows. Each entry is {@code {"value": "...", "unit": "...", "since": "YYYY-MM-DD", "source": "..."}}:
 * <pre>{"quorum": {"value": "400000", "unit": "COMP", "since": "2021-03-09", "source": "GovernorBravo quorumVotes()"}}</pre>
 * Read before the server starts; a malformed file stops the start with a message naming the file and field.
 */
record DaoParams(Map<String, Entry> entries, Path file) {
    static final String FILE = "params.json";
    /** The parameters a file may give, in display order. */
    static final List<String> NAMES = List.of("quorum", "votingDelaySeconds", "votingPeriodSeconds", "proposalThreshold", "timelockDelaySeconds");
    private static final Set<String> ENTRY_FIELDS = Set.of("value", "unit", "since", "source");
    private static final Pattern DATE = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    private static final Pattern DECIMAL = Pattern.compile("^(0|[1-9][0-9]{0,77})(\\.[0-9]{1,18})?$");

    /** One parameter as the file states it; {@code unit} and {@code since} may be null. */
    record Entry(String value, String unit, String since, String source) {}

    static DaoParams none() { return new DaoParams(Map.of(), null); }

    /** The first {@code params.json} among the DAO's folders, or {@link #none()}. */
    static DaoParams read(List<Path> folders) {
        for (Path d : folders) {
            Path f = d.resolve(FILE);
            if (Files.exists(f)) return readFile(f);
        }
        return none();
    }

    static DaoParams readFile(Path f) {
        JsonObject o;
        try {
            o = new JsonObject(Files.readString(f));
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException(f + ": not a JSON object: " + firstLine(e.getMessage()));
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        for (String name : o.fieldNames()) {
            if (!NAMES.contains(name))
                throw new IllegalArgumentException(f + ": field " + name + ": unknown parameter (one of " + String.join(", ", NAMES) + ")");
            if (!(o.getValue(name) instanceof JsonObject e))
                throw new IllegalArgumentException(f + ": field " + name + ": must be an object {value, unit, since, source}");
            for (String k : e.fieldNames())
                if (!ENTRY_FIELDS.contains(k)) throw new IllegalArgumentException(f + ": field " + name + "." + k + ": unknown (one of value, unit, since, source)");
            String value = text(f, e, name, "value", true);
            if (!DECIMAL.matcher(value).matches())
                throw new IllegalArgumentException(f + ": field " + name + ".value: must be a non-negative decimal string, got '" + value + "'");
            String since = text(f, e, name, "since", false);
            if (since != null && !DATE.matcher(since).matches())
                throw new IllegalArgumentException(f + ": field " + name + ".since: must be a date YYYY-MM-DD, got '" + since + "'");
            out.put(name, new Entry(value, text(f, e, name, "unit", false), since, text(f, e, name, "source", true)));
        }
        return new DaoParams(Collections.unmodifiableMap(out), f);
    }

    private static String text(Path f, JsonObject e, String name, String key, boolean required) {
        Object v = e.getValue(key);
        if (v == null) {
            if (required) throw new IllegalArgumentException(f + ": field " + name + "." + key + ": required");
            return null;
        }
        if (!(v instanceof String s) || s.isBlank())
            throw new IllegalArgumentException(f + ": field " + name + "." + key + ": must be a non-empty string");
        return s;
    }

    private static String firstLine(String m) {
        if (m == null) return "";
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
