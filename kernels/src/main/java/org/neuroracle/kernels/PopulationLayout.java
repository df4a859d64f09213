package org.neuroracle.kernels;

import java.util.Map;

/**
 * The {@code popTable} buffer: one row of 12 ints per population, so one kernel can update every population
 * (update_all, run_steps) instead of one launch per population.
 * <pre>
 * +0 kind (0 cuba-lif-fixed, 1 lif, 2 alif, 3 izhikevich, 4 Poisson source, 5 spike-source array)  +1 size
 * +2 neuronBase  +3 laneBase  +4 stateBase  +5 paramBase (into params or fparams)  +6 driveBase  +7 driveCount
 * +8 Philox stream (Poisson sources)  +9 Bernoulli threshold (Poisson sources, unsigned)
 * +10 first work-group of the population in update_all  +11 its number of work-groups (0 for spike arrays)
 * </pre>
 */
public final class PopulationLayout {
    public static final int STRIDE = 12;
    public static final int KIND = 0, SIZE = 1, NEURON_BASE = 2, LANE_BASE = 3, STATE_BASE = 4, PARAM_BASE = 5,
            DRIVE_BASE = 6, DRIVE_COUNT = 7, STREAM = 8, THRESHOLD = 9, GROUP_BASE = 10, GROUPS = 11;
    public static final int KIND_CUBA_LIF_FIXED = 0, KIND_LIF = 1, KIND_ALIF = 2, KIND_IZHIKEVICH = 3,
            KIND_POISSON = 4, KIND_SPIKE_ARRAY = 5;

    private PopulationLayout() {}

    static Map<String, Integer> clDefines() {
        return Map.ofEntries(Map.entry("NR_POP_STRIDE", STRIDE), Map.entry("NR_POP_KIND", KIND),
                Map.entry("NR_POP_SIZE", SIZE), Map.entry("NR_POP_NEURON_BASE", NEURON_BASE),
                Map.entry("NR_POP_LANE_BASE", LANE_BASE), Map.entry("NR_POP_STATE_BASE", STATE_BASE),
                Map.entry("NR_POP_PARAM_BASE", PARAM_BASE), Map.entry("NR_POP_DRIVE_BASE", DRIVE_BASE),
                Map.entry("NR_POP_DRIVE_COUNT", DRIVE_COUNT), Map.entry("NR_POP_STREAM", STREAM),
                Map.entry("NR_POP_THRESHOLD", THRESHOLD), Map.entry("NR_POP_GROUP_BASE", GROUP_BASE),
                Map.entry("NR_POP_GROUPS", GROUPS), Map.entry("NR_KIND_CUBA_LIF_FIXED", KIND_CUBA_LIF_FIXED),
                Map.entry("NR_KIND_LIF", KIND_LIF), Map.entry("NR_KIND_ALIF", KIND_ALIF),
                Map.entry("NR_KIND_IZHIKEVICH", KIND_IZHIKEVICH), Map.entry("NR_KIND_POISSON", KIND_POISSON),
                Map.entry("NR_KIND_SPIKE_ARRAY", KIND_SPIKE_ARRAY));
    }
}
