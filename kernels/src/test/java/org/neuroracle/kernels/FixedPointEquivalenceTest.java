package org.neuroracle.kernels;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.Test;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NetworkBuilder;
import org.neuroracle.snn.model.PoissonSource;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.model.WeightSpec;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fixed-point mode is bit-exact: the same digest (raster + final integer state), the same counters and the same
 * state samples on opencl as on the cpu reference, for cuba-fixed and for random networks.
 */
class FixedPointEquivalenceTest {

    /** Runs both backends the same way (including injections) and asserts every observable is identical. */
    static void assertSameRun(Network net, int steps, long injectSeed, String what) {
        assertSameRun(net, steps, injectSeed, what, Options.defaults());
    }

    /**
     * The ways to launch steps: persistent (run_steps' population passes: float lif/alif and fixed cuba-lif-fixed)
     * with one work-item (PoCL's default), with 16 (barriers, atomics) and with 3 (chunks that start and end off
     * the passes' 8- and 16-neuron blocks, so the scalar tails run), and per-step (update_all's per-neuron bodies).
     */
    static final List<Options> LAUNCHES = List.of(Options.defaults(),
            new Options(0, null, java.util.Map.of(OpenClBackend.LAUNCH, "persistent", OpenClBackend.PERSISTENT_LOCAL_SIZE, "16")),
            new Options(0, null, java.util.Map.of(OpenClBackend.LAUNCH, "persistent", OpenClBackend.PERSISTENT_LOCAL_SIZE, "3")),
            new Options(0, null, java.util.Map.of(OpenClBackend.LAUNCH, "per-step")));

    static void assertSameRun(Network net, int steps, long injectSeed, String title, Options options) {
        OpenClBackend ocl = OpenClTesting.opencl();
        String what = title + " " + options.extra();
        try (Simulation ref = OpenClTesting.reference(net); Simulation dev = ocl.compile(net, options)) {
            for (Simulation s : List.of(ref, dev)) {
                inject(s, net, injectSeed, steps);
                int half = steps / 3;
                s.run(half);          // two runs: state and pending injections must carry over between run calls
                s.run(steps - half);
            }
            var a = ref.spikes();
            var b = dev.spikes();
            assertEquals(-1, a.firstDifference(b), () -> what + ": rasters differ at spike " + a.firstDifference(b) + " of " + a.size() + "/" + b.size());
            assertEquals(Digest.of(ref), Digest.of(dev), what + ": digest");
            Counters ca = ref.counters(), cb = dev.counters();
            assertArrayEquals(ca.spikes(), cb.spikes(), what + ": spike counters");
            assertArrayEquals(ca.synapticOps(), cb.synapticOps(), what + ": synaptic-op counters");
            assertArrayEquals(ca.membraneUpdates(), cb.membraneUpdates(), what + ": membrane-update counters");
            for (int k = 0; k < net.stateProbes().size(); k++) {
                var sa = ref.samples(k);
                var sb = dev.samples(k);
                assertArrayEquals(sa.steps(), sb.steps(), what + ": sample steps of probe " + k);
                for (int r = 0; r < sa.values().length; r++)
                    assertArrayEquals(sa.values()[r], sb.values()[r], what + ": probe " + k + " sample " + r);
            }
        }
    }

    private static void inject(Simulation s, Network net, long seed, int steps) {
        if (seed == 0) return;
        Random r = new Random(seed);
        for (int p = 0; p < net.populations().size(); p++) {
            int n = r.nextInt(20);
            int[] neurons = new int[n], at = new int[n];
            for (int q = 0; q < n; q++) {
                neurons[q] = r.nextInt(net.populations().get(p).size());
                at[q] = r.nextInt(steps);
            }
            s.inject(p, neurons, at);
        }
    }

    /** The acceptance run: cuba-fixed over 20,000 steps (2 s of network time); about 10 s per backend on PoCL. */
    @Test void cubaFixedDigestOver20000StepsEqualsTheReference() {
        assertSameRun(BuiltinNetworks.byName("cuba-fixed", 1), 20_000, 0, "cuba-fixed seed 1, 20000 steps");
    }

