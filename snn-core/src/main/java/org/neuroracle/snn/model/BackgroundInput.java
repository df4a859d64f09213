package org.neuroracle.snn.model;

/**
 * Independent Poisson background drive to every neuron of a population: each step, neuron i receives
 * k ~ Poisson(rateHz * dt) events of {@code weight} (float networks) or {@code weightFixed} (fixed-point, the
 * integer added to a_in) on {@code channel}. k is drawn by inverting a 32-bit integer CDF table with one Philox
 * word, so the draw is integer-only and bit-exact on every backend ({@link org.neuroracle.snn.rng.PoissonTable}).
 * Events enter in the Deliver phase of their step.
 */
public record BackgroundInput(int population, int channel, double rateHz, float weight, int weightFixed) {
    public BackgroundInput {
        InvalidNetworkException.require(rateHz >= 0 && Double.isFinite(rateHz), "background input: rate_hz = " + rateHz + " must be >= 0");
        InvalidNetworkException.require(Float.isFinite(weight), "background input: weight must be finite");
        InvalidNetworkException.require(channel >= 0, "background input: channel must be >= 0");
    }
}
