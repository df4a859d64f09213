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

/* Multiply by (4096 - decay) and shift right 12, rounding toward zero (FixedLif.decay). */
NR_INLINE int nr_decay(int x, int decayConst) {
    long p = (long) x * (long) (NR_DECAY_UNITY - decayConst);
    long m = (p < 0 ? -p : p) >> NR_DECAY_SHIFT;
    return (int) (p < 0 ? -m : m);
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
