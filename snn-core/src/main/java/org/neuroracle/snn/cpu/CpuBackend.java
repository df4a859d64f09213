package org.neuroracle.snn.cpu;

import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.Capabilities;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.SpikeExchange;
import org.neuroracle.snn.model.Alif;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Izhikevich;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NumericMode;

import java.util.List;
import java.util.Set;

/** The reference backend, in Java: every model and feature; the results every other backend is checked against. */
public final class CpuBackend implements Backend {
    public static final String NAME = "cpu";
    /** Below this many neurons one thread is faster than two (the per-step barrier costs more than it saves). */
    static final int MIN_NEURONS_PER_EXTRA_THREAD = 2000;

    private static final Capabilities CAPABILITIES = new Capabilities(
            Set.of(CubaLifFixed.ID, Lif.ID, Alif.ID, Izhikevich.ID),
            Set.of(NumericMode.FIXED, NumericMode.FLOAT),
            Set.of(Capabilities.DELAYS, Capabilities.MULTI_CHANNEL, Capabilities.REFRACTORY, Capabilities.SPIKE_SOURCES,
                    Capabilities.POISSON_SOURCES, Capabilities.BACKGROUND_INPUT, Capabilities.CURRENT_INPUT,
                    Capabilities.STATE_PROBES, Capabilities.RUNTIME_INJECTION, Capabilities.THREADS));

    @Override public String name() { return NAME; }

    @Override public Capabilities capabilities() { return CAPABILITIES; }

    @Override public List<DeviceInfo> devices() {
        int cores = Runtime.getRuntime().availableProcessors();
        return List.of(new DeviceInfo(0, "host", "CPU", cores + " hardware threads, Java " + Runtime.version().feature()));
    }

    @Override public Simulation compile(Network network, Options options) {
        CAPABILITIES.check(network, NAME);
        return new CpuSimulation(network, chooseThreads(network, options.threads()));
    }

    /** One rank of a partitioned network: one thread, the exchange's neuron ranges (see {@link CpuSimulation}). */
    @Override public Simulation compilePartition(Network network, Options options, SpikeExchange exchange) {
        CAPABILITIES.check(network, NAME);
        int minDelay = Integer.MAX_VALUE;
        for (var pr : network.projections()) for (int d : pr.delaySteps()) minDelay = Math.min(minDelay, d);
        if (exchange.intervalSteps() < 1 || exchange.intervalSteps() > minDelay)
            throw new IllegalArgumentException("spike exchange interval " + exchange.intervalSteps() + " steps must be 1..the minimum delay (" + minDelay + ")");
        return new CpuSimulation(network, 1, exchange);
    }

    /** Threads actually used: state probes, small networks and busy machines run on one thread. */
    static int chooseThreads(Network network, int requested) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (!network.stateProbes().isEmpty()) return 1;
        if (requested > 0) return Math.min(requested, 64);
        int byCores = Math.max(1, Math.min(cores, network.neuronCount() / MIN_NEURONS_PER_EXTRA_THREAD));
        // Spinning threads that share cores with other busy processes lose whole time slices at every barrier:
        // when the machine is already loaded, one thread is faster.
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (load >= 0 && load > cores - 0.5) return 1;
        return byCores;
    }
}
