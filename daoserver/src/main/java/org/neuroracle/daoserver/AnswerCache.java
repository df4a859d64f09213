package org.neuroracle.daoserver;

import io.vertx.core.buffer.Buffer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signed forecast answers by request bytes, least recently used evicted. Safe because a forecast is a pure
 * function of (model, input) and the signature is deterministic: a hit returns exactly the bytes a recomputation
 * would. Keyed by the sha256 of the raw body, so only byte-identical requests share an entry.
 */
final class AnswerCache {
    record Hit(Buffer body, String modelId, String inputHash, String attestation) {}

    private final int capacity;
    private final Map<String, Hit> map;

    AnswerCache(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<String, Hit> eldest) { return size() > AnswerCache.this.capacity; }
        };
    }

    synchronized Hit get(String key) { return capacity == 0 ? null : map.get(key); }

    synchronized void put(String key, Hit hit) { if (capacity > 0) map.put(key, hit); }

    /** Hex sha256 of the body (on the event loop: one digest per thread, no provider lookup per request). */
    static String key(byte[] body) { return org.neuroracle.forecast.model.ModelArtifact.sha256(body); }
}
