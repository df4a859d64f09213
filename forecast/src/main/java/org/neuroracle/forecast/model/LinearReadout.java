package org.neuroracle.forecast.model;

/**
 * A readout served in integer arithmetic: {@code y = (bias + sum_i weights[i] * x[i]) / 2^16} over integer spike
 * counts x. The feature standardisation used in training is folded into the weights before quantisation, and the
 * sum is exact in a long, so every backend and machine gets bit-identical outputs.
 */
public record LinearReadout(long[] weights, long bias) {
    public static final int FRAC_BITS = 16;
    private static final double SCALE = 1 << FRAC_BITS;

    public LinearReadout {
        if (weights == null) throw new IllegalArgumentException("readout.weights: required");
        for (int i = 0; i < weights.length; i++)
            if (Math.abs(weights[i]) > (1L << 40)) throw new IllegalArgumentException("readout.weights[" + i + "]: " + weights[i] + " exceeds 2^40");
        weights = weights.clone();
    }

    @Override public long[] weights() { return weights.clone(); }

    public int size() { return weights.length; }

    /** The readout value for integer features (length must equal the weight count). */
    public double apply(int[] x) {
        if (x.length != weights.length) throw new IllegalArgumentException("readout expects " + weights.length + " features, got " + x.length);
        long acc = bias;
        for (int i = 0; i < x.length; i++) acc += weights[i] * x[i];
        return acc / SCALE;
    }

    /**
     * Folds a model trained on standardised features (z = (x - mean) / sd) into integer weights on raw features.
     * Features with sd == 0 get weight 0 (they were constant in training).
     */
    public static LinearReadout fold(double[] w, double b, double[] mean, double[] sd) {
        long[] q = new long[w.length];
        double bias = b;
        for (int i = 0; i < w.length; i++) {
            if (sd[i] <= 0) continue;
            double wi = w[i] / sd[i];
            q[i] = Math.round(wi * SCALE);
            bias -= wi * mean[i];
        }
        return new LinearReadout(q, Math.round(bias * SCALE));
    }

    /** The logistic function in StrictMath, so it is reproducible across JVMs. */
    public static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + StrictMath.exp(-z)) : StrictMath.exp(z) / (1 + StrictMath.exp(z));
    }
}
