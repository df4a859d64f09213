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
    /** Below this many neurons per partition a step is too short to split (the barrier would cost more). */
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

    /**
     * Partitions (threads at most) for a network: as requested, or by size, one per
     * {@link #MIN_NEURONS_PER_EXTRA_THREAD} neurons up to the core count. State probes run on one. Whether the
     * partitions then run on their own threads is decided by measured step cost while running
     * ({@code ThreadSchedule}: small networks stay on one thread, larger ones are measured), not here, and never
     * from the load average.
     */
    static int chooseThreads(Network network, int requested) {
        if (!network.stateProbes().isEmpty()) return 1;
        if (requested > 0) return Math.min(requested, 64);
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(cores, network.neuronCount() / MIN_NEURONS_PER_EXTRA_THREAD));
    }
}
