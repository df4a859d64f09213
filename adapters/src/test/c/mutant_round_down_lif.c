/*
 * Planted bug for the conformance kit's own tests: replaces board-kit/nrb_lif.c in a test build. Decay uses an
 * arithmetic shift, which rounds toward minus infinity instead of toward zero.
 */
#include "nrb_kit.h"

int32_t nrb_lif_decay(int32_t x, int32_t d) { return (int32_t) (((int64_t) x * (4096 - d)) >> 12); }

int32_t nrb_lif_current(int32_t u, int32_t du, int32_t a_in) {
    int32_t x = nrb_wrap_add(nrb_lif_decay(u, du + 1), (int32_t) ((uint32_t) a_in << 6));
    if (x > (1 << 23)) return (int32_t) ((uint32_t) x - (1u << 24));
    if (x <= -(1 << 23)) return (int32_t) ((uint32_t) x + (1u << 24));
    return x;
}

int32_t nrb_lif_voltage(int32_t v, int32_t dv, int32_t u_total, int32_t bias) {
    int32_t x = nrb_wrap_add(nrb_wrap_add(nrb_lif_decay(v, dv), u_total), bias);
    const int32_t lim = (1 << 23) - 1;
    return x > lim ? lim : (x < -lim ? -lim : x);
}
