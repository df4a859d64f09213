/* Config strings: 'key=value;key=value'. The kit's keys set the board's limits; any other key is the board's. */
#include "nrb_kit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_long(const char *s, int64_t *out) {
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*s == 0 || *end != 0) return 0;
    *out = v;
    return 1;
}

static nrb_board *refuse(char *error, size_t cap, const char *fmt, const char *a, const char *b2) {
    if (error && cap) snprintf(error, cap, fmt, a, b2);
    return NULL;
}

nrb_board *nrb_kit_parse_config(nrb_board *b, const char *config, char *error, size_t cap) {
    char buf[1024];
    if (config && strlen(config) >= sizeof buf) {
        if (error && cap) snprintf(error, cap, "config string is longer than %zu bytes", sizeof buf - 1);
        return NULL;
    }
    snprintf(buf, sizeof buf, "%s", config ? config : "");
    for (char *save = NULL, *item = strtok_r(buf, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
        while (*item == ' ') item++;
        if (!*item) continue;
        char *eq = strchr(item, '=');
        if (!eq) return refuse(error, cap, "config item '%s' is not key=value%s", item, "");
        *eq = 0;
        const char *key = item, *val = eq + 1;
        int64_t *target = NULL;
        if (strcmp(key, "name") == 0) {
            snprintf(b->name, sizeof b->name, "%s", val);
            continue;
        } else if (strcmp(key, "max_neurons") == 0) target = &b->max_neurons;
        else if (strcmp(key, "max_synapses") == 0) target = &b->max_synapses;
        else if (strcmp(key, "max_fan_in") == 0) target = &b->max_fan_in;
        else if (strcmp(key, "max_delay_steps") == 0) target = &b->max_delay;
        else if (strcmp(key, "weight_bits") == 0) target = &b->weight_bits;
        else if (nrb_device_config(b, key, val, error, cap)) continue;
        else return NULL;
        int64_t n = 0;
        if (!parse_long(val, &n) || n < -1 || n == 0)
            return refuse(error, cap, "config %s='%s' must be a positive integer or -1 (no limit)", key, val);
        *target = n;
    }
    if (b->weight_bits != -1 && (b->weight_bits < 1 || b->weight_bits > 16)) {
        if (error && cap) snprintf(error, cap, "config weight_bits=%lld must be 1..16", (long long) b->weight_bits);
        return NULL;
    }
    if (b->max_delay == -1 || b->max_delay > NRB_KIT_MAX_DELAY) b->max_delay = NRB_KIT_MAX_DELAY;
    return b;
}
