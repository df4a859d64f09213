package org.neuroracle.snn.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader whose values remember their line, so network-file errors can name file, line and field.
 * (snn-core keeps no third-party dependencies.) Numbers keep their lexeme so integers are read exactly.
 */
public final class Json {
    private Json() {}

    /** A parsed JSON value and the line it starts on. */
    public sealed interface Value permits Obj, Arr, Str, Num, Bool, Null {
        int line();
    }

    public record Obj(Map<String, Value> fields, int line) implements Value {}
    public record Arr(List<Value> items, int line) implements Value {}
    public record Str(String value, int line) implements Value {}
    public record Num(String lexeme, int line) implements Value {
        public double asDouble() { return Double.parseDouble(lexeme); }
    }
    public record Bool(boolean value, int line) implements Value {}
    public record Null(int line) implements Value {}

    /** Syntax error at a line of the text. */
    public static final class SyntaxException extends IllegalArgumentException {
        public final int line;
        SyntaxException(int line, String message) { super(message); this.line = line; }
    }

    public static Value parse(String text) {
        Parser p = new Parser(text);
        p.ws();
        Value v = p.value();
        p.ws();
        if (p.pos < text.length()) throw new SyntaxException(p.line, "unexpected text after the JSON value");
        return v;
    }

    /** Deepest nesting of objects and arrays read: a network file needs a handful; 100,000 '[' overflowed the stack. */
    public static final int MAX_DEPTH = 256;

    private static final class Parser {
        final String s;
        int pos, line = 1, depth;

        Parser(String s) { this.s = s; }

        void ws() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\n') { line++; pos++; }
                else if (c == ' ' || c == '\t' || c == '\r') pos++;
                else break;
            }
        }

        Value value() {
            if (pos >= s.length()) throw new SyntaxException(line, "unexpected end of file");
            char c = s.charAt(pos);
            if ((c == '{' || c == '[') && depth >= MAX_DEPTH) throw new SyntaxException(line, "nested deeper than " + MAX_DEPTH + " objects and arrays");
            if (c == '{' || c == '[') depth++;
            try {
                return valueAt(c);
            } finally {
                if (c == '{' || c == '[') depth--;
            }
        }

        private Value valueAt(char c) {
            int at = line;
            switch (c) {
                case '{' -> {
                    pos++;
                    Map<String, Value> m = new LinkedHashMap<>();
                    ws();
                    if (peek('}')) { pos++; return new Obj(m, at); }
                    while (true) {
                        ws();
                        if (!peek('"')) throw new SyntaxException(line, "expected a quoted field name");
                        String key = string();
                        ws();
                        expect(':');
                        ws();
                        if (m.containsKey(key)) throw new SyntaxException(line, "field '" + key + "' appears twice");
                        m.put(key, value());
                        ws();
                        if (peek(',')) { pos++; continue; }
                        expect('}');
                        return new Obj(m, at);
                    }
                }
                case '[' -> {
                    pos++;
                    List<Value> l = new ArrayList<>();
                    ws();
                    if (peek(']')) { pos++; return new Arr(l, at); }
                    while (true) {
                        ws();
                        l.add(value());
                        ws();
                        if (peek(',')) { pos++; continue; }
                        expect(']');
                        return new Arr(l, at);
                    }
                }
                case '"' -> { return new Str(string(), at); }
                case 't' -> { word("true"); return new Bool(true, at); }
                case 'f' -> { word("false"); return new Bool(false, at); }
                case 'n' -> { word("null"); return new Null(at); }
                default -> {
                    int start = pos;
                    while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) pos++;
                    String lex = s.substring(start, pos);
                    if (lex.isEmpty()) throw new SyntaxException(line, "unexpected character '" + c + "'");
                    try {
                        Double.parseDouble(lex);
                    } catch (NumberFormatException e) {
                        throw new SyntaxException(line, "malformed number '" + lex + "'");
                    }
                    return new Num(lex, at);
                }
            }
        }

        boolean peek(char c) { return pos < s.length() && s.charAt(pos) == c; }

        void expect(char c) {
            if (!peek(c)) throw new SyntaxException(line, "expected '" + c + "'" + (pos < s.length() ? " but found '" + s.charAt(pos) + "'" : " but the file ended"));
            pos++;
        }

        void word(String w) {
            if (!s.startsWith(w, pos)) throw new SyntaxException(line, "unexpected token; expected " + w);
            pos += w.length();
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos >= s.length()) throw new SyntaxException(line, "unterminated string");
                char c = s.charAt(pos++);
                if (c == '"') return b.toString();
                if (c == '\n') throw new SyntaxException(line, "line break inside a string");
                if (c != '\\') { b.append(c); continue; }
                if (pos >= s.length()) throw new SyntaxException(line, "unterminated escape");
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) throw new SyntaxException(line, "short \\u escape");
                        b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> b.append(e);
                }
            }
        }
    }

    /** JSON string literal for writing. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> { if (c < 0x20) b.append(String.format("\\u%04x", (int) c)); else b.append(c); }
            }
        }
        return b.append('"').toString();
    }
}
