/*
 * The reusable part of a board library: every neuroracle_board.h function except the step itself.
 * Each loading call validates all its arguments before it allocates, allocates everything before it changes the
 * board, and frees what it allocated when a later allocation fails: a refused call leaves the board exactly as
 * it was. nrb_end_network is all-or-nothing: on failure the network is discarded (nothing loaded, not
 * building) and the message says so.
 */
#include "nrb_kit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int32_t nrb_kit_fail(nrb_board *b, int32_t code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->error, sizeof b->error, fmt, ap);
    va_end(ap);
    return code;
}

static void ok(nrb_board *b) { b->error[0] = 0; }

int nrb_kit_grow(void **data, int64_t *cap, int64_t need, size_t elem) {
    if (need <= *cap) return 1;
    int64_t n = *cap ? *cap : 16;
    while (n < need) n *= 2;
    void *p = realloc(*data, (size_t) n * elem);
    if (!p) return 0;
    *data = p;
    *cap = n;
    return 1;
}

/* Grow a table whose capacity is an int32_t field. */
static int grow32(void **data, int32_t *cap32, int64_t need, size_t elem) {
    int64_t cap = *cap32;
    if (!nrb_kit_grow(data, &cap, need, elem)) return 0;
    *cap32 = (int32_t) cap;
    return 1;
}

int32_t nrb_kit_record(nrb_board *b, int32_t p, int32_t t) {
    nrb_kit_pop *q = &b->pops[p];
    if (!q->record || !q->n_spikes) return NRB_OK;
    if (!nrb_kit_grow((void **) &b->rec, &b->cap_rec, b->n_rec + q->n_spikes, sizeof(nrb_kit_spike)))
        return nrb_kit_fail(b, NRB_E_MEMORY, "run: out of memory for recorded spikes at step %d", t);
    for (int32_t s = 0; s < q->n_spikes; s++) b->rec[b->n_rec++] = (nrb_kit_spike) {t, p, q->spikes[s]};
    return NRB_OK;
}

/* ---------------------------------------------------------------- open / close */

int32_t nrb_abi_version(void) { return NRB_ABI_VERSION; }

nrb_board *nrb_open(const char *config, char *error, size_t cap) {
    nrb_board *b = calloc(1, sizeof *b);
    if (!b) {
        if (error && cap) snprintf(error, cap, "out of memory");
        return NULL;
    }
    snprintf(b->name, sizeof b->name, "%s", nrb_device_default_name());
    b->max_neurons = b->max_synapses = b->max_fan_in = -1;
    b->max_delay = NRB_KIT_MAX_DELAY;
    b->weight_bits = 8;
    if (!nrb_kit_parse_config(b, config, error, cap)) {
        nrb_device_release(b);
        free(b);
        return NULL;
    }
    return b;
}

const char *nrb_last_error(const nrb_board *b) { return b ? b->error : "no board"; }

const char *nrb_board_name(const nrb_board *b) { return b ? b->name : ""; }

static void free_state(nrb_kit_pop *q) {
    for (int c = 0; c < NRB_KIT_MAX_CHANNELS; c++) { free(q->u[c]); free(q->ring[c]); q->u[c] = q->ring[c] = NULL; }
    free(q->v); free(q->ref);
    q->v = NULL; q->ref = NULL;
}

static void free_pop(nrb_kit_pop *q) {
    free_state(q);
    for (int c = 0; c < NRB_KIT_MAX_CHANNELS; c++) free(q->init_u[c]);
    free(q->init_v); free(q->init_ref); free(q->src_steps); free(q->src_neurons); free(q->spikes);
}

static void free_proj(nrb_kit_proj *r) { free(r->row_ptr); free(r->targets); free(r->weights); free(r->delays); }

static void free_network(nrb_board *b) {
    for (int32_t p = 0; p < b->n_pops; p++) free_pop(&b->pops[p]);
    for (int32_t j = 0; j < b->n_projs; j++) free_proj(&b->projs[j]);
    for (int32_t k = 0; k < b->n_bgs; k++) free(b->bgs[k].table);
    free(b->pops); free(b->projs); free(b->bgs); free(b->curs); free(b->inj); free(b->rec);
    b->pops = NULL; b->projs = NULL; b->bgs = NULL; b->curs = NULL; b->inj = NULL; b->rec = NULL;
    b->n_pops = b->cap_pops = b->n_projs = b->cap_projs = b->n_bgs = b->cap_bgs = b->n_curs = b->cap_curs = 0;
    b->n_inj = b->cap_inj = b->inj_pos = b->n_rec = b->cap_rec = 0;
    b->loaded = b->building = 0;
}

