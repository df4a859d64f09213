/*
 * cuba-lif-fixed, line by line as org.neuroracle.snn.fixed.FixedLif. Java int arithmetic wraps modulo 2^32;
 * signed overflow is undefined in OpenCL C, so every add, multiply and left shift that may overflow goes
 * through uint and back with as_int (a bit reinterpretation, well defined).
 */
#define NR_DECAY_UNITY 4096
#define NR_DECAY_SHIFT 12
#define NR_ACT_SHIFT 6
#define NR_VTH_SHIFT 6
#define NR_MAX_UV (1 << 23)
#define NR_V_LIMIT (NR_MAX_UV - 1)

inline int nr_add(int a, int b) { return as_int(as_uint(a) + as_uint(b)); }
inline int nr_mul(int a, int b) { return as_int(as_uint(a) * as_uint(b)); }

/*
 * Multiply by (4096 - decay) and shift right 12, rounding toward zero (FixedLif.decay, decay 0..4096), in 32-bit
 * pieces as the reference: x = h * 4096 + l (h = x >> 12, 0 <= l < 4096), so the result is h f plus the floor of
 * (l f + 4095 for x < 0) / 4096; l f + 4095 < 2^24. Equal, modulo 2^32, to sign(p) * (|p| >> 12) with p = x * f
 * in 64 bits for every int x (the form used before; 64-bit lanes halved the vector width).
 */
NR_INLINE int nr_decay(int x, int decayConst) {
    const uint f = (uint) (NR_DECAY_UNITY - decayConst);
    const uint towardZero = (uint) (x >> 31) & (NR_DECAY_UNITY - 1);
    return as_int(as_uint(x >> NR_DECAY_SHIFT) * f + ((as_uint(x & (NR_DECAY_UNITY - 1)) * f + towardZero) >> NR_DECAY_SHIFT));
}

/* FixedLif.current: decay by du + 1, add a_in << 6, wrap into (-2^23, 2^23]. */
NR_INLINE int nr_current(int u, int du, int aIn) {
    int x = as_int(as_uint(nr_decay(u, du + 1)) + (as_uint(aIn) << NR_ACT_SHIFT));
    if (x > NR_MAX_UV) return x - 2 * NR_MAX_UV;
    if (x <= -NR_MAX_UV) return x + 2 * NR_MAX_UV;
    return x;
}

/* FixedLif.voltage: decay by dv, add the summed current and the bias, clamp to +-(2^23 - 1). */
NR_INLINE int nr_voltage(int v, int dv, int uTotal, int bias) {
    int x = nr_add(nr_add(nr_decay(v, dv), uTotal), bias);
    return max(-NR_V_LIMIT, min(NR_V_LIMIT, x));
}

inline int nr_spikes(int v, int vth) { return v > (vth << NR_VTH_SHIFT); }

#if NR_FIXED
/*
 * Deliver + Update + Emit for one cuba-lif-fixed neuron; returns 1 when it was updated. State block at the
 * population's stateBase: u (channel 0), u1.., v, ref, each `size` ints (StateLayout). Mirrors the reference
 * step: the ring cell (which already holds propagated spikes) gets this step's background events, then current
 * inputs are added as a_in; a neuron whose whole state and input are zero is skipped and not counted as updated.
 */
