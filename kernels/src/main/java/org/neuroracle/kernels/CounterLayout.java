package org.neuroracle.kernels;

import java.util.Map;

/**
 * The {@code counters} buffer: per population three 64-bit counters, each a (lo, hi) pair of uint words,
 * so kernels need only 32-bit atomics (a carry out of lo increments hi).
 * <pre>
 * word:  pop*6 + 0   1        2        3        4          5
 *        spikes.lo  spikes.hi synops.lo synops.hi updates.lo updates.hi
 * </pre>
 */
public final class CounterLayout {
    public static final int WORDS_PER_POPULATION = 6;
    public static final int SPIKES = 0;
    public static final int SYNAPTIC_OPS = 2;
    public static final int MEMBRANE_UPDATES = 4;

    private CounterLayout() {}

    /** The 64-bit value of the counter at {@code offset} of population {@code pop} in a read-back buffer. */
    public static long value(int[] words, int pop, int offset) {
        int base = pop * WORDS_PER_POPULATION + offset;
        return (Integer.toUnsignedLong(words[base + 1]) << 32) | Integer.toUnsignedLong(words[base]);
    }

    static Map<String, Integer> clDefines() {
        return Map.of("NR_COUNTER_WORDS", WORDS_PER_POPULATION, "NR_COUNTER_SPIKES", SPIKES,
                "NR_COUNTER_SYNOPS", SYNAPTIC_OPS, "NR_COUNTER_UPDATES", MEMBRANE_UPDATES);
    }
}
