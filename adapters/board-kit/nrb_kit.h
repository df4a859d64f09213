/*
 * nrb_kit.h - the reusable part of a Neuroracle board library.
 *
 * The kit implements every function of neuroracle_board.h that does not touch a device: opening and config
 * parsing, argument validation, a validated in-memory copy of the network (populations, projections, inputs,
 * initial state), capacity checks, injected spikes, the recorded spike list, counters, error messages, and the
 * reference fixed-point LIF arithmetic and Philox4x32-10 draws. A board supplies the few nrb_device_* hooks
 * declared at the end of this file: board-emulator/emulator.c is the reference implementation (the step loop in
 * portable C) and the template a hardware team copies.
 *
 * Files: nrb_kit.c (ABI functions, store, errors, counters), nrb_config.c (key=value parsing), nrb_capacity.c
 * (capacity limits), nrb_lif.c (cuba-lif-fixed arithmetic), nrb_philox.c (Philox4x32-10).
 * Build: cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -shared -fPIC -I board-abi -I board-kit board-kit/(*).c myboard.c
 */
#ifndef NRB_KIT_H
#define NRB_KIT_H

#include "neuroracle_board.h"

#include <stdint.h>
#include <stddef.h>

#define NRB_KIT_MAX_CHANNELS 8
#define NRB_KIT_MAX_DELAY 4096

typedef enum { NRB_KIT_LIF = 1, NRB_KIT_SPIKE_ARRAY = 2, NRB_KIT_POISSON = 3 } nrb_kit_kind;

/* One population. u/v/ref/ring are the live state (allocated by nrb_end_network for lif populations). */
typedef struct {
    nrb_kit_kind kind;
    int32_t size, channels, record;
    int32_t du[NRB_KIT_MAX_CHANNELS], dv, vth, bias, refractory;   /* bias = bias_mant << bias_exp          */
    uint32_t *u[NRB_KIT_MAX_CHANNELS], *v, *ring[NRB_KIT_MAX_CHANNELS];
    int32_t *ref;
    uint32_t *init_u[NRB_KIT_MAX_CHANNELS], *init_v;                /* NULL: starts at 0                     */
    int32_t *init_ref;
    int32_t n_src, *src_steps, *src_neurons;                       /* spike-source array, sorted            */
    int32_t stream;                                                /* poisson source                        */
    uint32_t threshold;
    int32_t *spikes, n_spikes;                                     /* emitted this step, ascending          */
    int64_t c_spikes, c_synops, c_updates;                         /* counters since end_network/reset      */
} nrb_kit_pop;

/* A projection in CSR form; weights already shifted: mantissa << weight_exp. */
typedef struct {
    int32_t pre, post, channel, pre_size, exp;
    int32_t *row_ptr, *targets, *weights, *delays;
} nrb_kit_proj;

typedef struct { int32_t pop, channel, stream, weight, len; uint32_t *table; } nrb_kit_background;
typedef struct { int32_t pop, channel, from, to, amplitude; } nrb_kit_current;
typedef struct { int32_t step, pop, neuron; } nrb_kit_spike;

struct nrb_board {
    char name[64];
    char error[512];
    int64_t max_neurons, max_synapses, max_fan_in, max_delay, weight_bits;   /* -1: no limit                 */
    int loaded, building;
    int32_t ring_slots, max_delay_steps;
    uint64_t seed;
    nrb_kit_pop *pops; int32_t n_pops, cap_pops;
    nrb_kit_proj *projs; int32_t n_projs, cap_projs;
    nrb_kit_background *bgs; int32_t n_bgs, cap_bgs;
    nrb_kit_current *curs; int32_t n_curs, cap_curs;
    nrb_kit_spike *inj; int64_t n_inj, cap_inj, inj_pos;                 /* pending injections, sorted       */
    nrb_kit_spike *rec; int64_t n_rec, cap_rec;                          /* recorded spikes, in order        */
    int64_t step;
    void *device;                                                        /* the board's own data             */
};

/* ---- helpers for board implementations ------------------------------------------------------------ */

/* Set the board's message and return code (a negative NRB_E_*). */
int32_t nrb_kit_fail(nrb_board *b, int32_t code, const char *fmt, ...);
/* Grow a dynamic array to hold need elements; 0 on out-of-memory (the array is unchanged then). */
int nrb_kit_grow(void **data, int64_t *cap, int64_t need, size_t elem);
/* Append the spikes population p emitted at step t to the recorded list if it records; NRB_E_MEMORY on failure. */
int32_t nrb_kit_record(nrb_board *b, int32_t p, int32_t t);

/* cuba-lif-fixed arithmetic (ARCHITECTURE.md), in uint32 so overflow wraps as on every backend. */
int32_t nrb_lif_decay(int32_t x, int32_t d);                    /* sign(x) * (|x * (4096 - d)| >> 12)      */
int32_t nrb_lif_current(int32_t u, int32_t du, int32_t a_in);   /* decay(u, du + 1) + (a_in << 6), 24-bit wrap */
int32_t nrb_lif_voltage(int32_t v, int32_t dv, int32_t u_total, int32_t bias); /* saturates at +-(2^23 - 1) */
static inline int32_t nrb_wrap_add(int32_t a, int32_t b) { return (int32_t) ((uint32_t) a + (uint32_t) b); }

/* Philox4x32-10 keyed (seed, stream, neuron, step): the first output word (org.neuroracle.snn.rng.Philox.draw). */
uint32_t nrb_philox_draw(uint64_t seed, int32_t stream, int32_t neuron, int32_t step);

/* Config parsing: fills the kit's keys; any other key goes to nrb_device_config. NULL on error (message set). */
nrb_board *nrb_kit_parse_config(nrb_board *b, const char *config, char *error, size_t cap);

/* Capacity checks against the board's limits (NRB_E_CAPACITY with a message naming the limit). */
int32_t nrb_kit_check_delay(nrb_board *b, int32_t max_delay_steps);
int32_t nrb_kit_check_weight(nrb_board *b, int32_t projection, int32_t synapse, int32_t mantissa);
int32_t nrb_kit_check_network(nrb_board *b);

/* ---- hooks a board implements (board-emulator/emulator.c is the reference) ------------------------ */

/* Default board name (config key name= overrides it). */
const char *nrb_device_default_name(void);
/* NRB_FEATURE_* the board supports. */
int64_t nrb_device_features(void);
/* A config key the kit does not know: accept it (return 1) or write a message and return 0. */
int nrb_device_config(nrb_board *b, const char *key, const char *value, char *error, size_t cap);
/* The network is validated and the host state allocated and initialised: load it onto the device. */
int32_t nrb_device_load(nrb_board *b);
/*
 * Advance steps steps from b->step. For every step: record emitted spikes with nrb_kit_record, add to the
 * per-population counters, consume injections (b->inj from b->inj_pos), and increment b->step. Leave the host
 * state (u, v, ref) current so nrb_read_state can copy it.
 */
int32_t nrb_device_run(nrb_board *b, int32_t steps);
/* Back to step 0 (the kit has restored the host state and cleared spikes, counters and injections). */
int32_t nrb_device_reset(nrb_board *b);
/* 1 when nrb_device_energy returns measured energy. */
int nrb_device_has_energy_meter(nrb_board *b);
/* Measured energy since end_network/reset; NRB_E_UNSUPPORTED (with a message) without a meter. */
int32_t nrb_device_energy(nrb_board *b, double *joules);
/* Free b->device (may be NULL) and anything else the board holds (called before the kit frees the network). */
void nrb_device_release(nrb_board *b);

#endif
