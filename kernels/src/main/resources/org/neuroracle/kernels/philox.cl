/*
 * Philox4x32-10, first output word, exactly as org.neuroracle.snn.rng.Philox.draw:
 * counter = (neuron, step, stream, 0), key = (seed lo, seed hi). uint arithmetic wraps like Java int.
 */
NR_INLINE uint nr_philox_draw(uint seedLo, uint seedHi, uint stream, uint neuron, uint step) {
    uint c0 = neuron, c1 = step, c2 = stream, c3 = 0u;
    uint k0 = seedLo, k1 = seedHi;
    for (int round = 0; round < 10; round++) {
        /* One 32x32->64 multiply each (not mul_hi, which PoCL expands into 16-bit pieces the vectoriser skips). */
        const ulong p0 = (ulong) 0xD2511F53u * (ulong) c0, p1 = (ulong) 0xCD9E8D57u * (ulong) c2;
        uint hi0 = (uint) (p0 >> 32), lo0 = (uint) p0;
        uint hi1 = (uint) (p1 >> 32), lo1 = (uint) p1;
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

/* The same draw for 8 neurons at once in vector types (whole-population passes: 8 lanes per instruction). */
NR_INLINE uint8 nr_philox_draw8(uint seedLo, uint seedHi, uint stream, uint8 neuron, uint step) {
    uint8 c0 = neuron, c1 = (uint8) step, c2 = (uint8) stream, c3 = (uint8) 0u;
    uint k0 = seedLo, k1 = seedHi;
    for (int round = 0; round < 10; round++) {
        const ulong8 p0 = convert_ulong8(c0) * (ulong8) 0xD2511F53ul, p1 = convert_ulong8(c2) * (ulong8) 0xCD9E8D57ul;
        const uint8 hi0 = convert_uint8(p0 >> 32), lo0 = convert_uint8(p0);
        const uint8 hi1 = convert_uint8(p1 >> 32), lo1 = convert_uint8(p1);
        const uint8 n0 = hi1 ^ c1 ^ (uint8) k0;
        const uint8 n2 = hi0 ^ c3 ^ (uint8) k1;
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
