package org.neuroracle.snn.backend;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neuroracle.snn.cpu.CpuBackend;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NumericMode;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.model.WeightSpec;
import org.neuroracle.snn.networks.BuiltinNetworks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One feature test, every backend: each backend module subclasses this and supplies its backend. Every test
 * runs a network on that backend and on the reference {@code cpu} backend (one thread) and requires the same
 * result: identical digests in fixed-point, identical early spikes and rates within 2% in float.
 * Tests for features a backend does not claim are skipped.
 */
public abstract class BackendFeatureTests {
    /** The backend under test. */
    protected abstract Backend backend();

    /** Options for the backend under test. */
    protected Options options() { return Options.defaults(); }

    /** Steps for the long cuba-fixed comparison; subclasses on slow devices may lower it. */
    protected int cubaFixedSteps() { return 2000; }

    /** Random networks checked per run. */
    protected int randomNetworks() { return 25; }

    @BeforeEach void requireAvailable() {
        Assumptions.assumeTrue(backend().available(), () -> backend().name() + " is unavailable here: " + backend().unavailableReason());
    }

    private static final Backend REFERENCE = new CpuBackend();

    protected void assumeSupports(Network net) {
        Capabilities c = backend().capabilities();
        Assumptions.assumeTrue(c.modes().contains(net.mode()), backend().name() + " lacks " + net.mode());
        for (String f : Capabilities.requiredBy(net)) Assumptions.assumeTrue(c.features().contains(f), backend().name() + " lacks " + f);
        for (var p : net.populations())
            if (!p.model().isSource()) Assumptions.assumeTrue(c.models().contains(p.model().id()), backend().name() + " lacks " + p.model().id());
    }

    protected String digest(Backend b, Options o, Network net, int steps) {
        try (Simulation sim = b.compile(net, o)) {
            sim.run(steps);
            return Digest.of(sim);
        }
    }

    protected void assertSameAsReference(Network net, int steps) {
        assumeSupports(net);
        String expected = digest(REFERENCE, Options.defaults().withThreads(1), net, steps);
        try (Simulation ref = REFERENCE.compile(net, Options.defaults().withThreads(1));
             Simulation sim = backend().compile(net, options())) {
            ref.run(steps);
            sim.run(steps);
            SpikeRaster a = ref.spikes(), b = sim.spikes();
            int diff = a.firstDifference(b);
            if (diff >= 0) {
                String where = diff < a.size() ? "reference spike " + diff + " = (step " + a.step(diff) + ", pop " + a.population(diff) + ", neuron " + a.neuron(diff) + ")" : "reference has " + a.size() + " spikes";
                String got = diff < b.size() ? "(step " + b.step(diff) + ", pop " + b.population(diff) + ", neuron " + b.neuron(diff) + ")" : "no spike (" + b.size() + " total)";
                throw new AssertionError(net.name() + " on " + backend().name() + ": rasters differ at index " + diff + ": " + where + ", got " + got);
            }
            assertEquals(expected, Digest.of(sim), net.name() + ": final state differs from the reference");
            if (net.mode() == NumericMode.FIXED) {
                assertEquals(java.util.Arrays.toString(ref.counters().synapticOps()), java.util.Arrays.toString(sim.counters().synapticOps()), "synaptic op counters");
                assertEquals(java.util.Arrays.toString(ref.counters().membraneUpdates()), java.util.Arrays.toString(sim.counters().membraneUpdates()), "membrane update counters (skip rule)");
            }
        }
    }

    @Test void fixedDelaysChannelsAndRefractoryMatchReference() {
        Network net = Network.builder("delays-channels").seed(3)
                .population("src", 4, new SpikeSourceArray(new int[]{0, 0, 3, 7, 7, 12}, new int[]{0, 1, 2, 3, 0, 1}))
                .population("lif", 10, new CubaLifFixed(new int[]{100, 2000}, 300, 5, 7, 3, 4))
                .projection("a", "src", "lif", new Connector.AllToAll(true), WeightSpec.constant(90), new DelaySpec.UniformInt(1, 9), 0, 3)
                .projection("b", "src", "lif", new Connector.FixedProbability(0.5, true), WeightSpec.constant(-60), DelaySpec.constant(2), 1, 2)
                .projection("rec", "lif", "lif", new Connector.FixedProbability(0.3, false), new WeightSpec.Uniform(-128, 127), new DelaySpec.UniformInt(1, 4), 0, 4)
                .build();
        assertSameAsReference(net, 300);
    }

    @Test void delayedSpikeArrivesAfterExactlyItsDelay() {
        // One input spike at step 0 with a 5-step delay: a_in reaches the neuron in step 5, so u is zero before.
        Network net = Network.builder("one-delay").seed(1)
                .population("src", 1, new SpikeSourceArray(new int[]{0}, new int[]{0}))
                .population("n", 1, new CubaLifFixed(new int[]{0}, 0, 100_000, 0, 0, 0))
                .projection("p", "src", "n", new Connector.OneToOne(), WeightSpec.constant(10), DelaySpec.constant(5), 0, 0)
                .build();
        assumeSupports(net);
        try (Simulation sim = backend().compile(net, options())) {
            sim.run(5);
            assertEquals(0.0, sim.state(1, "u")[0], "u before the delay has passed");
            sim.run(1);
            assertEquals(640.0, sim.state(1, "u")[0], "u after the spike arrives (10 << 6)");
        }
    }

