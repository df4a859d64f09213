package org.neuroracle.hw;

import java.util.Map;

/**
 * One number of a profile: {@code value} in {@code unit}, its {@link Kind}, its source (for derived numbers the
 * derivation), optionally the {@link Boundary} it covers and whether it is a bound. {@code path} is the field
 * path in the profile (e.g. {@code energy.per_synaptic_op}); {@code line} the YAML line it was read from.
 */
public record Quantity(String path, double value, String unit, Kind kind, String source, Boundary boundary,
                       Bound bound, int line) {
    public enum Bound {
        EXACT, UPPER, LOWER;

        public String label() { return name().toLowerCase(); }
    }

    /** Factors to the base unit of each dimension: J, W, s, bit, B, B/s, count, x, 1/s. */
    private static final Map<String, Double> TO_BASE = Map.ofEntries(
            Map.entry("fJ", 1e-15), Map.entry("pJ", 1e-12), Map.entry("nJ", 1e-9), Map.entry("uJ", 1e-6),
            Map.entry("mJ", 1e-3), Map.entry("J", 1.0),
            Map.entry("uW", 1e-6), Map.entry("mW", 1e-3), Map.entry("W", 1.0), Map.entry("kW", 1e3),
            Map.entry("ns", 1e-9), Map.entry("us", 1e-6), Map.entry("ms", 1e-3), Map.entry("s", 1.0),
            Map.entry("bit", 1.0), Map.entry("kbit", 1e3), Map.entry("Mbit", 1e6),
            Map.entry("B", 1.0), Map.entry("kB", 1e3), Map.entry("MB", 1e6), Map.entry("GB", 1e9),
            Map.entry("KiB", 1024.0), Map.entry("MiB", 1024.0 * 1024), Map.entry("GiB", 1024.0 * 1024 * 1024),
            Map.entry("B/s", 1.0), Map.entry("MB/s", 1e6), Map.entry("GB/s", 1e9), Map.entry("TB/s", 1e12),
            Map.entry("count", 1.0), Map.entry("x", 1.0), Map.entry("1/s", 1.0));

    public static boolean knownUnit(String unit) { return TO_BASE.containsKey(unit); }

    /** The value in the base unit of its dimension (joules, watts, seconds, bits, bytes, counts). */
    public double base() {
        Double f = TO_BASE.get(unit);
        if (f == null) throw new IllegalStateException(path + ": unknown unit '" + unit + "'");
        return value * f;
    }

    /** Integer value for counts and bit widths. */
    public long asLong() { return Math.round(base()); }

    /** e.g. {@code 23.6 pJ (simulated, core, lower bound)}. */
    public String describe() {
        StringBuilder s = new StringBuilder(Units.plain(value)).append(' ').append("count".equals(unit) ? "" : unit);
        if ("count".equals(unit)) s.setLength(s.length() - 1);
        s.append(" (").append(kind.label());
        if (boundary != null) s.append(", ").append(boundary.label());
        if (bound != Bound.EXACT) s.append(", ").append(bound.label()).append(" bound");
        return s.append(')').toString();
    }
}
