package org.neuroracle.bench.machine;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SchedulerTimesTest {
    @Test void parsesSchedstatAndTheStealField() {
        assertArrayEquals(new long[]{123456789L, 42L}, SchedulerTimes.parseSchedstat("123456789 42 7\n"));
        assertEquals(31L, SchedulerTimes.parseStealTicks("cpu  10 0 20 3000 4 0 5 31 0 0"));
        assertThrows(IllegalArgumentException.class, () -> SchedulerTimes.parseStealTicks("cpu0 10 0 20 3000 4 0 5 31 0 0"));
        assertThrows(IllegalArgumentException.class, () -> SchedulerTimes.parseSchedstat("12"));
    }

    /** Every thread's schedstat is summed, and steal is read in USER_HZ ticks. */
    @Test void sumsEveryThreadOfAProcRoot(@org.junit.jupiter.api.io.TempDir Path proc) throws Exception {
        for (String[] t : new String[][]{{"11", "100 7 1\n"}, {"12", "200 9 2\n"}}) {
            Files.createDirectories(proc.resolve("self/task/" + t[0]));
            Files.writeString(proc.resolve("self/task/" + t[0] + "/schedstat"), t[1]);
        }
        Files.writeString(proc.resolve("stat"), "cpu  10 0 20 3000 4 0 5 3 0 0\ncpu0 5 0 10 1500 2 0 2 1 0 0\n");
        assertEquals(new SchedulerTimes(300, 16, 30_000_000L), SchedulerTimes.read(proc));
        assertEquals(new SchedulerTimes(0, 0, 0), SchedulerTimes.read(proc.resolve("missing")));
    }

    /** A thread that spins for 50 ms of its own CPU time adds at least that much on-CPU time to the process. */
    @Test void countsThisProcesssOnCpuTime() {
        assumeTrue(Files.exists(Path.of("/proc/self/task")), "no /proc (not Linux)");
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        SchedulerTimes start = SchedulerTimes.now();
        long t0 = bean.getCurrentThreadCpuTime();
        long x = 0;
        while (bean.getCurrentThreadCpuTime() - t0 < 50_000_000L) x += x * 31 + 7;
        SchedulerTimes d = SchedulerTimes.now().since(start);
        assertTrue(d.onCpuNanos() >= 45_000_000L, () -> "on-CPU " + d.onCpuNanos() + " ns");
        assertTrue(d.runQueueNanos() >= 0 && d.machineStealNanos() >= 0, d::toString);
        assertTrue(x != 1);
    }
}
