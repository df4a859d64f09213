package org.neuroracle.nir;

/**
 * The {@code metadata} entries the exporter writes and the importer reads: engine details NIR has no field for.
 * Other NIR readers keep and ignore them. The one place both sides take the names from.
 */
final class MetadataKeys {
    private MetadataKeys() {}

    static final String PREFIX = "neuroracle.";

    // graph
    /** Comma-separated population names in engine order (NIR iterates nodes by name). */
    static final String POPULATION_ORDER = PREFIX + "population_order";
    static final String DT_MS = PREFIX + "dt_ms";
    static final String NETWORK = PREFIX + "network";

    // Input nodes
    static final String SPIKE_STEPS = PREFIX + "spike_steps";
    static final String SPIKE_NEURONS = PREFIX + "spike_neurons";
    static final String RATE_HZ = PREFIX + "rate_hz";

    // neuron nodes
    static final String REFRACTORY_MS = PREFIX + "refractory_ms";
    /** Engine model id when it is not the float model the NIR type maps to ({@code cuba-lif-fixed}). */
    static final String MODEL = PREFIX + "model";
    static final String DU = PREFIX + "du";
    static final String DV = PREFIX + "dv";
    static final String VTH = PREFIX + "vth";
    static final String BIAS_MANT = PREFIX + "bias_mant";
    static final String BIAS_EXP = PREFIX + "bias_exp";
    static final String REFRACTORY_STEPS = PREFIX + "refractory_steps";

    // weight nodes
    /** Shared exponent of a fixed-point projection; the weights are written as mantissa << exponent. */
    static final String WEIGHT_EXP = PREFIX + "weight_exp";
}
