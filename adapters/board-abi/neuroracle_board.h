/*
 * neuroracle_board.h - the C ABI between Neuroracle and a neuromorphic board (ABI version 1).
 *
 * A board library implements every function below with C linkage. Neuroracle binds it with Java's foreign
 * function API (no JNI, no generated glue): it checks nrb_abi_version() first and refuses a library whose
 * major version differs.
 *
 * Conventions
 * - Every function that can fail returns int32_t: NRB_OK (0) or a negative NRB_E_* code, and leaves a
 *   human-readable message for nrb_last_error(board). Messages name the offending argument and value.
 * - Arrays are passed as pointer + count; the board copies what it keeps (the caller frees its arrays after the
 *   call returns). Integers are host-endian two's complement. A refused call leaves the board as it was before it.
 * - A board is single-threaded: calls on one handle never overlap. Different handles are independent.
 * - Lifecycle: nrb_open -> nrb_capability* -> nrb_begin_network -> nrb_add_* ... -> nrb_end_network ->
 *   (nrb_inject | nrb_run | nrb_read_*)* -> [nrb_reset -> ...] -> nrb_close.
 *
 * Semantics (identical to every Neuroracle backend; see ARCHITECTURE.md "One time step"):
 * each step t: (1) Deliver: ring slot t of every neuron's channels, plus background and current input, is the
 * input a_in; (2) Update: cuba-lif-fixed with uint32 wrap-around arithmetic; (3) Emit: spiking neurons are
 * recorded as (t, population, neuron); (4) Propagate: every spike of step t (emitted or injected) walks its CSR
 * row, adding mantissa << weight_exp into ring slot (t + delay) of the target's channel. A neuron whose state,
 * input and bias are all zero is not updated and not counted as a membrane update.
 */
#ifndef NEURORACLE_BOARD_H
#define NEURORACLE_BOARD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ABI version implemented by this header: major * 1000 + minor. Minor versions only add functions. */
#define NRB_ABI_VERSION 1000

/* Status codes. */
#define NRB_OK               0
#define NRB_E_ARGUMENT      -1  /* an argument is out of range or inconsistent                         */
#define NRB_E_STATE         -2  /* call not allowed now (e.g. nrb_run before nrb_end_network)         */
#define NRB_E_CAPACITY      -3  /* the network does not fit this board (neurons, fan-in, weight bits)  */
#define NRB_E_UNSUPPORTED   -4  /* the board lacks this feature (e.g. no energy meter)                 */
#define NRB_E_MEMORY        -5  /* host or board memory exhausted                                      */
#define NRB_E_DEVICE        -6  /* the device failed (I/O, firmware, timeout)                           */

/* Capability keys for nrb_capability(). A limit of -1 means "no limit". */
#define NRB_CAP_MAX_NEURONS          1  /* total neurons over all populations, sources included            */
#define NRB_CAP_MAX_SYNAPSES         2  /* total synapses                                                  */
#define NRB_CAP_MAX_FAN_IN           3  /* synapses onto one neuron, all projections and channels summed   */
#define NRB_CAP_MAX_DELAY_STEPS      4  /* longest synaptic delay in steps                                 */
#define NRB_CAP_WEIGHT_BITS          5  /* signed weight mantissa width, 1..16 (8 = -128..127, 9 = -256..255) */
#define NRB_CAP_MAX_CHANNELS         6  /* input channels per neuron                                       */
#define NRB_CAP_MAX_POPULATIONS      7
#define NRB_CAP_FEATURES             8  /* bitmask of NRB_FEATURE_*                                        */
#define NRB_CAP_HAS_ENERGY_METER     9  /* 1 when nrb_read_energy returns measured energy                  */

#define NRB_FEATURE_DELAYS           (1 << 0)
#define NRB_FEATURE_MULTI_CHANNEL    (1 << 1)
#define NRB_FEATURE_REFRACTORY       (1 << 2)
#define NRB_FEATURE_SPIKE_SOURCES    (1 << 3)
#define NRB_FEATURE_POISSON_SOURCES  (1 << 4)  /* Philox4x32-10 Bernoulli draws keyed (seed, stream, neuron, step) */
#define NRB_FEATURE_BACKGROUND       (1 << 5)  /* integer Poisson background from a host-computed CDF table         */
#define NRB_FEATURE_CURRENT_INPUT    (1 << 6)
#define NRB_FEATURE_INJECTION        (1 << 7)

typedef struct nrb_board nrb_board;

/* The ABI version the library was built against (NRB_ABI_VERSION of its header). Callable before open. */
int32_t nrb_abi_version(void);

/*
 * Open a board. config is a ';'-separated list of key=value settings (board-specific; unknown keys are an
 * error). Returns NULL on failure and writes a NUL-terminated message of at most error_capacity bytes
 * (including the NUL) into error.
 */
nrb_board *nrb_open(const char *config, char *error, size_t error_capacity);

/* The message of the last failed call on this board ("" when none). Valid until the next call on it. */
const char *nrb_last_error(const nrb_board *board);

