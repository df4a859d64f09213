/*
 * The Neuroracle reference board emulator, and the template a hardware team copies (see adapters/README.md).
 *
 * Everything that does not touch a device (config, validation, the network store, capacity checks, counters,
 * errors, Philox, the fixed-point LIF arithmetic) is in board-kit/. This file is the device: the nrb_device_*
 * hooks of board-kit/nrb_kit.h, here a step loop in portable C over the kit's host copy of the network. A board
 * replaces nrb_device_load (send the network), nrb_device_run (step, read back spikes and counters) and, with an
 * energy meter, nrb_device_energy. It is the third implementation of cuba-lif-fixed (after the Java cpu backend
 * and the OpenCL kernels), bit-exact with both.
 *
 * Build: cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -shared -fPIC -I../board-abi -I../board-kit \
 *           -o libneuroracle_board_emulator.so ../board-kit/(*).c emulator.c
 */
#include "nrb_kit.h"

#include <stdio.h>

const char *nrb_device_default_name(void) { return "emulator"; }

int64_t nrb_device_features(void) {
    return NRB_FEATURE_DELAYS | NRB_FEATURE_MULTI_CHANNEL | NRB_FEATURE_REFRACTORY | NRB_FEATURE_SPIKE_SOURCES
           | NRB_FEATURE_POISSON_SOURCES | NRB_FEATURE_BACKGROUND | NRB_FEATURE_CURRENT_INPUT | NRB_FEATURE_INJECTION;
}

/* The emulator has no keys of its own: anything the kit does not know is an error. */
int nrb_device_config(nrb_board *b, const char *key, const char *value, char *error, size_t cap) {
    (void) b; (void) value;
    if (error && cap)
        snprintf(error, cap, "unknown config key '%s' (known: name, max_neurons, max_synapses, max_fan_in, max_delay_steps, weight_bits)", key);
    return 0;
}

int32_t nrb_device_load(nrb_board *b) { (void) b; return NRB_OK; }   /* the host copy is the device */

int32_t nrb_device_reset(nrb_board *b) { (void) b; return NRB_OK; }

int nrb_device_has_energy_meter(nrb_board *b) { (void) b; return 0; }

int32_t nrb_device_energy(nrb_board *b, double *joules) {
    *joules = 0;
    return nrb_kit_fail(b, NRB_E_UNSUPPORTED, "board '%s' has no energy meter; estimate energy from its counters with a hardware profile", b->name);
}

void nrb_device_release(nrb_board *b) { (void) b; }

/* Deliver, update and emit one lif population at step t (ARCHITECTURE.md "One time step", phases 1-3). */
static void step_lif(nrb_board *b, nrb_kit_pop *p, int32_t t, int32_t slot) {
    const int32_t self = (int32_t) (p - b->pops);
    int32_t extra[NRB_KIT_MAX_CHANNELS] = {0};
    for (int32_t k = 0; k < b->n_bgs; k++) {
        nrb_kit_background *g = &b->bgs[k];
        if (g->pop != self) continue;
        uint32_t *r = p->ring[g->channel] + (size_t) slot * p->size;
        for (int32_t i = 0; i < p->size; i++) {
            uint32_t u = nrb_philox_draw(b->seed, g->stream, i, t);
            int32_t n = 0;
            while (n < g->len && u >= g->table[n]) n++;
            r[i] += (uint32_t) n * (uint32_t) g->weight;
        }
    }
    for (int32_t k = 0; k < b->n_curs; k++) {
        nrb_kit_current *c = &b->curs[k];
        if (c->pop == self && t >= c->from && t < c->to) extra[c->channel] = nrb_wrap_add(extra[c->channel], c->amplitude);
    }
    const size_t off = (size_t) slot * p->size;
    const int32_t ch = p->channels, bias = p->bias;
    p->n_spikes = 0;
    for (int32_t i = 0; i < p->size; i++) {
        /* Skip rule (all backends): active iff v, ref, bias, any u_c or any summed a_in_c is non-zero. */
        uint32_t any = p->v[i] | (uint32_t) p->ref[i] | (uint32_t) bias;
        for (int c = 0; c < ch; c++) any |= (uint32_t) nrb_wrap_add((int32_t) p->ring[c][off + i], extra[c]) | p->u[c][i];
        if (any == 0) continue;
        p->c_updates++;
        int32_t utot = 0;
        for (int c = 0; c < ch; c++) {
            int32_t a = nrb_wrap_add((int32_t) p->ring[c][off + i], extra[c]);
            p->ring[c][off + i] = 0;
            int32_t uc = nrb_lif_current((int32_t) p->u[c][i], p->du[c], a);
            p->u[c][i] = (uint32_t) uc;
            utot = nrb_wrap_add(utot, uc);
        }
        if (p->ref[i] > 0) {
            p->ref[i]--;
            p->v[i] = 0;
        } else {
            int32_t v = nrb_lif_voltage((int32_t) p->v[i], p->dv, utot, bias);
            if (v > (int32_t) ((uint32_t) p->vth << 6)) {
                p->spikes[p->n_spikes++] = i;
                v = 0;
                p->ref[i] = p->refractory;
            }
            p->v[i] = (uint32_t) v;
        }
    }
}

