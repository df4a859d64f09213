package org.neuroracle.kernels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Alif;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Izhikevich;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NeuronModel;
import org.neuroracle.snn.model.PoissonSource;
import org.neuroracle.snn.model.Synapse;
import org.neuroracle.snn.model.WeightSpec;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every float model and integration scheme. With one weight value per input channel the order of the device's
 * atomic additions cannot change a sum (every partial sum is the same), so here the kernels, which repeat the
 * reference's float32 operations in order, must give the very same digest: a sharper check than the tolerance.
 */
class FloatModelsTest {
    static Stream<NeuronModel> models() {
        List<Synapse> cur = List.of(Synapse.current(5), Synapse.current(10));
        List<Synapse> mixed = List.of(Synapse.conductance(5, 0), Synapse.conductance(10, -80), Synapse.delta());
        List<Synapse> curDelta = List.of(Synapse.current(4), Synapse.delta(), Synapse.current(20));
        return Stream.of(
                new Lif(20, -49, -60, -50, 2, 0.5, cur, Integration.EULER),
                new Lif(20, -49, -60, -50, 2, 0.5, cur, Integration.EXACT),
                new Lif(20, -60, -60, -50, 3, 1, mixed, Integration.EULER),
                new Lif(20, -60, -60, -50, 3, 1, mixed, Integration.EXACT),
                new Alif(20, -49, -60, -50, 1, 0.5, 100, 2, curDelta, Integration.EULER),
                new Alif(20, -49, -60, -50, 1, 0.5, 100, 2, curDelta, Integration.EXACT),
                new Izhikevich(0.02, 0.2, -65, 8, 4, List.of(Synapse.current(5), Synapse.delta())));
    }

    @ParameterizedTest
    @MethodSource("models")
    void floatModelMatchesTheReferenceExactly(NeuronModel model) {
        OpenClBackend ocl = OpenClTesting.opencl();
        int ch = model.channels();
        var b = Network.builder("float-" + model.id()).dtMs(0.1).seed(11)
                .population("a", 300, model)
                .population("drive", 50, new PoissonSource(80))
                .initialUniform("a", "v", -65, -50);
        for (int c = 0; c < ch; c++) {
            double w = switch (c) { case 0 -> 0.9; case 1 -> 0.7; default -> 1.3; };
            b.projection("in" + c, "drive", "a", new Connector.FixedProbability(0.2, false), WeightSpec.constant(w), DelaySpec.constant(1 + c), c);
        }
        b.projection("rec", "a", "a", new Connector.FixedProbability(0.05, false), WeightSpec.constant(0.4), DelaySpec.constant(3), 0);
        b.background("a", ch - 1, 300, 0.8);
        b.current("a", 0, 50, 250, 1.5);
        b.recordState("a", "v", new int[]{0, 7, 299}, 25);
        Network net = b.build();
        // The default launch (persistent on PoCL), persistent with 16 interleaved work-items, and two launches per
        // step: the same digest every way.
        for (Options o : FixedPointEquivalenceTest.LAUNCHES) {
            try (Simulation ref = OpenClTesting.reference(net); Simulation dev = ocl.compile(net, o)) {
                ref.run(400);
                dev.run(400);
                String what = model + " " + o.extra();
                assertTrue(ref.spikes().countFor(0) > 0, "the test network must spike");
                assertEquals(-1, ref.spikes().firstDifference(dev.spikes()), what + ": rasters differ");
                assertEquals(Digest.of(ref), Digest.of(dev), what + ": digest");
                assertArrayEquals(ref.counters().membraneUpdates(), dev.counters().membraneUpdates(), what);
                assertArrayEquals(ref.counters().synapticOps(), dev.counters().synapticOps(), what);
                for (int r = 0; r < ref.samples(0).values().length; r++)
                    assertArrayEquals(ref.samples(0).values()[r], dev.samples(0).values()[r], what + ": sample " + r);
            }
        }
    }
}