NR_INLINE uint nr_fixed_lif_neuron(NR_BODY_PARAMS) {
    const int size = pt[NR_POP_SIZE], laneBase = pt[NR_POP_LANE_BASE];
    const int driveBase = pt[NR_POP_DRIVE_BASE], driveCount = pt[NR_POP_DRIVE_COUNT];
    __global const int* pp = params + pt[NR_POP_PARAM_BASE];
    const int channels = pp[NR_FP_CHANNELS];
    const int dv = pp[NR_FP_DV], vth = pp[NR_FP_VTH], bias = pp[NR_FP_BIAS], refractory = pp[NR_FP_REFRACTORY];
    const int slot = step & (NR_RING_SLOTS - 1);
    __global int* u = state + pt[NR_POP_STATE_BASE];
    __global int* v = u + channels * size;
    __global int* ref = u + (channels + 1) * size;

    int cell[NR_MAX_CHANNELS], extra[NR_MAX_CHANNELS];
    for (int c = 0; c < channels; c++) {
        const size_t idx = NR_RING_INDEX(slot, totalLanes, laneBase + c * size + i);
        cell[c] = ring[idx];
        ring[idx] = 0;
        extra[c] = 0;
    }
    for (int d = 0; d < driveCount; d++) {
        __global const int* dr = drives + (driveBase + d) * NR_DRIVE_STRIDE;
        const int c = dr[NR_DRIVE_CHANNEL];
        if (dr[NR_DRIVE_KIND] == NR_DRIVE_BACKGROUND) {
            uint w = nr_philox_draw(seedLo, seedHi, (uint) dr[NR_DRIVE_STREAM], (uint) i, (uint) step);
            int k = nr_poisson_sample(tables, dr[NR_DRIVE_TABLE_OFFSET], dr[NR_DRIVE_TABLE_LENGTH], w);
            cell[c] = nr_add(cell[c], nr_mul(k, dr[NR_DRIVE_WEIGHT_BITS]));
        } else if (step >= dr[NR_DRIVE_FROM_STEP] && step < dr[NR_DRIVE_TO_STEP]) {
            extra[c] = nr_add(extra[c], dr[NR_DRIVE_WEIGHT_BITS]);
        }
    }
    int vi = v[i], ri = ref[i];
    int any = vi | ri | bias;
    /* Skip rule (all backends): active iff v, ref, bias, any u_c or any summed a_in_c is non-zero. */
    for (int c = 0; c < channels; c++) any |= nr_add(cell[c], extra[c]) | u[c * size + i];
    if (any == 0) return 0u;
    int uTotal = 0;
    for (int c = 0; c < channels; c++) {
        int uc = nr_current(u[c * size + i], pp[NR_FP_DU + c], nr_add(cell[c], extra[c]));
        u[c * size + i] = uc;
        uTotal = nr_add(uTotal, uc);
    }
    if (ri > 0) {
        ref[i] = ri - 1;
        v[i] = 0;
    } else {
        vi = nr_voltage(vi, dv, uTotal, bias);
        if (nr_spikes(vi, vth)) {
            NR_EMIT(i);
            vi = 0;
            ref[i] = refractory;
        }
        v[i] = vi;
    }
    return 1u;
}

/*
 * run_steps' cuba-lif-fixed update of neurons [lo, hi) of one population: the operations of nr_fixed_lif_neuron
 * as unit-stride passes with the parameters loaded once, so that the device compiler vectorises them (as
 * nr_lif_population does for float). Integer adds wrap modulo 2^32, so adding the background events and the
 * current inputs into the ring cell (pass A) gives the reference's a_in whatever the order. A neuron the
 * reference skips (state, input and bias all zero) computes zero currents and v = 0 here, the same state, so
 * only its spike and its membrane-update count are masked. x (run_steps' scratch, two words per global neuron)
 * holds per neuron the activity word (then the spike flag) and the summed current (Philox words before that).
 * Not inlined, for PoCL's build time (see nr_lif_population).
 */
