/*
 * The Neuroracle reference board emulator: neuroracle_board.h implemented in portable C11.
 *
 * A third, independent implementation of cuba-lif-fixed (after the Java cpu backend and the OpenCL kernels)
 * and the starting point for a hardware team: replace the step loop with calls into your device.
 * All neuron and synapse arithmetic is done in uint32_t so that overflow wraps modulo 2^32 exactly as Java's
 * int does (signed overflow is undefined in C). Mirrors org.neuroracle.snn.fixed.FixedLif and the cpu backend.
 *
 * Build: cc -O2 -std=c11 -shared -fPIC -I../board-abi -o libneuroracle_board_emulator.so emulator.c
 * -DPLANTED_BUG=n compiles a deliberately wrong variant for the conformance kit's own tests:
 *   1: decay rounds toward minus infinity instead of toward zero
 *   2: capacity limits from the config string are ignored
 *   3: nrb_open accepts unknown config keys
 */
#include "neuroracle_board.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef PLANTED_BUG
#define PLANTED_BUG 0
#endif

#define MAX_CHANNELS 8
#define KIND_LIF 1
#define KIND_ARRAY 2
#define KIND_POISSON 3

typedef struct {
    int32_t kind, size, channels, record;
    int32_t du[MAX_CHANNELS], dv, vth, bias, refractory;
    uint32_t *u[MAX_CHANNELS], *v, *ring[MAX_CHANNELS];
    int32_t *ref;
    uint32_t *init_u[MAX_CHANNELS], *init_v;
    int32_t *init_ref;
    int32_t n_src, *src_steps, *src_neurons; /* spike-source array */
    int32_t stream;                          /* poisson source */
    uint32_t threshold;
    int32_t *spikes, n_spikes;               /* emitted this step, ascending */
    int64_t c_spikes, c_synops, c_updates;
} pop_t;

typedef struct {
    int32_t pre, post, channel, pre_size, exp;
    int32_t *row_ptr, *targets, *weights, *delays; /* weights: mantissa << exp */
} proj_t;

typedef struct {
    int32_t pop, channel, stream, weight, len;
    uint32_t *table;
} bg_t;

typedef struct {
    int32_t pop, channel, from, to, amplitude;
} cur_t;

typedef struct {
    int32_t step, pop, neuron;
} key_t3;

struct nrb_board {
    char name[64];
    char error[512];
    int64_t max_neurons, max_synapses, max_fan_in, max_delay, weight_bits;
    int loaded, building;
    int32_t ring_slots, max_delay_steps;
    uint64_t seed;
    pop_t *pops; int32_t n_pops, cap_pops;
    proj_t *projs; int32_t n_projs, cap_projs;
    bg_t *bgs; int32_t n_bgs, cap_bgs;
    cur_t *curs; int32_t n_curs, cap_curs;
    key_t3 *inj; int64_t n_inj, cap_inj, inj_pos;
    key_t3 *rec; int64_t n_rec, cap_rec;
    int64_t step;
};

static int32_t fail(nrb_board *b, int32_t code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->error, sizeof b->error, fmt, ap);
    va_end(ap);
    return code;
}

static void ok(nrb_board *b) { b->error[0] = 0; }

/* Grow a dynamic array; returns 0 on out-of-memory. */
static int grow(void **data, int64_t *cap, int64_t need, size_t elem) {
    if (need <= *cap) return 1;
    int64_t n = *cap ? *cap : 16;
    while (n < need) n *= 2;
    void *p = realloc(*data, (size_t) n * elem);
    if (!p) return 0;
    *data = p;
    *cap = n;
    return 1;
}

/* ---------------------------------------------------------------- fixed-point arithmetic (FixedLif) */

static int32_t decay(int32_t x, int32_t d) {
    int64_t p = (int64_t) x * (int64_t) (4096 - d);
#if PLANTED_BUG == 1
    return (int32_t) (p >> 12); /* arithmetic shift: rounds toward minus infinity */
#else
    int64_t m = (p < 0 ? -p : p) >> 12;
    return (int32_t) (p < 0 ? -m : m);
#endif
}

static int32_t wrap_add(int32_t a, int32_t b) { return (int32_t) ((uint32_t) a + (uint32_t) b); }

static int32_t current_update(int32_t u, int32_t du, int32_t a_in) {
    int32_t x = wrap_add(decay(u, du + 1), (int32_t) ((uint32_t) a_in << 6));
    if (x > (1 << 23)) return (int32_t) ((uint32_t) x - (1u << 24));
    if (x <= -(1 << 23)) return (int32_t) ((uint32_t) x + (1u << 24));
    return x;
}

static int32_t voltage_update(int32_t v, int32_t dv, int32_t u_total, int32_t bias) {
    int32_t x = wrap_add(wrap_add(decay(v, dv), u_total), bias);
    const int32_t lim = (1 << 23) - 1;
    return x > lim ? lim : (x < -lim ? -lim : x);
}

/* ---------------------------------------------------------------- Philox4x32-10 (org.neuroracle.snn.rng.Philox.draw) */

