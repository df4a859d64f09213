package org.neuroracle.forecast.synth;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Exact sampling of the discrete Laplace distribution P(x) proportional to exp(-|x| s / t) over the integers, with
 * only integer arithmetic and exact uniform integers, after Canonne, Kamath and Steinke, "The Discrete Gaussian for
 * Differential Privacy" (NeurIPS 2020), Algorithms 1 and 2. No floating-point number is ever formed, so the attack
 * of Mironov (CCS 2012) on textbook Laplace noise (the set of doubles a noisy value can take depends on the input)
 * does not apply. The generator is a {@link SecureRandom} in production: noise a reader could regenerate from a
 * seed protects nothing.
 */
public final class DiscreteLaplace {
    private final RandomGenerator rng;

    /** Noise from the platform's default {@link SecureRandom} (non-blocking DRBG/NativePRNG). */
    public DiscreteLaplace() { this(new SecureRandom()); }

    /** For tests of the distribution: any generator whose {@code nextLong(bound)} is exactly uniform. */
    DiscreteLaplace(RandomGenerator rng) { this.rng = rng; }

    /** Bernoulli(num / den), 0 <= num <= den. */
    boolean bernoulli(long num, long den) {
        if (num < 0 || den <= 0 || num > den) throw new IllegalArgumentException("bernoulli: need 0 <= num <= den, got " + num + "/" + den);
        return rng.nextLong(den) < num;
    }

    /** Bernoulli(exp(-num / den)), num >= 0, den > 0 (Algorithm 1). */
    boolean bernoulliExp(long num, long den) {
        if (num < 0 || den <= 0) throw new IllegalArgumentException("bernoulliExp: need num >= 0, den > 0");
        while (num > den) {
            if (!bernoulliExpUnit(1, 1)) return false;
            num -= den;
        }
        return bernoulliExpUnit(num, den);
    }

    /** Bernoulli(exp(-gamma)) for gamma = num / den in [0, 1]: the parity of the first k with Bernoulli(gamma / k) = 0. */
    private boolean bernoulliExpUnit(long num, long den) {
        long k = 1;
        while (bernoulli(num, Math.multiplyExact(den, k))) k++;
        return (k & 1) == 1;
    }

    /** One draw with P(x) proportional to exp(-|x| s / t), s, t >= 1 (Algorithm 2); the scale is t / s. */
    public long sample(long s, long t) {
        if (s < 1 || t < 1) throw new IllegalArgumentException("discrete Laplace: need s, t >= 1, got s=" + s + " t=" + t);
        while (true) {
            long u = rng.nextLong(t);
            if (!bernoulliExp(u, t)) continue;
            long v = 0;
            while (bernoulliExp(1, 1)) v++;
            long x = Math.addExact(u, Math.multiplyExact(t, v));
            long y = x / s;
            boolean negative = bernoulli(1, 2);
            if (negative && y == 0) continue;
            return negative ? -y : y;
        }
    }
}
