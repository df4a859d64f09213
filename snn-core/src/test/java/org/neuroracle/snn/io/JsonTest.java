package org.neuroracle.snn.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class JsonTest {
    /** 100,000 nested '[' overflowed the recursive reader (a stack trace to the user); now a syntax error with its line. */
    @Test void nestingIsBoundedWithALine() {
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertDoesNotThrow(() -> Json.parse(ok));
        var e = assertThrows(Json.SyntaxException.class, () -> Json.parse("\n\n" + "[".repeat(100_000)));
        assertEquals(3, e.line);
        assertEquals("nested deeper than " + Json.MAX_DEPTH + " objects and arrays", e.getMessage());
        var o = assertThrows(Json.SyntaxException.class, () -> Json.parse("{\"a\":".repeat(Json.MAX_DEPTH + 1) + "1" + "}".repeat(Json.MAX_DEPTH + 1)));
        assertTrue(o.getMessage().startsWith("nested deeper"), o.getMessage());
        // The depth is released on the way out: many siblings at depth 2 are fine.
        assertDoesNotThrow(() -> Json.parse("[" + "[1],".repeat(10_000) + "[1]]"));
    }
}
