package org.neuroracle.forecast.data;

/** A vote's choice in the canonical format. */
public enum Choice {
    FOR, AGAINST, ABSTAIN;

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** Parses the canonical label (for, against, abstain); null when it is none of them. */
    public static Choice parse(String s) {
        if (s == null) return null;
        return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "for" -> FOR;
            case "against" -> AGAINST;
            case "abstain" -> ABSTAIN;
            default -> null;
        };
    }
}