__attribute__((noinline)) uint nr_fixed_lif_population(NR_POP_PARAMS) {
    const int size = pt[NR_POP_SIZE], laneBase = pt[NR_POP_LANE_BASE];
    const int driveBase = pt[NR_POP_DRIVE_BASE], driveCount = pt[NR_POP_DRIVE_COUNT];
    __global const int* pp = params + pt[NR_POP_PARAM_BASE];
    const int channels = pp[NR_FP_CHANNELS];
    const int dv = pp[NR_FP_DV], vth = pp[NR_FP_VTH], bias = pp[NR_FP_BIAS], refractory = pp[NR_FP_REFRACTORY];
    const int slot = step & (NR_RING_SLOTS - 1);
    __global int* u = state + pt[NR_POP_STATE_BASE];
    __global int* restrict v = u + channels * size;
    __global int* restrict ref = u + (channels + 1) * size;
    __global int* restrict act = (__global int*) x + 2 * pt[NR_POP_NEURON_BASE];
    __global int* restrict total = act + size;
    if (lo >= hi) return 0u;

    /* A: a_in into the ring cell: background events (drive order; Philox words in `total` first), then currents. */
    for (int c = 0; c < channels; c++) {
        __global int* restrict rc = ring + NR_RING_INDEX(slot, totalLanes, laneBase + c * size);
        int extra = 0;
        for (int d = 0; d < driveCount; d++) {
            __global const int* dr = drives + (driveBase + d) * NR_DRIVE_STRIDE;
            if (dr[NR_DRIVE_CHANNEL] != c) continue;
            if (dr[NR_DRIVE_KIND] != NR_DRIVE_BACKGROUND) {
                if (step >= dr[NR_DRIVE_FROM_STEP] && step < dr[NR_DRIVE_TO_STEP]) extra = nr_add(extra, dr[NR_DRIVE_WEIGHT_BITS]);
                continue;
            }
            const uint stream = (uint) dr[NR_DRIVE_STREAM];
            const int tableOffset = dr[NR_DRIVE_TABLE_OFFSET], tableLength = dr[NR_DRIVE_TABLE_LENGTH], w = dr[NR_DRIVE_WEIGHT_BITS];
            int i = lo;
            for (; i + 8 <= hi; i += 8)
                vstore8(as_int8(nr_philox_draw8(seedLo, seedHi, stream, (uint8) ((uint) i) + (uint8) (0u, 1u, 2u, 3u, 4u, 5u, 6u, 7u),
                                                (uint) step)), 0, total + i);
            for (; i < hi; i++) total[i] = as_int(nr_philox_draw(seedLo, seedHi, stream, (uint) i, (uint) step));
            for (int i = lo; i < hi; i++)
                rc[i] = nr_add(rc[i], nr_mul(nr_poisson_sample(tables, tableOffset, tableLength, as_uint(total[i])), w));
        }
        if (extra != 0)
            for (int i = lo; i < hi; i++) rc[i] = nr_add(rc[i], extra);
    }

    /* B: the skip rule's activity word (non-zero = updated). */
    for (int i = lo; i < hi; i++) { act[i] = v[i] | ref[i] | bias; total[i] = 0; }
    for (int c = 0; c < channels; c++) {
        __global const int* restrict rc = ring + NR_RING_INDEX(slot, totalLanes, laneBase + c * size);
        __global const int* restrict uc = u + c * size;
        for (int i = lo; i < hi; i++) act[i] |= rc[i] | uc[i];
    }

    /* C: currents (decay, add a_in << 6, wrap), their sum; the ring cell is cleared. */
    for (int c = 0; c < channels; c++) {
        __global int* restrict rc = ring + NR_RING_INDEX(slot, totalLanes, laneBase + c * size);
        __global int* restrict uc = u + c * size;
        const int du = pp[NR_FP_DU + c];
        for (int i = lo; i < hi; i++) {
            const int cur = nr_current(uc[i], du, rc[i]);
            uc[i] = cur;
            total[i] = nr_add(total[i], cur);
            rc[i] = 0;
        }
    }

    /* D: refractory hold, voltage, threshold and reset as selects; act becomes the spike flag. */
    uint updated = 0u;
    for (int i = lo; i < hi; i++) {
        const int r = ref[i], active = act[i] != 0, held = r > 0;
        const int vn = nr_voltage(v[i], dv, total[i], bias);
        const int spike = active && !held && nr_spikes(vn, vth);
        v[i] = held || spike ? 0 : vn;
        ref[i] = held ? r - 1 : (spike ? refractory : r);
        act[i] = spike;
        updated += (uint) active;
    }

    /* E: emit in neuron order, 16 flags tested at a time (few neurons spike in a step). */
    int i0 = lo;
    for (; i0 + 16 <= hi; i0 += 16) {
        if (!any(vload16(0, act + i0) != (int16) 0)) continue;
        for (int i = i0; i < i0 + 16; i++)
            if (act[i]) NR_EMIT(i);
    }
    for (int i = i0; i < hi; i++)
        if (act[i]) NR_EMIT(i);
    return updated;
}
#endif

/* Self-test entry: applies the FixedLif scalar operations to arrays, for the bit-exactness property tests. */
__kernel void nr_test_fixed_lif(const int n, __global const int* x, __global const int* d, __global const int* a,
                                __global const int* b, __global int* outDecay, __global int* outCurrent,
                                __global int* outVoltage, __global int* outSpike) {
    const int i = (int) get_global_id(0);
    if (i >= n) return;
    outDecay[i] = nr_decay(x[i], d[i]);
    outCurrent[i] = nr_current(x[i], d[i] & 4095, a[i]);
    outVoltage[i] = nr_voltage(x[i], d[i] & 4095, a[i], b[i]);
    outSpike[i] = nr_spikes(x[i], b[i] & 0x1FFFF);
}

/* Self-test entry: Philox draws and Poisson samples for given counters. */
__kernel void nr_test_philox(const int n, const uint seedLo, const uint seedHi, __global const int* stream,
                             __global const int* neuron, __global const int* step, __global uint* out,
                             __global const uint* table, const int tableLength, __global int* samples) {
    const int i = (int) get_global_id(0);
    if (i >= n) return;
    uint w = nr_philox_draw(seedLo, seedHi, (uint) stream[i], (uint) neuron[i], (uint) step[i]);
    out[i] = w;
    samples[i] = nr_poisson_sample(table, 0, tableLength, w);
}