void nrb_close(nrb_board *b) {
    if (!b) return;
    nrb_device_release(b);
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
        case NRB_CAP_MAX_CHANNELS: *value = NRB_KIT_MAX_CHANNELS; break;
        case NRB_CAP_MAX_POPULATIONS: *value = -1; break;
        case NRB_CAP_FEATURES: *value = nrb_device_features(); break;
        case NRB_CAP_HAS_ENERGY_METER: *value = nrb_device_has_energy_meter(b) ? 1 : 0; break;
        default: return nrb_kit_fail(b, NRB_E_ARGUMENT, "unknown capability key %d", key);
    }
    return NRB_OK;
}

/* ---------------------------------------------------------------- network loading */

int32_t nrb_begin_network(nrb_board *b, int32_t max_delay_steps, uint64_t seed) {
    if (!b) return NRB_E_ARGUMENT;
    free_network(b);
    if (max_delay_steps < 1 || max_delay_steps > NRB_KIT_MAX_DELAY)
        return nrb_kit_fail(b, NRB_E_ARGUMENT, "max_delay_steps = %d must be 1..%d", max_delay_steps, NRB_KIT_MAX_DELAY);
    int32_t rc = nrb_kit_check_delay(b, max_delay_steps);
    if (rc) return rc;
    b->max_delay_steps = max_delay_steps;
    b->ring_slots = max_delay_steps + 1;
    b->seed = seed;
    b->building = 1;
    b->step = 0;
    ok(b);
    return NRB_OK;
}

static int32_t check_building(nrb_board *b) {
    if (!b->building) return nrb_kit_fail(b, NRB_E_STATE, "no network is being loaded: call nrb_begin_network first");
    return NRB_OK;
}

/* Append a fully built population (its arrays already allocated); on failure the caller frees them. */
static int32_t commit_pop(nrb_board *b, const nrb_kit_pop *p) {
    if (!grow32((void **) &b->pops, &b->cap_pops, b->n_pops + 1, sizeof(nrb_kit_pop))) return 0;
    b->pops[b->n_pops++] = *p;
    return 1;
}