    /** The other launch variants on cuba-fixed, with injections: the same digest, counters and raster. */
    @Test void everyLaunchModeGivesTheReferenceRun() {
        for (Options o : LAUNCHES.subList(1, LAUNCHES.size()))
            assertSameRun(BuiltinNetworks.byName("cuba-fixed", 2), 2_000, 77, "cuba-fixed seed 2, 2000 steps", o);
    }

    @Property(tries = 25, shrinking = ShrinkingMode.OFF)
    void randomFixedPointNetworksAreBitExact(@ForAll long seed) {
        Network net = randomNetwork(seed);
        assertSameRun(net, 300, seed ^ 0x5DEECE66DL, "random network " + seed + " " + describe(net), LAUNCHES.get(Math.floorMod(seed, LAUNCHES.size())));
    }

    /** Mantissas widened to up to 16 bits (what the NIR converter writes for a wide board): still bit-exact. */
    @Property(tries = 8, shrinking = ShrinkingMode.OFF)
    void wideMantissaNetworksAreBitExact(@ForAll long seed) {
        Network net = randomNetwork(seed);
        Random r = new Random(seed);
        List<org.neuroracle.snn.model.Projection> wide = new ArrayList<>();
        for (var pr : net.projections()) {
            if (!pr.isFixed()) { wide.add(pr); continue; }
            int[] m = pr.weightMantissas().clone();
            for (int k = 0; k < m.length; k++) m[k] = Math.max(-32768, Math.min(32767, m[k] * 197 + r.nextInt(-300, 300)));
            wide.add(new org.neuroracle.snn.model.Projection(pr.name(), pr.pre(), pr.post(), pr.channel(), pr.rowPtr(), pr.targets(), null, m,
                    Math.min(pr.weightExp(), 4), pr.delaySteps()));
        }
        Network w = new Network(net.name() + "-wide", net.dtMs(), net.seed(), net.populations(), wide, net.backgroundInputs(), net.currentInputs(),
                net.spikeProbes(), net.stateProbes());
        assertSameRun(w, 300, seed ^ 0x5DEECE66DL, "wide-mantissa random network " + seed + " " + describe(w), LAUNCHES.get(Math.floorMod(seed, LAUNCHES.size())));
    }

    static String describe(Network net) {
        StringBuilder b = new StringBuilder("[");
        net.populations().forEach(p -> b.append(p.name()).append(':').append(p.size()).append(' ').append(p.model()).append("; "));
        return b.append(net.projections().size()).append(" projections, max delay ").append(net.maxDelaySteps()).append(']').toString();
    }

