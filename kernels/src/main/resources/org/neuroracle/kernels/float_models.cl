/*
 * Float models (lif, alif, izhikevich) in float32, in the operation order of the reference backend
 * (snn-core cpu: LifState, AlifState, IzhikevichState). Constants (decays, propagators) are computed by the
 * host in double and rounded to float once, exactly as the reference does, so kernels never call exp for them.
 * Divisions and the exponential-Euler exp go through double where the device has it, which rounds like Java.
 */
#if !NR_FIXED

#if NR_HAS_FP64
inline float nr_div(float a, float b) { return (float) ((double) a / (double) b); }
inline float nr_exp(float x) { return (float) exp((double) x); }
#else
inline float nr_div(float a, float b) { return a / b; }
inline float nr_exp(float x) { return exp(x); }
#endif

/*
 * Deliver for one neuron: ring cell (+ this step's background events, in order) into each trace g; returns
 * the current-input drive of this step (sum of active amplitudes, in order, starting at 0).
 */
NR_INLINE float nr_deliver_float(int step, int i, int size, int channels, int laneBase, int totalLanes,
                              __global float* g, __global float* ring,
                              __global const int* drives, int driveBase, int driveCount,
                              __global const uint* tables, uint seedLo, uint seedHi) {
    const int slot = step & (NR_RING_SLOTS - 1);
    float cell[NR_MAX_CHANNELS];
    for (int c = 0; c < channels; c++) {
        const size_t idx = NR_RING_INDEX(slot, totalLanes, laneBase + c * size + i);
        cell[c] = ring[idx];
        ring[idx] = 0.0f;
    }
    float drive = 0.0f;
    for (int d = 0; d < driveCount; d++) {
        __global const int* dr = drives + (driveBase + d) * NR_DRIVE_STRIDE;
        if (dr[NR_DRIVE_KIND] == NR_DRIVE_BACKGROUND) {
            uint w = nr_philox_draw(seedLo, seedHi, (uint) dr[NR_DRIVE_STREAM], (uint) i, (uint) step);
            int k = nr_poisson_sample(tables, dr[NR_DRIVE_TABLE_OFFSET], dr[NR_DRIVE_TABLE_LENGTH], w);
            if (k != 0) cell[dr[NR_DRIVE_CHANNEL]] += (float) k * as_float(dr[NR_DRIVE_WEIGHT_BITS]);
        } else if (step >= dr[NR_DRIVE_FROM_STEP] && step < dr[NR_DRIVE_TO_STEP]) {
            drive += as_float(dr[NR_DRIVE_WEIGHT_BITS]);
        }
    }
    for (int c = 0; c < channels; c++) g[c * size + i] += cell[c];
    return drive;
}

NR_INLINE void nr_decay_traces(int i, int size, int channels, __global float* g, __global const float* fp) {
    for (int c = 0; c < channels; c++)
        g[c * size + i] *= fp[NR_FLP_CH + c * NR_FLP_CH_STRIDE + NR_FLP_CH_DECAY];
}

/*
 * lif and alif share this body (alif: adaptive threshold vTh + beta * a, a += 1 at a spike, a decays).
 * State: lif = v, g0.., ref; alif = v, a, g0.., ref.
 */
/* One neuron's exponential-Euler membrane step with conductances held over the step (nr_lif_body and
   nr_lif_population share it, so both do the same float operations in the same order). */
NR_INLINE float nr_exponential_euler(float vi, float num0, float dtOverTau, int i, int size, int channels,
                                     __global const float* g, __global const float* fp) {
    float gTotal = 0.0f, num = num0;
    for (int c = 0; c < channels; c++) {
        const int kind = (int) fp[NR_FLP_CH + c * NR_FLP_CH_STRIDE + NR_FLP_CH_KIND];
        const float gc = g[c * size + i];
        if (kind == NR_SYN_CONDUCTANCE) {
            gTotal += gc;
            num += gc * fp[NR_FLP_CH + c * NR_FLP_CH_STRIDE + NR_FLP_CH_REVERSAL];
        } else if (kind == NR_SYN_CURRENT) {
            num += gc;
        }
    }
    const float vInf = nr_div(num, 1.0f + gTotal);
    return vInf + (vi - vInf) * nr_exp(-dtOverTau * (1.0f + gTotal));
}