int32_t nrb_add_lif_population(nrb_board *b, int32_t size, int32_t channels, const int32_t *du, int32_t dv,
                               int32_t vth, int32_t bias_mant, int32_t bias_exp, int32_t refractory, int32_t record) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_building(b);
    if (rc) return rc;
    int32_t idx = b->n_pops;
    if (size < 1) return nrb_kit_fail(b, NRB_E_ARGUMENT, "population %d: size = %d must be >= 1", idx, size);
    if (channels < 1 || channels > NRB_KIT_MAX_CHANNELS || !du)
        return nrb_kit_fail(b, NRB_E_ARGUMENT, "population %d: channels = %d must be 1..%d", idx, channels, NRB_KIT_MAX_CHANNELS);
    for (int c = 0; c < channels; c++)
        if (du[c] < 0 || du[c] > 4095) return nrb_kit_fail(b, NRB_E_ARGUMENT, "population %d: du[%d] = %d is outside 0..4095", idx, c, du[c]);
    if (dv < 0 || dv > 4095) return nrb_kit_fail(b, NRB_E_ARGUMENT, "population %d: dv = %d is outside 0..4095", idx, dv);
    if (vth < 0 || vth >= (1 << 17)) return nrb_kit_fail(b, NRB_E_ARGUMENT, "population %d: vth = %d is outside 0..131071", idx, vth);
    if (bias_mant < -4096 || bias_mant > 4095) return nrb_kit_fail(b, NRB_E_ARGUMENT, "population %d: bias_mant = %d is outside -4096..4095", idx, bias_mant);
    if (bias_exp < 0 || bias_exp > 7) return nrb_kit_fail(b, NRB_E_ARGUMENT, "population %d: bias_exp = %d is outside 0..7", idx, bias_exp);
    if (refractory < 0 || refractory > 1023) return nrb_kit_fail(b, NRB_E_ARGUMENT, "population %d: refractory_steps = %d is outside 0..1023", idx, refractory);
    nrb_kit_pop p = {0};
    p.kind = NRB_KIT_LIF;
    p.size = size;
    p.record = record != 0;
    p.channels = channels;
    memcpy(p.du, du, (size_t) channels * sizeof(int32_t));
    p.dv = dv;
    p.vth = vth;
    p.bias = (int32_t) ((uint32_t) bias_mant << bias_exp);
    p.refractory = refractory;
    p.spikes = malloc((size_t) size * sizeof(int32_t));
    if (!p.spikes || !commit_pop(b, &p)) {
        free(p.spikes);
        return nrb_kit_fail(b, NRB_E_MEMORY, "population %d: out of memory", idx);
    }
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
        return nrb_kit_fail(b, NRB_E_ARGUMENT, "population %d: spike source needs size >= 1 and count >= 0 spikes", idx);
    for (int32_t k = 0; k < count; k++) {
        if (steps[k] < 0 || neurons[k] < 0 || neurons[k] >= size)
            return nrb_kit_fail(b, NRB_E_ARGUMENT, "population %d: spike %d (step %d, neuron %d) is outside the population or time", idx, k, steps[k], neurons[k]);
        if (k > 0 && (steps[k] < steps[k - 1] || (steps[k] == steps[k - 1] && neurons[k] < neurons[k - 1])))
            return nrb_kit_fail(b, NRB_E_ARGUMENT, "population %d: spikes must be sorted by (step, neuron); spike %d is out of order", idx, k);
    }
    nrb_kit_pop p = {0};
    p.kind = NRB_KIT_SPIKE_ARRAY;
    p.size = size;
    p.record = record != 0;
    p.n_src = count;
    p.spikes = malloc((size_t) size * sizeof(int32_t));
    p.src_steps = malloc((size_t) (count ? count : 1) * sizeof(int32_t));
    p.src_neurons = malloc((size_t) (count ? count : 1) * sizeof(int32_t));
    if (!p.spikes || !p.src_steps || !p.src_neurons || !commit_pop(b, &p)) {
        free(p.spikes); free(p.src_steps); free(p.src_neurons);
        return nrb_kit_fail(b, NRB_E_MEMORY, "population %d: out of memory", idx);
    }
    if (count) {
        memcpy(p.src_steps, steps, (size_t) count * sizeof(int32_t));
        memcpy(p.src_neurons, neurons, (size_t) count * sizeof(int32_t));
    }
    ok(b);
    return idx;
}

int32_t nrb_add_poisson_source(nrb_board *b, int32_t size, int32_t stream, uint32_t threshold, int32_t record) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_building(b);
    if (rc) return rc;
    int32_t idx = b->n_pops;
    if (size < 1) return nrb_kit_fail(b, NRB_E_ARGUMENT, "population %d: size = %d must be >= 1", idx, size);
    nrb_kit_pop p = {0};
    p.kind = NRB_KIT_POISSON;
    p.size = size;
    p.record = record != 0;
    p.stream = stream;
    p.threshold = threshold;
    p.spikes = malloc((size_t) size * sizeof(int32_t));
    if (!p.spikes || !commit_pop(b, &p)) {
        free(p.spikes);
        return nrb_kit_fail(b, NRB_E_MEMORY, "population %d: out of memory", idx);
    }
    ok(b);
    return idx;
}

/* The initial-value slot of variable var ("u", "u1".., "v", "ref"), or NULL when the population has none. */
static void **initial_slot(nrb_kit_pop *p, const char *var) {
    if (strcmp(var, "v") == 0) return (void **) &p->init_v;
    if (strcmp(var, "ref") == 0) return (void **) &p->init_ref;
    if (strcmp(var, "u") == 0) return (void **) &p->init_u[0];
    if (var[0] == 'u') {
        char *end;
        long c = strtol(var + 1, &end, 10);
        if (*end == 0 && c >= 1 && c < p->channels) return (void **) &p->init_u[c];
    }
    return NULL;
}

