package org.neuroracle.snn.backend;

import java.util.Map;

/**
 * Compile options shared by all backends. {@code threads}: host threads (cpu backend; 0 = choose);
 * {@code device}: device name or index (opencl); {@code extra}: backend-specific settings
 * (e.g. {@code program-binary}, {@code lib}, {@code config}).
 */
public record Options(int threads, String device, Map<String, String> extra) {
    public Options {
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public static Options defaults() { return new Options(0, null, Map.of()); }

    public Options withThreads(int t) { return new Options(t, device, extra); }

    public Options withDevice(String d) { return new Options(threads, d, extra); }

    public String extra(String key, String fallback) { return extra.getOrDefault(key, fallback); }
}