static void step_source(nrb_board *b, nrb_kit_pop *p, int32_t t) {
    p->n_spikes = 0;
    if (p->kind == NRB_KIT_SPIKE_ARRAY) {
        int32_t lo = 0, hi = p->n_src;
        while (lo < hi) { int32_t m = (lo + hi) / 2; if (p->src_steps[m] < t) lo = m + 1; else hi = m; }
        int32_t last = -1;
        for (int32_t k = lo; k < p->n_src && p->src_steps[k] == t; k++)
            if (p->src_neurons[k] != last) { p->spikes[p->n_spikes++] = p->src_neurons[k]; last = p->src_neurons[k]; }
    } else {
        for (int32_t i = 0; i < p->size; i++)
            if (nrb_philox_draw(b->seed, p->stream, i, t) < p->threshold) p->spikes[p->n_spikes++] = i;
    }
}

/* Propagate one spike along its CSR row into ring slot t + delay (phase 4); returns the synaptic ops done. */
static int64_t add_row(nrb_board *b, nrb_kit_proj *r, int32_t row, int32_t slot) {
    nrb_kit_pop *post = &b->pops[r->post];
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

int32_t nrb_device_run(nrb_board *b, int32_t steps) {
    for (int32_t n = 0; n < steps; n++) {
        const int32_t t = (int32_t) b->step, slot = t % b->ring_slots;
        for (int32_t p = 0; p < b->n_pops; p++) {
            nrb_kit_pop *q = &b->pops[p];
            if (q->kind == NRB_KIT_LIF) step_lif(b, q, t, slot);
            else step_source(b, q, t);
            q->c_spikes += q->n_spikes;
            int32_t rc = nrb_kit_record(b, p, t);
            if (rc) return rc;
        }
        while (b->inj_pos < b->n_inj && b->inj[b->inj_pos].step < t) b->inj_pos++;
        for (int32_t j = 0; j < b->n_projs; j++) {
            nrb_kit_proj *r = &b->projs[j];
            nrb_kit_pop *pre = &b->pops[r->pre];
            int64_t ops = 0;
            for (int32_t s = 0; s < pre->n_spikes; s++) ops += add_row(b, r, pre->spikes[s], slot);
            for (int64_t q = b->inj_pos; q < b->n_inj && b->inj[q].step == t; q++)
                if (b->inj[q].pop == r->pre) ops += add_row(b, r, b->inj[q].neuron, slot);
            pre->c_synops += ops;
        }
        b->step++;
    }
    return NRB_OK;
}
