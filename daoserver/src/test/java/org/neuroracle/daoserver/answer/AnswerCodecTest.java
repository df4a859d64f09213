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
}
