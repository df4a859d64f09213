package org.neuroracle.snn.cpu;

import org.neuroracle.snn.networks.BuiltinNetworks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * One JVM, one network opened twice: on one thread and on T threads (every step threaded), warmed up, then rounds
 * alternating 1, T, 1, T; per round the wall and thread-CPU microseconds per step, and (with
 * {@code -Dneuroracle.cpu.phases=cpu}) each partition's Emit / wait / Propagate. Prints medians and the median
 * per-round speed-up (wall of one thread over wall of T). Run with {@code scripts/cpu-ab/phase-split.sh}.
 */
public final class PhaseSplit {
    public static void main(String[] a) {
        String net = a[0];
        int threads = Integer.parseInt(a[1]), warm = Integer.parseInt(a[2]), rounds = Integer.parseInt(a[3]), steps = Integer.parseInt(a[4]);
        CpuSimulation[] sims = {new CpuSimulation(BuiltinNetworks.byName(net, 1), 1),
                new CpuSimulation(BuiltinNetworks.byName(net, 1), threads, null, new AlwaysThreaded())};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (CpuSimulation s : sims) for (int w = 0; w < warm; w += 1000) s.run(Math.min(1000, warm - w));
        double[][] wall = new double[2][rounds], cpu = new double[2][rounds];
        double[][][] phase = new double[2][rounds][3 * threads];
        for (int r = 0; r < rounds; r++)
            for (int v = 0; v < 2; v++) {
                CpuSimulation s = sims[v];
                int parts = v == 0 ? 1 : threads;
                long[][] p0 = new long[parts][];
                for (int k = 0; k < parts; k++) p0[k] = s.phases().phaseNanos(k);
                long c0 = stepCpu(mx), w0 = System.nanoTime();
                s.run(steps);
                wall[v][r] = (System.nanoTime() - w0) / 1e3 / steps;
                cpu[v][r] = (stepCpu(mx) - c0) / 1e3 / steps;
                for (int k = 0; k < parts; k++) {
                    long[] p1 = s.phases().phaseNanos(k);
                    for (int q = 0; q < 3; q++) phase[v][r][3 * k + q] = (p1[q == 0 ? PhaseProfile.EMIT : q == 1 ? PhaseProfile.WAIT : PhaseProfile.PROPAGATE]
                            - p0[k][q == 0 ? PhaseProfile.EMIT : q == 1 ? PhaseProfile.WAIT : PhaseProfile.PROPAGATE]) / 1e3 / steps;
                }
            }
        double[] speed = new double[rounds];
        for (int r = 0; r < rounds; r++) speed[r] = wall[0][r] / wall[1][r];
        System.out.printf(Locale.ROOT, "%s, %d rounds x %d steps after %d warm-up, us/step medians: 1 thread wall %.1f cpu %.1f | %d threads wall %.1f cpu %.1f | speed-up median %.3f%n",
                net, rounds, steps, warm, med(wall[0]), med(cpu[0]), threads, med(wall[1]), med(cpu[1]), med(speed));
        System.out.println("  speed-up per round: " + Arrays.toString(Arrays.stream(speed).map(x -> Math.round(x * 1000) / 1000.0).toArray()));
        if (PhaseProfile.ON) {
            System.out.printf(Locale.ROOT, "  phases (%s clock), 1 thread: emit %.1f propagate %.1f%n", PhaseProfile.CLOCK, medCol(phase[0], 0), medCol(phase[0], 2));
            for (int k = 0; k < threads; k++)
                System.out.printf(Locale.ROOT, "  %d threads, partition %d: emit %.1f wait %.1f propagate %.1f%n", threads, k, medCol(phase[1], 3 * k), medCol(phase[1], 3 * k + 1), medCol(phase[1], 3 * k + 2));
        }
        for (CpuSimulation s : sims) s.close();
    }

    private static final class AlwaysThreaded extends ThreadSchedule {
        AlwaysThreaded() { super(() -> 0); }
        @Override boolean parallel() { return true; }
        @Override int chunk(long remaining) { return (int) Math.min(remaining, 500); }
        @Override void ran(int steps, long nanos) { }
    }

    static double med(double[] x) { double[] y = x.clone(); Arrays.sort(y); return y[y.length / 2]; }
    static double medCol(double[][] x, int c) { double[] y = new double[x.length]; for (int r = 0; r < x.length; r++) y[r] = x[r][c]; return med(y); }

    /** CPU nanoseconds of this thread (which runs partition 0) and every simulation worker. */
    static long stepCpu(ThreadMXBean mx) {
        long t = mx.getCurrentThreadCpuTime();
        for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds()))
            if (ti != null && ti.getThreadName().startsWith("neuroracle-cpu-")) t += Math.max(0, mx.getThreadCpuTime(ti.getThreadId()));
        return t;
    }
}
