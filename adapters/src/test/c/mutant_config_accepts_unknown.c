/*
 * Planted bug: a device config hook that accepts any key. The test build compiles board-emulator/emulator.c with
 * -Dnrb_device_config=nrb_device_config_reference so that this definition replaces the emulator's.
 */
#include "nrb_kit.h"

int nrb_device_config(nrb_board *b, const char *key, const char *value, char *error, size_t cap) {
    (void) b; (void) key; (void) value; (void) error; (void) cap;
    return 1;
}