static uint32_t philox_draw(uint64_t seed, int32_t stream, int32_t neuron, int32_t step) {
    uint32_t c0 = (uint32_t) neuron, c1 = (uint32_t) step, c2 = (uint32_t) stream, c3 = 0;
    uint32_t k0 = (uint32_t) seed, k1 = (uint32_t) (seed >> 32);
    for (int r = 0; r < 10; r++) {
        uint64_t p0 = (uint64_t) 0xD2511F53u * c0, p1 = (uint64_t) 0xCD9E8D57u * c2;
        uint32_t n0 = (uint32_t) (p1 >> 32) ^ c1 ^ k0, n1 = (uint32_t) p1;
        uint32_t n2 = (uint32_t) (p0 >> 32) ^ c3 ^ k1, n3 = (uint32_t) p0;
        c0 = n0; c1 = n1; c2 = n2; c3 = n3;
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    return c0;
}

/* ---------------------------------------------------------------- open / close */

static int parse_long(const char *s, int64_t *out) {
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*s == 0 || *end != 0) return 0;
    *out = v;
    return 1;
}

int32_t nrb_abi_version(void) { return NRB_ABI_VERSION; }

nrb_board *nrb_open(const char *config, char *error, size_t cap) {
    nrb_board *b = calloc(1, sizeof *b);
    if (!b) {
        if (error && cap) snprintf(error, cap, "out of memory");
        return NULL;
    }
    strcpy(b->name, "emulator");
    b->max_neurons = b->max_synapses = b->max_fan_in = -1;
    b->max_delay = 4096;
    b->weight_bits = 8;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", config ? config : "");
    if (config && strlen(config) >= sizeof buf) {
        snprintf(error, cap, "config string is longer than %zu bytes", sizeof buf - 1);
        free(b);
        return NULL;
    }
    for (char *save = NULL, *item = strtok_r(buf, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
        while (*item == ' ') item++;
        if (!*item) continue;
        char *eq = strchr(item, '=');
        if (!eq) {
            snprintf(error, cap, "config item '%s' is not key=value", item);
            free(b);
            return NULL;
        }
        *eq = 0;
        const char *key = item, *val = eq + 1;
        int64_t n = 0;
        int numeric = parse_long(val, &n);
        int64_t *target = NULL;
        if (strcmp(key, "name") == 0) {
            snprintf(b->name, sizeof b->name, "%s", val);
            continue;
        } else if (strcmp(key, "max_neurons") == 0) target = &b->max_neurons;
        else if (strcmp(key, "max_synapses") == 0) target = &b->max_synapses;
        else if (strcmp(key, "max_fan_in") == 0) target = &b->max_fan_in;
        else if (strcmp(key, "max_delay_steps") == 0) target = &b->max_delay;
        else if (strcmp(key, "weight_bits") == 0) target = &b->weight_bits;
        else {
#if PLANTED_BUG == 3
            continue;
#else
            snprintf(error, cap, "unknown config key '%s' (known: name, max_neurons, max_synapses, max_fan_in, max_delay_steps, weight_bits)", key);
            free(b);
            return NULL;
#endif
        }
        if (!numeric || n < -1 || n == 0) {
            snprintf(error, cap, "config %s='%s' must be a positive integer or -1 (no limit)", key, val);
            free(b);
            return NULL;
        }
        *target = n;
    }
    if (b->weight_bits != -1 && (b->weight_bits < 1 || b->weight_bits > 16)) {
        snprintf(error, cap, "config weight_bits=%lld must be 1..16", (long long) b->weight_bits);
        free(b);
        return NULL;
    }
    if (b->max_delay == -1 || b->max_delay > 4096) b->max_delay = 4096;
    return b;
}

const char *nrb_last_error(const nrb_board *b) { return b ? b->error : "no board"; }

const char *nrb_board_name(const nrb_board *b) { return b ? b->name : ""; }

static void free_network(nrb_board *b) {
    for (int32_t p = 0; p < b->n_pops; p++) {
        pop_t *q = &b->pops[p];
        for (int c = 0; c < MAX_CHANNELS; c++) { free(q->u[c]); free(q->ring[c]); free(q->init_u[c]); }
        free(q->v); free(q->ref); free(q->init_v); free(q->init_ref);
        free(q->src_steps); free(q->src_neurons); free(q->spikes);
    }
    for (int32_t j = 0; j < b->n_projs; j++) {
        proj_t *r = &b->projs[j];
        free(r->row_ptr); free(r->targets); free(r->weights); free(r->delays);
    }
    for (int32_t k = 0; k < b->n_bgs; k++) free(b->bgs[k].table);
    free(b->pops); free(b->projs); free(b->bgs); free(b->curs); free(b->inj); free(b->rec);
    b->pops = NULL; b->projs = NULL; b->bgs = NULL; b->curs = NULL; b->inj = NULL; b->rec = NULL;
    b->n_pops = b->cap_pops = b->n_projs = b->cap_projs = b->n_bgs = b->cap_bgs = b->n_curs = b->cap_curs = 0;
    b->n_inj = b->cap_inj = b->inj_pos = b->n_rec = b->cap_rec = 0;
    b->loaded = b->building = 0;
}

void nrb_close(nrb_board *b) {
    if (!b) return;
    free_network(b);
    free(b);
}

int32_t nrb_capability(nrb_board *b, int32_t key, int64_t *value) {
    if (!b || !value) return NRB_E_ARGUMENT;
    ok(b);
    switch (key) {
        case NRB_CAP_MAX_NEURONS: *value = b->max_neurons; break;
        case NRB_CAP_MAX_SYNAPSES: *value = b->max_synapses; break;
        case NRB_CAP_MAX_FAN_IN: *value = b->max_fan_in; break;
        case NRB_CAP_MAX_DELAY_STEPS: *value = b->max_delay; break;
        case NRB_CAP_WEIGHT_BITS: *value = b->weight_bits; break;
        case NRB_CAP_MAX_CHANNELS: *value = MAX_CHANNELS; break;
        case NRB_CAP_MAX_POPULATIONS: *value = -1; break;
        case NRB_CAP_FEATURES:
            *value = NRB_FEATURE_DELAYS | NRB_FEATURE_MULTI_CHANNEL | NRB_FEATURE_REFRACTORY | NRB_FEATURE_SPIKE_SOURCES
                     | NRB_FEATURE_POISSON_SOURCES | NRB_FEATURE_BACKGROUND | NRB_FEATURE_CURRENT_INPUT | NRB_FEATURE_INJECTION;
            break;
        case NRB_CAP_HAS_ENERGY_METER: *value = 0; break;
        default: return fail(b, NRB_E_ARGUMENT, "unknown capability key %d", key);
    }
    return NRB_OK;
}

/* ---------------------------------------------------------------- network loading */

int32_t nrb_begin_network(nrb_board *b, int32_t max_delay_steps, uint64_t seed) {
    if (!b) return NRB_E_ARGUMENT;
    free_network(b);
    if (max_delay_steps < 1 || max_delay_steps > 4096)
        return fail(b, NRB_E_ARGUMENT, "max_delay_steps = %d must be 1..4096", max_delay_steps);
#if PLANTED_BUG != 2
    if (max_delay_steps > b->max_delay)
        return fail(b, NRB_E_CAPACITY, "max_delay_steps = %d exceeds this board's %lld", max_delay_steps, (long long) b->max_delay);
#endif
    b->max_delay_steps = max_delay_steps;
    b->ring_slots = max_delay_steps + 1;
    b->seed = seed;
    b->building = 1;
    b->step = 0;
    ok(b);
    return NRB_OK;
}

static pop_t *new_pop(nrb_board *b, int32_t size, int32_t record) {
    int64_t cap = b->cap_pops;
    if (!grow((void **) &b->pops, &cap, b->n_pops + 1, sizeof(pop_t))) return NULL;
    b->cap_pops = (int32_t) cap;
    pop_t *p = &b->pops[b->n_pops];
    memset(p, 0, sizeof *p);
    p->size = size;
    p->record = record != 0;
    p->spikes = malloc((size_t) size * sizeof(int32_t));
    if (!p->spikes) return NULL;
    return p;
}

static int32_t check_building(nrb_board *b) {
    if (!b->building) return fail(b, NRB_E_STATE, "no network is being loaded: call nrb_begin_network first");
    return NRB_OK;
}

int32_t nrb_add_lif_population(nrb_board *b, int32_t size, int32_t channels, const int32_t *du, int32_t dv,
                               int32_t vth, int32_t bias_mant, int32_t bias_exp, int32_t refractory, int32_t record) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_building(b);
    if (rc) return rc;
    int32_t idx = b->n_pops;
    if (size < 1) return fail(b, NRB_E_ARGUMENT, "population %d: size = %d must be >= 1", idx, size);
    if (channels < 1 || channels > MAX_CHANNELS || !du) return fail(b, NRB_E_ARGUMENT, "population %d: channels = %d must be 1..%d", idx, channels, MAX_CHANNELS);
    for (int c = 0; c < channels; c++)
        if (du[c] < 0 || du[c] > 4095) return fail(b, NRB_E_ARGUMENT, "population %d: du[%d] = %d is outside 0..4095", idx, c, du[c]);
    if (dv < 0 || dv > 4095) return fail(b, NRB_E_ARGUMENT, "population %d: dv = %d is outside 0..4095", idx, dv);
    if (vth < 0 || vth >= (1 << 17)) return fail(b, NRB_E_ARGUMENT, "population %d: vth = %d is outside 0..131071", idx, vth);
    if (bias_mant < -4096 || bias_mant > 4095) return fail(b, NRB_E_ARGUMENT, "population %d: bias_mant = %d is outside -4096..4095", idx, bias_mant);
    if (bias_exp < 0 || bias_exp > 7) return fail(b, NRB_E_ARGUMENT, "population %d: bias_exp = %d is outside 0..7", idx, bias_exp);
    if (refractory < 0 || refractory > 1023) return fail(b, NRB_E_ARGUMENT, "population %d: refractory_steps = %d is outside 0..1023", idx, refractory);
    pop_t *p = new_pop(b, size, record);
    if (!p) return fail(b, NRB_E_MEMORY, "population %d: out of memory", idx);
    b->n_pops++;
    p->kind = KIND_LIF;
    p->channels = channels;
    memcpy(p->du, du, (size_t) channels * sizeof(int32_t));
    p->dv = dv;
    p->vth = vth;
    p->bias = (int32_t) ((uint32_t) bias_mant << bias_exp);
    p->refractory = refractory;
    ok(b);
    return idx;
}

