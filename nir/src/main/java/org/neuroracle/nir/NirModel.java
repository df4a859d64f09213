package org.neuroracle.nir;

import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.SpikeSourceArray;

import java.util.ArrayList;
import java.util.List;

/**
 * An imported NIR graph as an engine network, with the populations that stand for the graph's Input nodes (spike
 * sources) and the populations whose spikes reach an Output node.
 * <p>Timing: every engine projection takes at least one step, so a spike fed to an Input at NIR step s is emitted
 * by its source population at engine step s and reaches the first layer at engine step s + 1; engine step t + 1
 * corresponds to NIR step t for the first layer (see {@link NirRunner}).
 * <p>{@code warnings}: what the import resolved on its own (one line each); {@code source}: the graph it came from,
 * or null (see {@link NirSource}).
 */
public record NirModel(Network network, List<String> inputPopulations, List<String> outputPopulations, List<String> warnings,
                       NirSource source) {
    public NirModel {
        inputPopulations = List.copyOf(inputPopulations);
        outputPopulations = List.copyOf(outputPopulations);
        warnings = List.copyOf(warnings);
    }

    public NirModel(Network network, List<String> inputPopulations, List<String> outputPopulations) {
        this(network, inputPopulations, outputPopulations, List.of(), null);
    }

    /** The network with the given spikes in the source population {@code input} (other populations unchanged). */
    public NirModel withInputSpikes(String input, int[] steps, int[] neurons) {
        List<Population> pops = new ArrayList<>();
        boolean found = false;
        for (Population p : network.populations()) {
            if (p.name().equals(input) && inputPopulations.contains(input)) {
                for (int n : neurons)
                    if (n >= p.size()) throw new NirException("input '" + input + "' has " + p.size() + " neurons; spike for neuron " + n + " is outside");
                pops.add(new Population(p.name(), p.size(), new SpikeSourceArray(steps, neurons), p.initial()));
                found = true;
            } else pops.add(p);
        }
        if (!found) throw new NirException("no input named '" + input + "'; inputs: " + inputPopulations);
        Network n = network;
        return new NirModel(new Network(n.name(), n.dtMs(), n.seed(), pops, n.projections(), n.backgroundInputs(),
                n.currentInputs(), n.spikeProbes(), n.stateProbes()), inputPopulations, outputPopulations, warnings, source);
    }
}
