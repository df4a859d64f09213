package org.neuroracle.forecast.data;

/** A proposal's outcome in the canonical format. */
public enum Outcome {
    PASSED, DEFEATED, CANCELLED, PENDING;

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Outcome parse(String s) {
        if (s == null) return null;
        return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "passed" -> PASSED;
            case "defeated" -> DEFEATED;
            case "cancelled" -> CANCELLED;
            case "pending" -> PENDING;
            default -> null;
        };
    }

    /** Whether the outcome is a final pass/fail label usable for training and scoring. */
    public boolean decided() { return this == PASSED || this == DEFEATED; }
}