    /** Sizes, connectivity, delays, channels, refractory periods, biases and every input kind, drawn from a seed. */
    static Network randomNetwork(long seed) {
        Random r = new Random(seed);
        NetworkBuilder b = Network.builder("random-" + seed).seed(r.nextLong()).dtMs(0.1 + r.nextInt(10) / 10.0);
        List<String> neurons = new ArrayList<>(), all = new ArrayList<>();
        List<Integer> channels = new ArrayList<>();
        int pops = 1 + r.nextInt(3);
        for (int p = 0; p < pops; p++) {
            int ch = 1 + r.nextInt(3);
            int[] du = new int[ch];
            for (int c = 0; c < ch; c++) du[c] = r.nextInt(6) == 0 ? 4095 : r.nextInt(600);
            int biasMant = r.nextInt(3) == 0 ? 0 : r.nextInt(8191) - 4096;
            var model = new CubaLifFixed(du, r.nextInt(6) == 0 ? 0 : r.nextInt(800), r.nextInt(3) == 0 ? r.nextInt(200) : r.nextInt(131_072),
                    biasMant, r.nextInt(8), r.nextBoolean() ? 0 : r.nextInt(12));
            String name = "n" + p;
            int size = 1 + r.nextInt(r.nextBoolean() ? 40 : 300);
            b.population(name, size, model);
            if (r.nextBoolean()) b.initialUniform(name, "v", -(1 << 22), 1 << 22);
            if (r.nextBoolean()) b.initialUniform(name, "u", -(1 << 20), 1 << 20);
            if (model.refractorySteps() > 0 && r.nextBoolean()) b.initialUniform(name, "ref", 0, model.refractorySteps());
            neurons.add(name);
            all.add(name);
            channels.add(ch);
        }
        if (r.nextBoolean()) {
            int size = 1 + r.nextInt(50), n = r.nextInt(400);
            int[] steps = new int[n], ids = new int[n];
            for (int k = 0; k < n; k++) { steps[k] = r.nextInt(300); ids[k] = r.nextInt(size); }
            b.population("array", size, new SpikeSourceArray(steps, ids));
            all.add("array");
        }
        if (r.nextBoolean()) {
            b.population("poisson", 1 + r.nextInt(80), new PoissonSource(r.nextInt(400)));
            all.add("poisson");
        }
        int projections = r.nextInt(6);
        for (int j = 0; j < projections; j++) {
            String pre = all.get(r.nextInt(all.size()));
            int postIndex = r.nextInt(neurons.size());
            String post = neurons.get(postIndex);
            Connector conn = switch (r.nextInt(3)) {
                case 0 -> new Connector.FixedProbability(r.nextDouble() * 0.5, r.nextBoolean());
                case 1 -> new Connector.AllToAll(r.nextBoolean());
                default -> new Connector.FixedProbability(0.05, false);
            };
            int lo = -128 + r.nextInt(200);
            WeightSpec w = r.nextBoolean() ? WeightSpec.constant(lo) : new WeightSpec.Uniform(lo, Math.min(127, lo + r.nextInt(200)));
            int dLo = 1 + r.nextInt(4);
            DelaySpec d = r.nextBoolean() ? DelaySpec.constant(dLo) : new DelaySpec.UniformInt(dLo, dLo + r.nextInt(r.nextInt(5) == 0 ? 40 : 6));
            b.projection("p" + j, pre, post, conn, w, d, r.nextInt(channels.get(postIndex)), r.nextInt(7));
        }
        for (int k = r.nextInt(3); k > 0; k--) {
            int p = r.nextInt(neurons.size());
            b.background(neurons.get(p), r.nextInt(channels.get(p)), r.nextInt(20_000), r.nextInt(2000) - 1000);
        }
        for (int k = r.nextInt(3); k > 0; k--) {
            int p = r.nextInt(neurons.size());
            int from = r.nextInt(200);
            b.current(neurons.get(p), r.nextInt(channels.get(p)), from, from + r.nextInt(150), r.nextInt(20_000) - 10_000);
        }
        if (r.nextInt(3) == 0) {
            String p = all.get(r.nextInt(all.size()));
            b.recordSpikes(p, r.nextBoolean() ? null : new int[]{0});
        }
        if (r.nextInt(3) == 0) b.recordState(neurons.getFirst(), "v", null, 1 + r.nextInt(50));
        return b.build();
    }

    @Test void randomNetworkGeneratorCoversTheFeatures() {
        // Guards the property above against a generator that silently stops producing some feature.
        boolean delays = false, multi = false, refractory = false, sources = false, bg = false, cur = false;
        for (long s = 0; s < 40; s++) {
            Network n = randomNetwork(s);
            delays |= n.maxDelaySteps() > 1;
            multi |= n.populations().stream().anyMatch(p -> p.model().channels() > 1);
            refractory |= n.populations().stream().anyMatch(p -> p.model() instanceof CubaLifFixed m && m.refractorySteps() > 0);
            sources |= n.populations().stream().anyMatch(p -> p.model().isSource());
            bg |= !n.backgroundInputs().isEmpty();
            cur |= !n.currentInputs().isEmpty();
        }
        assertEquals("[true, true, true, true, true, true]", Arrays.toString(new boolean[]{delays, multi, refractory, sources, bg, cur}));
    }
}