int32_t nrb_set_initial(nrb_board *b, int32_t pop, const char *var, int32_t count, const int32_t *values) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_building(b);
    if (rc) return rc;
    if (pop < 0 || pop >= b->n_pops || b->pops[pop].kind != NRB_KIT_LIF)
        return nrb_kit_fail(b, NRB_E_ARGUMENT, "initial state: population %d is not a lif population", pop);
    nrb_kit_pop *p = &b->pops[pop];
    if (!var || !values || count != p->size)
        return nrb_kit_fail(b, NRB_E_ARGUMENT, "initial state of population %d: need %d values, got %d", pop, p->size, count);
    void **slot = initial_slot(p, var);
    if (!slot) return nrb_kit_fail(b, NRB_E_ARGUMENT, "initial state of population %d: unknown variable '%s'", pop, var);
    void *copy = malloc((size_t) count * sizeof(int32_t));
    if (!copy) return nrb_kit_fail(b, NRB_E_MEMORY, "initial state: out of memory");
    memcpy(copy, values, (size_t) count * sizeof(int32_t));
    free(*slot);
    *slot = copy;
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
    if (pre < 0 || pre >= b->n_pops) return nrb_kit_fail(b, NRB_E_ARGUMENT, "projection %d: pre = %d does not name a population", idx, pre);
    if (post < 0 || post >= b->n_pops || b->pops[post].kind != NRB_KIT_LIF)
        return nrb_kit_fail(b, NRB_E_ARGUMENT, "projection %d: post = %d is not a lif population", idx, post);
    if (pre_size != b->pops[pre].size)
        return nrb_kit_fail(b, NRB_E_ARGUMENT, "projection %d: pre_size = %d but population %d has %d neurons", idx, pre_size, pre, b->pops[pre].size);
    if (channel < 0 || channel >= b->pops[post].channels)
        return nrb_kit_fail(b, NRB_E_ARGUMENT, "projection %d: channel %d does not exist on population %d", idx, channel, post);
    if (exp < 0 || exp > 16) return nrb_kit_fail(b, NRB_E_ARGUMENT, "projection %d: weight_exp = %d must be 0..16", idx, exp);
    if (!row_ptr || row_ptr[0] != 0) return nrb_kit_fail(b, NRB_E_ARGUMENT, "projection %d: row_ptr must start at 0", idx);
    for (int32_t i = 0; i < pre_size; i++)
        if (row_ptr[i + 1] < row_ptr[i]) return nrb_kit_fail(b, NRB_E_ARGUMENT, "projection %d: row_ptr decreases at row %d", idx, i);
    int32_t n = row_ptr[pre_size];
    if (n > 0 && (!targets || !w || !delays))
        return nrb_kit_fail(b, NRB_E_ARGUMENT, "projection %d: targets, weights and delays are required", idx);
    for (int32_t i = 0; i < pre_size; i++)
        for (int32_t k = row_ptr[i]; k < row_ptr[i + 1]; k++) {
            if (targets[k] < 0 || targets[k] >= b->pops[post].size)
                return nrb_kit_fail(b, NRB_E_ARGUMENT, "projection %d: synapse %d targets neuron %d outside population %d (size %d)", idx, k, targets[k], post, b->pops[post].size);
            if (k > row_ptr[i] && targets[k] < targets[k - 1])
                return nrb_kit_fail(b, NRB_E_ARGUMENT, "projection %d: targets of row %d are not sorted", idx, i);
            if (delays[k] < 1 || delays[k] > b->max_delay_steps)
                return nrb_kit_fail(b, NRB_E_ARGUMENT, "projection %d: synapse %d has delay %d outside 1..%d", idx, k, delays[k], b->max_delay_steps);
            if (w[k] < -32768 || w[k] > 32767)
                return nrb_kit_fail(b, NRB_E_ARGUMENT, "projection %d: synapse %d has weight mantissa %d outside -32768..32767 (16-bit)", idx, k, w[k]);
            if ((rc = nrb_kit_check_weight(b, idx, k, w[k])) != NRB_OK) return rc;
        }
    nrb_kit_proj r = {pre, post, channel, pre_size, exp, NULL, NULL, NULL, NULL};
    size_t m = (size_t) (n ? n : 1) * sizeof(int32_t);
    r.row_ptr = malloc((size_t) (pre_size + 1) * sizeof(int32_t));
    r.targets = malloc(m);
    r.weights = malloc(m);
    r.delays = malloc(m);
    if (!r.row_ptr || !r.targets || !r.weights || !r.delays
        || !grow32((void **) &b->projs, &b->cap_projs, b->n_projs + 1, sizeof(nrb_kit_proj))) {
        free_proj(&r);
        return nrb_kit_fail(b, NRB_E_MEMORY, "projection %d: out of memory", idx);
    }
    memcpy(r.row_ptr, row_ptr, (size_t) (pre_size + 1) * sizeof(int32_t));
    if (n) {
        memcpy(r.targets, targets, (size_t) n * sizeof(int32_t));
        memcpy(r.delays, delays, (size_t) n * sizeof(int32_t));
        for (int32_t k = 0; k < n; k++) r.weights[k] = (int32_t) ((uint32_t) w[k] << exp);
    }
    b->projs[b->n_projs++] = r;
    ok(b);
    return idx;
}

