/*
 * Emit and Propagate. A spike of step t is appended to the spike queue (count queueCount[t & 1]); the
 * propagate kernel of step t walks each queued neuron's CSR row and adds every synapse's weight into ring slot
 * (t + delay) of its target lane. The counts are double-buffered by step parity: propagate(t) reads
 * queueCount[t & 1] and clears queueCount[(t + 1) & 1], which no kernel of step t touches.
 */

/* A 64-bit counter kept as a (lo, hi) uint pair with 32-bit atomics only (no int64 atomics needed). */
inline void nr_count(__global uint* counters, int index, uint amount) {
    if (amount == 0u) return;
    uint old = atomic_add(&counters[index], amount);
    if (old + amount < old) atomic_inc(&counters[index + 1]);
}

/*
 * One spike: queue it for propagation and count its synaptic events (like the reference, which counts the
 * synapses an injected spike walks too); when counted (emitted, not injected) also count and maybe record it.
 */
NR_INLINE void nr_emit(int step, int pop, int neuron, int globalNeuron, int counted,
                    __global int* queue, __global int* queueCount, __global const int* rowPtr,
                    __global const int* recordFlags, __global int* record, __global int* recordCount,
                    __global uint* counters) {
    int q = atomic_inc(&queueCount[step & 1]);
    queue[q] = globalNeuron;
    nr_count(counters, pop * NR_COUNTER_WORDS + NR_COUNTER_SYNOPS, (uint)(rowPtr[globalNeuron + 1] - rowPtr[globalNeuron]));
    if (counted) {
        nr_count(counters, pop * NR_COUNTER_WORDS + NR_COUNTER_SPIKES, 1u);
        if (recordFlags[globalNeuron]) {
            int r = atomic_inc(recordCount);
            record[r * NR_RECORD_STRIDE + 0] = step;
            record[r * NR_RECORD_STRIDE + 1] = pop;
            record[r * NR_RECORD_STRIDE + 2] = neuron;
        }
    }
}

#if NR_FIXED
/* Integer accumulation wraps modulo 2^32, so the order of these atomic adds cannot change a result. */
inline void nr_ring_add(__global int* cell, int w) { atomic_add(cell, w); }
#else
/* Float atomic add by compare-and-swap: the sum is exact per addition but its order varies (see README). */
inline void nr_ring_add(__global float* cell, float w) {
    volatile __global uint* bits = (volatile __global uint*) cell;
    uint expected = *bits;
    for (;;) {
        uint desired = as_uint(as_float(expected) + w);
        uint seen = atomic_cmpxchg(bits, expected, desired);
        if (seen == expected) break;
        expected = seen;
    }
}
#endif

/* Propagate of one queued spike: synapses from + k * stride of neuron g's merged CSR row into the ring. */
inline void nr_propagate_row(const int step, const int g, const int from, const int stride, const int totalLanes,
                             __global const int* rowPtr, __global const int* synLane, __global const int* synDelay,
                             __global const ring_t* synWeight, __global ring_t* ring) {
    const int end = rowPtr[g + 1];
    for (int k = rowPtr[g] + from; k < end; k += stride) {
        const int slot = (step + synDelay[k]) & (NR_RING_SLOTS - 1);
        nr_ring_add(&ring[NR_RING_INDEX(slot, totalLanes, synLane[k])], synWeight[k]);
    }
}

/*
 * Propagate of one queued spike by one work-item that has the whole work-group to itself (run_steps with one
 * work-item): plain adds, in CSR order, so a float ring cell sums its inputs in queue order, the same every run.
 */
inline void nr_propagate_row_alone(const int step, const int g, const int totalLanes, __global const int* rowPtr,
                                   __global const int* synLane, __global const int* synDelay,
                                   __global const ring_t* synWeight, __global ring_t* ring) {
    const int end = rowPtr[g + 1];
    for (int k = rowPtr[g]; k < end; k++) {
        const int slot = (step + synDelay[k]) & (NR_RING_SLOTS - 1);
        ring[NR_RING_INDEX(slot, totalLanes, synLane[k])] += synWeight[k];
    }
}

/*
 * One work-group per queued spike at a time (groups stride over the queue); the work-items of a group share
 * the row's synapses, so long rows spread over a GPU's lanes while a CPU runs each row as one loop.
 */
