package org.neuroracle.forecast.service;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The fast six-decimal rounding gives BigDecimal's bits and text for every double tried, ties and limits included. */
class SixDecimalsTest {
    static void same(double x) {
        BigDecimal b = new BigDecimal(x).setScale(6, RoundingMode.HALF_EVEN);
        assertEquals(Double.doubleToRawLongBits(b.doubleValue()), Double.doubleToRawLongBits(SixDecimals.double6(x)), "double6(" + x + ")");
        assertEquals(b.toPlainString(), SixDecimals.text6(x), "text6(" + x + ")");
        long u = SixDecimals.unitsOfSixDecimalValue(x);
        if (u != Long.MIN_VALUE) assertEquals(BigDecimal.valueOf(x).setScale(6, RoundingMode.HALF_EVEN).unscaledValue().longValueExact(), u, "units(" + x + ")");
    }

    @Test void equalsBigDecimalOnRandomDoublesOfEveryScale() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 400_000; i++) {
            double scale = Math.pow(10, r.nextInt(-12, 12));
            same((r.nextDouble() * 2 - 1) * scale);
        }
        for (int i = 0; i < 100_000; i++) {
            double x = Double.longBitsToDouble(r.nextLong()); // any bits; NaN and infinities are tested below
            if (Double.isFinite(x)) same(x);
        }
    }

    @Test void tiesGoToTheEvenSixthDecimal() {
        SplittableRandom r = new SplittableRandom(12);
        // t / 2^7 with t odd is exactly half way between two multiples of 1e-6 (t * 7812.5 millionths).
        for (int i = 0; i < 100_000; i++) {
            long t = 2 * r.nextLong(0, 1L << 40) + 1;
            same(t / 128.0);
            same(-t / 128.0);
        }
        for (int e = 0; e < 40; e++) for (int t = -50; t <= 50; t++) same(t / Math.pow(2, e));
        assertEquals("0.007812", SixDecimals.text6(1 / 128.0)); // 7812.5 -> even
        assertEquals("0.023438", SixDecimals.text6(3 / 128.0)); // 23437.5 -> even
    }

    @Test void valuesAlreadyRoundedAndEdgesOfTheFastRange() {
        SplittableRandom r = new SplittableRandom(13);
        for (int i = 0; i < 200_000; i++) {
            long k = r.nextLong(-1_000_000_000_000_000L, 1_000_000_000_000_000L);
            double x = BigDecimal.valueOf(k, 6).doubleValue();
            same(x);
            if (Math.abs(x) < SixDecimals.FAST_LIMIT) assertEquals(k, SixDecimals.unitsOfSixDecimalValue(x), "k " + k);
        }
        for (double x : new double[]{0.0, -0.0, 1e-7, -1e-7, 5e-7, -5e-7, 4.9999999e-7, 1, -1, 0.5, 0.9999995, 999_999_999.9999995,
                Math.nextDown(SixDecimals.FAST_LIMIT), SixDecimals.FAST_LIMIT, -SixDecimals.FAST_LIMIT, 1e300, Double.MIN_VALUE, -Double.MIN_VALUE})
            same(x);
        assertEquals("0.000000", SixDecimals.text6(-1e-9));
        assertEquals(Long.MIN_VALUE, SixDecimals.unitsOfSixDecimalValue(0.1234567));
        assertThrows(NumberFormatException.class, () -> SixDecimals.double6(Double.NaN));
        assertThrows(NumberFormatException.class, () -> SixDecimals.text6(Double.POSITIVE_INFINITY));
    }
}
