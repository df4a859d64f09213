package org.neuroracle.hw;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated hardware profile (see hardware-profiles/README.md for the format). Numbers are {@link Quantity}s and
 * text entries {@link Fact}s, both keyed by field path such as {@code topology.neurons_per_core}; a number that is
 * not published is absent, never zero. {@code origin} names the file or resource it was read from.
 */
public record HardwareProfile(String name, String displayName, String vendor, String process, String description,
                              Map<String, Quantity> quantities, Map<String, Fact> facts, List<String> notes,
                              String origin) {
    public HardwareProfile {
        quantities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(quantities));
        facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
        notes = List.copyOf(notes);
    }

    public Optional<Quantity> quantity(String path) { return Optional.ofNullable(quantities.get(path)); }

    public Optional<Fact> fact(String path) { return Optional.ofNullable(facts.get(path)); }

    /** An integer-valued entry (counts, bit widths) in base units, when published. */
    public Optional<Long> count(String path) { return quantity(path).map(Quantity::asLong); }

    // Field paths used by the estimator and the mapper, so a typo is a compile error rather than a silent absence.
    public static final String CORES_PER_CHIP = "topology.cores_per_chip";
    public static final String NEURONS_PER_CORE = "topology.neurons_per_core";
    public static final String NEURONS_PER_CHIP = "topology.neurons_per_chip";
    public static final String SYNAPSES_PER_CHIP = "topology.synapses_per_chip";
    public static final String SYNAPSE_MEMORY_PER_CORE = "topology.synapse_memory_per_core";
    public static final String FAN_IN_PER_NEURON = "topology.fan_in_per_neuron";
    public static final String FAN_IN_PER_CORE = "topology.fan_in_per_core";
    public static final String FAN_OUT_PER_NEURON = "topology.fan_out_per_neuron";
    public static final String FAN_OUT_CORES_PER_NEURON = "topology.fan_out_cores_per_neuron";
    public static final String DISTINCT_WEIGHTS_PER_NEURON = "topology.distinct_weights_per_neuron";
    public static final String WEIGHT_BITS = "topology.weight_bits";
    public static final String STATE_BITS = "topology.state_bits";
    public static final String MAX_DELAY_STEPS = "topology.max_delay_steps";
    public static final String MAX_REFRACTORY_STEPS = "topology.max_refractory_steps";
    public static final String NEURON_MODEL = "topology.neuron_model";
    public static final String TIME_STEP = "timing.time_step";
    public static final String ACCELERATION = "timing.acceleration";
    public static final String E_SYNAPTIC_OP = "energy.per_synaptic_op";
    public static final String E_UPDATE_ACTIVE = "energy.per_neuron_update_active";
    public static final String E_UPDATE_INACTIVE = "energy.per_neuron_update_inactive";
    public static final String E_SPIKE = "energy.per_spike";
    /** Whole-device energy per time step, static included, measured on a launch-bound device (a GPU): see EnergyModel. */
    public static final String E_PER_STEP = "energy.per_step";
    public static final String STATIC_POWER = "energy.static_power";
    public static final String MAX_POWER = "energy.max_power";
}
