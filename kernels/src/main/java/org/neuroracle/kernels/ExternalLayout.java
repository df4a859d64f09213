package org.neuroracle.kernels;

import java.util.Map;

/**
 * Spikes the host supplies (spike-source arrays and {@code Simulation.inject}), grouped by step:
 * <pre>
 * external[4e + 0] = global neuron   [4e + 1] = population   [4e + 2] = neuron   [4e + 3] = counted (1) or injected (0)
 * </pre>
 * Counted spikes are counted and recorded like emitted ones; injected spikes are only propagated.
 */
public final class ExternalLayout {
    public static final int STRIDE = 4;
    public static final int GLOBAL_NEURON = 0, POPULATION = 1, NEURON = 2, COUNTED = 3;

    private ExternalLayout() {}

    static Map<String, Integer> clDefines() { return Map.of("NR_EXTERNAL_STRIDE", STRIDE); }
}
