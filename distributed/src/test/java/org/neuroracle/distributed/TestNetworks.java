package org.neuroracle.distributed;

import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.PoissonSource;
import org.neuroracle.snn.model.WeightSpec;
import org.neuroracle.snn.networks.BuiltinNetworks;

/** The networks the determinism tests run on 1, 2 and 4 ranks and in one process. */
final class TestNetworks {
    private TestNetworks() {}

    static Network byName(String name) {
        return switch (name) {
            case "cuba-fixed", "cuba" -> BuiltinNetworks.byName(name, 7);
            case "mixed-fixed" -> mixedFixed();
            default -> throw new IllegalArgumentException("unknown test network " + name);
        };
    }

    /**
     * Exercises what a partition can get wrong: uneven population sizes (ranges of unequal length, a population
     * smaller than the rank count), a Poisson source, fixed fan-in and fixed probability, uniform delays of 3..7 steps
     * (exchange every 3), background input, a current pulse, spike and state probes on chosen neurons.
     */
    private static Network mixedFixed() {
        CubaLifFixed model = new CubaLifFixed(new int[]{400, 200}, 100, 600, 20, 3, 4);
        return Network.builder("mixed-fixed").dtMs(0.1).seed(11)
                .population("src", 101, new PoissonSource(40))
                .population("a", 333, model)
                .population("b", 3, model)
                .initialUniform("a", "v", 0, 600 << 6)
                .projection("src_a", "src", "a", new Connector.FixedFanIn(20, false), new WeightSpec.Uniform(10, 60), new DelaySpec.UniformInt(3, 7), 0, 2)
                .projection("a_a", "a", "a", new Connector.FixedProbability(0.05, false), new WeightSpec.Uniform(-40, 50), new DelaySpec.UniformInt(3, 5), 1, 2)
                .projection("a_b", "a", "b", new Connector.FixedProbability(0.5, false), WeightSpec.constant(30), DelaySpec.constant(4), 0, 2)
                .projection("b_a", "b", "a", new Connector.AllToAll(false), WeightSpec.constant(-60), DelaySpec.constant(3), 1, 2)
                .background("a", 0, 300, 25)
                .current("b", 0, 50, 120, 900)
                .recordSpikes("a", new int[]{0, 5, 100, 166, 167, 250, 332})
                .recordSpikes("b", null)
                .recordSpikes("src", new int[]{3, 50, 100})
                .recordState("a", "v", new int[]{332, 0, 167, 1}, 7)
                .recordState("b", "u", null, 5)
                .build();
    }
}
