package org.neuroracle.forecast.data;

import java.math.BigDecimal;

/** Token amounts: wei strings to tokens, and the one canonical text form of a decimal. */
public final class Decimals {
    private Decimals() {}

    /** Parses an amount that may be written as an integer, a decimal ("43.0") or in exponent form ("1e+21"). */
    public static BigDecimal parse(String text) {
        if (text == null || text.isBlank()) throw new NumberFormatException("empty amount");
        return new BigDecimal(text.strip());
    }

    /** Base units (wei) to tokens with the given decimals, exactly. */
    public static BigDecimal fromBaseUnits(String wei, int decimals) {
        return canonical(parse(wei).movePointLeft(decimals));
    }

    /** Plain notation without trailing zeros; zero is "0". */
    public static BigDecimal canonical(BigDecimal x) {
        if (x.signum() == 0) return BigDecimal.ZERO;
        BigDecimal s = x.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    public static String text(BigDecimal x) { return x == null ? "" : canonical(x).toPlainString(); }

    /** An identifier written by pandas as a float ("43.0") back to its integer text ("43"); others unchanged. */
    public static String integerId(String raw) {
        String s = raw.strip();
        if (s.matches("-?\\d+\\.0+")) return s.substring(0, s.indexOf('.'));
        return s;
    }
}