int32_t nrb_add_spike_source(nrb_board *b, int32_t size, int32_t count, const int32_t *steps, const int32_t *neurons,
                             int32_t record) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_building(b);
    if (rc) return rc;
    int32_t idx = b->n_pops;
    if (size < 1 || count < 0 || (count > 0 && (!steps || !neurons)))
        return fail(b, NRB_E_ARGUMENT, "population %d: spike source needs size >= 1 and count >= 0 spikes", idx);
    for (int32_t k = 0; k < count; k++) {
        if (steps[k] < 0 || neurons[k] < 0 || neurons[k] >= size)
            return fail(b, NRB_E_ARGUMENT, "population %d: spike %d (step %d, neuron %d) is outside the population or time", idx, k, steps[k], neurons[k]);
        if (k > 0 && (steps[k] < steps[k - 1] || (steps[k] == steps[k - 1] && neurons[k] < neurons[k - 1])))
            return fail(b, NRB_E_ARGUMENT, "population %d: spikes must be sorted by (step, neuron); spike %d is out of order", idx, k);
    }
    pop_t *p = new_pop(b, size, record);
    if (!p) return fail(b, NRB_E_MEMORY, "population %d: out of memory", idx);
    b->n_pops++;
    p->kind = KIND_ARRAY;
    p->n_src = count;
    p->src_steps = malloc((size_t) (count ? count : 1) * sizeof(int32_t));
    p->src_neurons = malloc((size_t) (count ? count : 1) * sizeof(int32_t));
    if (!p->src_steps || !p->src_neurons) return fail(b, NRB_E_MEMORY, "population %d: out of memory", idx);
    if (count) {
        memcpy(p->src_steps, steps, (size_t) count * sizeof(int32_t));
        memcpy(p->src_neurons, neurons, (size_t) count * sizeof(int32_t));
    }
    ok(b);
    return idx;
}

