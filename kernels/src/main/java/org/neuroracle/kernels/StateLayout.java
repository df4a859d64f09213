package org.neuroracle.kernels;

import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Population;

import java.util.List;
import java.util.Map;

/**
 * Where everything of a network lives on the device: neuron state, input lanes of the delay ring, parameters.
 * <pre>
 * state (int in fixed-point networks, float otherwise), population p from stateBase[p]:
 *   [var 0: size values][var 1: size values]...   variables in the model's canonical order
 *   (cuba-lif-fixed: u, u1.., v, ref;  lif: v, g0.., ref;  alif: v, a, g0.., ref;  izhikevich: v, u, g0..)
 * ring: NR_RING_SLOTS slots x totalLanes; slot s = step mod slots; lane of (p, channel c, neuron i) =
 *   laneBase[p] + c * size[p] + i  (channel-major, so neighbouring work-items touch neighbouring words)
 * global neuron of (p, i) = neuronBase[p] + i: the row index into the merged CSR (all projections of a pre
 *   population, in projection order) and the index of recordFlags
 * </pre>
 * Mirrored by the kernels through NR_RING_INDEX and the state pointer arithmetic of each update kernel.
 */
public final class StateLayout {
    public final int[] neuronBase, laneBase, stateBase;
    public final int totalNeurons, totalLanes, totalState;

    StateLayout(Network network) {
        List<Population> ps = network.populations();
        int n = ps.size();
        neuronBase = new int[n];
        laneBase = new int[n];
        stateBase = new int[n];
        long neurons = 0, lanes = 0, state = 0;
        for (int p = 0; p < n; p++) {
            Population pop = ps.get(p);
            neuronBase[p] = (int) neurons;
            laneBase[p] = (int) lanes;
            stateBase[p] = (int) state;
            neurons += pop.size();
            lanes += (long) pop.size() * pop.model().channels();
            state += (long) pop.size() * pop.model().stateVariables().size();
        }
        if (neurons + 1 > Integer.MAX_VALUE || lanes > Integer.MAX_VALUE || state > Integer.MAX_VALUE)
            throw new org.neuroracle.snn.backend.BackendException("network '" + network.name() + "' is too large for the opencl backend's 32-bit indices");
        totalNeurons = (int) neurons;
        totalLanes = (int) lanes;
        totalState = (int) state;
    }

    /** Offset of variable {@code var} (canonical index) of population {@code p} in the state buffer. */
    public int variableOffset(int p, int var, int size) { return stateBase[p] + var * size; }

    /** The smallest power of two above the longest delay: ring slots (a mask replaces the modulo). */
    public static int ringSlots(int maxDelaySteps) {
        return Integer.highestOneBit(maxDelaySteps) << 1;
    }

    static Map<String, Integer> clDefines() { return Map.of("NR_LAYOUT_VERSION", KernelSource.LAYOUT_VERSION); }
}
