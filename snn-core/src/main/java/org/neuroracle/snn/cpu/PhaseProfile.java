package org.neuroracle.snn.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Per-phase counters for profiling thread scaling ({@code -Dneuroracle.cpu.phases=cpu|wall}): Emit, barrier wait,
 * Propagate and sampling, per partition. {@link #ON} is a static final flag, so the timing code is compiled away
 * when off. Never asserted: wall time on a shared machine.
 */
final class PhaseProfile {
    static final String CLOCK = System.getProperty("neuroracle.cpu.phases", "");
    static final boolean ON = !CLOCK.isEmpty();
    private static final boolean CPU_CLOCK = CLOCK.equals("cpu");
    private static final ThreadMXBean THREAD_CLOCK = CPU_CLOCK ? ManagementFactory.getThreadMXBean() : null;
    /** With ON: per step and thread, the emit and propagate nanoseconds of the last LOG_STEPS threaded steps. */
    static final int LOG_STEPS = 1 << 16;
    static final int EMIT = 0, WAIT = 1, PROPAGATE = 2, SAMPLE = 3, COUNT = 4;

    /** [thread][phase], padded (see {@link CpuSimulation#PAD_LONGS}). */
    final long[][] nanos;
    /** With ON: [thread][2 * (step mod LOG_STEPS)]: emit, then propagate nanoseconds. */
    final long[][] log;

    PhaseProfile(int threads) {
        nanos = new long[threads][COUNT + CpuSimulation.PAD_LONGS];
        log = ON ? new long[threads][2 * LOG_STEPS] : null;
    }

    static long clock() { return CPU_CLOCK ? THREAD_CLOCK.getCurrentThreadCpuTime() : System.nanoTime(); }

    /** Nanoseconds per phase ({@link #EMIT} ..) of thread k; zero unless {@link #ON}. */
    long[] phaseNanos(int k) { return Arrays.copyOf(nanos[k], COUNT); }

    /** With ON: emit and propagate nanoseconds of threaded step t on thread k (kept for the last LOG_STEPS steps). */
    long[] phaseLog(int k, int t) { final int at = 2 * (t & (LOG_STEPS - 1)); return new long[]{log[k][at], log[k][at + 1]}; }

    /** The profile, printed on close: microseconds per step. */
    String summary(long parallelSteps, long serialSteps, int batchSteps) {
        long steps = Math.max(1, parallelSteps + serialSteps);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "cpu phases (%s clock, us per step of the run): %d threaded steps, %d serial, batch %d steps%n", CLOCK, parallelSteps, serialSteps, batchSteps));
        for (int k = 0; k < nanos.length; k++) {
            long[] ph = nanos[k];
            sb.append(String.format(Locale.ROOT, "  partition %d: emit %.2f  wait %.2f  propagate %.2f  sample %.2f%n", k,
                    ph[EMIT] / 1e3 / steps, ph[WAIT] / 1e3 / steps, ph[PROPAGATE] / 1e3 / steps, ph[SAMPLE] / 1e3 / steps));
        }
        return sb.toString();
    }
}