int32_t nrb_add_poisson_source(nrb_board *b, int32_t size, int32_t stream, uint32_t threshold, int32_t record) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_building(b);
    if (rc) return rc;
    int32_t idx = b->n_pops;
    if (size < 1) return fail(b, NRB_E_ARGUMENT, "population %d: size = %d must be >= 1", idx, size);
    pop_t *p = new_pop(b, size, record);
    if (!p) return fail(b, NRB_E_MEMORY, "population %d: out of memory", idx);
    b->n_pops++;
    p->kind = KIND_POISSON;
    p->stream = stream;
    p->threshold = threshold;
    ok(b);
    return idx;
}

static int32_t variable_slot(pop_t *p, const char *var, uint32_t ***init_out, int32_t ***ref_out) {
    *ref_out = NULL;
    if (strcmp(var, "v") == 0) { *init_out = &p->init_v; return 1; }
    if (strcmp(var, "ref") == 0) { *ref_out = &p->init_ref; return 1; }
    if (strcmp(var, "u") == 0) { *init_out = &p->init_u[0]; return 1; }
    if (var[0] == 'u') {
        char *end;
        long c = strtol(var + 1, &end, 10);
        if (*end == 0 && c >= 1 && c < p->channels) { *init_out = &p->init_u[c]; return 1; }
    }
    return 0;
}

int32_t nrb_set_initial(nrb_board *b, int32_t pop, const char *var, int32_t count, const int32_t *values) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_building(b);
    if (rc) return rc;
    if (pop < 0 || pop >= b->n_pops || b->pops[pop].kind != KIND_LIF)
        return fail(b, NRB_E_ARGUMENT, "initial state: population %d is not a lif population", pop);
    pop_t *p = &b->pops[pop];
    if (!var || !values || count != p->size)
        return fail(b, NRB_E_ARGUMENT, "initial state of population %d: need %d values, got %d", pop, p->size, count);
    uint32_t **u_slot = NULL;
    int32_t **r_slot = NULL;
    if (!variable_slot(p, var, &u_slot, &r_slot))
        return fail(b, NRB_E_ARGUMENT, "initial state of population %d: unknown variable '%s'", pop, var);
    void **slot = r_slot ? (void **) r_slot : (void **) u_slot;
    free(*slot);
    *slot = malloc((size_t) count * sizeof(int32_t));
    if (!*slot) return fail(b, NRB_E_MEMORY, "initial state: out of memory");
    memcpy(*slot, values, (size_t) count * sizeof(int32_t));
    ok(b);
    return NRB_OK;
}

