package org.neuroracle.bench.ab;

import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.cpu.CpuBackend;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntToLongFunction;

/**
 * One contender of {@link SameJvmAb}: a built-in network on the cpu backend (one thread unless named {@code name@N}), loaded in its own class
 * loader together with one build of snn-core. It talks to the harness only through JDK types
 * ({@link IntToLongFunction}, {@link Object#toString()}), because the harness and each contender see different
 * copies of every snn-core class.
 */
public final class AbSimulation implements IntToLongFunction {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Simulation sim;

    /** {@code network} is a built-in network's name, or {@code name@threads} for that many partitions (default 1). */
    public AbSimulation(String network) {
        final int at = network.indexOf('@');
        int threads = 1;
        if (at >= 0) {
            try { threads = Integer.parseInt(network.substring(at + 1)); }
            catch (NumberFormatException e) { threads = 0; }
        }
        if (threads < 1) throw new IllegalArgumentException("network: NAME or NAME@THREADS with THREADS >= 1, got '" + network + "'");
        sim = new CpuBackend().compile(BuiltinNetworks.byName(at < 0 ? network : network.substring(0, at), 1),
                Options.defaults().withThreads(threads));
    }

    /** Runs {@code steps} steps and returns the calling thread's CPU nanoseconds for them (spikes drained after). */
    @Override public long applyAsLong(int steps) {
        long c0 = THREADS.getCurrentThreadCpuTime();
        sim.run(steps);
        long cpu = THREADS.getCurrentThreadCpuTime() - c0;
        if (sim.canDrainSpikes()) sim.drainSpikes();
        return cpu;
    }

    /** Digest of the final state (the spikes drained so far are not in it) and the spike count. */
    @Override public String toString() { return Digest.of(sim) + " spikes " + sim.counters().totalSpikes(); }
}
