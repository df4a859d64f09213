package org.neuroracle.daoserver.answer;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnswerCodecTest {
    static final byte[] MODEL = new byte[32];
    static {
        for (int i = 0; i < 32; i++) MODEL[i] = (byte) (i + 1);
    }

    static AnswerCodec.Vote vote() {
        return new AnswerCodec.Vote(MODEL, 123, 1_700_000_000, 501_543, 402_616, 175_258, 671_494, 883_268, 860_563, 945_649,
                AnswerCodec.wad(624200.195981), AnswerCodec.wad(502000.5), AnswerCodec.wad(1964639.63206));
    }

    @Test void voteIsFourteenAbiWordsInFieldOrder() {
        byte[] b = AnswerCodec.encode(vote());
        assertEquals(14 * 32, b.length);
        assertEquals(BigInteger.ONE, word(b, 0), "format 1 = vote");
        assertArrayEquals(MODEL, java.util.Arrays.copyOfRange(b, 32, 64));
        assertEquals(BigInteger.valueOf(123), word(b, 2));
        assertEquals(BigInteger.valueOf(402_616), word(b, 5), "pPassPpm");
        assertEquals(new BigInteger("624200195981000000000000"), word(b, 11), "turnout in WAD");
    }

    @Test void voteRoundTrips() {
        AnswerCodec.Vote v = vote();
        AnswerCodec.Vote back = AnswerCodec.decodeVote(AnswerCodec.encode(v));
        assertArrayEquals(v.modelId(), back.modelId());
        assertEquals(v.pPassPpm(), back.pPassPpm());
        assertEquals(v.pPassUpperPpm(), back.pPassUpperPpm());
        assertEquals(v.forShareLowerPpm(), back.forShareLowerPpm());
        assertEquals(v.turnoutUpperWad(), back.turnoutUpperWad());
        assertEquals(v.asOfTime(), back.asOfTime());
    }

    @Test void treasuryRoundTripsWithNegativeBalanceQuantiles() {
        BigInteger[] in = {AnswerCodec.wad(1), AnswerCodec.wad(2), AnswerCodec.wad(3)};
        BigInteger[] out = {AnswerCodec.wad(4), AnswerCodec.wad(5), AnswerCodec.wad(6)};
        BigInteger[] bal = {AnswerCodec.wad(-7.5), AnswerCodec.wad(8), AnswerCodec.wad(9)};
        var t = new AnswerCodec.Treasury(MODEL, 9, 1_700_000_000, 42, true,
                List.of(new AnswerCodec.Horizon(7, in, out, bal), new AnswerCodec.Horizon(30, out, in, bal)));
        var back = AnswerCodec.decodeTreasury(AnswerCodec.encode(t));
        assertEquals(42, back.runwayDays());
        assertTrue(back.hasBalance());
        assertEquals(2, back.horizons().size());
        assertEquals(30, back.horizons().get(1).days());
        assertArrayEquals(bal, back.horizons().get(0).balanceWad());
        assertArrayEquals(out, back.horizons().get(1).inflowWad());
        assertEquals(AnswerCodec.wad(-7.5).signum(), -1);
    }

    @Test void fixedPointConversionsAreExactOnSixDecimals() {
        assertEquals(402_616, AnswerCodec.ppm(0.402616));
        assertEquals(1_000_000, AnswerCodec.ppm(1.0));
        assertEquals(0, AnswerCodec.ppm(0.0));
        assertEquals(new BigInteger("1964639632060000000000000"), AnswerCodec.wad(1964639.63206));
        assertThrows(IllegalArgumentException.class, () -> AnswerCodec.ppm(1.000001));
        assertThrows(IllegalArgumentException.class, () -> AnswerCodec.ppm(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> AnswerCodec.wad(Double.POSITIVE_INFINITY));
    }

    @Test void decodingTheWrongKindFailsNamingTheFormat() {
        byte[] v = AnswerCodec.encode(vote());
        var e = assertThrows(IllegalArgumentException.class, () -> AnswerCodec.decodeTreasury(v));
        assertEquals("output: format 1, expected 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AnswerCodec.format(new byte[5]));
        assertFalse(AnswerCodec.format(v) == AnswerCodec.FORMAT_TREASURY);
    }

    static BigInteger word(byte[] b, int i) { return new BigInteger(1, java.util.Arrays.copyOfRange(b, 32 * i, 32 * i + 32)); }

    @Test void directVoteEncodingEqualsWeb3jsAndOutOfRangeValuesStillFail() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < 5_000; i++) {
            byte[] model = new byte[32];
            for (int k = 0; k < 32; k++) model[k] = (byte) r.nextInt(256);
            long[] p = new long[7];
            for (int k = 0; k < 7; k++) p[k] = r.nextInt(4) == 0 ? (k % 2 == 0 ? 0 : 0xFFFF_FFFFL) : r.nextLong(0, 1_000_001);
            BigInteger[] w = new BigInteger[3];
            for (int k = 0; k < 3; k++) w[k] = r.nextInt(5) == 0 ? BigInteger.ZERO : r.nextInt(5) == 0
                    ? BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE) : new BigInteger(1 + r.nextInt(200), new java.util.Random(i * 3L + k));
            AnswerCodec.Vote v = new AnswerCodec.Vote(model, r.nextBoolean() ? 0 : r.nextLong(0, Long.MAX_VALUE), r.nextLong(0, Long.MAX_VALUE),
                    p[0], p[1], p[2], p[3], p[4], p[5], p[6], w[0], w[1], w[2]);
            assertArrayEquals(AnswerCodec.web3j(v), AnswerCodec.encode(v), "vote " + i);
        }
        byte[] model = new byte[32];
        AnswerCodec.Vote tooLarge = new AnswerCodec.Vote(model, 0, 0, 1L << 32, 0, 0, 0, 0, 0, 0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
        AnswerCodec.Vote negative = new AnswerCodec.Vote(model, -1, 0, 0, 0, 0, 0, 0, 0, 0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
        AnswerCodec.Vote negativeWad = new AnswerCodec.Vote(model, 0, 0, 0, 0, 0, 0, 0, 0, 0, BigInteger.ZERO, BigInteger.ONE.negate(), BigInteger.ZERO);
        for (AnswerCodec.Vote bad : List.of(tooLarge, negative, negativeWad)) {
            assertEquals(null, AnswerCodec.encodeStatic(bad));
            assertThrows(RuntimeException.class, () -> AnswerCodec.encode(bad));
        }
    }

    @Test void fastPpmAndWadEqualTheBigDecimalConversions() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(6);
        for (int i = 0; i < 200_000; i++) {
            double p = r.nextInt(3) == 0 ? r.nextDouble() : r.nextLong(0, 1_000_001) / 1e6;
            assertEquals(java.math.BigDecimal.valueOf(p).setScale(6, java.math.RoundingMode.HALF_EVEN).unscaledValue().longValueExact(), AnswerCodec.ppm(p), "ppm " + p);
            double t = r.nextInt(3) == 0 ? (r.nextDouble() - 0.3) * Math.pow(10, r.nextInt(-3, 14)) : r.nextLong(-1_000_000_000_000_000L, 1_000_000_000_000_000L) / 1e6;
            assertEquals(java.math.BigDecimal.valueOf(t).setScale(6, java.math.RoundingMode.HALF_EVEN).movePointRight(18).toBigIntegerExact(), AnswerCodec.wad(t), "wad " + t);
        }
        assertEquals(BigInteger.ZERO, AnswerCodec.wad(-0.0));
    }
}