int32_t nrb_add_projection(nrb_board *b, int32_t pre, int32_t post, int32_t channel, int32_t pre_size,
                           const int32_t *row_ptr, const int32_t *targets, const int32_t *w, int32_t exp,
                           const int32_t *delays) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_building(b);
    if (rc) return rc;
    int32_t idx = b->n_projs;
    if (pre < 0 || pre >= b->n_pops) return fail(b, NRB_E_ARGUMENT, "projection %d: pre = %d does not name a population", idx, pre);
    if (post < 0 || post >= b->n_pops || b->pops[post].kind != KIND_LIF)
        return fail(b, NRB_E_ARGUMENT, "projection %d: post = %d is not a lif population", idx, post);
    if (pre_size != b->pops[pre].size) return fail(b, NRB_E_ARGUMENT, "projection %d: pre_size = %d but population %d has %d neurons", idx, pre_size, pre, b->pops[pre].size);
    if (channel < 0 || channel >= b->pops[post].channels) return fail(b, NRB_E_ARGUMENT, "projection %d: channel %d does not exist on population %d", idx, channel, post);
    if (exp < 0 || exp > 16) return fail(b, NRB_E_ARGUMENT, "projection %d: weight_exp = %d must be 0..16", idx, exp);
    if (!row_ptr || row_ptr[0] != 0) return fail(b, NRB_E_ARGUMENT, "projection %d: row_ptr must start at 0", idx);
    for (int32_t i = 0; i < pre_size; i++)
        if (row_ptr[i + 1] < row_ptr[i]) return fail(b, NRB_E_ARGUMENT, "projection %d: row_ptr decreases at row %d", idx, i);
    int32_t n = row_ptr[pre_size];
    if (n > 0 && (!targets || !w || !delays)) return fail(b, NRB_E_ARGUMENT, "projection %d: targets, weights and delays are required", idx);
    int64_t wmax = b->weight_bits == -1 ? 32767 : (1LL << (b->weight_bits - 1)) - 1;
    for (int32_t i = 0; i < pre_size; i++)
        for (int32_t k = row_ptr[i]; k < row_ptr[i + 1]; k++) {
            if (targets[k] < 0 || targets[k] >= b->pops[post].size)
                return fail(b, NRB_E_ARGUMENT, "projection %d: synapse %d targets neuron %d outside population %d (size %d)", idx, k, targets[k], post, b->pops[post].size);
            if (k > row_ptr[i] && targets[k] < targets[k - 1])
                return fail(b, NRB_E_ARGUMENT, "projection %d: targets of row %d are not sorted", idx, i);
            if (delays[k] < 1 || delays[k] > b->max_delay_steps)
                return fail(b, NRB_E_ARGUMENT, "projection %d: synapse %d has delay %d outside 1..%d", idx, k, delays[k], b->max_delay_steps);
            if (w[k] < -32768 || w[k] > 32767)
                return fail(b, NRB_E_ARGUMENT, "projection %d: synapse %d has weight mantissa %d outside -32768..32767 (16-bit)", idx, k, w[k]);
#if PLANTED_BUG != 2
            if (w[k] > wmax || w[k] < -wmax - 1)
                return fail(b, NRB_E_CAPACITY, "projection %d: synapse %d has weight mantissa %d, wider than this board's %lld-bit weights", idx, k, w[k], (long long) b->weight_bits);
#endif
        }
    int64_t cap = b->cap_projs;
    if (!grow((void **) &b->projs, &cap, b->n_projs + 1, sizeof(proj_t))) return fail(b, NRB_E_MEMORY, "out of memory");
    b->cap_projs = (int32_t) cap;
    proj_t *r = &b->projs[b->n_projs];
    memset(r, 0, sizeof *r);
    r->pre = pre; r->post = post; r->channel = channel; r->pre_size = pre_size; r->exp = exp;
    size_t m = (size_t) (n ? n : 1) * sizeof(int32_t);
    r->row_ptr = malloc((size_t) (pre_size + 1) * sizeof(int32_t));
    r->targets = malloc(m); r->weights = malloc(m); r->delays = malloc(m);
    if (!r->row_ptr || !r->targets || !r->weights || !r->delays) return fail(b, NRB_E_MEMORY, "projection %d: out of memory", idx);
    b->n_projs++;
    memcpy(r->row_ptr, row_ptr, (size_t) (pre_size + 1) * sizeof(int32_t));
    if (n) {
        memcpy(r->targets, targets, (size_t) n * sizeof(int32_t));
        memcpy(r->delays, delays, (size_t) n * sizeof(int32_t));
        for (int32_t k = 0; k < n; k++) r->weights[k] = (int32_t) ((uint32_t) w[k] << exp);
    }
    ok(b);
    return idx;
}

int32_t nrb_add_background(nrb_board *b, int32_t pop, int32_t channel, int32_t stream, int32_t weight, int32_t len,
                           const uint32_t *table) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_building(b);
    if (rc) return rc;
    if (pop < 0 || pop >= b->n_pops || b->pops[pop].kind != KIND_LIF) return fail(b, NRB_E_ARGUMENT, "background: population %d is not a lif population", pop);
    if (channel < 0 || channel >= b->pops[pop].channels) return fail(b, NRB_E_ARGUMENT, "background: channel %d does not exist on population %d", channel, pop);
    if (len < 1 || !table) return fail(b, NRB_E_ARGUMENT, "background: the CDF table needs at least one threshold");
    int64_t cap = b->cap_bgs;
    if (!grow((void **) &b->bgs, &cap, b->n_bgs + 1, sizeof(bg_t))) return fail(b, NRB_E_MEMORY, "out of memory");
    b->cap_bgs = (int32_t) cap;
    bg_t *g = &b->bgs[b->n_bgs];
    g->table = malloc((size_t) len * sizeof(uint32_t));
    if (!g->table) return fail(b, NRB_E_MEMORY, "out of memory");
    memcpy(g->table, table, (size_t) len * sizeof(uint32_t));
    g->pop = pop; g->channel = channel; g->stream = stream; g->weight = weight; g->len = len;
    b->n_bgs++;
    ok(b);
    return NRB_OK;
}

int32_t nrb_add_current(nrb_board *b, int32_t pop, int32_t channel, int32_t from, int32_t to, int32_t amplitude) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_building(b);
    if (rc) return rc;
    if (pop < 0 || pop >= b->n_pops || b->pops[pop].kind != KIND_LIF) return fail(b, NRB_E_ARGUMENT, "current input: population %d is not a lif population", pop);
    if (channel < 0 || channel >= b->pops[pop].channels) return fail(b, NRB_E_ARGUMENT, "current input: channel %d does not exist on population %d", channel, pop);
    if (from < 0 || to < from) return fail(b, NRB_E_ARGUMENT, "current input: need 0 <= from_step <= to_step");
    int64_t cap = b->cap_curs;
    if (!grow((void **) &b->curs, &cap, b->n_curs + 1, sizeof(cur_t))) return fail(b, NRB_E_MEMORY, "out of memory");
    b->cap_curs = (int32_t) cap;
    b->curs[b->n_curs++] = (cur_t) {pop, channel, from, to, amplitude};
    ok(b);
    return NRB_OK;
}

