package org.neuroracle.nir;

import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.model.Network;

import java.util.Arrays;

/**
 * Runs an imported NIR model for {@code nirSteps} steps with input spikes, in NIR time: input spikes of NIR step s
 * are emitted by the source at engine step s and reach the first layer at engine step s + 1, so engine step t + 1
 * is reported as NIR step t. The run is nirSteps + 1 engine steps. Deeper layers lag one more step per layer.
 */
public final class NirRunner {
    private NirRunner() {}

    /** Output spikes (NIR steps) and the v trace (after each NIR step) of one population. */
    public record Result(SpikeRaster engineSpikes, int[] outputSteps, int[] outputNeurons, double[][] voltage, String digest) {}

    public static Result run(NirModel model, SpikeInput input, int nirSteps, Backend backend, Options options, String tracePopulation) {
        NirModel m = model;
        if (!model.inputPopulations().isEmpty() && input != null)
            m = model.withInputSpikes(model.inputPopulations().get(0), input.steps(), input.neurons());
        Network net = m.network();
        int tracePop = tracePopulation == null ? -1 : net.populationIndex(tracePopulation);
        double[][] trace = tracePop < 0 ? null : new double[nirSteps][];
        try (Simulation sim = backend.compile(net, options)) {
            sim.run(1);
            for (int t = 0; t < nirSteps; t++) {
                sim.run(1);
                if (trace != null) trace[t] = sim.state(tracePop, "v");
            }
            SpikeRaster r = sim.spikes();
            int outPop = m.outputPopulations().isEmpty() ? -1 : net.populationIndex(m.outputPopulations().get(0));
            int n = 0;
            int[] st = new int[r.size()], ne = new int[r.size()];
            for (int k = 0; k < r.size(); k++)
                if (r.population(k) == outPop) { st[n] = r.step(k) - 1; ne[n++] = r.neuron(k); }
            return new Result(r, Arrays.copyOf(st, n), Arrays.copyOf(ne, n), trace, org.neuroracle.snn.backend.Digest.of(sim));
        }
    }
}
