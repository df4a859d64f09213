package org.neuroracle.kernels;

import java.util.Map;

/**
 * The spike record buffer, filled on the device and read back in batches: entry r is three ints
 * <pre>
 * record[3r + 0] = step   record[3r + 1] = population   record[3r + 2] = neuron (index within population)
 * </pre>
 * {@code recordCount[0]} is the number of entries; the host reads both and zeroes the count after each batch.
 * Entries are unordered (work-items append with atomics); the host sorts them into canonical order.
 */
public final class RecordLayout {
    public static final int STRIDE = 3;

    private RecordLayout() {}

    static Map<String, Integer> clDefines() { return Map.of("NR_RECORD_STRIDE", STRIDE); }
}
