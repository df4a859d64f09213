import java.lang.management.*;
import java.lang.reflect.*;
import java.net.*;
import java.nio.file.*;
import java.util.*;

/**
 * Same-JVM A/B of two snn-core class trees (see ab.sh): each loaded by its own class loader, both simulations
 * warmed up, then rounds of the same number of steps alternating A, B / B, A; per round the wall time and the
 * CPU time of the main thread and every simulation worker thread ({@code neuroracle-cpu-*}). Prints the
 * medians and the median of the per-round ratios B/A (separate processes of the same code differ by 10-60 %
 * on the shared machine; rounds in one JVM share its load and JIT).
 * <p>{@code java -Dab.helper=DIR Ab dirA dirB network threads auto|threaded warmSteps rounds stepsPerRound};
 * {@code -Dab.propsA=k=v,..} / {@code -Dab.propsB} set system properties before each side's classes load,
 * {@code -Dab.threadsA} / {@code -Dab.threadsB} give the sides different thread counts.
 */
public class Ab {
    public static void main(String[] a) throws Exception {
        String net = a[2]; int threads = Integer.parseInt(a[3]); String mode = a[4];
        int warm = Integer.parseInt(a[5]), rounds = Integer.parseInt(a[6]), steps = Integer.parseInt(a[7]);
        Object[] sims = new Object[2]; Method[] run = new Method[2];
        String helper = System.getProperty("ab.helper");
        for (int v = 0; v < 2; v++) {
            URLClassLoader cl = new URLClassLoader(new URL[]{Path.of(a[v]).toUri().toURL(), Path.of(helper, v == 0 ? "A" : "B").toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            String props = System.getProperty(v == 0 ? "ab.propsA" : "ab.propsB", "");
            for (String kv : props.split(",")) if (!kv.isEmpty()) System.setProperty(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            Class<?> probe = cl.loadClass("org.neuroracle.snn.cpu.AbProbe");
            sims[v] = probe.getMethod("open", String.class, int.class, String.class).invoke(null, net, Integer.getInteger(v == 0 ? "ab.threadsA" : "ab.threadsB", threads), mode);
            run[v] = cl.loadClass("org.neuroracle.snn.backend.Simulation").getMethod("run", int.class);
        }
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        for (int v = 0; v < 2; v++) for (int s = 0; s < warm; s += 1000) run[v].invoke(sims[v], Math.min(1000, warm - s));
        double[][] wall = new double[2][rounds], cpu = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < 2; i++) {
                int v = (r + i) % 2;
                long c0 = simCpu(tm), w0 = System.nanoTime();
                run[v].invoke(sims[v], steps);
                wall[v][r] = (System.nanoTime() - w0) / 1e3 / steps; cpu[v][r] = (simCpu(tm) - c0) / 1e3 / steps;
            }
        }
        double[] rw = new double[rounds], rc = new double[rounds];
        for (int r = 0; r < rounds; r++) { rw[r] = wall[1][r] / wall[0][r]; rc[r] = cpu[1][r] / cpu[0][r]; }
        System.out.printf(Locale.ROOT, "%s threads=%d %s, %d rounds x %d steps after %d warm-up: us/step median A wall %.1f cpu %.1f | B wall %.1f cpu %.1f | B/A median ratio wall %.3f cpu %.3f%n",
                net, threads, mode, rounds, steps, warm, med(wall[0]), med(cpu[0]), med(wall[1]), med(cpu[1]), med(rw), med(rc));
        System.out.println("  B/A wall per round: " + Arrays.toString(Arrays.stream(rw).map(x -> Math.round(x * 1000) / 1000.0).toArray()));
        for (Object s : sims) ((AutoCloseable) s).close();
        System.exit(0);
    }
    static double med(double[] x) { double[] y = x.clone(); Arrays.sort(y); return y[y.length / 2]; }
    /** CPU nanoseconds of the main thread and every simulation worker thread. */
    static long simCpu(ThreadMXBean tm) {
        long t = tm.getCurrentThreadCpuTime();
        for (ThreadInfo ti : tm.getThreadInfo(tm.getAllThreadIds())) if (ti != null && ti.getThreadName().startsWith("neuroracle-cpu-")) t += Math.max(0, tm.getThreadCpuTime(ti.getThreadId()));
        return t;
    }
}
