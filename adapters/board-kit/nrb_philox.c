/* Philox4x32-10 (Salmon et al., SC'11, doi:10.1145/2063384.2063405), as org.neuroracle.snn.rng.Philox.draw. */
#include "nrb_kit.h"

uint32_t nrb_philox_draw(uint64_t seed, int32_t stream, int32_t neuron, int32_t step) {
    uint32_t c0 = (uint32_t) neuron, c1 = (uint32_t) step, c2 = (uint32_t) stream, c3 = 0;
    uint32_t k0 = (uint32_t) seed, k1 = (uint32_t) (seed >> 32);
    for (int r = 0; r < 10; r++) {
        uint64_t p0 = (uint64_t) 0xD2511F53u * c0, p1 = (uint64_t) 0xCD9E8D57u * c2;
        uint32_t n0 = (uint32_t) (p1 >> 32) ^ c1 ^ k0, n1 = (uint32_t) p1;
        uint32_t n2 = (uint32_t) (p0 >> 32) ^ c3 ^ k1, n3 = (uint32_t) p0;
        c0 = n0; c1 = n1; c2 = n2; c3 = n3;
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    return c0;
}
