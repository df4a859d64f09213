package org.neuroracle.daoserver;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Raises the calling thread's nice value on Linux through libc's {@code gettid(2)} and {@code setpriority(2)} (FFM;
 * Linux schedules threads, not processes, so {@code PRIO_PROCESS} with a thread id applies to that thread only).
 * Java's own thread priorities are ignored by the JVM on Linux. The simulation threads run at a higher nice value
 * so that, when both are runnable, the kernel gives the forecast and event-loop threads most of the CPU: a flood of
 * simulations then costs forecasts little latency instead of half the cores. Raising a nice value needs no
 * privilege.
 *
 * <p>{@link #applyIdle} goes further: {@code sched_setscheduler(2)} with {@code SCHED_IDLE} (also unprivileged). A
 * nice-10 thread still holds about a tenth of a core's weight against each normal thread, and a forecast thread that
 * wakes may wait for it to be descheduled; a SCHED_IDLE thread runs only on a core nothing else wants, and a waking
 * normal thread preempts it at once.
 */
final class ThreadNice {
    private ThreadNice() {}

    private static final int PRIO_PROCESS = 0;
    private static final int SCHED_IDLE = 5;
    private static final MethodHandle GETTID, SETPRIORITY, SCHED_SETSCHEDULER;
    private static final String UNAVAILABLE;

    static {
        MethodHandle g = null, s = null, sched = null;
        String why = null;
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            g = linker.downcallHandle(libc.find("gettid").orElseThrow(() -> new IllegalStateException("libc has no gettid")),
                    FunctionDescriptor.of(JAVA_INT));
            s = linker.downcallHandle(libc.find("setpriority").orElseThrow(() -> new IllegalStateException("libc has no setpriority")),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
            // int sched_setscheduler(pid_t, int policy, const struct sched_param *): the param is one int.
            sched = linker.downcallHandle(libc.find("sched_setscheduler").orElseThrow(() -> new IllegalStateException("libc has no sched_setscheduler")),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, java.lang.foreign.ValueLayout.ADDRESS));
        } catch (RuntimeException e) {
            why = e.getMessage();
        }
        GETTID = g;
        SETPRIORITY = s;
        SCHED_SETSCHEDULER = sched;
        UNAVAILABLE = why;
    }

    /** Sets this thread's nice value; returns null when done, else why not (the thread then runs at the default). */
    static String apply(int nice) {
        if (UNAVAILABLE != null) return UNAVAILABLE;
        try {
            int tid = (int) GETTID.invokeExact();
            int rc = (int) SETPRIORITY.invokeExact(PRIO_PROCESS, tid, nice);
            return rc == 0 ? null : "setpriority(PRIO_PROCESS, " + tid + ", " + nice + ") failed";
        } catch (Throwable t) {
            return "setpriority failed: " + t;
        }
    }

    /** Moves this thread to SCHED_IDLE; returns null when done, else why not (it then keeps its policy and nice value). */
    static String applyIdle() {
        if (UNAVAILABLE != null) return UNAVAILABLE;
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment param = arena.allocate(JAVA_INT); // sched_priority 0, the only value SCHED_IDLE takes
            int tid = (int) GETTID.invokeExact();
            int rc = (int) SCHED_SETSCHEDULER.invokeExact(tid, SCHED_IDLE, param);
            return rc == 0 ? null : "sched_setscheduler(" + tid + ", SCHED_IDLE) failed";
        } catch (Throwable t) {
            return "sched_setscheduler failed: " + t;
        }
    }
}
