package org.neuroracle.snn.model;

import java.util.List;

/**
 * An immutable, fully materialised network: every connector has already been expanded into CSR with the
 * network seed, so every backend sees exactly the same synapses. {@code seed} also keys the runtime random
 * draws (Poisson sources and background input).
 */
public record Network(String name, double dtMs, long seed, List<Population> populations, List<Projection> projections,
                      List<BackgroundInput> backgroundInputs, List<CurrentInput> currentInputs,
                      List<SpikeProbe> spikeProbes, List<StateProbe> stateProbes) {

    public Network {
        InvalidNetworkException.require(name != null && !name.isBlank(), "network: name is required");
        InvalidNetworkException.require(dtMs > 0 && dtMs <= 100 && Double.isFinite(dtMs), "network: dt_ms = " + dtMs + " must be in (0, 100]");
        populations = List.copyOf(populations);
        projections = List.copyOf(projections);
        backgroundInputs = List.copyOf(backgroundInputs);
        currentInputs = List.copyOf(currentInputs);
        spikeProbes = List.copyOf(spikeProbes);
        stateProbes = List.copyOf(stateProbes);
        InvalidNetworkException.require(!populations.isEmpty(), "network '" + name + "': needs at least one population");
        NumericMode mode = null;
        for (Population p : populations) {
            if (p.model().mode() == null) continue;
            if (mode == null) mode = p.model().mode();
            InvalidNetworkException.require(mode == p.model().mode(), "network '" + name + "': population '" + p.name()
                    + "' is " + p.model().mode() + " but earlier populations are " + mode + "; a network is all fixed-point or all float");
        }
        for (int i = 0; i < populations.size(); i++)
            for (int j = 0; j < i; j++)
                InvalidNetworkException.require(!populations.get(i).name().equals(populations.get(j).name()), "network '" + name + "': population name '" + populations.get(i).name() + "' is used twice");
        boolean fixed = mode == NumericMode.FIXED;
        for (Projection pr : projections) {
            String at = "projection '" + pr.name() + "'";
            checkIndex(populations, pr.pre(), at + ": pre");
            checkIndex(populations, pr.post(), at + ": post");
            Population pre = populations.get(pr.pre()), post = populations.get(pr.post());
            InvalidNetworkException.require(pr.preSize() == pre.size(), at + ": has " + pr.preSize() + " rows but pre population '" + pre.name() + "' has " + pre.size() + " neurons");
            InvalidNetworkException.require(!post.model().isSource(), at + ": post population '" + post.name() + "' is a source and cannot receive synapses");
            InvalidNetworkException.require(pr.channel() < post.model().channels(), at + ": channel " + pr.channel() + " but '" + post.name() + "' has " + post.model().channels() + " channel(s)");
            InvalidNetworkException.require(pr.isFixed() == fixed, at + ": weights are " + (pr.isFixed() ? "integer" : "float") + " but the network is " + (fixed ? "fixed-point" : "float"));
            checkTargets(pr, post, at);
        }
        for (BackgroundInput b : backgroundInputs) {
            checkIndex(populations, b.population(), "background input: population");
            Population p = populations.get(b.population());
            InvalidNetworkException.require(!p.model().isSource() && b.channel() < p.model().channels(), "background input to '" + p.name() + "': channel " + b.channel() + " does not exist");
        }
        for (CurrentInput c : currentInputs) {
            checkIndex(populations, c.population(), "current input: population");
            Population p = populations.get(c.population());
            InvalidNetworkException.require(!p.model().isSource(), "current input to '" + p.name() + "': sources take no current");
            InvalidNetworkException.require(p.model().mode() == NumericMode.FLOAT || (c.amplitude() == Math.rint(c.amplitude()) && c.channel() < p.model().channels()),
                    "current input to '" + p.name() + "': fixed-point amplitude must be an integer on an existing channel");
        }
        for (SpikeProbe s : spikeProbes) {
            checkIndex(populations, s.population(), "spike probe: population");
            checkNeurons(s.neurons(), populations.get(s.population()), "spike probe");
        }
        for (StateProbe s : stateProbes) {
            checkIndex(populations, s.population(), "state probe: population");
            Population p = populations.get(s.population());
            InvalidNetworkException.require(p.model().stateVariables().contains(s.variable()), "state probe on '" + p.name() + "': unknown variable '" + s.variable() + "', expected one of " + p.model().stateVariables());
            checkNeurons(s.neurons(), p, "state probe");
        }
    }

    /**
     * Every target inside the post population and each row's targets sorted. Messages are built only on failure:
     * this runs once per synapse (15.6 M for Brunel) while the JVM is still cold, so each pass is a small
     * branch-free loop (session 15): the range as a min/max reduction, then each row's order as the OR of its steps.
     * So a target out of range is reported before an unsorted row, wherever each is (before: whichever came first).
     */
    private static void checkTargets(Projection pr, Population post, String at) {
        final int[] t = pr.targets(), rowPtr = pr.rowPtr();
        final int postSize = post.size(), rows = pr.preSize();
        int k = Projection.firstOutside(t, 0, postSize - 1);
        if (k >= 0) throw new InvalidNetworkException(at + ": synapse " + k + " targets neuron " + t[k] + " outside '" + post.name() + "' (size " + postSize + ")");
        for (int i = 0; i < rows; i++)
            if (descends(t, rowPtr[i], rowPtr[i + 1])) throw new InvalidNetworkException(at + ": targets of row " + i + " must be sorted");
    }

    /** Whether t[from..to) has a step down; the targets are in [0, size), so no difference overflows. */
    private static boolean descends(int[] t, int from, int to) {
        int steps = 0;
        for (int k = from + 1; k < to; k++) steps |= t[k] - t[k - 1];
        return steps < 0;
    }

    private static void checkIndex(List<Population> populations, int index, String what) {
        InvalidNetworkException.require(index >= 0 && index < populations.size(), what + " index " + index + " does not name a population");
    }

    private static void checkNeurons(int[] neurons, Population p, String what) {
        if (neurons == null) return;
        for (int n : neurons)
            InvalidNetworkException.require(n >= 0 && n < p.size(), what + " on '" + p.name() + "': neuron " + n + " is outside 0.." + (p.size() - 1));
    }

    public static NetworkBuilder builder(String name) { return new NetworkBuilder(name); }

    /** FIXED or FLOAT; a network of sources only counts as FIXED. */
    public NumericMode mode() {
        for (Population p : populations) if (p.model().mode() != null) return p.model().mode();
        return NumericMode.FIXED;
    }

    public int populationIndex(String populationName) {
        for (int i = 0; i < populations.size(); i++) if (populations.get(i).name().equals(populationName)) return i;
        throw new InvalidNetworkException("network '" + name + "': no population named '" + populationName + "'");
    }

    public Population population(String populationName) { return populations.get(populationIndex(populationName)); }

    public int neuronCount() { return populations.stream().mapToInt(Population::size).sum(); }

    public long synapseCount() { return projections.stream().mapToLong(Projection::synapseCount).sum(); }

    /** The longest synaptic delay; ring buffers need maxDelaySteps + 1 slots. */
    public int maxDelaySteps() { return projections.stream().mapToInt(Projection::maxDelaySteps).max().orElse(1); }

    /** Whether spikes of population p are recorded: all are when no spike probe is given. */
    public boolean records(int population) {
        return spikeProbes.isEmpty() || spikeProbes.stream().anyMatch(s -> s.population() == population);
    }
}
