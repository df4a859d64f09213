package org.neuroracle.daoserver;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The simulation pool's threads run at the configured nice value; the forecasts' threads at the default. */
@EnabledOnOs(OS.LINUX)
class ThreadNiceTest {
    /** Field 19 of /proc/thread-self/stat (after the parenthesised name): the calling thread's nice value. */
    static int niceOfThisThread() throws Exception {
        String s = Files.readString(Path.of("/proc/thread-self/stat"));
        return Integer.parseInt(s.substring(s.lastIndexOf(')') + 2).split(" ")[16]);
    }

    /** Field 41 of /proc/thread-self/stat: the calling thread's scheduling policy (0 SCHED_OTHER, 5 SCHED_IDLE). */
    static int policyOfThisThread() throws Exception {
        String s = Files.readString(Path.of("/proc/thread-self/stat"));
        return Integer.parseInt(s.substring(s.lastIndexOf(')') + 2).split(" ")[38]);
    }

    /** simThreadPolicy idle: the simulation threads run under SCHED_IDLE; the forecasts' under the normal policy. */
    @Test void idlePoolThreadsRunUnderSchedIdle() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (BoundedExecutor sims = new BoundedExecutor("simulation", 1, 4, 10, true);
             BoundedExecutor forecasts = new BoundedExecutor("forecast", 1, 4)) {
            var ctx = vertx.getOrCreateContext();
            assertEquals(5, sims.submit(ctx, ThreadNiceTest::policyOfThisThread).await());
            assertEquals("SCHED_IDLE", sims.priority());
            assertEquals(0, forecasts.submit(ctx, ThreadNiceTest::policyOfThisThread).await());
            assertEquals("normal", ServerConfig.defaults().simThreadPolicy(), "idle starves simulations on a machine busy with other work");
        } finally {
            vertx.close().await();
        }
    }

    @Test void poolThreadsRunAtTheirNiceValueAndOthersAreUntouched() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (BoundedExecutor sims = new BoundedExecutor("simulation", 1, 4, 7);
             BoundedExecutor forecasts = new BoundedExecutor("forecast", 1, 4)) {
            var ctx = vertx.getOrCreateContext();
            assertEquals(7, sims.submit(ctx, ThreadNiceTest::niceOfThisThread).await());
            assertEquals("nice 7", sims.priority());
            int base = niceOfThisThread();
            assertEquals(base, forecasts.submit(ctx, ThreadNiceTest::niceOfThisThread).await());
            assertEquals("default priority", forecasts.priority());
        } finally {
            vertx.close().await();
        }
    }
}
