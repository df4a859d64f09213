package org.neuroracle.hw;

/**
 * Where a number comes from, strongest first: measured on silicon, simulated (pre-silicon), a vendor specification,
 * or derived by arithmetic from other quoted figures. A result carries the weakest kind among its inputs.
 */
public enum Kind {
    MEASURED, SIMULATED, VENDOR, DERIVED;

    public String label() { return name().toLowerCase(); }

    public static Kind parse(String s) { return valueOf(s.toUpperCase()); }

    /** The weaker of two kinds (a null side is ignored). */
    public static Kind weakest(Kind a, Kind b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