static void load_initial(pop_t *p) {
    for (int c = 0; c < p->channels; c++) {
        if (p->init_u[c]) memcpy(p->u[c], p->init_u[c], (size_t) p->size * sizeof(uint32_t));
        else memset(p->u[c], 0, (size_t) p->size * sizeof(uint32_t));
    }
    if (p->init_v) memcpy(p->v, p->init_v, (size_t) p->size * sizeof(uint32_t));
    else memset(p->v, 0, (size_t) p->size * sizeof(uint32_t));
    if (p->init_ref) memcpy(p->ref, p->init_ref, (size_t) p->size * sizeof(int32_t));
    else memset(p->ref, 0, (size_t) p->size * sizeof(int32_t));
}

int32_t nrb_end_network(nrb_board *b) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_building(b);
    if (rc) return rc;
    if (b->n_pops == 0) return fail(b, NRB_E_ARGUMENT, "the network has no populations");
    int64_t neurons = 0, synapses = 0;
    for (int32_t p = 0; p < b->n_pops; p++) neurons += b->pops[p].size;
    for (int32_t j = 0; j < b->n_projs; j++) synapses += b->projs[j].row_ptr[b->projs[j].pre_size];
#if PLANTED_BUG != 2
    if (b->max_neurons >= 0 && neurons > b->max_neurons)
        return fail(b, NRB_E_CAPACITY, "the network has %lld neurons; this board holds at most %lld", (long long) neurons, (long long) b->max_neurons);
    if (b->max_synapses >= 0 && synapses > b->max_synapses)
        return fail(b, NRB_E_CAPACITY, "the network has %lld synapses; this board holds at most %lld", (long long) synapses, (long long) b->max_synapses);
    if (b->max_fan_in >= 0) {
        for (int32_t p = 0; p < b->n_pops; p++) {
            if (b->pops[p].kind != KIND_LIF) continue;
            int32_t *fan = calloc((size_t) b->pops[p].size, sizeof(int32_t));
            if (!fan) return fail(b, NRB_E_MEMORY, "out of memory");
            for (int32_t j = 0; j < b->n_projs; j++) {
                proj_t *r = &b->projs[j];
                if (r->post != p) continue;
                for (int32_t k = 0; k < r->row_ptr[r->pre_size]; k++) fan[r->targets[k]]++;
            }
            for (int32_t i = 0; i < b->pops[p].size; i++)
                if (fan[i] > b->max_fan_in) {
                    int32_t f = fan[i];
                    free(fan);
                    return fail(b, NRB_E_CAPACITY, "neuron %d of population %d has fan-in %d; this board allows at most %lld", i, p, f, (long long) b->max_fan_in);
                }
            free(fan);
        }
    }
#endif
    for (int32_t p = 0; p < b->n_pops; p++) {
        pop_t *q = &b->pops[p];
        if (q->kind != KIND_LIF) continue;
        for (int c = 0; c < q->channels; c++) {
            q->u[c] = malloc((size_t) q->size * sizeof(uint32_t));
            q->ring[c] = calloc((size_t) q->size * (size_t) b->ring_slots, sizeof(uint32_t));
            if (!q->u[c] || !q->ring[c]) return fail(b, NRB_E_MEMORY, "population %d: out of memory for state", p);
        }
        q->v = malloc((size_t) q->size * sizeof(uint32_t));
        q->ref = malloc((size_t) q->size * sizeof(int32_t));
        if (!q->v || !q->ref) return fail(b, NRB_E_MEMORY, "population %d: out of memory for state", p);
        load_initial(q);
    }
    b->building = 0;
    b->loaded = 1;
    b->step = 0;
    ok(b);
    return NRB_OK;
}

/* ---------------------------------------------------------------- running */

static int32_t check_loaded(nrb_board *b) {
    if (!b->loaded) return fail(b, NRB_E_STATE, "no network is loaded: call nrb_end_network first");
    return NRB_OK;
}

static int key_cmp(const void *x, const void *y) {
    const key_t3 *a = x, *c = y;
    if (a->step != c->step) return a->step < c->step ? -1 : 1;
    if (a->pop != c->pop) return a->pop < c->pop ? -1 : 1;
    return a->neuron < c->neuron ? -1 : (a->neuron > c->neuron);
}

int32_t nrb_inject(nrb_board *b, int32_t pop, int32_t count, const int32_t *neurons, const int32_t *steps) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_loaded(b);
    if (rc) return rc;
    if (pop < 0 || pop >= b->n_pops) return fail(b, NRB_E_ARGUMENT, "inject: no population with index %d", pop);
    if (count < 0 || (count > 0 && (!neurons || !steps))) return fail(b, NRB_E_ARGUMENT, "inject: count = %d with missing arrays", count);
    for (int32_t k = 0; k < count; k++) {
        if (neurons[k] < 0 || neurons[k] >= b->pops[pop].size)
            return fail(b, NRB_E_ARGUMENT, "inject: neuron %d is outside population %d (size %d)", neurons[k], pop, b->pops[pop].size);
        if (steps[k] < b->step) return fail(b, NRB_E_ARGUMENT, "inject: step %d is in the past (current step %lld)", steps[k], (long long) b->step);
    }
    /* Keep only pending keys, then add and sort. */
    int64_t pending = b->n_inj - b->inj_pos;
    memmove(b->inj, b->inj + b->inj_pos, (size_t) pending * sizeof(key_t3));
    b->n_inj = pending;
    b->inj_pos = 0;
    if (!grow((void **) &b->inj, &b->cap_inj, b->n_inj + count, sizeof(key_t3))) return fail(b, NRB_E_MEMORY, "inject: out of memory");
    for (int32_t k = 0; k < count; k++) b->inj[b->n_inj++] = (key_t3) {steps[k], pop, neurons[k]};
    qsort(b->inj, (size_t) b->n_inj, sizeof(key_t3), key_cmp);
    ok(b);
    return NRB_OK;
}

