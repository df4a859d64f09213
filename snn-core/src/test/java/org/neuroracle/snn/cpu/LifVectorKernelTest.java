package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Synapse;
import org.neuroracle.snn.model.WeightSpec;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The explicit-SIMD COBA and CUBA kernels give the same bits as the auto-vectorised path they replace. */
class LifVectorKernelTest {
    private static String digest(Network net, int threads, int steps, boolean vector) {
        String before = System.getProperty("neuroracle.cpu.vector");
        System.setProperty("neuroracle.cpu.vector", Boolean.toString(vector));
        try (Simulation sim = new CpuBackend().compile(net, Options.defaults().withThreads(threads))) {
            sim.run(steps);
            assertTrue(sim.counters().totalSpikes() > 50, "the test network must spike: " + sim.counters().totalSpikes());
            return Digest.of(sim);
        } finally {
            if (before == null) System.clearProperty("neuroracle.cpu.vector");
            else System.setProperty("neuroracle.cpu.vector", before);
        }
    }

    @Test void snnCoresTestJvmResolvesTheVectorModule() {
        // Without it every test here would compare the old path with itself (snn-core/pom.xml, surefire argLine).
        assertTrue(LifState.VECTOR_MODULE, "run snn-core's tests with --add-modules jdk.incubator.vector");
        assertTrue(LifVectorKernel.usable());
    }

    @Test void cobaIsBitIdentical() {
        Network coba = BuiltinNetworks.coba(3);
        assertEquals(digest(coba, 1, 2000, false), digest(coba, 1, 2000, true));
    }

    @Test void cubaIsBitIdentical() {
        Network cuba = BuiltinNetworks.cuba(3);
        assertEquals(digest(cuba, 1, 3000, false), digest(cuba, 1, 3000, true));
    }

    /**
     * Population sizes and thread slices that are not multiples of the vector length (the scalar tail), refractory
     * periods of 0, 1 and several steps, initial refractory counters, background drive on both channels.
     */
    @ParameterizedTest(name = "{4}: sizes {0}/{1}, refractory {2} ms, {3} thread(s)")
    @CsvSource({"1001, 37, 0.0, 1, coba", "1001, 37, 0.1, 3, coba", "517, 250, 2.0, 1, coba", "517, 250, 2.0, 2, coba", "33, 15, 0.5, 1, coba",
            "1001, 37, 0.0, 1, cuba", "1001, 37, 0.1, 3, cuba", "517, 250, 2.0, 2, cuba", "33, 15, 0.5, 1, cuba"})
    void raggedNetworksAreBitIdentical(int a, int b, double refractoryMs, int threads, String layout) {
        Lif model = layout.equals("coba")
                ? new Lif(20, -60, -60, -50, refractoryMs, 0, List.of(Synapse.conductance(5, 0), Synapse.conductance(10, -80)), Integration.EULER)
                : new Lif(20, -49, -60, -50, refractoryMs, 0, List.of(Synapse.current(5), Synapse.current(10)), Integration.EXACT);
        Network net = Network.builder("ragged").dtMs(0.1).seed(11)
                .population("a", a, model).population("b", b, model)
                .initialNormal("a", "v", -55, 4).initialNormal("b", "v", -55, 4)
                .initialUniform("a", "ref", 0, 4)
                .projection("ab", "a", "b", new Connector.FixedProbability(0.1, false), WeightSpec.constant(0.3), DelaySpec.constant(1), 0)
                .projection("ba", "b", "a", new Connector.FixedProbability(0.1, false), WeightSpec.constant(2.0), DelaySpec.constant(2), 1)
                .projection("aa", "a", "a", new Connector.FixedProbability(0.05, false), WeightSpec.constant(0.2), DelaySpec.constant(1), 0)
                .background("a", 0, 3000, 0.25).background("b", 0, 3000, 0.25).background("a", 1, 500, 0.5)
                .build();
        assertEquals(digest(net, threads, 1500, false), digest(net, threads, 1500, true));
    }
}