/* A short board name, e.g. "emulator". Valid until nrb_close. */
const char *nrb_board_name(const nrb_board *board);

/* One capability (NRB_CAP_*) into *value. */
int32_t nrb_capability(nrb_board *board, int32_t key, int64_t *value);

/*
 * Network loading. begin discards any loaded network. Populations and projections are numbered in the order
 * they are added, from 0. seed keys the Philox draws of Poisson sources and background input.
 * max_delay_steps is the longest delay of any projection (>= 1); the delay ring has max_delay_steps + 1 slots.
 */
int32_t nrb_begin_network(nrb_board *board, int32_t max_delay_steps, uint64_t seed);

/*
 * A cuba-lif-fixed population (ARCHITECTURE.md): du[channels] 12-bit unsigned, dv 12-bit unsigned,
 * vth 17-bit unsigned, bias = bias_mant << bias_exp, refractory_steps >= 0. record: 1 to record its spikes.
 */
int32_t nrb_add_lif_population(nrb_board *board, int32_t size, int32_t channels, const int32_t *du, int32_t dv,
                               int32_t vth, int32_t bias_mant, int32_t bias_exp, int32_t refractory_steps,
                               int32_t record);

/* A source emitting spike k as neuron neurons[k] at step steps[k] (sorted by step, then neuron). */
int32_t nrb_add_spike_source(nrb_board *board, int32_t size, int32_t count, const int32_t *steps,
                             const int32_t *neurons, int32_t record);

/* A Poisson source: neuron i spikes at step t iff philox(seed, stream, i, t) < threshold (unsigned). */
int32_t nrb_add_poisson_source(nrb_board *board, int32_t size, int32_t stream, uint32_t threshold, int32_t record);

/* Initial values of one state variable ("u", "u1".., "v", "ref") of a lif population; default 0. */
int32_t nrb_set_initial(nrb_board *board, int32_t population, const char *variable, int32_t count,
                        const int32_t *values);

/*
 * A projection in CSR form: row_ptr[pre_size + 1], then per synapse targets[n], weight mantissas[n] (signed,
 * within NRB_CAP_WEIGHT_BITS), delays[n] (1..max_delay_steps). Targets sorted within each row.
 */
int32_t nrb_add_projection(nrb_board *board, int32_t pre, int32_t post, int32_t channel, int32_t pre_size,
                           const int32_t *row_ptr, const int32_t *targets, const int32_t *weight_mantissas,
                           int32_t weight_exp, const int32_t *delays);

/*
 * Poisson background into every neuron of a population: k = number of thresholds t[j] <= philox(seed, stream,
 * neuron, step) (unsigned), capped at table_length; k * weight is added to the channel's input that step.
 */
int32_t nrb_add_background(nrb_board *board, int32_t population, int32_t channel, int32_t stream, int32_t weight,
                           int32_t table_length, const uint32_t *thresholds);

/* A step current: amplitude added to the channel input of every neuron for steps in [from_step, to_step). */
int32_t nrb_add_current(nrb_board *board, int32_t population, int32_t channel, int32_t from_step, int32_t to_step,
                        int32_t amplitude);

/*
 * Check the whole network against the board's capacity and make it ready at step 0. All or nothing: on failure
 * the network is discarded (no network loaded, none being built; call nrb_begin_network again).
 */
int32_t nrb_end_network(nrb_board *board);

/* External spikes: neuron neurons[k] of population propagates at step steps[k] (>= current step); not recorded. */
int32_t nrb_inject(nrb_board *board, int32_t population, int32_t count, const int32_t *neurons, const int32_t *steps);

/* Advance steps steps. */
int32_t nrb_run(nrb_board *board, int32_t steps);

/* Steps run since end_network or the last reset. */
int32_t nrb_current_step(nrb_board *board, int64_t *step);

/* Number of recorded spikes so far. */
int32_t nrb_spike_count(nrb_board *board, int64_t *count);

/* Copy recorded spikes [offset, offset + count) in (step, population, neuron) order. */
int32_t nrb_read_spikes(nrb_board *board, int64_t offset, int64_t count, int32_t *steps, int32_t *populations,
                        int32_t *neurons);

/* Current values of one state variable of a lif population into values[count] (count = population size). */
int32_t nrb_read_state(nrb_board *board, int32_t population, const char *variable, int32_t count, int32_t *values);

/* Counters of one population since end_network/reset: spikes, synaptic ops caused, membrane updates. */
int32_t nrb_read_counters(nrb_board *board, int32_t population, int64_t *spikes, int64_t *synaptic_ops,
                          int64_t *membrane_updates);

/* Energy since end_network/reset in joules, measured by the board; NRB_E_UNSUPPORTED without a meter. */
int32_t nrb_read_energy(nrb_board *board, double *joules);

/* Back to step 0 with the initial state; spikes, counters and pending injections are cleared. */
int32_t nrb_reset(nrb_board *board);

/* Free everything. NULL is ignored. */
void nrb_close(nrb_board *board);

#ifdef __cplusplus
}
#endif
#endif
