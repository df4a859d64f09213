package org.neuroracle.kernels;

import org.neuroracle.snn.backend.BackendException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The program: the hand-written {@code .cl} files of this package concatenated in dependency order, plus the
 * {@code -D} build constants that specialise it for one network class and device.
 */
public final class KernelSource {
    public static final int LAYOUT_VERSION = 2;
    /** What {@code nr_config} writes: layout version, fixed, ring slots, local size, fp64. */
    public static final int CONFIG_WORDS = 5;
    /** The files, in the order they are concatenated. */
    public static final List<String> FILES = List.of("layout.cl", "philox.cl", "spikes.cl", "fixed_lif.cl", "float_models.cl", "step.cl");

    private static volatile String cached;

    private KernelSource() {}

    /** The full program text. */
    public static String text() {
        String s = cached;
        if (s != null) return s;
        StringBuilder b = new StringBuilder();
        for (String f : FILES) b.append("/* ---- ").append(f).append(" ---- */\n").append(resource(f)).append('\n');
        cached = s = b.toString();
        return s;
    }

    public static String resource(String file) {
        try (InputStream in = KernelSource.class.getResourceAsStream(file)) {
            if (in == null) throw new BackendException("kernel source " + file + " is missing from the kernels jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BackendException("cannot read kernel source " + file + ": " + e.getMessage(), e);
        }
    }

    /** Build constants; the cache key and a loaded binary's self-check both use exactly these. */
    public record Config(boolean fixed, int ringSlots, int localSize, boolean fp64) {
        public Config {
            if (Integer.bitCount(ringSlots) != 1) throw new IllegalArgumentException("ring slots must be a power of two, got " + ringSlots);
            if (Integer.bitCount(localSize) != 1) throw new IllegalArgumentException("local size must be a power of two, got " + localSize);
        }

        public String buildOptions() {
            return "-DNR_FIXED=" + (fixed ? 1 : 0) + " -DNR_RING_SLOTS=" + ringSlots + " -DNR_LOCAL_SIZE=" + localSize
                    + " -DNR_HAS_FP64=" + (fp64 ? 1 : 0) + " -cl-std=CL1.2";
        }

        /** The words {@code nr_config} writes when built with these options. */
        public int[] configWords() { return new int[]{LAYOUT_VERSION, fixed ? 1 : 0, ringSlots, localSize, fp64 ? 1 : 0}; }
    }

    static Map<String, Integer> clDefines() { return Map.of("NR_CONFIG_WORDS", CONFIG_WORDS); }
}