int32_t nrb_add_background(nrb_board *b, int32_t pop, int32_t channel, int32_t stream, int32_t weight, int32_t len,
                           const uint32_t *table) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_building(b);
    if (rc) return rc;
    if (pop < 0 || pop >= b->n_pops || b->pops[pop].kind != NRB_KIT_LIF)
        return nrb_kit_fail(b, NRB_E_ARGUMENT, "background: population %d is not a lif population", pop);
    if (channel < 0 || channel >= b->pops[pop].channels)
        return nrb_kit_fail(b, NRB_E_ARGUMENT, "background: channel %d does not exist on population %d", channel, pop);
    if (len < 1 || !table) return nrb_kit_fail(b, NRB_E_ARGUMENT, "background: the CDF table needs at least one threshold");
    uint32_t *copy = malloc((size_t) len * sizeof(uint32_t));
    if (!copy || !grow32((void **) &b->bgs, &b->cap_bgs, b->n_bgs + 1, sizeof(nrb_kit_background))) {
        free(copy);
        return nrb_kit_fail(b, NRB_E_MEMORY, "background: out of memory");
    }
    memcpy(copy, table, (size_t) len * sizeof(uint32_t));
    b->bgs[b->n_bgs++] = (nrb_kit_background) {pop, channel, stream, weight, len, copy};
    ok(b);
    return NRB_OK;
}

int32_t nrb_add_current(nrb_board *b, int32_t pop, int32_t channel, int32_t from, int32_t to, int32_t amplitude) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_building(b);
    if (rc) return rc;
    if (pop < 0 || pop >= b->n_pops || b->pops[pop].kind != NRB_KIT_LIF)
        return nrb_kit_fail(b, NRB_E_ARGUMENT, "current input: population %d is not a lif population", pop);
    if (channel < 0 || channel >= b->pops[pop].channels)
        return nrb_kit_fail(b, NRB_E_ARGUMENT, "current input: channel %d does not exist on population %d", channel, pop);
    if (from < 0 || to < from) return nrb_kit_fail(b, NRB_E_ARGUMENT, "current input: need 0 <= from_step <= to_step");
    if (!grow32((void **) &b->curs, &b->cap_curs, b->n_curs + 1, sizeof(nrb_kit_current)))
        return nrb_kit_fail(b, NRB_E_MEMORY, "current input: out of memory");
    b->curs[b->n_curs++] = (nrb_kit_current) {pop, channel, from, to, amplitude};
    ok(b);
    return NRB_OK;
}

static void load_initial(nrb_kit_pop *p) {
    for (int c = 0; c < p->channels; c++) {
        if (p->init_u[c]) memcpy(p->u[c], p->init_u[c], (size_t) p->size * sizeof(uint32_t));
        else memset(p->u[c], 0, (size_t) p->size * sizeof(uint32_t));
    }
    if (p->init_v) memcpy(p->v, p->init_v, (size_t) p->size * sizeof(uint32_t));
    else memset(p->v, 0, (size_t) p->size * sizeof(uint32_t));
    if (p->init_ref) memcpy(p->ref, p->init_ref, (size_t) p->size * sizeof(int32_t));
    else memset(p->ref, 0, (size_t) p->size * sizeof(int32_t));
}

