package org.neuroracle.bench.jmh;

import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.PoissonSource;
import org.neuroracle.snn.model.Synapse;
import org.neuroracle.snn.model.WeightSpec;

import java.util.List;

/** Synthetic networks that isolate one phase of the step for the JMH benchmarks. */
final class BenchNetworks {
    private BenchNetworks() {}

    /**
     * Neurons only, no synapses: a bias holds every neuron below threshold (float: v settles 10 mV under it;
     * fixed-point: a non-zero bias keeps the state non-zero so no neuron is skipped). Cost = membrane updates.
     */
    static Network neuronsOnly(String model, int size) {
        var b = Network.builder("update-" + model + "-" + size).dtMs(0.1).seed(1);
        switch (model) {
            case "lif" -> b.population("p", size, new Lif(20, -65, -65, -50, 2, 5, List.of(Synapse.current(5)), Integration.EXACT))
                    .initialUniform("p", "v", -65, -55);
            case "cuba-lif-fixed" -> b.population("p", size, new CubaLifFixed(new int[]{80}, 20, 100_000, 100, 0, 0))
                    .initialUniform("p", "v", 0, 1 << 20);
            default -> throw new IllegalArgumentException("model must be lif or cuba-lif-fixed, got " + model);
        }
        return b.build();
    }

    /**
     * Refractory churn: a bias drives every neuron over threshold again and again, with a refractory period of
     * 50 steps, so at any step some 40% (lif: 7 ms to threshold, 5 ms refractory) to 75% (cuba-lif-fixed) of the
     * neurons are refractory at scattered indices: the case a per-neuron refractory branch mispredicts.
     */
    static Network firing(String model, int size) {
        var b = Network.builder("firing-" + model + "-" + size).dtMs(0.1).seed(1);
        switch (model) {
            case "lif" -> b.population("p", size, new Lif(20, -65, -65, -50, 5, 50, List.of(Synapse.current(5)), Integration.EXACT))
                    .initialUniform("p", "v", -65, -50);
            case "cuba-lif-fixed" -> b.population("p", size, new CubaLifFixed(new int[]{80}, 20, 2_000, 1000, 3, 50))
                    .initialUniform("p", "v", 0, 2_000 << 6);
            default -> throw new IllegalArgumentException("model must be lif or cuba-lif-fixed, got " + model);
        }
        return b.build();
    }

    /** Poisson background at lambda per step onto every neuron of a silent population (Brunel's drive: 2). */
    static Network background(int size, double lambdaPerStep) {
        return Network.builder("background-" + size).dtMs(0.1).seed(1)
                .population("p", size, new Lif(20, 0, 10, 1e6, 2, 0, List.of(Synapse.delta()), Integration.EXACT))
                .background("p", 0, lambdaPerStep / 0.1e-3, 0.1)
                .build();
    }

    /**
     * Propagation-dominated: 1000 Poisson sources at 100 Hz fan out to {@code targets} float LIF neurons whose
     * threshold is out of reach, so every step spends its time walking CSR rows into the delay ring
     * (about 1000 * 100 Hz * 0.1 ms = 10 source spikes per step, each with {@code fanOut} synapses).
     */
    static Network propagation(int targets, int fanOut, boolean constantDelay) {
        double p = Math.min(1.0, (double) fanOut / targets);
        return Network.builder("propagation-" + targets + "-" + fanOut).dtMs(0.1).seed(1)
                .population("src", 1000, new PoissonSource(100))
                .population("dst", targets, new Lif(20, -65, -65, 1e6, 0, 0, List.of(Synapse.current(5)), Integration.EXACT))
                .projection("src_dst", "src", "dst", new Connector.FixedProbability(p, true), WeightSpec.constant(0.1),
                        constantDelay ? DelaySpec.constant(15) : new DelaySpec.UniformInt(1, 20), 0)
                .build();
    }
}
