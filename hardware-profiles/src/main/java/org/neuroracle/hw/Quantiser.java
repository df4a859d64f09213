package org.neuroracle.hw;

import org.neuroracle.snn.model.Projection;

/**
 * Float weights to a profile's integer weights: signed mantissas of {@code bits} bits with one shared exponent per
 * projection (w_int = mantissa << exponent), the form cuba-lif-fixed and Loihi use. The exponent is the smallest
 * that fits the largest weight, so small weights keep the most precision; rounding is half away from zero.
 * Mantissas are at most 8 bits (the network model's weight width), so a wider profile is used at 8 bits.
 */
public final class Quantiser {
    private Quantiser() {}

    /** Mantissas, shared exponent, and the largest rounding error in integer weight units. */
    public record Quantised(int[] mantissas, int exponent, double maxAbsError) {}

    /** Bits needed to hold a signed integer in two's complement. */
    public static int signedBits(long v) {
        int b = 1;
        while (v < -(1L << (b - 1)) || v > (1L << (b - 1)) - 1) b++;
        return b;
    }

    /**
     * Quantise {@code weights} (any unit) times {@code integerPerUnit} (integer a_in units per weight unit) to
     * {@code bits}-bit mantissas and a shared exponent 0..16.
     */
    public static Quantised quantise(double[] weights, double integerPerUnit, int bits) {
        if (bits < 1 || bits > 32) throw new IllegalArgumentException("weight bits must be 1..32, got " + bits);
        if (!(integerPerUnit > 0) || !Double.isFinite(integerPerUnit)) throw new IllegalArgumentException("integerPerUnit must be a positive number, got " + integerPerUnit);
        int b = Math.min(8, bits);
        long max = (1L << (b - 1)) - 1, min = -(1L << (b - 1));
        double peak = 0;
        for (double w : weights) {
            if (!Double.isFinite(w)) throw new IllegalArgumentException("weights must be finite, found " + w);
            peak = Math.max(peak, Math.abs(w * integerPerUnit));
        }
        int exp = 0;
        while (exp < 16 && (round(peak / (1L << exp)) > max || -round(peak / (1L << exp)) < min)) exp++;
        if (round(peak / (1L << exp)) > max)
            throw new IllegalArgumentException("weights up to " + peak + " integer units do not fit " + b + "-bit mantissas with exponent <= 16");
        int[] m = new int[weights.length];
        double err = 0;
        for (int k = 0; k < weights.length; k++) {
            double x = weights[k] * integerPerUnit;
            long q = Math.max(min, Math.min(max, round(x / (1L << exp))));
            m[k] = (int) q;
            err = Math.max(err, Math.abs(q * (double) (1L << exp) - x));
        }
        return new Quantised(m, exp, err);
    }

    private static long round(double x) { return (long) Math.signum(x) * (long) Math.floor(Math.abs(x) + 0.5); }

    /** A float projection as a fixed-point one with {@code bits}-bit weights. */
    public static Projection toFixed(Projection p, double integerPerUnit, int bits) {
        if (p.isFixed()) return requantise(p, bits);
        double[] w = new double[p.synapseCount()];
        for (int k = 0; k < w.length; k++) w[k] = p.weights()[k];
        Quantised q = quantise(w, integerPerUnit, bits);
        return new Projection(p.name(), p.pre(), p.post(), p.channel(), p.rowPtr(), p.targets(), null, q.mantissas(), q.exponent(), p.delaySteps());
    }

    /** A fixed-point projection narrowed to {@code bits}-bit mantissas (the exponent grows to keep the range). */
    public static Projection requantise(Projection p, int bits) {
        double[] w = new double[p.synapseCount()];
        for (int k = 0; k < w.length; k++) w[k] = p.effectiveWeight(k);
        Quantised q = quantise(w, 1.0, bits);
        return new Projection(p.name(), p.pre(), p.post(), p.channel(), p.rowPtr(), p.targets(), null, q.mantissas(), q.exponent(), p.delaySteps());
    }

    /** Quantise to a profile's published weight width. */
    public static Projection forProfile(Projection p, HardwareProfile profile, double integerPerUnit) {
        long bits = profile.count(HardwareProfile.WEIGHT_BITS).orElseThrow(() ->
                new IllegalArgumentException("profile '" + profile.name() + "' publishes no weight width (topology.weight_bits)"));
        return toFixed(p, integerPerUnit, (int) bits);
    }
}
