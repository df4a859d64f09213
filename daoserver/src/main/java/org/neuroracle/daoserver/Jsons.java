package org.neuroracle.daoserver;

/** Small JSON helpers. */
final class Jsons {
    private Jsons() {}

    /** JSON has no NaN or infinity: a number the source could not give is written as null. */
    static Double finite(double v) { return Double.isFinite(v) ? v : null; }
}
