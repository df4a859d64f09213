/* Planted bug: replaces board-kit/nrb_capacity.c in a test build; the board's capacity limits are ignored. */
#include "nrb_kit.h"

int32_t nrb_kit_check_delay(nrb_board *b, int32_t max_delay_steps) { (void) b; (void) max_delay_steps; return NRB_OK; }

int32_t nrb_kit_check_weight(nrb_board *b, int32_t projection, int32_t synapse, int32_t w) {
    (void) b; (void) projection; (void) synapse; (void) w;
    return NRB_OK;
}

int32_t nrb_kit_check_network(nrb_board *b) { (void) b; return NRB_OK; }
