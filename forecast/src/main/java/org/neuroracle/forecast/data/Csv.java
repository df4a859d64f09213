package org.neuroracle.forecast.data;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reading CSV with headers through Commons CSV (quoted multi-line fields included) so that every value can be
 * reported with the file and the line it started on.
 */
public final class Csv {
    private Csv() {}

    /** One record with its source position; {@link #get} fails with file:line:field when a column is missing. */
    public record Row(String file, long line, CSVRecord record) {
        public String get(String column) {
            if (!record.isMapped(column)) throw new DataException(file, line, "missing column '" + column + "'");
            return record.isSet(column) ? record.get(column).strip() : "";
        }

        /** The first present, non-empty value among alternative column names, or "" when none. */
        public String first(String... columns) {
            for (String c : columns) if (record.isMapped(c) && record.isSet(c) && !record.get(c).isBlank()) return record.get(c).strip();
            return "";
        }

        public boolean has(String column) { return record.isMapped(column); }

        public DataException error(String column, String message) {
            return new DataException(file, line, (column == null ? "" : column + ": ") + message);
        }

        public long longValue(String column) {
            String v = get(column);
            try { return parseLong(v); } catch (NumberFormatException e) { throw error(column, "'" + v + "' is not a number"); }
        }
    }

    /** Integer text, tolerating pandas' "12235672.0". */
    public static long parseLong(String v) {
        String s = v.strip();
        if (s.matches("-?\\d+\\.0*")) s = s.substring(0, s.indexOf('.'));
        if (s.matches("-?\\d+(\\.\\d+)?[eE][+-]?\\d+")) return new java.math.BigDecimal(s).longValueExact();
        return Long.parseLong(s);
    }

    public static void read(Path file, char delimiter, Consumer<Row> each) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) throw new DataException(name + ": no such file");
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read(name, r, delimiter, each);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    public static void read(String name, Reader reader, char delimiter, Consumer<Row> each) {
        CSVFormat fmt = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
        try (CSVParser p = CSVParser.parse(reader, fmt)) {
            if (p.getHeaderMap() == null || p.getHeaderMap().isEmpty()) throw new DataException(name, 1, "empty file: no header");
            var it = p.iterator();
            while (true) {
                // The record starts on the line after the last one the parser finished (the header is line 1).
                long startLine = p.getCurrentLineNumber() + 1;
                if (!it.hasNext()) break;
                CSVRecord rec = it.next();
                each.accept(new Row(name, startLine, rec));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataException(name + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new DataException(name + ": malformed CSV: " + e.getMessage(), e);
        }
    }

    public static List<String> header(Path file, char delimiter) {
        List<String> out = new ArrayList<>();
        read(file, delimiter, r -> { if (out.isEmpty()) out.addAll(r.record().getParser().getHeaderNames()); });
        return out;
    }
}
