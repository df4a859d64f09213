package org.neuroracle.daoserver.answer;

import org.neuroracle.forecast.service.SixDecimals;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.utils.Numeric;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The output bytes nodes attest and the HTTP API returns: an ABI encoding a contract decodes with
 * {@code NeuroracleAnswer.sol}, written and read with web3j's ABI encoder. Fixed point: probabilities and shares in
 * parts per million, token amounts as WAD (amount x 1e18), times in unix seconds.
 * <pre>
 * vote:     abi.encode(uint16 format=1, bytes32 modelId, uint64 asOfBlock, uint64 asOfTime, uint32 elapsedPpm,
 *                      uint32 pPassPpm, uint32 pPassLowerPpm, uint32 pPassUpperPpm,
 *                      uint32 forSharePpm, uint32 forShareLowerPpm, uint32 forShareUpperPpm,
 *                      uint256 turnoutWad, uint256 turnoutLowerWad, uint256 turnoutUpperWad)          448 bytes
 * treasury: abi.encode(uint16 format=2, bytes32 modelId, uint64 asOfBlock, uint64 lastDayTime, uint32 runwayDays,
 *                      bool hasBalance, uint32[] horizonsDays,
 *                      int256[] quantilesWad)   9 per horizon: inflow p10,p50,p90, outflow p10..p90, balance p10..p90
 * </pre>
 * The forecasts are rounded to 6 decimals before they arrive here, so ppm and WAD are exact conversions of them.
 * {@code asOfBlock} is the block the nodes read, 0 when the input names no block (explicit input, HTTP).
 * {@code runwayDays} is floored; {@link #NO_RUNWAY} means no net burn or no balance.
 */
public final class AnswerCodec {
    private AnswerCodec() {}

    public static final int FORMAT_VOTE = 1;
    public static final int FORMAT_TREASURY = 2;
    public static final long NO_RUNWAY = 0xFFFF_FFFFL;
    private static final int QUANTILES_PER_HORIZON = 9;
    /** 10^12: a millionth of a token in WAD (10^18 per token). */
    private static final BigInteger MICRO_TO_WAD = BigInteger.TEN.pow(12);

    public record Vote(byte[] modelId, long asOfBlock, long asOfTime, long elapsedPpm, long pPassPpm, long pPassLowerPpm,
                       long pPassUpperPpm, long forSharePpm, long forShareLowerPpm, long forShareUpperPpm,
                       BigInteger turnoutWad, BigInteger turnoutLowerWad, BigInteger turnoutUpperWad) {}

    /** One horizon's quantiles (p10, p50, p90) in WAD; balance is all zero when the series has no balance. */
    public record Horizon(long days, BigInteger[] inflowWad, BigInteger[] outflowWad, BigInteger[] balanceWad) {}

    public record Treasury(byte[] modelId, long asOfBlock, long lastDayTime, long runwayDays, boolean hasBalance,
                           List<Horizon> horizons) {}

    // ---- conversions from the forecast's 6-decimal doubles

    /** A probability or share in [0, 1] to parts per million (exact for a 6-decimal value). */
    public static long ppm(double x) {
        if (!Double.isFinite(x) || x < 0 || x > 1) throw new IllegalArgumentException("probability: must be in [0, 1], got " + x);
        long k = SixDecimals.unitsOfSixDecimalValue(x); // the forecasts' values: no BigDecimal needed
        return k != Long.MIN_VALUE ? k : BigDecimal.valueOf(x).setScale(6, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    /** A token amount to WAD (x 1e18), rounded to the forecast's 6 decimals first. */
    public static BigInteger wad(double tokens) {
        if (!Double.isFinite(tokens)) throw new IllegalArgumentException("amount: must be finite, got " + tokens);
        long k = SixDecimals.unitsOfSixDecimalValue(tokens);
        if (k != Long.MIN_VALUE) return BigInteger.valueOf(k).multiply(MICRO_TO_WAD);
        return BigDecimal.valueOf(tokens).setScale(6, RoundingMode.HALF_EVEN).movePointRight(18).toBigIntegerExact();
    }

    // ---- vote

    public static byte[] encode(Vote v) {
        byte[] direct = encodeStatic(v);
        return direct != null ? direct : web3j(v);
    }

    /** The web3j encoder's bytes (the reference {@link #encode(Vote)} is tested against; it also throws for values out of range). */
    static byte[] web3j(Vote v) {
        return bytes(FunctionEncoder.encodeConstructor(List.of(new Uint16(FORMAT_VOTE), new Bytes32(v.modelId()),
                new Uint64(v.asOfBlock()), new Uint64(v.asOfTime()), new Uint32(v.elapsedPpm()),
                new Uint32(v.pPassPpm()), new Uint32(v.pPassLowerPpm()), new Uint32(v.pPassUpperPpm()),
                new Uint32(v.forSharePpm()), new Uint32(v.forShareLowerPpm()), new Uint32(v.forShareUpperPpm()),
                new Uint256(v.turnoutWad()), new Uint256(v.turnoutLowerWad()), new Uint256(v.turnoutUpperWad()))));
    }

    /**
     * The vote answer is 14 static ABI words, each value big-endian in 32 bytes: written directly, since web3j's
     * encoder builds a type object per field and a hex string of the whole (4% of a forecast's CPU). Null when a
     * value is outside its type (web3j then throws its own error).
     */
    static byte[] encodeStatic(Vote v) {
        if (v.modelId() == null || v.modelId().length != 32) return null;
        long[] small = {FORMAT_VOTE, v.asOfBlock(), v.asOfTime(), v.elapsedPpm(), v.pPassPpm(), v.pPassLowerPpm(), v.pPassUpperPpm(),
                v.forSharePpm(), v.forShareLowerPpm(), v.forShareUpperPpm()};
        int[] bits = {16, 64, 64, 32, 32, 32, 32, 32, 32, 32};
        for (int i = 0; i < small.length; i++) if (small[i] < 0 || (bits[i] < 64 && small[i] >>> bits[i] != 0)) return null;
        BigInteger[] big = {v.turnoutWad(), v.turnoutLowerWad(), v.turnoutUpperWad()};
        for (BigInteger b : big) if (b == null || b.signum() < 0 || b.bitLength() > 256) return null;
        byte[] out = new byte[14 * 32];
        word(out, 0, small[0]);
        System.arraycopy(v.modelId(), 0, out, 32, 32);
        for (int i = 1; i < small.length; i++) word(out, i + 1, small[i]);
        for (int i = 0; i < 3; i++) {
            byte[] b = big[i].toByteArray(); // big-endian, possibly with one leading sign byte (0)
            int len = Math.min(b.length, 32);
            System.arraycopy(b, b.length - len, out, (11 + i) * 32 + 32 - len, len);
        }
        return out;
    }

    private static void word(byte[] out, int index, long value) {
        for (int k = 0; k < 8; k++) out[index * 32 + 31 - k] = (byte) (value >>> (8 * k));
    }

    @SuppressWarnings("rawtypes")
    public static Vote decodeVote(byte[] output) {
        checkFormat(output, FORMAT_VOTE);
        List<Type> t = FunctionReturnDecoder.decode(Numeric.toHexString(output), refs(
                new TypeReference<Uint16>() {}, new TypeReference<Bytes32>() {}, new TypeReference<Uint64>() {},
                new TypeReference<Uint64>() {}, new TypeReference<Uint32>() {}, new TypeReference<Uint32>() {},
                new TypeReference<Uint32>() {}, new TypeReference<Uint32>() {}, new TypeReference<Uint32>() {},
                new TypeReference<Uint32>() {}, new TypeReference<Uint32>() {}, new TypeReference<Uint256>() {},
                new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}));
        return new Vote(((Bytes32) t.get(1)).getValue(), l(t, 2), l(t, 3), l(t, 4), l(t, 5), l(t, 6), l(t, 7), l(t, 8),
                l(t, 9), l(t, 10), big(t, 11), big(t, 12), big(t, 13));
    }

    // ---- treasury

    public static byte[] encode(Treasury t) {
        List<Uint32> days = new ArrayList<>();
        List<Int256> q = new ArrayList<>();
        for (Horizon h : t.horizons()) {
            days.add(new Uint32(h.days()));
            for (BigInteger[] three : new BigInteger[][]{h.inflowWad(), h.outflowWad(), h.balanceWad()}) {
                for (BigInteger x : three) q.add(new Int256(x));
            }
        }
        return bytes(FunctionEncoder.encodeConstructor(List.of(new Uint16(FORMAT_TREASURY), new Bytes32(t.modelId()),
                new Uint64(t.asOfBlock()), new Uint64(t.lastDayTime()), new Uint32(t.runwayDays()), new Bool(t.hasBalance()),
                new DynamicArray<>(Uint32.class, days), new DynamicArray<>(Int256.class, q))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    public static Treasury decodeTreasury(byte[] output) {
        checkFormat(output, FORMAT_TREASURY);
        List<Type> t = FunctionReturnDecoder.decode(Numeric.toHexString(output), refs(
                new TypeReference<Uint16>() {}, new TypeReference<Bytes32>() {}, new TypeReference<Uint64>() {},
                new TypeReference<Uint64>() {}, new TypeReference<Uint32>() {}, new TypeReference<Bool>() {},
                new TypeReference<DynamicArray<Uint32>>() {}, new TypeReference<DynamicArray<Int256>>() {}));
        List<Uint32> days = ((DynamicArray<Uint32>) t.get(6)).getValue();
        List<Int256> q = ((DynamicArray<Int256>) t.get(7)).getValue();
        if (q.size() != QUANTILES_PER_HORIZON * days.size()) {
            throw new IllegalArgumentException("output: " + q.size() + " quantiles for " + days.size() + " horizons");
        }
        List<Horizon> hs = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            BigInteger[][] three = new BigInteger[3][3];
            for (int j = 0; j < QUANTILES_PER_HORIZON; j++) three[j / 3][j % 3] = q.get(QUANTILES_PER_HORIZON * i + j).getValue();
            hs.add(new Horizon(days.get(i).getValue().longValueExact(), three[0], three[1], three[2]));
        }
        return new Treasury(((Bytes32) t.get(1)).getValue(), l(t, 2), l(t, 3), l(t, 4), ((Bool) t.get(5)).getValue(), hs);
    }

    /** The format word (1 vote, 2 treasury); throws when the bytes are too short to hold one. */
    public static int format(byte[] output) {
        if (output.length < 32) throw new IllegalArgumentException("output: " + output.length + " bytes, too short for an answer");
        return new BigInteger(1, java.util.Arrays.copyOfRange(output, 0, 32)).intValue();
    }

    private static void checkFormat(byte[] output, int expected) {
        int f = format(output);
        if (f != expected) throw new IllegalArgumentException("output: format " + f + ", expected " + expected);
    }

    private static byte[] bytes(String hex) { return Numeric.hexStringToByteArray(hex); }

    @SuppressWarnings("rawtypes")
    private static long l(List<Type> t, int i) { return ((BigInteger) t.get(i).getValue()).longValueExact(); }

    @SuppressWarnings("rawtypes")
    private static BigInteger big(List<Type> t, int i) { return (BigInteger) t.get(i).getValue(); }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<TypeReference<Type>> refs(TypeReference<?>... r) { return (List) List.of(r); }
}
