package org.neuroracle.daoserver;

import io.vertx.core.buffer.Buffer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signed forecast answers by request bytes, least recently used evicted. Safe because a forecast is a pure
 * function of (model, input) and the signature is deterministic: a hit returns exactly the bytes a recomputation
 * would. Keyed by the sha256 of the raw body, so only byte-identical requests share an entry.
 *
 * <p>Admission on the second computation: the first answer for a key is not kept, only the key's hash is noted in a
 * small direct-mapped table; the answer computed for the same key again is kept. Why: under traffic of distinct
 * bodies (the normal case for a busy oracle, and the wrk benchmark) every kept answer was a ~3 KB array that lived
 * for a few thousand requests, so each young collection copied up to the whole cache (13-20 MB, 10-21 ms pauses in
 * JFR, every in-flight request delayed by the pause); and one-off bodies evicted the answers of repeated ones. A
 * collision in the table only admits an answer early or late; it never changes which bytes a key answers.
 */
final class AnswerCache {
    record Hit(Buffer body, String modelId, String inputHash, String attestation) {}

    private final int capacity;
    private final Map<String, Hit> map;
    /** Hashes of keys computed once and not kept; 0 is an empty slot. Allocated once, so no garbage per request. */
    private final int[] seenOnce;

    AnswerCache(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<String, Hit> eldest) { return size() > AnswerCache.this.capacity; }
        };
        // Two to four times the answers' capacity (a power of two, at most 4 M slots = 16 MB): a key computed once is
        // remembered at least about as long as an answer is kept.
        this.seenOnce = new int[capacity == 0 ? 0 : Integer.highestOneBit(Math.min(capacity, 1 << 20)) << 2];
    }

    synchronized Hit get(String key) { return capacity == 0 ? null : map.get(key); }

    /** Keeps {@code hit} if {@code key} was computed before (see the class comment); else only notes the key. */
    synchronized void put(String key, Hit hit) {
        if (capacity == 0) return;
        int h = key.hashCode();
        if (h == 0) h = 1;
        int slot = (h ^ (h >>> 16)) & (seenOnce.length - 1);
        if (seenOnce[slot] == h) {
            map.put(key, hit);
        } else {
            seenOnce[slot] = h;
        }
    }

    /** Answers kept now (tests). */
    synchronized int size() { return map.size(); }

    /** Hex sha256 of the body (on the event loop: one digest per thread, no provider lookup per request). */
    static String key(byte[] body) { return org.neuroracle.forecast.model.ModelArtifact.sha256(body); }
}
