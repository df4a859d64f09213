package org.neuroracle.kernels;

import java.util.Map;

/**
 * The {@code drives} buffer: background Poisson inputs and step currents of every population, 8 ints each,
 * grouped by population (a population's entries are [driveBase, driveBase + driveCount)) in network order.
 * <pre>
 * +0 kind (0 background, 1 current)  +1 channel  +2 Philox stream  +3 CDF table offset  +4 table length
 * +5 weight bits (fixed: int; float: IEEE-754 bits)  +6 from step  +7 to step (exclusive; currents only)
 * </pre>
 * Background tables live in the {@code tables} buffer (uint CDF thresholds of PoissonTable).
 */
public final class DriveLayout {
    public static final int STRIDE = 8;
    public static final int KIND = 0, CHANNEL = 1, STREAM = 2, TABLE_OFFSET = 3, TABLE_LENGTH = 4, WEIGHT_BITS = 5,
            FROM_STEP = 6, TO_STEP = 7;
    public static final int BACKGROUND = 0, CURRENT = 1;

    private DriveLayout() {}

    static Map<String, Integer> clDefines() {
        return Map.ofEntries(Map.entry("NR_DRIVE_STRIDE", STRIDE), Map.entry("NR_DRIVE_KIND", KIND),
                Map.entry("NR_DRIVE_CHANNEL", CHANNEL), Map.entry("NR_DRIVE_STREAM", STREAM),
                Map.entry("NR_DRIVE_TABLE_OFFSET", TABLE_OFFSET), Map.entry("NR_DRIVE_TABLE_LENGTH", TABLE_LENGTH),
                Map.entry("NR_DRIVE_WEIGHT_BITS", WEIGHT_BITS), Map.entry("NR_DRIVE_FROM_STEP", FROM_STEP),
                Map.entry("NR_DRIVE_TO_STEP", TO_STEP), Map.entry("NR_DRIVE_BACKGROUND", BACKGROUND),
                Map.entry("NR_DRIVE_CURRENT", CURRENT));
    }
}