__kernel void propagate(const int step, const int totalLanes, __global const int* queue, __global int* queueCount,
                        __global const int* rowPtr, __global const int* synLane, __global const int* synDelay,
                        __global const ring_t* synWeight, __global ring_t* ring) {
    const int count = queueCount[step & 1];
    if (get_global_id(0) == 0) queueCount[(step + 1) & 1] = 0;
    const int lid = (int) get_local_id(0), lsize = (int) get_local_size(0);
    for (int q = (int) get_group_id(0); q < count; q += (int) get_num_groups(0))
        nr_propagate_row(step, queue[q], lid, lsize, totalLanes, rowPtr, synLane, synDelay, synWeight, ring);
}

/*
 * Sums a per-work-item count over the work-group in fixed local memory, then one atomic per group:
 * NR_LOCAL_SIZE is a build constant, so the local array size is known at compile time (FPGA-friendly).
 */
inline void nr_count_group(__local uint* scratch, __global uint* counters, int index, uint mine) {
    const int lid = (int) get_local_id(0);
    scratch[lid] = mine;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int stride = NR_LOCAL_SIZE / 2; stride > 0; stride >>= 1) {
        if (lid < stride) scratch[lid] += scratch[lid + stride];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) nr_count(counters, index, scratch[0]);
}

/*
 * What every per-neuron body (fixed_lif.cl, float_models.cl, Poisson sources) receives: the step, the
 * population, the neuron, its PopulationLayout row pt, and the buffers. `state` and `ring` are int in
 * fixed-point builds and float otherwise; `params` (int) serves cuba-lif-fixed, `fparams` (float) the rest.
 */
#define NR_BODY_PARAMS const int step, const int pop, const int i, __global const int* pt, const int totalLanes, \
    __global ring_t* state, __global const int* params, __global const float* fparams, __global const int* drives, \
    __global const uint* tables, const uint seedLo, const uint seedHi, __global ring_t* ring, \
    __global int* queue, __global int* queueCount, __global const int* rowPtr, __global const int* recordFlags, \
    __global int* record, __global int* recordCount, __global uint* counters
#define NR_BODY_ARGS step, pop, i, pt, totalLanes, state, params, fparams, drives, tables, seedLo, seedHi, ring, \
    queue, queueCount, rowPtr, recordFlags, record, recordCount, counters
/* What run_steps' population loops receive: neurons [lo, hi) of the population and the scratch words (two per neuron). */
#define NR_POP_PARAMS const int step, const int pop, const int lo, const int hi, __global const int* pt, \
    const int totalLanes, __global ring_t* restrict state, __global const int* restrict params, \
    __global const float* restrict fparams, \
    __global const int* restrict drives, __global const uint* restrict tables, const uint seedLo, const uint seedHi, \
    __global ring_t* restrict ring, __global float* restrict x, __global int* queue, __global int* queueCount, \
    __global const int* rowPtr, __global const int* recordFlags, __global int* record, __global int* recordCount, \
    __global uint* counters
#define NR_POP_ARGS step, pop, lo, hi, pt, totalLanes, state, params, fparams, drives, tables, seedLo, seedHi, ring, scratch, \
    queue, queueCount, rowPtr, recordFlags, record, recordCount, counters
#define NR_EMIT(i) nr_emit(step, pop, (i), pt[NR_POP_NEURON_BASE] + (i), 1, queue, queueCount, rowPtr, recordFlags, \
    record, recordCount, counters)

/* Poisson source neuron: spikes iff its Philox word is below the Bernoulli threshold (unsigned). */
NR_INLINE void nr_poisson_neuron(NR_BODY_PARAMS) {
    uint u = nr_philox_draw(seedLo, seedHi, (uint) pt[NR_POP_STREAM], (uint) i, (uint) step);
    if (u < (uint) pt[NR_POP_THRESHOLD]) NR_EMIT(i);
}

/* A host-given spike (ExternalLayout): spike-source arrays are counted and recorded, injections only propagated. */
inline void nr_emit_external(const int step, __global const int* x, __global int* queue, __global int* queueCount,
                             __global const int* rowPtr, __global const int* recordFlags, __global int* record,
                             __global int* recordCount, __global uint* counters) {
    nr_emit(step, x[1], x[2], x[0], x[3], queue, queueCount, rowPtr, recordFlags, record, recordCount, counters);
}