NR_INLINE uint nr_lif_body(const int adaptive, NR_BODY_PARAMS) {
    const int size = pt[NR_POP_SIZE], laneBase = pt[NR_POP_LANE_BASE];
    const int driveBase = pt[NR_POP_DRIVE_BASE], driveCount = pt[NR_POP_DRIVE_COUNT], stateBase = pt[NR_POP_STATE_BASE];
    __global const float* fp = fparams + pt[NR_POP_PARAM_BASE];
    const int channels = (int) fp[NR_FLP_CHANNELS];
    __global float* v = state + stateBase;
    __global float* a = state + stateBase + size;
    __global float* g = state + stateBase + (adaptive ? 2 : 1) * size;
    __global float* ref = g + channels * size;
    const float extraDrive = nr_deliver_float(step, i, size, channels, laneBase, totalLanes, g, ring,
                                              drives, driveBase, driveCount, tables, seedLo, seedHi);
    const float vRest = fp[NR_FLP_V_REST], vReset = fp[NR_FLP_V_RESET], vTh = fp[NR_FLP_V_TH];
    const float drive0 = fp[NR_FLP_BIAS] + extraDrive;
    float vi = v[i];
    float ai = adaptive ? a[i] : 0.0f;
    if (ref[i] > 0.0f) {
        ref[i] = ref[i] - 1.0f;
        vi = vReset;
    } else {
        if (fp[NR_FLP_EXACT] == 0.0f) {
            float drive = vRest - vi + drive0;
            for (int c = 0; c < channels; c++) {
                const int kind = (int) fp[NR_FLP_CH + c * NR_FLP_CH_STRIDE + NR_FLP_CH_KIND];
                const float gc = g[c * size + i];
                if (kind == NR_SYN_CONDUCTANCE) drive += gc * (fp[NR_FLP_CH + c * NR_FLP_CH_STRIDE + NR_FLP_CH_REVERSAL] - vi);
                else if (kind == NR_SYN_CURRENT) drive += gc;
            }
            vi = vi + fp[NR_FLP_DT_OVER_TAU] * drive;
        } else if (fp[NR_FLP_ANY_CONDUCTANCE] == 0.0f) {
            float x = vRest + (vi - vRest) * fp[NR_FLP_DECAY_M] + drive0 * fp[NR_FLP_ONE_MINUS_DECAY_M];
            for (int c = 0; c < channels; c++) {
                const int kind = (int) fp[NR_FLP_CH + c * NR_FLP_CH_STRIDE + NR_FLP_CH_KIND];
                if (kind != NR_SYN_DELTA) x += g[c * size + i] * fp[NR_FLP_CH + c * NR_FLP_CH_STRIDE + NR_FLP_CH_PROPAGATOR];
            }
            vi = x;
        } else {
            /* Exponential Euler: conductances held over the step. */
            vi = nr_exponential_euler(vi, vRest + drive0, fp[NR_FLP_DT_OVER_TAU], i, size, channels, g, fp);
        }
        for (int c = 0; c < channels; c++)
            if ((int) fp[NR_FLP_CH + c * NR_FLP_CH_STRIDE + NR_FLP_CH_KIND] == NR_SYN_DELTA) vi += g[c * size + i];
        const float threshold = adaptive ? vTh + fp[NR_FLP_BETA] * ai : vTh;
        if (vi >= threshold) {
            NR_EMIT(i);
            vi = vReset;
            ref[i] = fp[NR_FLP_REFRACTORY];
            ai += 1.0f;
        }
    }
    v[i] = vi;
    if (adaptive) a[i] = ai * fp[NR_FLP_DECAY_A];
    nr_decay_traces(i, size, channels, g, fp);
    return 1u;
}

