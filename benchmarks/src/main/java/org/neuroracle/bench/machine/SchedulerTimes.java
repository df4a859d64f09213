package org.neuroracle.bench.machine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run's wall time went besides its own CPU time, from Linux's scheduler statistics: the summed time this
 * process's threads were on a CPU and waiting on a run queue ({@code /proc/self/task/*}{@code /schedstat}), and the
 * machine's steal time ({@code /proc/stat}, time the hypervisor gave our virtual CPUs to someone else). A wall time
 * above the CPU time with little run-queue wait and steal is sleep: I/O, a child process, a lock. All zero where
 * the files do not exist.
 */
public record SchedulerTimes(long onCpuNanos, long runQueueNanos, long machineStealNanos) {
    /** USER_HZ, the unit of /proc/stat; 100 on every Linux architecture the project runs on. */
    static final long NANOS_PER_TICK = 10_000_000L;

    public static SchedulerTimes now() { return read(Path.of("/proc")); }

    /** The same from another proc root (tests). */
    static SchedulerTimes read(Path proc) {
        long on = 0, wait = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("self/task"))) {
            for (Path t : tasks) {
                try {
                    long[] s = parseSchedstat(Files.readString(t.resolve("schedstat")));
                    on += s[0];
                    wait += s[1];
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading: its time is lost from both snapshots' view
                }
            }
        } catch (IOException | RuntimeException e) {
            return new SchedulerTimes(0, 0, 0);
        }
        long steal = 0;
        try {
            steal = parseStealTicks(Files.readAllLines(proc.resolve("stat")).getFirst()) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            // no /proc/stat: report no steal
        }
        return new SchedulerTimes(on, wait, steal);
    }

    /** "on-cpu-ns run-queue-ns timeslices" of one thread. */
    static long[] parseSchedstat(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 2) throw new IllegalArgumentException("schedstat: expected 3 fields, got '" + line.trim() + "'");
        return new long[]{Long.parseLong(f[0]), Long.parseLong(f[1])};
    }

    /** The 8th value of /proc/stat's aggregate "cpu" line (user nice system idle iowait irq softirq steal ...). */
    static long parseStealTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (f.length < 9 || !f[0].equals("cpu")) throw new IllegalArgumentException("/proc/stat: no steal field in '" + cpuLine.trim() + "'");
        return Long.parseLong(f[8]);
    }

    public SchedulerTimes since(SchedulerTimes start) {
        return new SchedulerTimes(onCpuNanos - start.onCpuNanos, runQueueNanos - start.runQueueNanos,
                machineStealNanos - start.machineStealNanos);
    }
}
