package org.neuroracle.hw;

import java.util.Locale;

/** Number formatting for reports: engineering prefixes for joules and watts, plain numbers otherwise. */
public final class Units {
    private Units() {}

    private static final String[] PREFIX = {"f", "p", "n", "u", "m", "", "k", "M", "G"};

    /** e.g. {@code 1.23 uJ}; {@code unknown} for NaN. */
    public static String si(double value, String unit) {
        if (Double.isNaN(value)) return "unknown";
        if (value == 0) return "0 " + unit;
        int e = (int) Math.floor(Math.log10(Math.abs(value)) / 3);
        e = Math.max(-5, Math.min(3, e));
        double scaled = value / Math.pow(1000, e);
        return String.format(Locale.ROOT, "%.3g %s%s", scaled, PREFIX[e + 5], unit);
    }

    /** A number without a trailing {@code .0}. */
    public static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%s", v);
    }
}
