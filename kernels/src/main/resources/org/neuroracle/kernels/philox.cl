/*
 * Philox4x32-10, first output word, exactly as org.neuroracle.snn.rng.Philox.draw:
 * counter = (neuron, step, stream, 0), key = (seed lo, seed hi). uint arithmetic wraps like Java int.
 */
NR_INLINE uint nr_philox_draw(uint seedLo, uint seedHi, uint stream, uint neuron, uint step) {
    uint c0 = neuron, c1 = step, c2 = stream, c3 = 0u;
    uint k0 = seedLo, k1 = seedHi;
    for (int round = 0; round < 10; round++) {
        uint hi0 = mul_hi(0xD2511F53u, c0), lo0 = 0xD2511F53u * c0;
        uint hi1 = mul_hi(0xCD9E8D57u, c2), lo1 = 0xCD9E8D57u * c2;
        uint n0 = hi1 ^ c1 ^ k0;
        uint n2 = hi0 ^ c3 ^ k1;
        c0 = n0;
        c1 = lo1;
        c2 = n2;
        c3 = lo0;
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    return c0;
}

/* PoissonTable.sample: the number of unsigned thresholds t[k] with u >= t[k], scanning from k = 0. */
NR_INLINE int nr_poisson_sample(__global const uint* table, int offset, int length, uint u) {
    int k = 0;
    while (k < length && u >= table[offset + k]) k++;
    return k;
}