/* Deliver, update and emit one lif population at step t (FixedLifState.step). */
static void step_lif(nrb_board *b, pop_t *p, int32_t t, int32_t slot) {
    int32_t extra[MAX_CHANNELS] = {0};
    for (int32_t k = 0; k < b->n_bgs; k++) {
        bg_t *g = &b->bgs[k];
        if (g->pop != (int32_t) (p - b->pops)) continue;
        uint32_t *r = p->ring[g->channel] + (size_t) slot * p->size;
        for (int32_t i = 0; i < p->size; i++) {
            uint32_t u = philox_draw(b->seed, g->stream, i, t);
            int32_t n = 0;
            while (n < g->len && u >= g->table[n]) n++;
            r[i] += (uint32_t) n * (uint32_t) g->weight;
        }
    }
    for (int32_t k = 0; k < b->n_curs; k++) {
        cur_t *c = &b->curs[k];
        if (c->pop == (int32_t) (p - b->pops) && t >= c->from && t < c->to) extra[c->channel] = wrap_add(extra[c->channel], c->amplitude);
    }
    const size_t off = (size_t) slot * p->size;
    const int32_t ch = p->channels, bias = p->bias;
    p->n_spikes = 0;
    for (int32_t i = 0; i < p->size; i++) {
        uint32_t any = p->v[i] | (uint32_t) p->ref[i] | (uint32_t) bias;
        /* Skip rule (all backends): active iff v, ref, bias, any u_c or any summed a_in_c is non-zero. */
        for (int c = 0; c < ch; c++) any |= (uint32_t) wrap_add((int32_t) p->ring[c][off + i], extra[c]) | p->u[c][i];
        if (any == 0) continue;
        p->c_updates++;
        int32_t utot = 0;
        for (int c = 0; c < ch; c++) {
            int32_t a = wrap_add((int32_t) p->ring[c][off + i], extra[c]);
            p->ring[c][off + i] = 0;
            int32_t uc = current_update((int32_t) p->u[c][i], p->du[c], a);
            p->u[c][i] = (uint32_t) uc;
            utot = wrap_add(utot, uc);
        }
        if (p->ref[i] > 0) {
            p->ref[i]--;
            p->v[i] = 0;
        } else {
            int32_t v = voltage_update((int32_t) p->v[i], p->dv, utot, bias);
            if (v > (int32_t) ((uint32_t) p->vth << 6)) {
                p->spikes[p->n_spikes++] = i;
                v = 0;
                p->ref[i] = p->refractory;
            }
            p->v[i] = (uint32_t) v;
        }
    }
}

static void step_source(nrb_board *b, pop_t *p, int32_t t) {
    p->n_spikes = 0;
    if (p->kind == KIND_ARRAY) {
        int32_t lo = 0, hi = p->n_src;
        while (lo < hi) { int32_t m = (lo + hi) / 2; if (p->src_steps[m] < t) lo = m + 1; else hi = m; }
        int32_t last = -1;
        for (int32_t k = lo; k < p->n_src && p->src_steps[k] == t; k++)
            if (p->src_neurons[k] != last) { p->spikes[p->n_spikes++] = p->src_neurons[k]; last = p->src_neurons[k]; }
    } else {
        for (int32_t i = 0; i < p->size; i++)
            if (philox_draw(b->seed, p->stream, i, t) < p->threshold) p->spikes[p->n_spikes++] = i;
    }
}

static int64_t add_row(nrb_board *b, proj_t *r, int32_t row, int32_t slot) {
    pop_t *post = &b->pops[r->post];
    uint32_t *ring = post->ring[r->channel];
    const int32_t n = post->size, D = b->ring_slots;
    int32_t from = r->row_ptr[row], to = r->row_ptr[row + 1];
    for (int32_t s = from; s < to; s++) {
        int32_t sl = slot + r->delays[s];
        if (sl >= D) sl -= D;
        ring[(size_t) sl * n + r->targets[s]] += (uint32_t) r->weights[s];
    }
    return to - from;
}

