package org.neuroracle.snn.cpu;

import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a whole run's CPU goes, chunk by chunk (issue 15, threads): one fresh JVM opens a built-in network with the
 * schedule a CLI run gets and runs it in chunks, printing per chunk the wall time, the CPU of the step threads
 * (main, neuroracle-cpu-*), of the JIT's compiler threads, of the GC and of everything else, and how many of the
 * chunk's steps ran threaded. Run with {@code scripts/cpu-ab/timeline.sh NETWORK THREADS CHUNKS STEPS}.
 * {@code -Dtl.sleepMs=N} waits N ms between the build and the run (lets the JIT's queue drain first);
 * {@code -Dtl.preinit=true} initialises the vector kernel classes before the run (session 16, Brunel's first two
 * steps: 166 and 232 ms against 190-260 without; snn-core/MEASUREMENTS.md, "Session 16").
 */
public final class Timeline {
    public static void main(String[] args) {
        String net = args[0];
        int threads = Integer.parseInt(args[1]), chunks = Integer.parseInt(args[2]), steps = Integer.parseInt(args[3]);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CpuSimulation sim = (CpuSimulation) new CpuSimulation(BuiltinNetworks.byName(net, 1), threads);
        if (Long.getLong("tl.sleepMs", 0) > 0) try { Thread.sleep(Long.getLong("tl.sleepMs")); } catch (InterruptedException e) { throw new RuntimeException(e); }
        if (Boolean.getBoolean("tl.preinit")) for (String c : new String[]{"PhiloxVectorKernel", "PoissonCountVectorKernel", "LifVectorKernel"})
            try { Class.forName("org.neuroracle.snn.cpu." + c, true, Timeline.class.getClassLoader()); } catch (ClassNotFoundException e) { throw new RuntimeException(e); }
        Map<String, Long> before = byGroup(mx);
        long par0 = 0, t0 = System.nanoTime();
        Map<String, Long> sum = new LinkedHashMap<>();
        long wallSum = 0;
        System.out.printf("chunk  wall_ms  step_threads_ms  jit_ms(compile clock)  vm_cpu_ms(jit+gc)  other_ms  threaded_steps%n");
        for (int c = 0; c < chunks; c++) {
            sim.run(steps);
            long t1 = System.nanoTime();
            Map<String, Long> now = byGroup(mx);
            long par = sim.parallelSteps();
            long d = (t1 - t0);
            System.out.printf(Locale.ROOT, "%5d %8.1f %16.1f %7.1f %6.1f %9.1f %8d%n", c, d / 1e6,
                    delta(now, before, "step") / 1e6, delta(now, before, "jit") / 1e6, delta(now, before, "gc") / 1e6,
                    delta(now, before, "other") / 1e6, par - par0);
            for (String g : new String[]{"step", "jit", "gc", "other"}) sum.merge(g, delta(now, before, g), Long::sum);
            wallSum += d;
            before = now;
            par0 = par;
            t0 = System.nanoTime();
        }
        System.out.printf(Locale.ROOT, "total wall %.3f s; step threads %.3f s, compile clock %.3f s, vm (jit+gc) cpu %.3f s, other %.3f s; threaded %d serial %d%n",
                wallSum / 1e9, sum.get("step") / 1e9, sum.get("jit") / 1e9, sum.get("gc") / 1e9, sum.get("other") / 1e9,
                sim.parallelSteps(), sim.serialSteps());
        sim.close();
    }

    private static long delta(Map<String, Long> a, Map<String, Long> b, String g) { return a.getOrDefault(g, 0L) - b.getOrDefault(g, 0L); }

    private static Map<String, Long> byGroup(ThreadMXBean mx) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (long id : mx.getAllThreadIds()) {
            ThreadInfo ti = mx.getThreadInfo(id);
            if (ti == null) continue;
            String n = ti.getThreadName();
            String g = n.equals("main") || n.startsWith("neuroracle-cpu-") ? "step" : "other";
            long cpu = mx.getThreadCpuTime(id);
            if (cpu > 0) m.merge(g, cpu, Long::sum);
        }
        // Compiler and GC threads are not listed: the process CPU less the listed threads' is theirs ("vm").
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long java = 0;
        for (long v : m.values()) java += v;
        m.put("gc", process - java);
        m.put("jit", ManagementFactory.getCompilationMXBean().getTotalCompilationTime() * 1_000_000L);
        return m;
    }
}
