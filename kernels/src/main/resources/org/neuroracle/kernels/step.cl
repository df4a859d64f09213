/*
 * The step kernels. Two ways to run a step, chosen by the host (OpenClSimulation, option `launch`):
 *
 * per-step:   update_all (Deliver + Update + Emit of every population in one launch, work-groups assigned to
 *             populations by groupPop, plus the host-given spikes of the step in trailing groups), then
 *             propagate (spikes.cl): two launches per step, nothing read back.
 * persistent: run_steps, one work-group running a device-side loop over many steps, with a work-group barrier
 *             between the phases of a step: one launch per batch of steps (until the record buffer could fill
 *             or a state probe is due). Only one work-group can be synchronised without host help, so this
 *             suits CPU devices (a work-group is one host thread) and small networks on a GPU.
 */

/* Deliver + Update + Emit of neuron i of a population of the given kind; 1 when a membrane was updated. */
NR_INLINE uint nr_neuron(const int kind, NR_BODY_PARAMS) {
#if NR_FIXED
    if (kind == NR_KIND_CUBA_LIF_FIXED) return nr_fixed_lif_neuron(NR_BODY_ARGS);
#else
    if (kind == NR_KIND_LIF) return nr_lif_body(0, NR_BODY_ARGS);
    if (kind == NR_KIND_ALIF) return nr_lif_body(1, NR_BODY_ARGS);
    if (kind == NR_KIND_IZHIKEVICH) return nr_izhikevich_neuron(NR_BODY_ARGS);
#endif
    if (kind == NR_KIND_POISSON) nr_poisson_neuron(NR_BODY_ARGS);
    return 0u;
}

__kernel __attribute__((reqd_work_group_size(NR_LOCAL_SIZE, 1, 1)))
void update_all(const int step, __global const int* restrict popTable, __global const int* restrict groupPop, const int neuronGroups,
                const int extStart, const int extCount, __global const int* restrict external, const int totalLanes,
                __global ring_t* restrict state, __global const int* restrict params, __global const float* restrict fparams,
                __global const int* restrict drives, __global const uint* restrict tables, const uint seedLo, const uint seedHi,
                __global ring_t* restrict ring, __global int* restrict queue, __global int* restrict queueCount, __global const int* restrict rowPtr,
                __global const int* restrict recordFlags, __global int* restrict record, __global int* restrict recordCount,
                __global uint* restrict counters) {
    __local uint scratch[NR_LOCAL_SIZE];
    const int group = (int) get_group_id(0), lid = (int) get_local_id(0);
    /* The barrier of nr_count_group stays outside the branches (PoCL needs barriers in uniform control flow). */
    int pop = 0;
    uint updated = 0u;
    if (group < neuronGroups) {
        pop = groupPop[group];
        __global const int* pt = popTable + pop * NR_POP_STRIDE;
        const int i = (group - pt[NR_POP_GROUP_BASE]) * NR_LOCAL_SIZE + lid;
        if (i < pt[NR_POP_SIZE]) updated = nr_neuron(pt[NR_POP_KIND], NR_BODY_ARGS);
    } else {
        const int e = (group - neuronGroups) * NR_LOCAL_SIZE + lid;
        if (e < extCount)
            nr_emit_external(step, external + (size_t)(extStart + e) * NR_EXTERNAL_STRIDE, queue, queueCount, rowPtr,
                             recordFlags, record, recordCount, counters);
    }
    nr_count_group(scratch, counters, pop * NR_COUNTER_WORDS + NR_COUNTER_UPDATES, updated);
}

/*
 * Steps [fromStep, toStep) in one launch of ONE work-group. Per step: every population's neurons (lif/alif and
 * cuba-lif-fixed as vectorisable channel-outer passes, nr_lif_population and nr_fixed_lif_population; the other
 * kinds neuron by neuron), then the host-given
 * spikes of the step (external entries extStart.. sorted by step, their steps in externalSteps), a barrier, the queued spikes' rows, a barrier. The spike count is double-buffered by
 * step parity as in propagate. With one work-item (CPU devices) nothing is shared, so rows are added with plain
 * adds in queue order; with more, with atomics.
 */
__kernel void run_steps(const int fromStep, const int toStep, const int populations, __global const int* restrict popTable,
                        const int extStart, const int extEnd, __global const int* restrict external,
                        __global const int* restrict externalSteps, const int totalLanes, __global ring_t* restrict state,
                        __global const int* restrict params, __global const float* restrict fparams, __global const int* restrict drives,
                        __global const uint* restrict tables, const uint seedLo, const uint seedHi, __global ring_t* restrict ring,
                        __global int* restrict queue, __global int* restrict queueCount, __global const int* restrict rowPtr,
                        __global const int* restrict synLane, __global const int* restrict synDelay, __global const ring_t* restrict synWeight,
                        __global const int* restrict recordFlags, __global int* restrict record, __global int* restrict recordCount,
                        __global uint* restrict counters, __global float* restrict scratch) {
    const int lid = (int) get_local_id(0), lsize = (int) get_local_size(0);
    int cursor = extStart;
    for (int step = fromStep; step < toStep; step++) {
        for (int pop = 0; pop < populations; pop++) {
            __global const int* pt = popTable + pop * NR_POP_STRIDE;
            const int kind = pt[NR_POP_KIND], size = pt[NR_POP_SIZE];
            if (kind == NR_KIND_SPIKE_ARRAY) continue;
            /* A contiguous chunk per work-item: unit-stride loops the compiler can vectorise. */
            const int chunk = (size + lsize - 1) / lsize;
            const int lo = min(size, lid * chunk), hi = min(size, lo + chunk);
            uint updated = 0u;
#if NR_FIXED
            if (kind == NR_KIND_CUBA_LIF_FIXED) updated = nr_fixed_lif_population(NR_POP_ARGS);
            else
#else
            if (kind == NR_KIND_LIF || kind == NR_KIND_ALIF) updated = nr_lif_population(kind == NR_KIND_ALIF, NR_POP_ARGS);
            else
#endif
            for (int i = lo; i < hi; i++) updated += nr_neuron(kind, NR_BODY_ARGS);
            nr_count(counters, pop * NR_COUNTER_WORDS + NR_COUNTER_UPDATES, updated);
        }
        const int first = cursor;
        while (cursor < extEnd && externalSteps[cursor] == step) cursor++;
        for (int e = first + lid; e < cursor; e += lsize)
            nr_emit_external(step, external + (size_t) e * NR_EXTERNAL_STRIDE, queue, queueCount, rowPtr,
                             recordFlags, record, recordCount, counters);
        barrier(CLK_GLOBAL_MEM_FENCE);
        const int count = queueCount[step & 1];
        if (lid == 0) queueCount[(step + 1) & 1] = 0;
        if (lsize == 1) {
            for (int q = 0; q < count; q++)
                nr_propagate_row_alone(step, queue[q], totalLanes, rowPtr, synLane, synDelay, synWeight, ring);
        } else {
            for (int q = lid; q < count; q += lsize)
                nr_propagate_row(step, queue[q], 0, 1, totalLanes, rowPtr, synLane, synDelay, synWeight, ring);
        }
        barrier(CLK_GLOBAL_MEM_FENCE);
    }
}
