package org.neuroracle.snn.rng;

/**
 * Stream numbers: the third Philox counter word, which separates independent uses of one seed.
 * Runtime draws (every backend must use exactly these): background input b uses BACKGROUND + b with
 * (neuron, step); Poisson source population p uses POISSON_SOURCE + p with (neuron, step).
 * Build-time draws (host only): connectivity of projection j uses CONNECT + j with (row, draw index);
 * weights WEIGHTS + j, delays DELAYS + j, initial state INITIAL + population * 64 + variable index.
 */
public final class Streams {
    public static final int BACKGROUND = 0x0001_0000;
    public static final int POISSON_SOURCE = 0x0002_0000;
    public static final int CONNECT = 0x0003_0000;
    public static final int WEIGHTS = 0x0004_0000;
    public static final int DELAYS = 0x0005_0000;
    public static final int INITIAL = 0x0006_0000;

    private Streams() {}
}