/* Allocate the live state of every lif population; 0 on out-of-memory with nothing left allocated. */
static int allocate_state(nrb_board *b, int32_t *failed) {
    for (int32_t p = 0; p < b->n_pops; p++) {
        nrb_kit_pop *q = &b->pops[p];
        if (q->kind != NRB_KIT_LIF) continue;
        int okay = 1;
        for (int c = 0; c < q->channels; c++) {
            q->u[c] = malloc((size_t) q->size * sizeof(uint32_t));
            q->ring[c] = calloc((size_t) q->size * (size_t) b->ring_slots, sizeof(uint32_t));
            okay = okay && q->u[c] && q->ring[c];
        }
        q->v = malloc((size_t) q->size * sizeof(uint32_t));
        q->ref = malloc((size_t) q->size * sizeof(int32_t));
        if (!okay || !q->v || !q->ref) {
            for (int32_t k = 0; k <= p; k++) free_state(&b->pops[k]);
            *failed = p;
            return 0;
        }
        load_initial(q);
    }
    return 1;
}

int32_t nrb_end_network(nrb_board *b) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_building(b);
    if (rc) return rc;
    if (b->n_pops == 0) rc = nrb_kit_fail(b, NRB_E_ARGUMENT, "the network has no populations");
    if (rc == NRB_OK) rc = nrb_kit_check_network(b);
    int32_t failed = -1;
    if (rc == NRB_OK && !allocate_state(b, &failed))
        rc = nrb_kit_fail(b, NRB_E_MEMORY, "population %d: out of memory for state", failed);
    if (rc == NRB_OK) {
        b->building = 0;
        b->loaded = 1;
        b->step = 0;
        rc = nrb_device_load(b);
    }
    if (rc != NRB_OK) {
        /* All or nothing: a half-loaded network is never left behind. */
        size_t len = strlen(b->error);
        if (len + 1 < sizeof b->error)
            snprintf(b->error + len, sizeof b->error - len, "; the network was discarded (call nrb_begin_network to load another)");
        free_network(b);
        return rc;
    }
    ok(b);
    return NRB_OK;
}

/* ---------------------------------------------------------------- running */

static int32_t check_loaded(nrb_board *b) {
    if (!b->loaded) return nrb_kit_fail(b, NRB_E_STATE, "no network is loaded: call nrb_end_network first");
    return NRB_OK;
}

static int key_cmp(const void *x, const void *y) {
    const nrb_kit_spike *a = x, *c = y;
    if (a->step != c->step) return a->step < c->step ? -1 : 1;
    if (a->pop != c->pop) return a->pop < c->pop ? -1 : 1;
    return a->neuron < c->neuron ? -1 : (a->neuron > c->neuron);
}

int32_t nrb_inject(nrb_board *b, int32_t pop, int32_t count, const int32_t *neurons, const int32_t *steps) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_loaded(b);
    if (rc) return rc;
    if (pop < 0 || pop >= b->n_pops) return nrb_kit_fail(b, NRB_E_ARGUMENT, "inject: no population with index %d", pop);
    if (count < 0 || (count > 0 && (!neurons || !steps))) return nrb_kit_fail(b, NRB_E_ARGUMENT, "inject: count = %d with missing arrays", count);
    for (int32_t k = 0; k < count; k++) {
        if (neurons[k] < 0 || neurons[k] >= b->pops[pop].size)
            return nrb_kit_fail(b, NRB_E_ARGUMENT, "inject: neuron %d is outside population %d (size %d)", neurons[k], pop, b->pops[pop].size);
        if (steps[k] < b->step) return nrb_kit_fail(b, NRB_E_ARGUMENT, "inject: step %d is in the past (current step %lld)", steps[k], (long long) b->step);
    }
    int64_t pending = b->n_inj - b->inj_pos;
    if (!nrb_kit_grow((void **) &b->inj, &b->cap_inj, pending + count, sizeof(nrb_kit_spike)))
        return nrb_kit_fail(b, NRB_E_MEMORY, "inject: out of memory");
    /* Keep only pending keys, then add and sort. */
    memmove(b->inj, b->inj + b->inj_pos, (size_t) pending * sizeof(nrb_kit_spike));
    b->n_inj = pending;
    b->inj_pos = 0;
    for (int32_t k = 0; k < count; k++) b->inj[b->n_inj++] = (nrb_kit_spike) {steps[k], pop, neurons[k]};
    qsort(b->inj, (size_t) b->n_inj, sizeof(nrb_kit_spike), key_cmp);
    ok(b);
    return NRB_OK;
}

