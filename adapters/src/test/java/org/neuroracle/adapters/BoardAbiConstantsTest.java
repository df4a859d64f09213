package org.neuroracle.adapters;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** Every #define of neuroracle_board.h has a BoardLibrary constant of the same name (without NRB_) and value, and back. */
class BoardAbiConstantsTest {
    private static final Pattern DEFINE = Pattern.compile("^#define\\s+NRB_(\\w+)\\s+(\\(1 << (\\d+)\\)|-?\\d+)", Pattern.MULTILINE);

    static Map<String, Integer> header(String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Matcher m = DEFINE.matcher(text);
        while (m.find()) out.put(m.group(1), m.group(3) != null ? 1 << Integer.parseInt(m.group(3)) : Integer.parseInt(m.group(2)));
        return out;
    }

    static Map<String, Integer> java() throws IllegalAccessException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Field f : BoardLibrary.class.getFields())
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) out.put(f.getName(), f.getInt(null));
        return out;
    }

    @Test void javaConstantsEqualTheHeader() throws Exception {
        Map<String, Integer> h = header(Files.readString(Path.of("board-abi/neuroracle_board.h")));
        assertTrue(h.size() >= 25, "parsed only " + h.keySet());
        Map<String, Integer> j = java();
        for (var e : h.entrySet()) assertEquals(e.getValue(), j.get(e.getKey()), "NRB_" + e.getKey() + " in the header vs BoardLibrary." + e.getKey());
        for (var e : j.entrySet()) assertTrue(h.containsKey(e.getKey()), "BoardLibrary." + e.getKey() + " has no NRB_" + e.getKey() + " in the header");
    }

    @Test void aDriftedConstantIsNoticed() {
        Map<String, Integer> h = header("#define NRB_E_STATE         -7  /* drifted */\n#define NRB_FEATURE_DELAYS (1 << 3)\n");
        assertEquals(Map.of("E_STATE", -7, "FEATURE_DELAYS", 8), h);
        assertNotEquals(h.get("E_STATE"), BoardLibrary.E_STATE);
    }
}
