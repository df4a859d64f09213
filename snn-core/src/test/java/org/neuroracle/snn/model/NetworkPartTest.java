package org.neuroracle.snn.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rank's part of a network (NetworkBuilder.PART) holds exactly the whole network's synapses onto its targets. */
class NetworkPartTest {
    private static Network build(boolean fixed) {
        NeuronModel m = fixed ? new CubaLifFixed(new int[]{100}, 100, 600, 0, 0, 2)
                : new Lif(20, 0, 0, 10, 2, 0, java.util.List.of(Synapse.current(5)), Integration.EXACT);
        Projection csr = new Projection("csr", 0, 1, 0, new int[]{0, 2, 2, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6},
                new int[]{1, 30, 0, 12, 40, 7}, fixed ? null : new float[]{1, 2, 3, 4, 5, 6}, fixed ? new int[]{1, 2, 3, 4, 5, 6} : null, 0, new int[]{1, 2, 3, 4, 5, 6});
        double w = fixed ? 7 : 0.5;
        return Network.builder("parts").seed(5)
                .population("a", 40, m)
                .population("b", 41, m)
                .projection("prob", "a", "b", new Connector.FixedProbability(0.3, false), new WeightSpec.Uniform(fixed ? -20 : -1, fixed ? 20 : 1), new DelaySpec.UniformInt(1, 9), 0)
                .projection("prob-self", "a", "a", new Connector.FixedProbability(0.2, false), new WeightSpec.Normal(w, 2, -50, 50), new DelaySpec.UniformInt(2, 4), 0)
                .projection("fan", "b", "a", new Connector.FixedFanIn(9, false), new WeightSpec.Uniform(0, fixed ? 30 : 1), new DelaySpec.UniformInt(1, 5), 0)
                .projection("fan-self", "b", "b", new Connector.FixedFanIn(12, false), WeightSpec.constant(w), new DelaySpec.UniformInt(1, 3), 0)
                .projection("all", "a", "a", new Connector.AllToAll(false), new WeightSpec.Uniform(0, fixed ? 10 : 1), new DelaySpec.UniformInt(1, 7), 0)
                .projection("one", "a", "a", new Connector.OneToOne(), WeightSpec.constant(w), new DelaySpec.UniformInt(1, 7), 0)
                .projection("explicit", "b", "a", new Connector.Explicit(new int[]{40, 3, 3, 0, 17}, new int[]{39, 5, 1, 0, 20},
                        new double[]{1, 2, 3, 4, 5}, null), null, new DelaySpec.UniformInt(1, 3), 0)
                .projection(csr)
                .build();
    }

    @Test void everyPartHoldsTheWholeNetworksSynapsesOntoItsTargets() {
        for (boolean fixed : new boolean[]{true, false}) {
            Network whole = build(fixed);
            for (int ranks : new int[]{1, 2, 3, 5}) {
                long[] total = new long[whole.projections().size()];
                for (int r = 0; r < ranks; r++) {
                    NetworkBuilder.Part part = new NetworkBuilder.Part(r, ranks);
                    Network mine = ScopedValue.where(NetworkBuilder.PART, part).call(() -> build(fixed));
                    for (int j = 0; j < total.length; j++) {
                        Projection a = whole.projections().get(j), b = mine.projections().get(j);
                        int size = whole.populations().get(a.post()).size(), lo = part.from(size), hi = part.to(size);
                        total[j] += b.synapseCount();
                        for (int i = 0; i < a.preSize(); i++) {
                            String at = (fixed ? "fixed " : "float ") + a.name() + " rank " + r + "/" + ranks + " row " + i;
                            int s = a.rowPtr()[i], e = a.rowPtr()[i + 1];
                            while (s < e && a.targets()[s] < lo) s++;
                            while (e > s && a.targets()[e - 1] >= hi) e--;
                            int bs = b.rowPtr()[i], be = b.rowPtr()[i + 1];
                            assertArrayEquals(Arrays.copyOfRange(a.targets(), s, e), Arrays.copyOfRange(b.targets(), bs, be), at + " targets");
                            assertArrayEquals(Arrays.copyOfRange(a.delaySteps(), s, e), Arrays.copyOfRange(b.delaySteps(), bs, be), at + " delays");
                            if (fixed) assertArrayEquals(Arrays.copyOfRange(a.weightMantissas(), s, e), Arrays.copyOfRange(b.weightMantissas(), bs, be), at + " weights");
                            else assertArrayEquals(Arrays.copyOfRange(a.weights(), s, e), Arrays.copyOfRange(b.weights(), bs, be), at + " weights");
                        }
                    }
                }
                for (int j = 0; j < total.length; j++) assertEquals(whole.projections().get(j).synapseCount(), total[j], whole.projections().get(j).name() + " on " + ranks + " ranks");
            }
            assertTrue(whole.synapseCount() > 1000, "the test network is not trivial");
        }
    }
}