int32_t nrb_run(nrb_board *b, int32_t steps) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_loaded(b);
    if (rc) return rc;
    if (steps < 0) return nrb_kit_fail(b, NRB_E_ARGUMENT, "run: steps = %d must be >= 0", steps);
    if (b->step + steps > INT32_MAX) return nrb_kit_fail(b, NRB_E_ARGUMENT, "run: a simulation runs at most 2^31-1 steps");
    rc = nrb_device_run(b, steps);
    if (rc) return rc;
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
        return nrb_kit_fail(b, NRB_E_ARGUMENT, "read_spikes: range [%lld, %lld) is outside the %lld recorded spikes", (long long) offset, (long long) (offset + count), (long long) b->n_rec);
    if (count > 0 && (!steps || !pops || !neurons)) return nrb_kit_fail(b, NRB_E_ARGUMENT, "read_spikes: output arrays are required");
    for (int64_t k = 0; k < count; k++) {
        nrb_kit_spike *s = &b->rec[offset + k];
        steps[k] = s->step; pops[k] = s->pop; neurons[k] = s->neuron;
    }
    ok(b);
    return NRB_OK;
}

int32_t nrb_read_state(nrb_board *b, int32_t pop, const char *var, int32_t count, int32_t *values) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_loaded(b);
    if (rc) return rc;
    if (pop < 0 || pop >= b->n_pops || b->pops[pop].kind != NRB_KIT_LIF)
        return nrb_kit_fail(b, NRB_E_ARGUMENT, "read_state: population %d is not a lif population", pop);
    nrb_kit_pop *p = &b->pops[pop];
    if (!var || !values || count != p->size)
        return nrb_kit_fail(b, NRB_E_ARGUMENT, "read_state: population %d needs a buffer of %d values, got %d", pop, p->size, count);
    const void *src;
    if (strcmp(var, "v") == 0) src = p->v;
    else if (strcmp(var, "ref") == 0) src = p->ref;
    else if (strcmp(var, "u") == 0) src = p->u[0];
    else {
        char *end;
        long c = var[0] == 'u' ? strtol(var + 1, &end, 10) : -1;
        if (var[0] != 'u' || *end != 0 || c < 1 || c >= p->channels)
            return nrb_kit_fail(b, NRB_E_ARGUMENT, "read_state: population %d has no variable '%s'", pop, var);
        src = p->u[c];
    }
    memcpy(values, src, (size_t) count * sizeof(int32_t));
    ok(b);
    return NRB_OK;
}

int32_t nrb_read_counters(nrb_board *b, int32_t pop, int64_t *spikes, int64_t *synops, int64_t *updates) {
    if (!b || !spikes || !synops || !updates) return NRB_E_ARGUMENT;
    if (pop < 0 || pop >= b->n_pops) return nrb_kit_fail(b, NRB_E_ARGUMENT, "read_counters: no population with index %d", pop);
    *spikes = b->pops[pop].c_spikes;
    *synops = b->pops[pop].c_synops;
    *updates = b->pops[pop].c_updates;
    ok(b);
    return NRB_OK;
}

int32_t nrb_read_energy(nrb_board *b, double *joules) {
    if (!b || !joules) return NRB_E_ARGUMENT;
    *joules = 0;
    int32_t rc = nrb_device_energy(b, joules);
    if (rc == NRB_OK) ok(b);
    return rc;
}

int32_t nrb_reset(nrb_board *b) {
    if (!b) return NRB_E_ARGUMENT;
    int32_t rc = check_loaded(b);
    if (rc) return rc;
    for (int32_t p = 0; p < b->n_pops; p++) {
        nrb_kit_pop *q = &b->pops[p];
        q->c_spikes = q->c_synops = q->c_updates = 0;
        q->n_spikes = 0;
        if (q->kind != NRB_KIT_LIF) continue;
        load_initial(q);
        for (int c = 0; c < q->channels; c++) memset(q->ring[c], 0, (size_t) q->size * (size_t) b->ring_slots * sizeof(uint32_t));
    }
    b->n_rec = 0;
    b->n_inj = b->inj_pos = 0;
    b->step = 0;
    rc = nrb_device_reset(b);
    if (rc) return rc;
    ok(b);
    return NRB_OK;
}
