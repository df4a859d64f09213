import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.networks.BuiltinNetworks;

/**
 * The bench runner's timed loop alone (bench-loop.sh): a built-in network on the cpu backend, run in the bench's
 * chunks of 100 ms simulated, with the main thread's CPU time and the process CPU time per chunk. Prints where
 * the time of the whole run goes: the first chunks (JIT warm-up) against the steady median, and the slowest chunks
 * (GC, growth of the recorded-spike buffers). {@code java -cp dist/lib/*:. BenchLoop network bioSeconds threads}
 */
public class BenchLoop {
    public static void main(String[] a) throws Exception {
        String net = a.length > 0 ? a[0] : "coba";
        double bio = a.length > 1 ? Double.parseDouble(a[1]) : 100;
        int threads = a.length > 2 ? Integer.parseInt(a[2]) : 1;
        var network = BuiltinNetworks.byName(net, 1);
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int steps = (int) Math.round(bio * 1000 / network.dtMs()), chunk = (int) Math.round(100 / network.dtMs());
        int chunks = (steps + chunk - 1) / chunk;
        double[] wall = new double[chunks], cpu = new double[chunks];
        try (Simulation sim = Backends.byName("cpu").compile(network, Options.defaults().withThreads(threads))) {
            sim.expectSteps(steps);
            long p0 = os.getProcessCpuTime(), w0 = System.nanoTime();
            for (int c = 0, done = 0; done < steps; c++) {
                int n = Math.min(chunk, steps - done);
                long tc = tm.getCurrentThreadCpuTime(), tw = System.nanoTime();
                sim.run(n);
                cpu[c] = (tm.getCurrentThreadCpuTime() - tc) * 1e-9; wall[c] = (System.nanoTime() - tw) * 1e-9;
                done += n;
            }
            double wallS = (System.nanoTime() - w0) * 1e-9, procS = (os.getProcessCpuTime() - p0) * 1e-9;
            double[] sorted = cpu.clone(); Arrays.sort(sorted);
            double med = sorted[chunks / 2], sumCpu = Arrays.stream(cpu).sum();
            double first = 0; for (int c = 0; c < Math.min(10, chunks); c++) first += cpu[c];
            System.out.printf(Locale.ROOT, "%s %.0f s, %d threads: wall %.3f s, process CPU %.3f s, main CPU %.3f s; median chunk %.2f ms CPU -> steady %.3f s; excess %.3f s (first 10 chunks %.3f s against %.3f steady); %d spikes recorded%n",
                    net, bio, threads, wallS, procS, sumCpu, med * 1e3, med * chunks, sumCpu - med * chunks, first, med * Math.min(10, chunks), sim.spikes().size());
            StringBuilder sb = new StringBuilder("  first chunks ms CPU:");
            for (int c = 0; c < Math.min(12, chunks); c++) sb.append(String.format(Locale.ROOT, " %.1f", cpu[c] * 1e3));
            Integer[] idx = new Integer[chunks]; for (int c = 0; c < chunks; c++) idx[c] = c;
            Arrays.sort(idx, (x, y) -> Double.compare(cpu[y], cpu[x]));
            sb.append("\n  slowest chunks (index: ms CPU / wall):");
            for (int k = 0; k < Math.min(8, chunks); k++) sb.append(String.format(Locale.ROOT, " %d: %.1f/%.1f", idx[k], cpu[idx[k]] * 1e3, wall[idx[k]] * 1e3));
            System.out.println(sb);
        }
    }
}
