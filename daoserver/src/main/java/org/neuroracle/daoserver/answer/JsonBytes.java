package org.neuroracle.daoserver.answer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code JsonObject.toBuffer()}'s bytes for the JSON trees a forecast answer is made of (objects, arrays, strings,
 * integers, doubles, booleans, nulls), written straight to the generator of Vert.x's own object mapper (same factory,
 * same features, so the same escaping and number text) instead of through databind's serializer lookup per value.
 * Any other value (a byte[], an Instant, a POJO) hands the whole tree to {@code toBuffer()}. Tested equal to it.
 */
public final class JsonBytes {
    private JsonBytes() {}

    private static final JsonFactory FACTORY = DatabindCodec.mapper().getFactory();

    /** Not a tree this writer knows: the caller falls back. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() { super(null, null, false, false); }
    }

    public static Buffer of(JsonObject o) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(FACTORY._getBufferRecycler(), 4096)) {
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                object(g, o.getMap());
            }
            return Buffer.buffer(out.toByteArray());
        } catch (Unsupported e) {
            return o.toBuffer();
        } catch (IOException e) {
            throw new IllegalStateException("answer JSON: " + e.getMessage(), e);
        }
    }

    private static void object(JsonGenerator g, Map<String, Object> m) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            g.writeFieldName(e.getKey());
            value(g, e.getValue());
        }
        g.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    private static void value(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Double d -> g.writeNumber(d.doubleValue());
            case Long l -> g.writeNumber(l.longValue());
            case Integer i -> g.writeNumber(i.intValue());
            case Boolean b -> g.writeBoolean(b);
            case JsonObject o -> object(g, o.getMap());
            case JsonArray a -> array(g, a.getList());
            default -> throw new Unsupported();
        }
    }

    private static void array(JsonGenerator g, List<Object> l) throws IOException {
        g.writeStartArray();
        for (Object x : l) value(g, x);
        g.writeEndArray();
    }
}
