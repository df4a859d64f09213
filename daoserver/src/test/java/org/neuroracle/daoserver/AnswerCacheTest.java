package org.neuroracle.daoserver;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Admission on the second computation: one-off bodies are not kept and cannot evict the answers of repeated ones. */
class AnswerCacheTest {
    private static AnswerCache.Hit hit(String s) { return new AnswerCache.Hit(Buffer.buffer(s), "m", "i", "a"); }

    @Test void anAnswerIsKeptFromItsSecondComputationOn() {
        AnswerCache c = new AnswerCache(4);
        AnswerCache.Hit first = hit("one"), second = hit("one");
        c.put("vote:k1", first);
        assertNull(c.get("vote:k1"), "computed once: only noted");
        c.put("vote:k1", second);
        assertSame(second, c.get("vote:k1"), "computed twice: kept");
        assertEquals(1, c.size());
    }

    @Test void distinctBodiesDoNotEvictARepeatedOne() {
        AnswerCache c = new AnswerCache(4);
        AnswerCache.Hit hot = hit("hot");
        c.put("vote:hot", hot);
        c.put("vote:hot", hot);
        for (int i = 0; i < 10_000; i++) c.put("vote:once-" + i, hit("x"));
        assertSame(hot, c.get("vote:hot"), "10,000 one-off bodies went by a 4-answer cache");
        assertEquals(1, c.size(), "no one-off answer is kept");
    }

    @Test void theLruBoundStillHoldsForRepeatedBodies() {
        AnswerCache c = new AnswerCache(4);
        for (int i = 0; i < 10; i++) for (int k = 0; k < 2; k++) c.put("vote:r" + i, hit("r" + i));
        assertEquals(4, c.size());
        assertNull(c.get("vote:r0"), "least recently used evicted");
        assertEquals("r9", c.get("vote:r9").body().toString());
    }

    @Test void capacityZeroKeepsNothing() {
        AnswerCache c = new AnswerCache(0);
        for (int k = 0; k < 3; k++) c.put("vote:a", hit("a"));
        assertNull(c.get("vote:a"));
        assertEquals(0, c.size());
    }
}
