/* Capacity limits of the board (from its config): refused with NRB_E_CAPACITY and a message naming the limit. */
#include "nrb_kit.h"

#include <stdlib.h>

int32_t nrb_kit_check_delay(nrb_board *b, int32_t max_delay_steps) {
    if (max_delay_steps > b->max_delay)
        return nrb_kit_fail(b, NRB_E_CAPACITY, "max_delay_steps = %d exceeds this board's %lld", max_delay_steps, (long long) b->max_delay);
    return NRB_OK;
}

int32_t nrb_kit_check_weight(nrb_board *b, int32_t projection, int32_t synapse, int32_t w) {
    int64_t wmax = b->weight_bits == -1 ? 32767 : (1LL << (b->weight_bits - 1)) - 1;
    if (w > wmax || w < -wmax - 1)
        return nrb_kit_fail(b, NRB_E_CAPACITY, "projection %d: synapse %d has weight mantissa %d, wider than this board's %lld-bit weights",
                            projection, synapse, w, (long long) b->weight_bits);
    return NRB_OK;
}

int32_t nrb_kit_check_network(nrb_board *b) {
    int64_t neurons = 0, synapses = 0;
    for (int32_t p = 0; p < b->n_pops; p++) neurons += b->pops[p].size;
    for (int32_t j = 0; j < b->n_projs; j++) synapses += b->projs[j].row_ptr[b->projs[j].pre_size];
    if (b->max_neurons >= 0 && neurons > b->max_neurons)
        return nrb_kit_fail(b, NRB_E_CAPACITY, "the network has %lld neurons; this board holds at most %lld", (long long) neurons, (long long) b->max_neurons);
    if (b->max_synapses >= 0 && synapses > b->max_synapses)
        return nrb_kit_fail(b, NRB_E_CAPACITY, "the network has %lld synapses; this board holds at most %lld", (long long) synapses, (long long) b->max_synapses);
    if (b->max_fan_in < 0) return NRB_OK;
    for (int32_t p = 0; p < b->n_pops; p++) {
        if (b->pops[p].kind != NRB_KIT_LIF) continue;
        int32_t *fan = calloc((size_t) b->pops[p].size, sizeof(int32_t));
        if (!fan) return nrb_kit_fail(b, NRB_E_MEMORY, "fan-in check: out of memory");
        for (int32_t j = 0; j < b->n_projs; j++) {
            nrb_kit_proj *r = &b->projs[j];
            if (r->post != p) continue;
            for (int32_t k = 0; k < r->row_ptr[r->pre_size]; k++) fan[r->targets[k]]++;
        }
        for (int32_t i = 0; i < b->pops[p].size; i++)
            if (fan[i] > b->max_fan_in) {
                int32_t f = fan[i];
                free(fan);
                return nrb_kit_fail(b, NRB_E_CAPACITY, "neuron %d of population %d has fan-in %d; this board allows at most %lld", i, p, f, (long long) b->max_fan_in);
            }
        free(fan);
    }
    return NRB_OK;
}
