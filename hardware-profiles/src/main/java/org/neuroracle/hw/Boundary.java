package org.neuroracle.hw;

/**
 * What an energy or power figure covers, narrowest first. Per-operation core figures and whole-system figures
 * differ by about 1000x, so every energy number says which one it is. {@code OUTLET} is wall power (power supply
 * losses included).
 */
public enum Boundary {
    CORE, CHIP, BOARD, SYSTEM, OUTLET;

    public String label() { return name().toLowerCase(); }

    public static Boundary parse(String s) { return valueOf(s.toUpperCase()); }

    /** The wider of two boundaries (a null side is ignored): a sum of figures covers the widest of them. */
    public static Boundary widest(Boundary a, Boundary b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
