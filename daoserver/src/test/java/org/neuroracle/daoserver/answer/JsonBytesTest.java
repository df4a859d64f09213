package org.neuroracle.daoserver.answer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The direct writer gives toBuffer()'s bytes for every tree shape an answer uses, and falls back for any other. */
class JsonBytesTest {
    static final String[] STRINGS = {"", "plain", "quote \" and \\ backslash", "tab\tnewline\ncontrol\u0001\u001f", "é ünïcödé ✓ 中文",
            "emoji \uD83D\uDE00", "lone surrogate \uD800 end", "</script>", "0x5eed", "\u2028\u2029"};
    static final double[] DOUBLES = {0.0, -0.0, 1.0, -1.5, 1e-7, 1.2345678901234567e-300, 1e21, 1e22, 123456789.123456,
            Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1 + 0.2};

    static Object value(SplittableRandom r, int depth) {
        return switch (r.nextInt(depth > 3 ? 6 : 8)) {
            case 0 -> null;
            case 1 -> r.nextBoolean() ? STRINGS[r.nextInt(STRINGS.length)] : "s" + r.nextLong();
            case 2 -> r.nextBoolean() ? DOUBLES[r.nextInt(DOUBLES.length)] : r.nextDouble() * Math.pow(10, r.nextInt(-20, 20));
            case 3 -> r.nextBoolean() ? r.nextLong() : (long) r.nextInt(-5, 5);
            case 4 -> r.nextInt();
            case 5 -> r.nextBoolean();
            case 6 -> object(r, depth + 1);
            default -> { JsonArray a = new JsonArray(); for (int i = r.nextInt(5); i > 0; i--) a.add(value(r, depth + 1)); yield a; }
        };
    }

    static JsonObject object(SplittableRandom r, int depth) {
        JsonObject o = new JsonObject();
        for (int i = r.nextInt(6); i > 0; i--) o.put(r.nextInt(4) == 0 ? STRINGS[r.nextInt(STRINGS.length)] : "k" + i, value(r, depth));
        return o;
    }

    @Test void writesToBuffersBytesForRandomTrees() {
        SplittableRandom r = new SplittableRandom(21);
        for (int i = 0; i < 20_000; i++) {
            JsonObject o = object(r, 0);
            assertEquals(o.toBuffer(), JsonBytes.of(o), o::encode);
        }
        JsonObject withList = new JsonObject().put("missing", new JsonArray(List.of("a", "b"))).put("n", 3);
        assertEquals(withList.toBuffer(), JsonBytes.of(withList));
    }

    @Test void otherValuesFallBackToToBuffer() {
        JsonObject o = new JsonObject().put("bytes", new byte[]{1, 2, 3}).put("instant", java.time.Instant.ofEpochSecond(5))
                .put("float", 1.5f).put("map", new java.util.LinkedHashMap<>(java.util.Map.of("a", 1)));
        assertEquals(o.toBuffer(), JsonBytes.of(o));
    }
}
