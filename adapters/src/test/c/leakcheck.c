/*
 * Leak and failure-path check for the board kit and the emulator, run under Valgrind (or built with ASan) by
 * BoardKitLeakTest. The conformance kit's ABI sequences (open, bad configs, calls out of order, malformed
 * projections, over-capacity, a full network with every input kind, injection, runs, reads, reset, close) are
 * replayed once cleanly, then once for every allocation the clean run makes with exactly that allocation failing
 * (malloc/calloc/realloc are wrapped at link time with -Wl,--wrap). After each failure the same board must load
 * and run the network cleanly, and at exit nothing may be left allocated.
 */
#include "neuroracle_board.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t s);
void *__real_realloc(void *p, size_t n);
static long allocations, fail_at = -1;
static int fail_now(void) { return ++allocations == fail_at; }
void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t s) { return fail_now() ? NULL : __real_calloc(n, s); }
void *__wrap_realloc(void *p, size_t n) { return fail_now() ? NULL : __real_realloc(p, n); }

static int problems;
#define EXPECT(cond, ...) do { if (!(cond) && problems++ < 20) { fprintf(stderr, "leakcheck: " __VA_ARGS__); fputc('\n', stderr); } } while (0)

/* The network: a spike source, a Poisson source and two lif populations with delays, background and current. */
static int32_t load(nrb_board *b) {
    int32_t rc;
    if ((rc = nrb_begin_network(b, 3, 42))) return rc;
    int32_t st[] = {0, 1, 1, 5}, sn[] = {0, 0, 2, 1};
    if ((rc = nrb_add_spike_source(b, 3, 4, st, sn, 1)) < 0) return rc;
    if ((rc = nrb_add_poisson_source(b, 4, 7, 0x20000000u, 1)) < 0) return rc;
    int32_t du[] = {100, 2000};
    if ((rc = nrb_add_lif_population(b, 5, 2, du, 200, 10, 3, 2, 2, 1)) < 0) return rc;
    if ((rc = nrb_add_lif_population(b, 2, 1, du, 300, 5, 0, 0, 0, 1)) < 0) return rc;
    int32_t v0[] = {1, -2, 3, 0, 100};
    if ((rc = nrb_set_initial(b, 2, "v", 5, v0))) return rc;
    if ((rc = nrb_set_initial(b, 2, "v", 5, v0))) return rc;  /* replaces the first copy */
    int32_t rp[] = {0, 2, 3, 5}, tg[] = {0, 4, 1, 2, 3}, w[] = {100, -50, 127, 60, 70}, dl[] = {1, 2, 3, 1, 2};
    if ((rc = nrb_add_projection(b, 0, 2, 0, 3, rp, tg, w, 0, dl)) < 0) return rc;
    int32_t rp2[] = {0, 1, 1, 2, 3}, tg2[] = {0, 1, 1}, w2[] = {90, 90, -90}, dl2[] = {1, 1, 2};
    if ((rc = nrb_add_projection(b, 1, 2, 1, 4, rp2, tg2, w2, 2, dl2)) < 0) return rc;
    int32_t rp3[] = {0, 1, 2, 2, 3, 4}, tg3[] = {0, 1, 0, 1}, w3[] = {120, 120, 120, 120}, dl3[] = {1, 1, 1, 1};
    if ((rc = nrb_add_projection(b, 2, 3, 0, 5, rp3, tg3, w3, 3, dl3)) < 0) return rc;
    uint32_t table[] = {0x80000000u, 0xF0000000u};
    if ((rc = nrb_add_background(b, 2, 1, 9, 40, 2, table))) return rc;
    if ((rc = nrb_add_current(b, 3, 0, 2, 30, 500))) return rc;
    return nrb_end_network(b);
}

/* Load, inject, run, read and reset; returns the first failure status or 0. */
static int32_t exercise(nrb_board *b) {
    int32_t rc;
    if ((rc = load(b))) return rc;
    int32_t in[] = {0, 4, 2}, is[] = {3, 4, 4};
    if ((rc = nrb_inject(b, 2, 3, in, is))) return rc;
    if ((rc = nrb_run(b, 20))) return rc;
    if ((rc = nrb_inject(b, 0, 2, (int32_t[]) {0, 2}, (int32_t[]) {25, 26}))) return rc;
    if ((rc = nrb_run(b, 20))) return rc;
    int64_t n = 0, s, o, u;
    if ((rc = nrb_spike_count(b, &n))) return rc;
    int32_t steps[256], pops[256], neurons[256], v[5];
    if ((rc = nrb_read_spikes(b, 0, n < 256 ? n : 256, steps, pops, neurons))) return rc;
    if ((rc = nrb_read_state(b, 2, "u1", 5, v))) return rc;
    if ((rc = nrb_read_counters(b, 2, &s, &o, &u))) return rc;
    if ((rc = nrb_reset(b))) return rc;
    return nrb_run(b, 10);
}