/*
 * run_steps' lif/alif update of neurons [lo, hi) of one population: the same float operations, in the same order
 * per neuron, as nr_lif_body, but as channel-outer passes over contiguous arrays with the population's
 * parameters loaded once, so that the device compiler vectorises each pass (PoCL: AVX-512 lanes over neurons).
 * Not inlined: it holds no barrier, and one out-of-line copy keeps PoCL's work-group compilation of run_steps
 * (which replicates the kernel body around every barrier) short.
 * x (run_steps' scratch, one word per global neuron) holds the candidate v, then 1.0f where the neuron spiked;
 * the spikes are emitted by a last, scalar pass in neuron order. A refractory neuron's candidate is computed and
 * thrown away, which changes no result. Returns the number of membranes updated (all of them, as nr_lif_body).
 */
__attribute__((noinline)) uint nr_lif_population(const int adaptive, NR_POP_PARAMS) {
    const int size = pt[NR_POP_SIZE], laneBase = pt[NR_POP_LANE_BASE], stateBase = pt[NR_POP_STATE_BASE];
    const int driveBase = pt[NR_POP_DRIVE_BASE], driveCount = pt[NR_POP_DRIVE_COUNT];
    __global const float* fp = fparams + pt[NR_POP_PARAM_BASE];
    const int channels = (int) fp[NR_FLP_CHANNELS];
    __global float* restrict v = state + stateBase;
    __global float* restrict a = state + stateBase + size;
    __global float* g = state + stateBase + (adaptive ? 2 : 1) * size;
    __global float* restrict ref = g + channels * size;
    __global float* restrict xs = x + pt[NR_POP_NEURON_BASE];
    const int slot = step & (NR_RING_SLOTS - 1);
    if (lo >= hi) return 0u;

    /* Current inputs are the same for every neuron: their sum (from 0, in order) once per step. */
    float extraDrive = 0.0f;
    int background = 0;
    for (int d = 0; d < driveCount; d++) {
        __global const int* dr = drives + (driveBase + d) * NR_DRIVE_STRIDE;
        if (dr[NR_DRIVE_KIND] == NR_DRIVE_BACKGROUND) background = 1;
        else if (step >= dr[NR_DRIVE_FROM_STEP] && step < dr[NR_DRIVE_TO_STEP]) extraDrive += as_float(dr[NR_DRIVE_WEIGHT_BITS]);
    }
    const float drive0 = fp[NR_FLP_BIAS] + extraDrive;

    /* Deliver: g_c += ring cell (+ this step's background events of channel c, in drive order); clear the cell. */
    for (int c = 0; c < channels; c++) {
        __global float* restrict gc = g + c * size;
        __global float* restrict rc = ring + NR_RING_INDEX(slot, totalLanes, laneBase + c * size);
        /*
         * Background events of channel c, drive by drive in order, added into the ring cell itself (the cell is
         * the sum the reference builds before adding it to g): first every neuron's Philox word into xs, which
         * is free until the update (8 neurons per vector draw, nr_philox_draw8), then the samples.
         */
        for (int d = 0; background && d < driveCount; d++) {
            __global const int* dr = drives + (driveBase + d) * NR_DRIVE_STRIDE;
            if (dr[NR_DRIVE_KIND] != NR_DRIVE_BACKGROUND || dr[NR_DRIVE_CHANNEL] != c) continue;
            const uint stream = (uint) dr[NR_DRIVE_STREAM];
            const int tableOffset = dr[NR_DRIVE_TABLE_OFFSET], tableLength = dr[NR_DRIVE_TABLE_LENGTH];
            const float w = as_float(dr[NR_DRIVE_WEIGHT_BITS]);
            int i = lo;
            for (; i + 8 <= hi; i += 8)
                vstore8(as_float8(nr_philox_draw8(seedLo, seedHi, stream, (uint8) ((uint) i) + (uint8) (0u, 1u, 2u, 3u, 4u, 5u, 6u, 7u),
                                                  (uint) step)), 0, xs + i);
            for (; i < hi; i++) xs[i] = as_float(nr_philox_draw(seedLo, seedHi, stream, (uint) i, (uint) step));
            for (int i = lo; i < hi; i++) {
                const int k = nr_poisson_sample(tables, tableOffset, tableLength, as_uint(xs[i]));
                if (k != 0) rc[i] += (float) k * w;
            }
        }
        for (int i = lo; i < hi; i++) { gc[i] += rc[i]; rc[i] = 0.0f; }
    }

    /* Update: the candidate v of every neuron into xs. */
    const float vRest = fp[NR_FLP_V_REST];
    if (fp[NR_FLP_EXACT] == 0.0f) {
        for (int i = lo; i < hi; i++) xs[i] = vRest - v[i] + drive0;
        for (int c = 0; c < channels; c++) {
            const int kind = (int) fp[NR_FLP_CH + c * NR_FLP_CH_STRIDE + NR_FLP_CH_KIND];
            __global const float* restrict gc = g + c * size;
            if (kind == NR_SYN_CONDUCTANCE) {
                const float e = fp[NR_FLP_CH + c * NR_FLP_CH_STRIDE + NR_FLP_CH_REVERSAL];
                for (int i = lo; i < hi; i++) xs[i] += gc[i] * (e - v[i]);
            } else if (kind == NR_SYN_CURRENT) {
                for (int i = lo; i < hi; i++) xs[i] += gc[i];
            }
        }
        const float dtOverTau = fp[NR_FLP_DT_OVER_TAU];
        for (int i = lo; i < hi; i++) xs[i] = v[i] + dtOverTau * xs[i];
    } else if (fp[NR_FLP_ANY_CONDUCTANCE] == 0.0f) {
        const float decayM = fp[NR_FLP_DECAY_M], gain = fp[NR_FLP_ONE_MINUS_DECAY_M];
        for (int i = lo; i < hi; i++) xs[i] = vRest + (v[i] - vRest) * decayM + drive0 * gain;
        for (int c = 0; c < channels; c++) {
            const int kind = (int) fp[NR_FLP_CH + c * NR_FLP_CH_STRIDE + NR_FLP_CH_KIND];
            if (kind == NR_SYN_DELTA) continue;
            const float prop = fp[NR_FLP_CH + c * NR_FLP_CH_STRIDE + NR_FLP_CH_PROPAGATOR];
            __global const float* restrict gc = g + c * size;
            for (int i = lo; i < hi; i++) xs[i] += gc[i] * prop;
        }
    } else {
        /* Exponential Euler (conductances held over the step): per neuron, as nr_lif_body. */
        const float dtOverTau = fp[NR_FLP_DT_OVER_TAU];
        for (int i = lo; i < hi; i++) xs[i] = nr_exponential_euler(v[i], vRest + drive0, dtOverTau, i, size, channels, g, fp);
    }
    for (int c = 0; c < channels; c++) {
        if ((int) fp[NR_FLP_CH + c * NR_FLP_CH_STRIDE + NR_FLP_CH_KIND] != NR_SYN_DELTA) continue;
        __global const float* restrict gc = g + c * size;
        for (int i = lo; i < hi; i++) xs[i] += gc[i];
    }

    /* Threshold, reset, refractory counter, adaptation (selects, no branches); xs[i] becomes the spike flag. */
    const float vReset = fp[NR_FLP_V_RESET], vTh = fp[NR_FLP_V_TH], refractory = fp[NR_FLP_REFRACTORY];
    if (adaptive) {
        const float beta = fp[NR_FLP_BETA], decayA = fp[NR_FLP_DECAY_A];
        for (int i = lo; i < hi; i++) {
            const float r = ref[i], cand = xs[i], ai = a[i];
            const int held = r > 0.0f, spike = !held && cand >= vTh + beta * ai;
            v[i] = held || spike ? vReset : cand;
            ref[i] = held ? r - 1.0f : (spike ? refractory : r);
            a[i] = (spike ? ai + 1.0f : ai) * decayA;
            xs[i] = spike ? 1.0f : 0.0f;
        }
    } else {
        for (int i = lo; i < hi; i++) {
            const float r = ref[i], cand = xs[i];
            const int held = r > 0.0f, spike = !held && cand >= vTh;
            v[i] = held || spike ? vReset : cand;
            ref[i] = held ? r - 1.0f : (spike ? refractory : r);
            xs[i] = spike ? 1.0f : 0.0f;
        }
    }
    for (int c = 0; c < channels; c++) {
        const float decay = fp[NR_FLP_CH + c * NR_FLP_CH_STRIDE + NR_FLP_CH_DECAY];
        __global float* restrict gc = g + c * size;
        for (int i = lo; i < hi; i++) gc[i] *= decay;
    }
    /*
     * Emit in neuron order (one work-item: the queue order, and so every float sum, is the same in every run).
     * Few neurons spike in a step, so 16 flags at a time are tested with one vector compare, and only a block
     * holding a spike is scanned neuron by neuron.
     */
    int i0 = lo;
    for (; i0 + 16 <= hi; i0 += 16) {
        if (!any(as_int16(vload16(0, xs + i0)) != (int16) 0)) continue;
        for (int i = i0; i < i0 + 16; i++)
            if (xs[i] != 0.0f) NR_EMIT(i);
    }
    for (int i = i0; i < hi; i++)
        if (xs[i] != 0.0f) NR_EMIT(i);
    return (uint) (hi - lo);
}

