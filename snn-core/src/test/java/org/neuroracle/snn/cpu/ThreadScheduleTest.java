package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.Test;

import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadScheduleTest {
    /** Runs the schedule for `steps` steps against a cost model; returns how many of them ran in parallel. */
    private static long simulate(ThreadSchedule s, long steps, long parallelNanosPerStep, long serialNanosPerStep) {
        long parallelSteps = 0;
        for (long t = 0; t < steps; ) {
            int n = s.chunk(Math.min(steps - t, 137)); // callers run in pieces of any size
            boolean par = s.parallel();
            if (par) parallelSteps += n;
            s.ran(n, n * (par ? parallelNanosPerStep : serialNanosPerStep));
            t += n;
        }
        return parallelSteps;
    }

    /** A compilation clock that never moves: no probe is excused. */
    private static final LongSupplier NO_JIT = () -> 0;

    @Test void keepsThreadsWhenTheyAreFaster() {
        ThreadSchedule s = new ThreadSchedule(NO_JIT);
        long steps = 10L * ThreadSchedule.CHUNK_STEPS * (ThreadSchedule.STEADY_CHUNKS + 2);
        long par = simulate(s, steps, 60, 100);
        assertTrue(par > 0.95 * steps, par + " of " + steps + " steps in parallel");
        // Still probing (a serial chunk now and then), but wins in a row lengthen the threaded stretch: 30, 60, 120 ..
        assertTrue(s.probes() >= 3, "probes " + s.probes());
        assertTrue(s.probes() <= 5, "probes " + s.probes());
    }

    @Test void winsInARowLengthenTheThreadedStretchUpToItsLimit() {
        ThreadSchedule s = new ThreadSchedule(NO_JIT);
        long chunks = 20L * ThreadSchedule.MAX_STEADY_CHUNKS;
        simulate(s, chunks * ThreadSchedule.CHUNK_STEPS, 60, 100);
        // 30 + 60 + 120 + 240 chunks, then one probe per 240 chunks; without the limit about 6, without growth ~150.
        long atLimit = (chunks - 450) / (ThreadSchedule.MAX_STEADY_CHUNKS + 2);
        assertTrue(Math.abs(s.probes() - (4 + atLimit)) <= 2, "probes " + s.probes() + ", expected about " + (4 + atLimit));
    }

    @Test void probesLostWhileTheJitCompilesDoNotLengthenTheSerialStretch() {
        // Threads lose while the compiler threads take a core (first 6,000 steps, the compilation clock advancing),
        // then they are twice as fast. Without excuses the losses in a row double the serial stretch to 8 chunks.
        long withJit = warmUpRun(new ThreadSchedule(() -> clockNow[0]), true);
        long withoutJit = warmUpRun(new ThreadSchedule(NO_JIT), false);
        assertTrue(withJit > 0.6 * 20_000, withJit + " of 20,000 steps in parallel");
        assertTrue(withJit > withoutJit + 2_000, withJit + " vs " + withoutJit + " steps in parallel without the excuse");
    }

    private final long[] clockNow = {0};

    private long warmUpRun(ThreadSchedule s, boolean advanceClock) {
        long steps = 20_000, par = 0;
        for (long t = 0; t < steps; ) {
            int n = s.chunk(Math.min(steps - t, 137));
            boolean p = s.parallel();
            if (p) par += n;
            if (advanceClock && t < 6_000) clockNow[0] += n;
            s.ran(n, n * (p ? (t < 6_000 ? 1_000_000 : 100_000) : 200_000)); // Brunel-sized steps (200 us serial)
            t += n;
        }
        return par;
    }

    @Test void shortStepsGetNoExcuses() {
        // COBA-sized steps (10 us serial): threaded probes lost while the JIT compiles double the stretch as usual.
        long[] clock = {0};
        ThreadSchedule s = new ThreadSchedule(() -> clock[0]);
        long steps = 200L * ThreadSchedule.CHUNK_STEPS;
        for (long t = 0; t < steps; ) {
            int n = s.chunk(Math.min(steps - t, 137));
            boolean p = s.parallel();
            clock[0]++;
            s.ran(n, n * (p ? 300_000L : 10_000L));
            t += n;
        }
        assertTrue(s.probes() <= 9, "probes " + s.probes());
    }

    @Test void aCompilerThatNeverStopsExcusesOnlyAFewLosses() {
        long[] clock = {0};
        ThreadSchedule s = new ThreadSchedule(() -> clock[0]);
        long steps = 200L * ThreadSchedule.CHUNK_STEPS;
        for (long t = 0; t < steps; ) {
            int n = s.chunk(Math.min(steps - t, 137));
            boolean p = s.parallel();
            clock[0]++;
            s.ran(n, n * (p ? 150_000_000L : 100_000_000L) / 1000);
            t += n;
        }
        // The excused losses retry after one chunk; then the stretches double as without a compiler.
        assertTrue(s.probes() <= ThreadSchedule.MAX_COMPILE_EXCUSES + 9, "probes " + s.probes());
    }

    @Test void fallsBackToOneThreadWhenTheBarrierCostsMore() {
        ThreadSchedule s = new ThreadSchedule(NO_JIT);
        long steps = 10L * ThreadSchedule.CHUNK_STEPS * (ThreadSchedule.STEADY_CHUNKS + 2);
        long par = simulate(s, steps, 150, 100);
        // Only the probes run in parallel, each stopped once it cost more than a serial chunk, and probes thin out.
        assertTrue(par < 0.03 * steps, par + " of " + steps + " steps in parallel");
        assertFalse(s.parallel() && s.chunk(Long.MAX_VALUE) > ThreadSchedule.CHUNK_STEPS, "steady mode must be serial");
    }

    @Test void aCatastrophicParallelProbeStopsEarly() {
        ThreadSchedule s = new ThreadSchedule(NO_JIT);
        // Threads 100x slower (a descheduled partner at every barrier): the probe must stop after its first, short piece.
        long par = simulate(s, ThreadSchedule.CHUNK_STEPS * 2L, 10_000, 100);
        assertEquals(ThreadSchedule.FIRST_PIECE_STEPS, par);
        assertEquals(1, s.probes());
        assertFalse(s.parallel());
    }

    @Test void aProbeLostDuringWarmUpIsRetriedSoon() {
        ThreadSchedule s = new ThreadSchedule(NO_JIT);
        // The first probes lose (JIT compiling on the second core), then threads are twice as fast: a 2-s Brunel
        // run (20,000 steps) must spend most of its steps on threads, not one long serial stretch after the loss.
        long steps = 20_000, par = 0;
        for (long t = 0; t < steps; ) {
            int n = s.chunk(Math.min(steps - t, 137));
            boolean p = s.parallel();
            if (p) par += n;
            s.ran(n, n * (p ? (t < 1_000 ? 500 : 50) : 100));
            t += n;
        }
        assertTrue(par > 0.8 * steps, par + " of " + steps + " steps in parallel");
    }

    @Test void lossesInARowLengthenTheSerialStretch() {
        ThreadSchedule s = new ThreadSchedule(NO_JIT);
        long steps = 200L * ThreadSchedule.CHUNK_STEPS;
        simulate(s, steps, 150, 100);
        // Stretches of 1, 2, 4, .. chunks after each loss: about log2 of the run's chunks, not one per chunk.
        assertTrue(s.probes() <= 10, "probes " + s.probes());
        assertTrue(s.probes() >= 5, "probes " + s.probes());
    }

    @Test void threadsThatTurnSlowAreDroppedWithinAChunk() {
        ThreadSchedule s = new ThreadSchedule(NO_JIT);
        // Threads win (50 vs 100 ns per step) until step 5,000, then load arrives and they cost 500: the steady
        // stretch won before must not keep them for its remaining ~10,000 steps.
        long steps = 20_000, parAfter = 0;
        for (long t = 0; t < steps; ) {
            int n = s.chunk(Math.min(steps - t, 137));
            boolean p = s.parallel();
            if (p && t >= 5_000) parAfter += n;
            s.ran(n, n * (p ? (t < 5_000 ? 50 : 500) : 100));
            t += n;
        }
        assertTrue(parAfter < 2 * ThreadSchedule.CHUNK_STEPS, parAfter + " parallel steps after the load arrived");
    }

    @Test void aSerialProbeSlowedByABurstDoesNotKeepSlowThreads() {
        ThreadSchedule s = new ThreadSchedule(NO_JIT);
        // Threads win at first (50 vs 100 ns per step), then turn slow (200). The serial probe right after that is
        // hit by a burst (300), so the threads win that probe; they must still be dropped within a chunk or two,
        // because they are slower than the fastest serial probe seen (100), not kept for a whole stretch.
        long steps = 30_000, slowParallel = 0;
        int serialProbes = 0;
        boolean wasParallel = true;
        for (long t = 0; t < steps; ) {
            int n = s.chunk(Math.min(steps - t, 137));
            boolean p = s.parallel();
            if (!p && wasParallel) serialProbes++;
            wasParallel = p;
            long parallelCost = serialProbes >= 2 ? 200 : 50, serialCost = serialProbes == 2 ? 300 : 100;
            if (p && serialProbes >= 2) slowParallel += n;
            s.ran(n, n * (p ? parallelCost : serialCost));
            t += n;
        }
        assertTrue(slowParallel < 4 * ThreadSchedule.CHUNK_STEPS, slowParallel + " steps on slow threads");
    }

    @Test void stepsTooCheapToThreadNeverRunThreaded() {
        // COBA-sized steps (10 us serial), even with threads that would be faster: no threaded probe at all, so
        // --threads 2 costs what one thread costs; the floor is checked at every serial probe.
        ThreadSchedule s = new ThreadSchedule(NO_JIT, ThreadSchedule.MIN_THREADED_STEP_NANOS);
        assertEquals(0, simulate(s, 200L * ThreadSchedule.CHUNK_STEPS, 6_000, 10_000));
        assertEquals(0, s.probes());
        // Just above the floor the probes run as before and threads that win are kept.
        long above = ThreadSchedule.MIN_THREADED_STEP_NANOS + 1_000;
        ThreadSchedule t = new ThreadSchedule(NO_JIT, ThreadSchedule.MIN_THREADED_STEP_NANOS);
        long steps = 10L * ThreadSchedule.CHUNK_STEPS * (ThreadSchedule.STEADY_CHUNKS + 2);
        assertTrue(simulate(t, steps, above / 2, above) > 0.95 * steps);
    }

    @Test void aSlowFirstProbeOfACheapStepCostsOneThreadedProbe() {
        // The JIT's warm-up makes the first serial chunk look expensive (80 us a step): one threaded probe, lost,
        // then every later serial probe measures the real 10 us and no threaded step runs again.
        ThreadSchedule s = new ThreadSchedule(NO_JIT, ThreadSchedule.MIN_THREADED_STEP_NANOS);
        long steps = 200L * ThreadSchedule.CHUNK_STEPS, par = 0;
        for (long t = 0; t < steps; ) {
            int n = s.chunk(Math.min(steps - t, 137));
            boolean p = s.parallel();
            if (p) par += n;
            s.ran(n, n * (p ? 300_000L : t < ThreadSchedule.CHUNK_STEPS ? 80_000L : 10_000L));
            t += n;
        }
        assertEquals(1, s.probes());
        assertEquals(ThreadSchedule.FIRST_PIECE_STEPS, par);
    }

    @Test void threadsThatWinAgainstAWarmingUpCheapStepAreNotKept() {
        // A kernel the JIT compiles late (the Vector API path on COBA): serial steps 120 us while the compilation
        // clock moves (first 3,000 steps), then 10 us; threads 60 us throughout (they win the early probes).
        // Without the near-floor rule the first win keeps threads 30 chunks (15,000 steps) at 6x the serial cost.
        long[] clock = {0};
        ThreadSchedule s = new ThreadSchedule(() -> clock[0], ThreadSchedule.MIN_THREADED_STEP_NANOS);
        long steps = 40L * ThreadSchedule.CHUNK_STEPS, par = 0, parLate = 0;
        for (long t = 0; t < steps; ) {
            int n = s.chunk(Math.min(steps - t, 137));
            boolean p = s.parallel();
            boolean warming = t < 3_000;
            if (warming) clock[0] += 10; // a kernel's C2 compile: tens of milliseconds over a probe
            if (p) { par += n; if (!warming) parLate += n; }
            s.ran(n, n * (p ? 60_000L : warming ? 120_000L : 10_000L));
            t += n;
        }
        assertTrue(parLate <= 2 * ThreadSchedule.CHUNK_STEPS, parLate + " threaded steps after the warm-up");
        assertTrue(par > 0, "threads won while serial steps were slow");
    }

    @Test void theJitsOccasionalSmallCompilesDoNotMakeThreadsReprobeEveryChunk() {
        // Brunel since the vector Philox: serial 140 us a step, threads 80 us, and the JIT compiling a few ms now and
        // then all run long (1-9 ms per 1,000 steps in its timeline): here the clock moves 4 ms whenever it is read.
        // Counting any compilation as warm-up kept the threads one chunk per win: a 500-step serial probe after
        // nearly every chunk (13 probes in these 40 chunks).
        long[] ms = {0};
        ThreadSchedule s = new ThreadSchedule(() -> ms[0] += 4, ThreadSchedule.MIN_THREADED_STEP_NANOS);
        long steps = 40L * ThreadSchedule.CHUNK_STEPS;
        long par = simulate(s, steps, 80_000, 140_000);
        assertTrue(s.probes() <= 2, s.probes() + " probes in 40 chunks");
        assertTrue(par > 0.9 * steps, par + " of " + steps + " steps threaded");
    }

    @Test void smallNetworksAreNotThreadedLargeOnesAreMeasured() {
        // COBA's size: serial whatever the probes would say; Brunel's: threads that are faster are kept.
        long steps = 10L * ThreadSchedule.CHUNK_STEPS * (ThreadSchedule.STEADY_CHUNKS + 2);
        assertEquals(0, simulate(ThreadSchedule.configured(4_000, 320_166), steps, 60_000, 200_000));
        assertTrue(simulate(ThreadSchedule.configured(12_500, 15_625_000), steps, 300_000, 500_000) > 0.95 * steps);
        assertTrue(simulate(ThreadSchedule.configured(4_000, 3_000_000), steps, 300_000, 500_000) > 0.95 * steps, "many synapses");
        assertTrue(simulate(ThreadSchedule.configured(20_000, 100_000), steps, 300_000, 500_000) > 0.95 * steps, "many neurons");
    }

    @Test void theDefaultScheduleHasTheFloor() {
        ThreadSchedule s = new ThreadSchedule();
        assertEquals(0, simulate(s, 20L * ThreadSchedule.CHUNK_STEPS, 1_000, 10_000), "10 us steps are never threaded");
    }

    @Test void chunksNeverExceedWhatIsLeft() {
        ThreadSchedule s = new ThreadSchedule(NO_JIT);
        assertEquals(7, s.chunk(7));
        assertEquals(ThreadSchedule.CHUNK_STEPS, s.chunk(1_000_000));
    }

    @Test void theScheduleCanBePinnedForProfilingAndRejectsAnUnknownMode() {
        try {
            System.setProperty("neuroracle.cpu.schedule", "threads");
            ThreadSchedule threaded = ThreadSchedule.configured();
            assertEquals(0, simulate(threaded, 10_000, 100, 60) - 10_000, "every step threaded even when slower");
            System.setProperty("neuroracle.cpu.schedule", "serial");
            assertEquals(0, simulate(ThreadSchedule.configured(), 10_000, 60, 100), "no step threaded even when faster");
            System.setProperty("neuroracle.cpu.schedule", "auto");
            assertTrue(simulate(ThreadSchedule.configured(), 10_000, 300, 60) < 1_000, "measured: much slower threads dropped");
            System.setProperty("neuroracle.cpu.schedule", "fast");
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, ThreadSchedule::configured);
            assertTrue(e.getMessage().contains("neuroracle.cpu.schedule"), e.getMessage());
        } finally {
            System.clearProperty("neuroracle.cpu.schedule");
        }
    }
}