/* Calls the kit must refuse without leaking or breaking the board (results checked when strict: no injected failure). */
static void refusals(nrb_board *b, int strict) {
    char err[256];
    nrb_board *bad = nrb_open("no_such_key=1", err, sizeof err);
    EXPECT(!strict || !bad, "unknown config key accepted");
    nrb_close(bad);
    bad = nrb_open("max_neurons=banana", err, sizeof err);
    EXPECT(!strict || !bad, "non-numeric config accepted");
    nrb_close(bad);
    EXPECT(!strict || nrb_run(b, 1) == NRB_E_STATE, "run before load");
    nrb_begin_network(b, 2, 1);
    int32_t du[] = {100};
    nrb_add_lif_population(b, 3, 1, du, 100, 10, 0, 0, 0, 1);
    int32_t rp[] = {0, 2, 1, 3}, tg[] = {0, 1, 2}, w[] = {1, 1, 1}, dl[] = {1, 1, 1};
    EXPECT(!strict || nrb_add_projection(b, 0, 0, 0, 3, rp, tg, w, 0, dl) < 0, "decreasing row pointer accepted");
    int32_t rp2[] = {0, 1, 1, 1}, tg2[] = {99};
    EXPECT(!strict || nrb_add_projection(b, 0, 0, 0, 3, rp2, tg2, w, 0, dl) < 0, "target out of range accepted");
    int32_t st[] = {3, 1}, sn[] = {0, 0};
    EXPECT(!strict || nrb_add_spike_source(b, 2, 2, st, sn, 1) < 0, "unsorted spike source accepted");
    EXPECT(!strict || nrb_end_network(b) == NRB_OK, "a valid one-population network after refusals");
    EXPECT(!strict || nrb_end_network(b) == NRB_E_STATE, "end_network twice");
}

int main(void) {
    char err[256];
    /* Clean run: counts the allocations and checks that it all works. */
    allocations = 0;
    nrb_board *b = nrb_open("name=leakcheck;max_neurons=100;max_fan_in=10", err, sizeof err);
    EXPECT(b != NULL, "open: %s", err);
    if (!b) return 1;
    refusals(b, 1);
    int32_t rc = exercise(b);
    EXPECT(rc == NRB_OK, "clean run failed: %d %s", rc, nrb_last_error(b));
    nrb_board *small = nrb_open("max_neurons=10", err, sizeof err);
    EXPECT(small && load(small) == NRB_E_CAPACITY, "over-capacity network accepted");
    EXPECT(small && load(small) == NRB_E_CAPACITY, "over-capacity network accepted twice");
    nrb_close(small);
    nrb_close(b);
    long total = allocations;
    EXPECT(total > 20, "only %ld allocations counted: is the allocator wrapped?", total);

    /* Every allocation of the clean run fails once. */
    long refused = 0;
    for (long k = 1; k <= total; k++) {
        allocations = 0;
        fail_at = k;
        nrb_board *f = nrb_open("name=leakcheck;max_neurons=100;max_fan_in=10", err, sizeof err);
        if (!f) { refused++; continue; }
        refusals(f, 0);
        rc = exercise(f);
        if (rc) {
            refused++;
            EXPECT(rc == NRB_E_MEMORY, "allocation %ld failed but the status is %d (%s)", k, rc, nrb_last_error(f));
            EXPECT(strlen(nrb_last_error(f)) > 0, "allocation %ld failed without a message", k);
        }
        fail_at = -1;
        rc = exercise(f);   /* the board must still be usable */
        EXPECT(rc == NRB_OK, "after allocation %ld failed the board is unusable: %d %s", k, rc, nrb_last_error(f));
        nrb_board *s2 = nrb_open("max_neurons=10", err, sizeof err);
        nrb_close(s2);
        nrb_close(f);
    }
    fail_at = -1;
    printf("leakcheck: %ld allocations, each failed once (%ld runs refused with NRB_E_MEMORY), %d problem(s)\n", total, refused, problems);
    return problems ? 2 : 0;
}
