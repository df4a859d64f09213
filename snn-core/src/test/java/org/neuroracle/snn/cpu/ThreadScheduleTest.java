package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.Test;

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

    @Test void keepsThreadsWhenTheyAreFaster() {
        ThreadSchedule s = new ThreadSchedule();
        long steps = 10L * ThreadSchedule.CHUNK_STEPS * (ThreadSchedule.STEADY_CHUNKS + 2);
        long par = simulate(s, steps, 60, 100);
        assertTrue(par > 0.9 * steps, par + " of " + steps + " steps in parallel");
        assertTrue(s.probes() >= 9, "probes " + s.probes());
    }

    @Test void fallsBackToOneThreadWhenTheBarrierCostsMore() {
        ThreadSchedule s = new ThreadSchedule();
        long steps = 10L * ThreadSchedule.CHUNK_STEPS * (ThreadSchedule.STEADY_CHUNKS + 2);
        long par = simulate(s, steps, 150, 100);
        // Only the probes run in parallel: one chunk in every STEADY_CHUNKS + 2.
        assertTrue(par < 0.05 * steps, par + " of " + steps + " steps in parallel");
        assertFalse(s.parallel() && s.chunk(Long.MAX_VALUE) > ThreadSchedule.CHUNK_STEPS, "steady mode must be serial");
    }

    @Test void chunksNeverExceedWhatIsLeft() {
        ThreadSchedule s = new ThreadSchedule();
        assertEquals(7, s.chunk(7));
        assertEquals(ThreadSchedule.CHUNK_STEPS, s.chunk(1_000_000));
    }
}
