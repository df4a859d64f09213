package org.neuroracle.forecast.service;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A double rounded half-even to 6 decimals, exactly as {@code new BigDecimal(x).setScale(6, HALF_EVEN)} rounds it
 * (from the exact binary value, so the text is a function of the bits), without building that BigDecimal: a forecast
 * rounds about twenty values and BigDecimal's 50-digit expansion of each was 4% of a forecast's CPU.
 * <p>Why it is exact: for |x| < 1e9 the candidate k = round(x * 1e6) is within one of the answer, and whether the
 * exact product x * 10^6 lies above or below k +- 1/2 is the sign of {@code fma(x, 2e6, -(2k +- 1))}: fma rounds
 * the exact x * 2e6 - (2k +- 1) once, and rounding never changes a sign or makes a non-zero value zero here
 * (every term is a multiple of x's ulp, far above the smallest subnormal). Ties (a zero) go to the even k.
 * Outside that range, and for NaN or infinities, the BigDecimal path runs (and throws as it always did).
 * {@link #double6} is k / 1e6, a correctly rounded division, which is what BigDecimal's doubleValue gives too.
 */
public final class SixDecimals {
    private SixDecimals() {}

    /** Beyond this the BigDecimal path runs: below it, k and 2k +- 1 are exact in a double (|k| < 2^50). */
    static final double FAST_LIMIT = 1e9;

    /** x * 10^6 rounded half-even to an integer, exactly; only for |x| < {@link #FAST_LIMIT}. */
    static long units(double x) {
        long k = Math.round(x * 1e6);
        for (int tries = 0; tries < 4; tries++) {
            double above = Math.fma(x, 2e6, -(2.0 * k + 1)); // sign of x*1e6 - (k + 1/2)
            double below = Math.fma(x, 2e6, -(2.0 * k - 1)); // sign of x*1e6 - (k - 1/2)
            if (above > 0) { k++; continue; }
            if (below < 0) { k--; continue; }
            if (above == 0) return (k & 1) == 0 ? k : k + 1;
            if (below == 0) return (k & 1) == 0 ? k : k - 1;
            return k;
        }
        throw new IllegalStateException("six-decimal rounding of " + x + " did not settle"); // cannot happen below FAST_LIMIT
    }

    static boolean fast(double x) { return Math.abs(x) < FAST_LIMIT; } // false for NaN

    /** {@code new BigDecimal(x).setScale(6, HALF_EVEN).doubleValue()}. */
    public static double double6(double x) {
        if (!fast(x)) return new BigDecimal(x).setScale(6, RoundingMode.HALF_EVEN).doubleValue();
        return units(x) / 1e6;
    }

    /** {@code new BigDecimal(x).setScale(6, HALF_EVEN).toPlainString()}. */
    public static String text6(double x) {
        if (!fast(x)) return new BigDecimal(x).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        long k = units(x);
        StringBuilder sb = new StringBuilder(24);
        if (k < 0) { sb.append('-'); k = -k; }
        sb.append(k / 1_000_000).append('.');
        String frac = Long.toString(k % 1_000_000);
        for (int i = frac.length(); i < 6; i++) sb.append('0');
        return sb.append(frac).toString();
    }

    /**
     * {@code BigDecimal.valueOf(x).setScale(6, HALF_EVEN).unscaledValue()} as a long, when x is already a
     * six-decimal value (the double nearest some k / 10^6: then {@code Double.toString(x)} is that decimal, because
     * no other multiple of 10^-6 lies within x's rounding interval, so the shortest decimal in it is k / 10^6);
     * {@code Long.MIN_VALUE} otherwise (the caller takes the BigDecimal path).
     */
    public static long unitsOfSixDecimalValue(double x) {
        if (!fast(x)) return Long.MIN_VALUE;
        long k = units(x);
        return k / 1e6 == x ? k : Long.MIN_VALUE;
    }
}