    @Test void randomFixedPointNetworksMatchReference() {
        for (long seed = 1; seed <= randomNetworks(); seed++) {
            Network net = RandomNetworks.fixed(seed);
            if (!backend().capabilities().modes().contains(NumericMode.FIXED)) return;
            boolean ok = true;
            for (String f : Capabilities.requiredBy(net)) ok &= backend().capabilities().features().contains(f);
            if (ok) assertSameAsReference(net, 250);
        }
    }

    @Test void cubaFixedMatchesReference() {
        assertSameAsReference(BuiltinNetworks.cubaFixed(7), cubaFixedSteps());
    }

    @Test void runtimeInjectionMatchesReference() {
        Network net = Network.builder("inject").seed(2)
                .population("n", 20, new CubaLifFixed(new int[]{50}, 100, 50, 0, 0, 2))
                .projection("rec", "n", "n", new Connector.FixedProbability(0.4, false), WeightSpec.constant(120), DelaySpec.constant(3), 0, 2)
                .build();
        assumeSupports(net);
        Assumptions.assumeTrue(backend().capabilities().features().contains(Capabilities.RUNTIME_INJECTION));
        String[] digests = new String[2];
        Backend[] backends = {REFERENCE, backend()};
        for (int k = 0; k < 2; k++)
            try (Simulation sim = backends[k].compile(net, k == 0 ? Options.defaults().withThreads(1) : options())) {
                sim.inject(0, new int[]{1, 2, 3}, new int[]{0, 0, 4});
                sim.run(10);
                sim.inject(0, 7, 12);
                sim.run(40);
                digests[k] = Digest.of(sim);
                assertTrue(sim.spikes().size() > 0, "injected spikes should drive the network");
            }
        assertEquals(digests[0], digests[1]);
    }

    /** Drained chunk by chunk into a DigestStream, a run gives the digest of the whole raster and keeps no spikes. */
    @Test void drainedChunksDigestLikeTheWholeRaster() {
        Network net = RandomNetworks.fixed(42);
        assumeSupports(net);
        String whole = digest(REFERENCE, Options.defaults().withThreads(1), net, 200);
        try (Simulation sim = backend().compile(net, options())) {
            Assumptions.assumeTrue(sim.canDrainSpikes(), backend().name() + " cannot drain its recorded spikes");
            DigestStream d = new DigestStream();
            for (int done = 0; done < 200; done += 23) {
                sim.run(Math.min(23, 200 - done), d::accept);
                assertEquals(0, sim.spikes().size(), "a drained simulation holds no spikes");
            }
            assertTrue(d.spikeCount() > 0, "the random network spikes");
            assertEquals(whole, d.finish(sim));
        }
    }

    @Test void resetReproducesTheFirstRun() {
        Network net = RandomNetworks.fixed(99);
        assumeSupports(net);
        try (Simulation sim = backend().compile(net, options())) {
            sim.run(120);
            String first = Digest.of(sim);
            sim.reset();
            assertEquals(0, sim.currentStep());
            assertEquals(0, sim.spikes().size());
            sim.run(120);
            assertEquals(first, Digest.of(sim));
        }
    }

    @Test void floatCubaAndCobaMatchReferenceEarlyAndInRate() {
        for (String name : new String[]{"cuba", "coba"}) {
            Network net = BuiltinNetworks.byName(name, 11);
            assumeSupports(net);
            int steps = 2000;
            try (Simulation ref = REFERENCE.compile(net, Options.defaults().withThreads(1));
                 Simulation sim = backend().compile(net, options())) {
                ref.run(100);
                sim.run(100);
                assertEquals(-1, ref.spikes().firstDifference(sim.spikes()), name + ": spikes of the first 100 steps differ");
                ref.run(steps - 100);
                sim.run(steps - 100);
                for (int p = 0; p < net.populations().size(); p++) {
                    double a = ref.counters().spikes()[p], b = sim.counters().spikes()[p];
                    // Documented float tolerance: per-population rate within 2% of the reference.
                    assertEquals(a, b, 0.02 * a, name + " population " + p + " spike count");
                }
            }
        }
    }

    @Test void unsupportedNetworksFailNamingTheFeature() {
        Network net = BuiltinNetworks.brunel(1);
        Capabilities c = backend().capabilities();
        boolean supported = c.modes().contains(net.mode()) && c.models().contains("lif") && c.features().containsAll(Capabilities.requiredBy(net));
        Assumptions.assumeFalse(supported, backend().name() + " runs every feature of brunel");
        BackendException e = org.junit.jupiter.api.Assertions.assertThrows(BackendException.class, () -> backend().compile(net, options()).close());
        assertTrue(e.getMessage().contains("lacks"), e.getMessage());
    }
}
