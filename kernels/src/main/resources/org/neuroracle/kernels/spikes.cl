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
inline void nr_emit(int step, int pop, int neuron, int globalNeuron, int counted,
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

/* Poisson source population: neuron i spikes iff its Philox word is below the Bernoulli threshold (unsigned). */
__kernel void source_poisson(const int step, const int pop, const int size, const int neuronBase,
                             const uint stream, const uint threshold, const uint seedLo, const uint seedHi,
                             __global int* queue, __global int* queueCount, __global const int* rowPtr,
                             __global const int* recordFlags, __global int* record, __global int* recordCount,
                             __global uint* counters) {
    const int i = (int) get_global_id(0);
    if (i >= size) return;
    uint u = nr_philox_draw(seedLo, seedHi, stream, (uint) i, (uint) step);
    if (u < threshold)
        nr_emit(step, pop, i, neuronBase + i, 1, queue, queueCount, rowPtr, recordFlags, record, recordCount, counters);
}

/* Spikes given by the host for this step: spike-source arrays (counted, recorded) and injections (neither). */
__kernel void emit_external(const int step, const int start, const int count, __global const int* external,
                            __global int* queue, __global int* queueCount, __global const int* rowPtr,
                            __global const int* recordFlags, __global int* record, __global int* recordCount,
                            __global uint* counters) {
    const int e = (int) get_global_id(0);
    if (e >= count) return;
    __global const int* x = external + (size_t)(start + e) * NR_EXTERNAL_STRIDE;
    nr_emit(step, x[1], x[2], x[0], x[3], queue, queueCount, rowPtr, recordFlags, record, recordCount, counters);
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
    for (int q = (int) get_group_id(0); q < count; q += (int) get_num_groups(0)) {
        const int g = queue[q];
        const int end = rowPtr[g + 1];
        for (int k = rowPtr[g] + lid; k < end; k += lsize) {
            const int slot = (step + synDelay[k]) & (NR_RING_SLOTS - 1);
            nr_ring_add(&ring[NR_RING_INDEX(slot, totalLanes, synLane[k])], synWeight[k]);
        }
    }
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