int32_t nrb_run(nrb_board *b, int32_t steps) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_loaded(b);
    if (rc) return rc;
    if (steps < 0) return fail(b, NRB_E_ARGUMENT, "run: steps = %d must be >= 0", steps);
    if (b->step + steps > INT32_MAX) return fail(b, NRB_E_ARGUMENT, "run: a simulation runs at most 2^31-1 steps");
    for (int32_t n = 0; n < steps; n++) {
        const int32_t t = (int32_t) b->step, slot = t % b->ring_slots;
        for (int32_t p = 0; p < b->n_pops; p++) {
            pop_t *q = &b->pops[p];
            if (q->kind == KIND_LIF) step_lif(b, q, t, slot);
            else step_source(b, q, t);
            q->c_spikes += q->n_spikes;
            if (q->record && q->n_spikes) {
                if (!grow((void **) &b->rec, &b->cap_rec, b->n_rec + q->n_spikes, sizeof(key_t3)))
                    return fail(b, NRB_E_MEMORY, "run: out of memory for recorded spikes at step %d", t);
                for (int32_t s = 0; s < q->n_spikes; s++) b->rec[b->n_rec++] = (key_t3) {t, p, q->spikes[s]};
            }
        }
        while (b->inj_pos < b->n_inj && b->inj[b->inj_pos].step < t) b->inj_pos++;
        for (int32_t j = 0; j < b->n_projs; j++) {
            proj_t *r = &b->projs[j];
            pop_t *pre = &b->pops[r->pre];
            int64_t ops = 0;
            for (int32_t s = 0; s < pre->n_spikes; s++) ops += add_row(b, r, pre->spikes[s], slot);
            for (int64_t q = b->inj_pos; q < b->n_inj && b->inj[q].step == t; q++)
                if (b->inj[q].pop == r->pre) ops += add_row(b, r, b->inj[q].neuron, slot);
            pre->c_synops += ops;
        }
        b->step++;
    }
    ok(b);
    return NRB_OK;
}

/* ---------------------------------------------------------------- reading */

int32_t nrb_current_step(nrb_board *b, int64_t *step) {
    if (!b || !step) return NRB_E_ARGUMENT;
    *step = b->step;
    ok(b);
    return NRB_OK;
}

int32_t nrb_spike_count(nrb_board *b, int64_t *count) {
    if (!b || !count) return NRB_E_ARGUMENT;
    *count = b->n_rec;
    ok(b);
    return NRB_OK;
}

int32_t nrb_read_spikes(nrb_board *b, int64_t offset, int64_t count, int32_t *steps, int32_t *pops, int32_t *neurons) {
    if (!b) return NRB_E_ARGUMENT;
    if (offset < 0 || count < 0 || offset + count > b->n_rec)
        return fail(b, NRB_E_ARGUMENT, "read_spikes: range [%lld, %lld) is outside the %lld recorded spikes", (long long) offset, (long long) (offset + count), (long long) b->n_rec);
    if (count > 0 && (!steps || !pops || !neurons)) return fail(b, NRB_E_ARGUMENT, "read_spikes: output arrays are required");
    for (int64_t k = 0; k < count; k++) {
        key_t3 *s = &b->rec[offset + k];
        steps[k] = s->step; pops[k] = s->pop; neurons[k] = s->neuron;
    }
    ok(b);
    return NRB_OK;
}

int32_t nrb_read_state(nrb_board *b, int32_t pop, const char *var, int32_t count, int32_t *values) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_loaded(b);
    if (rc) return rc;
    if (pop < 0 || pop >= b->n_pops || b->pops[pop].kind != KIND_LIF)
        return fail(b, NRB_E_ARGUMENT, "read_state: population %d is not a lif population", pop);
    pop_t *p = &b->pops[pop];
    if (!var || !values || count != p->size)
        return fail(b, NRB_E_ARGUMENT, "read_state: population %d needs a buffer of %d values, got %d", pop, p->size, count);
    const void *src;
    if (strcmp(var, "v") == 0) src = p->v;
    else if (strcmp(var, "ref") == 0) src = p->ref;
    else if (strcmp(var, "u") == 0) src = p->u[0];
    else {
        char *end;
        long c = var[0] == 'u' ? strtol(var + 1, &end, 10) : -1;
        if (var[0] != 'u' || *end != 0 || c < 1 || c >= p->channels)
            return fail(b, NRB_E_ARGUMENT, "read_state: population %d has no variable '%s'", pop, var);
        src = p->u[c];
    }
    memcpy(values, src, (size_t) count * sizeof(int32_t));
    ok(b);
    return NRB_OK;
}

int32_t nrb_read_counters(nrb_board *b, int32_t pop, int64_t *spikes, int64_t *synops, int64_t *updates) {
    if (!b || !spikes || !synops || !updates) return NRB_E_ARGUMENT;
    if (pop < 0 || pop >= b->n_pops) return fail(b, NRB_E_ARGUMENT, "read_counters: no population with index %d", pop);
    *spikes = b->pops[pop].c_spikes;
    *synops = b->pops[pop].c_synops;
    *updates = b->pops[pop].c_updates;
    ok(b);
    return NRB_OK;
}

int32_t nrb_read_energy(nrb_board *b, double *joules) {
    if (!b || !joules) return NRB_E_ARGUMENT;
    *joules = 0;
    return fail(b, NRB_E_UNSUPPORTED, "the emulator has no energy meter; estimate energy from its counters with a hardware profile");
}

int32_t nrb_reset(nrb_board *b) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_loaded(b);
    if (rc) return rc;
    for (int32_t p = 0; p < b->n_pops; p++) {
        pop_t *q = &b->pops[p];
        q->c_spikes = q->c_synops = q->c_updates = 0;
        q->n_spikes = 0;
        if (q->kind != KIND_LIF) continue;
        load_initial(q);
        for (int c = 0; c < q->channels; c++) memset(q->ring[c], 0, (size_t) q->size * (size_t) b->ring_slots * sizeof(uint32_t));
    }
    b->n_rec = 0;
    b->n_inj = b->inj_pos = 0;
    b->step = 0;
    ok(b);
    return NRB_OK;
}