/* Izhikevich (2003), forward Euler; v first, then u with the new v. State: v, u, g0.. */
NR_INLINE uint nr_izhikevich_neuron(NR_BODY_PARAMS) {
    const int size = pt[NR_POP_SIZE], laneBase = pt[NR_POP_LANE_BASE], stateBase = pt[NR_POP_STATE_BASE];
    const int driveBase = pt[NR_POP_DRIVE_BASE], driveCount = pt[NR_POP_DRIVE_COUNT];
    __global const float* fp = fparams + pt[NR_POP_PARAM_BASE];
    const int channels = (int) fp[NR_FLP_CHANNELS];
    __global float* v = state + stateBase;
    __global float* u = state + stateBase + size;
    __global float* g = state + stateBase + 2 * size;
    const float extraDrive = nr_deliver_float(step, i, size, channels, laneBase, totalLanes, g, ring,
                                              drives, driveBase, driveCount, tables, seedLo, seedHi);
    float in = fp[NR_FLP_IZ_BIAS] + extraDrive;
    for (int c = 0; c < channels; c++)
        if ((int) fp[NR_FLP_CH + c * NR_FLP_CH_STRIDE + NR_FLP_CH_KIND] != NR_SYN_DELTA) in += g[c * size + i];
    const float dt = fp[NR_FLP_IZ_DT];
    float vi = v[i], ui = u[i];
    vi = vi + dt * (0.04f * vi * vi + 5.0f * vi + 140.0f - ui + in);
    for (int c = 0; c < channels; c++)
        if ((int) fp[NR_FLP_CH + c * NR_FLP_CH_STRIDE + NR_FLP_CH_KIND] == NR_SYN_DELTA) vi += g[c * size + i];
    ui = ui + dt * (fp[NR_FLP_IZ_A] * (fp[NR_FLP_IZ_B] * vi - ui));
    if (vi >= 30.0f) {
        NR_EMIT(i);
        vi = fp[NR_FLP_IZ_C];
        ui = ui + fp[NR_FLP_IZ_D];
    }
    v[i] = vi;
    u[i] = ui;
    nr_decay_traces(i, size, channels, g, fp);
    return 1u;
}
#endif
