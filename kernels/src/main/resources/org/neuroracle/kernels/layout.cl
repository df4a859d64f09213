/*
 * Device buffer layouts. Every constant here mirrors a constant of a Java *Layout class in
 * org.neuroracle.kernels (LayoutAgreementTest parses this file and checks each one), so the host and the
 * kernels can never disagree silently.
 *
 * Build-time constants (-D, see KernelSource): NR_FIXED (1 = fixed-point network, 0 = float),
 * NR_RING_SLOTS (a power of two > the longest delay), NR_LOCAL_SIZE (work-group size of the update kernels),
 * NR_HAS_FP64 (1 when the device has doubles: used to round float divisions and exp exactly like Java).
 */
#define NR_LAYOUT_VERSION 2
#define NR_MAX_CHANNELS 8

/* CounterLayout: per population, three 64-bit counters as (lo, hi) uint pairs. */
#define NR_COUNTER_WORDS 6
#define NR_COUNTER_SPIKES 0
#define NR_COUNTER_SYNOPS 2
#define NR_COUNTER_UPDATES 4

/* RecordLayout: one recorded spike = (step, population, neuron). */
#define NR_RECORD_STRIDE 3

/* ExternalLayout: one external spike = (global neuron, population, neuron, counted-and-recorded flag). */
#define NR_EXTERNAL_STRIDE 4

/* DriveLayout: one background or current input of a population. */
#define NR_DRIVE_STRIDE 8
#define NR_DRIVE_KIND 0
#define NR_DRIVE_CHANNEL 1
#define NR_DRIVE_STREAM 2
#define NR_DRIVE_TABLE_OFFSET 3
#define NR_DRIVE_TABLE_LENGTH 4
#define NR_DRIVE_WEIGHT_BITS 5
#define NR_DRIVE_FROM_STEP 6
#define NR_DRIVE_TO_STEP 7
#define NR_DRIVE_BACKGROUND 0
#define NR_DRIVE_CURRENT 1

/* FixedParamLayout: int parameters of a cuba-lif-fixed population. */
#define NR_FP_STRIDE 16
#define NR_FP_CHANNELS 0
#define NR_FP_DV 1
#define NR_FP_VTH 2
#define NR_FP_BIAS 3
#define NR_FP_REFRACTORY 4
#define NR_FP_DU 5

/* FloatParamLayout: float parameters of a lif, alif or izhikevich population; per channel a block of 4. */
#define NR_FLP_STRIDE 48
#define NR_FLP_CHANNELS 0
#define NR_FLP_V_REST 1
#define NR_FLP_V_RESET 2
#define NR_FLP_V_TH 3
#define NR_FLP_BIAS 4
#define NR_FLP_DT_OVER_TAU 5
#define NR_FLP_DECAY_M 6
#define NR_FLP_ONE_MINUS_DECAY_M 7
#define NR_FLP_REFRACTORY 8
#define NR_FLP_BETA 9
#define NR_FLP_DECAY_A 10
#define NR_FLP_EXACT 11
#define NR_FLP_ANY_CONDUCTANCE 12
#define NR_FLP_IZ_A 1
#define NR_FLP_IZ_B 2
#define NR_FLP_IZ_C 3
#define NR_FLP_IZ_D 4
#define NR_FLP_IZ_BIAS 5
#define NR_FLP_IZ_DT 6
#define NR_FLP_CH 16
#define NR_FLP_CH_STRIDE 4
#define NR_FLP_CH_DECAY 0
#define NR_FLP_CH_PROPAGATOR 1
#define NR_FLP_CH_REVERSAL 2
#define NR_FLP_CH_KIND 3
#define NR_SYN_CURRENT 0
#define NR_SYN_CONDUCTANCE 1
#define NR_SYN_DELTA 2

/* PopulationLayout: one row per population, read by the merged update kernels (update_all, run_steps). */
#define NR_POP_STRIDE 12
#define NR_POP_KIND 0
#define NR_POP_SIZE 1
#define NR_POP_NEURON_BASE 2
#define NR_POP_LANE_BASE 3
#define NR_POP_STATE_BASE 4
#define NR_POP_PARAM_BASE 5
#define NR_POP_DRIVE_BASE 6
#define NR_POP_DRIVE_COUNT 7
#define NR_POP_STREAM 8
#define NR_POP_THRESHOLD 9
#define NR_POP_GROUP_BASE 10
#define NR_POP_GROUPS 11
#define NR_KIND_CUBA_LIF_FIXED 0
#define NR_KIND_LIF 1
#define NR_KIND_ALIF 2
#define NR_KIND_IZHIKEVICH 3
#define NR_KIND_POISSON 4
#define NR_KIND_SPIKE_ARRAY 5

/* ConfigLayout: what nr_config writes, so a loaded program binary can be checked against the network. */
#define NR_CONFIG_WORDS 5

#ifndef NR_FIXED
#error "NR_FIXED must be defined (-DNR_FIXED=0 or 1)"
#endif
#ifndef NR_RING_SLOTS
#error "NR_RING_SLOTS must be defined (a power of two)"
#endif
#ifndef NR_LOCAL_SIZE
#error "NR_LOCAL_SIZE must be defined"
#endif
#ifndef NR_HAS_FP64
#define NR_HAS_FP64 0
#endif
#if NR_HAS_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

/* Float results must not depend on the compiler fusing a*b+c: the Java reference never does. */
#pragma OPENCL FP_CONTRACT OFF

/* The per-neuron bodies must be inlined into the population loops so that loads of parameters can be hoisted. */
#define NR_INLINE inline __attribute__((always_inline))

#if NR_FIXED
typedef int ring_t;
#else
typedef float ring_t;
#endif

/* The ring: slot s holds one value per input lane; lane = laneBase(pop) + channel * size(pop) + neuron. */
#define NR_RING_INDEX(slot, totalLanes, lane) ((size_t)(slot) * (size_t)(totalLanes) + (size_t)(lane))

__kernel void nr_config(__global int* out) {
    if (get_global_id(0) == 0) {
        out[0] = NR_LAYOUT_VERSION;
        out[1] = NR_FIXED;
        out[2] = NR_RING_SLOTS;
        out[3] = NR_LOCAL_SIZE;
        out[4] = NR_HAS_FP64;
    }
}
