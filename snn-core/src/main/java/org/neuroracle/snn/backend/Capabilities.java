package org.neuroracle.snn.backend;

import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NumericMode;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a backend supports: neuron model ids, numeric modes, and features.
 * Feature names are the constants below; {@link #check(Network, String)} names the first missing one.
 */
public record Capabilities(Set<String> models, Set<NumericMode> modes, Set<String> features) {
    public static final String DELAYS = "delays";                 // any synaptic delay > 1 step
    public static final String MULTI_CHANNEL = "multi-channel";   // more than one input channel per neuron
    public static final String REFRACTORY = "refractory";         // refractory period > 0
    public static final String SPIKE_SOURCES = "spike-sources";   // spike-source-array populations
    public static final String POISSON_SOURCES = "poisson-sources";
    public static final String BACKGROUND_INPUT = "background-input";
    public static final String CURRENT_INPUT = "current-input";
    public static final String STATE_PROBES = "state-probes";
    public static final String RUNTIME_INJECTION = "runtime-injection"; // Simulation.inject
    public static final String THREADS = "threads";

    public Capabilities {
        models = Set.copyOf(models);
        modes = Set.copyOf(modes);
        features = Set.copyOf(features);
    }

    /** Features a network needs. */
    public static Set<String> requiredBy(Network network) {
        Set<String> need = new TreeSet<>();
        for (Projection p : network.projections()) if (p.maxDelaySteps() > 1) need.add(DELAYS);
        for (Population p : network.populations()) {
            if (p.model().channels() > 1) need.add(MULTI_CHANNEL);
            switch (p.model()) {
                case org.neuroracle.snn.model.CubaLifFixed m -> { if (m.refractorySteps() > 0) need.add(REFRACTORY); }
                case org.neuroracle.snn.model.Lif m -> { if (m.refractoryMs() > 0) need.add(REFRACTORY); }
                case org.neuroracle.snn.model.Alif m -> { if (m.refractoryMs() > 0) need.add(REFRACTORY); }
                case org.neuroracle.snn.model.SpikeSourceArray s -> need.add(SPIKE_SOURCES);
                case org.neuroracle.snn.model.PoissonSource s -> need.add(POISSON_SOURCES);
                default -> { }
            }
        }
        if (!network.backgroundInputs().isEmpty()) need.add(BACKGROUND_INPUT);
        if (!network.currentInputs().isEmpty()) need.add(CURRENT_INPUT);
        if (!network.stateProbes().isEmpty()) need.add(STATE_PROBES);
        return need;
    }

    /** Throws {@link BackendException} naming every model, mode or feature the backend lacks. */
    public void check(Network network, String backendName) {
        List<String> missing = new ArrayList<>();
        if (!modes.contains(network.mode())) missing.add("numeric mode " + network.mode().name().toLowerCase());
        for (Population p : network.populations())
            if (!p.model().isSource() && !models.contains(p.model().id()))
                missing.add("model '" + p.model().id() + "' (population '" + p.name() + "')");
        for (String f : requiredBy(network)) if (!features.contains(f)) missing.add("feature '" + f + "'");
        if (!missing.isEmpty())
            throw new BackendException("backend '" + backendName + "' cannot run network '" + network.name() + "': it lacks " + String.join(", ", missing));
    }
}
