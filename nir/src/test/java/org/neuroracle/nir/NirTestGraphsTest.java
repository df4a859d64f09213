package org.neuroracle.nir;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.SpikeRaster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The graphs of NIR's own test suite (tests/test_readwrite.py, tests/test_architectures.py at 7232ada), rebuilt here
 * with h5py under the same node names and structure (weights drawn from a seeded generator instead of NIR's unseeded
 * mocks): each imports, runs on cpu and on opencl with the same spikes, and round-trips (structured and dense
 * export) with the same digest. The one NIR test graph the engine cannot run ({@code test_simple}: an Affine
 * feeding itself, a loop with no neuron) is refused with one line.
 */
class NirTestGraphsTest {
    static final String HELPERS = String.join("\n",
            "rng = np.random.default_rng(7)",
            "def aff(g, name, i, o, s=2.0): return node(g, name, 'Affine', weight=rng.standard_normal((o, i)) * s, bias=rng.standard_normal(o) * 0.2)",
            "def lin(g, name, i, o, s=2.0): return node(g, name, 'Linear', weight=rng.standard_normal((o, i)) * s)",
            "def lif(g, name, tau, th):",
            "    n = len(tau); return node(g, name, 'LIF', tau=np.array(tau, float), r=np.ones(n), v_leak=np.zeros(n), v_reset=np.zeros(n), v_threshold=np.array(th, float))",
            "def inp(g, name, *shape): return node(g, name, 'Input', shape=np.array(shape, dtype=np.int64))",
            "def outp(g, name, *shape): return node(g, name, 'Output', shape=np.array(shape, dtype=np.int64))",
            "def seq(*names): return list(zip(names[:-1], names[1:]))",
            "def from_list(g, name, build, names):",
            "    sub = graph(g, name, seq(*names)); build(sub['nodes']); return sub",
            "");

    static final String SPLIT = """
                def pre(m): inp(m, 'input', 2); aff(m, 'affine', 2, 3); lif(m, 'lif', [10e-3, 20e-3, 30e-3], [1, 2, 3]); outp(m, 'output', 3)
                def br(taus, ths):
                    def b(m): inp(m, 'input', 3); aff(m, 'affine', 3, 2); lif(m, 'lif', taus, ths); outp(m, 'output', 2)
                    return b
                names = ('input', 'affine', 'lif', 'output')
                t = graph(out, 'node', [('pre_split', 'branch_1'), ('pre_split', 'branch_2'), ('branch_1', 'junction'), ('branch_2', 'junction')]); n = t['nodes']
                from_list(n, 'pre_split', pre, names); from_list(n, 'branch_1', br([10e-3, 20e-3], [1, 2]), names); from_list(n, 'branch_2', br([15e-3, 5e-3], [1, 1]), names)
                """;

    record Case(String name, String script, double dtMs) {
        @Override public String toString() { return name; }
    }

    static Stream<Arguments> graphs() {
        List<Case> c = new ArrayList<>();
        // tests/test_architectures.py
        c.add(new Case("sequential", """
                t = graph(out, 'node', seq('input', 'affine', 'delay', 'lif', 'affine_1', 'output')); n = t['nodes']
                inp(n, 'input', 2); aff(n, 'affine', 2, 3); node(n, 'delay', 'Delay', delay=np.array([5e-4, 1e-4, 2e-4]))
                lif(n, 'lif', [10e-3, 20e-3, 30e-3], [1, 2, 3]); aff(n, 'affine_1', 3, 2); outp(n, 'output', 2)""", 0.1));
        c.add(new Case("recurrent_on_first_node", """
                t = graph(out, 'node', [('input', 'affine'), ('affine', 'integrator'), ('integrator', 'affine'), ('integrator', 'output')]); n = t['nodes']
                inp(n, 'input', 2); aff(n, 'affine', 2, 2); node(n, 'integrator', 'I', r=rng.standard_normal(2)); outp(n, 'output', 2)""", 0.1));
        c.add(new Case("recurrent_on_second_node", """
                t = graph(out, 'node', [('affine1', 'affine2'), ('affine2', 'integrator'), ('integrator', 'affine2'), ('integrator', 'affine3')]); n = t['nodes']
                aff(n, 'affine1', 2, 2); aff(n, 'affine2', 2, 2); node(n, 'integrator', 'I', r=rng.standard_normal(2)); aff(n, 'affine3', 2, 2)""", 0.1));
        String branch1 = "def b1(m):\n    inp(m, 'input', 2); aff(m, 'affine', 2, 3); node(m, 'delay', 'Delay', delay=np.array([5e-4, 1e-4, 2e-4])); lif(m, 'lif', [10e-3, 20e-3, 30e-3], [1, 2, 3]); aff(m, 'affine_1', 3, %d); outp(m, 'output', %d)\n"
                + "def b2(m):\n    inp(m, 'input', 2); aff(m, 'affine', 2, 2); lif(m, 'lif', [10e-3, 20e-3], [1, 2]); aff(m, 'affine_1', 2, %d); outp(m, 'output', %d)\n"
                + "names1 = ('input', 'affine', 'delay', 'lif', 'affine_1', 'output'); names2 = ('input', 'affine', 'lif', 'affine_1', 'output')\n";
        c.add(new Case("two_independent_branches", String.format(branch1, 2, 2, 2, 2) + """
                t = graph(out, 'node', []); n = t['nodes']
                from_list(n, 'branch_1', b1, names1); from_list(n, 'branch_2', b2, names2)""", 0.1));
        c.add(new Case("two_independent_branches_merging", String.format(branch1, 3, 3, 3, 3) + """
                t = graph(out, 'node', [('branch_1', 'junction'), ('branch_2', 'junction')]); n = t['nodes']
                from_list(n, 'branch_1', b1, names1); from_list(n, 'branch_2', b2, names2); lif(n, 'junction', [5e-3, 2e-3, 1e-3], [1, 1, 1])""", 0.1));
        c.add(new Case("merge_and_split_different_output_type", SPLIT + "aff(n, 'junction', 2, 2)", 0.1));

        c.add(new Case("residual", """
                t = graph(out, 'node', [('a', 'b'), ('b', 'c'), ('c', 'd'), ('d', 'e'), ('a', 'e'), ('e', 'f')]); n = t['nodes']
                aff(n, 'a', 2, 2); lif(n, 'b', [10e-3, 20e-3], [1, 2]); aff(n, 'c', 2, 2); lif(n, 'd', [10e-3, 20e-3], [1, 2]); aff(n, 'e', 2, 2)
                lif(n, 'f', [15e-3, 5e-3], [1, 1])""", 0.1));
        c.add(new Case("complex", """
                t = graph(out, 'node', [('a', 'b'), ('a', 'c'), ('b', 'd'), ('c', 'd'), ('c', 'e'), ('d', 'f'), ('e', 'f')]); n = t['nodes']
                node(n, 'a', 'Affine', weight=np.array([[1.], [2.], [3.]]), bias=np.array([[0., 0., 0.]]))
                lif(n, 'b', [10e-3, 20e-3, 30e-3], [1, 2, 3]); lif(n, 'c', [5e-3, 20e-3, 1e-3], [1, 1, 1])
                node(n, 'd', 'Affine', weight=np.array([[1., 3.], [2., 3.], [1., 4.]]).T, bias=np.array([0., 0.]))
                node(n, 'e', 'Affine', weight=np.array([[1., 3.], [2., 3.], [1., 4.]]).T, bias=np.array([0., 0.]))
                node(n, 'f', 'Affine', weight=np.array([[1., 3.], [1., 4.]]), bias=np.array([0., 0.]))""", 0.1));
        // tests/test_readwrite.py
        c.add(new Case("nested", """
                t = graph(out, 'node', [('a', 'b'), ('b', 'a')]); n = t['nodes']
                node(n, 'a', 'I', r=np.array([1., 1.]))
                s = graph(n, 'b', [('a', 'b'), ('b', 'c')])['nodes']
                inp(s, 'a', 2); node(s, 'b', 'Delay', delay=np.array([1., 1.])); outp(s, 'c', 2)
                node(n, 'c', 'Output', shape=np.array([1, 1]))""", 1.0));
        c.add(new Case("conv2d", """
                t = graph(out, 'node', seq('input', 'conv2d', 'output')); n = t['nodes']
                inp(n, 'input', 2, 100, 100)
                node(n, 'conv2d', 'Conv2d', input_shape=np.array([100, 100]), weight=rng.standard_normal((1, 2, 3, 3)), bias=rng.standard_normal(1),
                     stride=np.int64(1), padding=np.int64(0), dilation=np.int64(1), groups=np.int64(1))
                outp(n, 'output', 1, 98, 98)""", 0.1));
        c.add(new Case("conv1d_grouped", """
                t = graph(out, 'node', seq('input', 'conv1d', 'lif', 'output')); n = t['nodes']
                inp(n, 'input', 4, 20)
                node(n, 'conv1d', 'Conv1d', input_shape=np.array([20]), weight=rng.standard_normal((6, 2, 3)) * 2, bias=rng.standard_normal(6) * 0.2,
                     stride=np.array([2]), padding=np.array([1]), dilation=np.array([1]), groups=np.int64(2))
                lif(n, 'lif', [5e-3] * 60, [1] * 60); outp(n, 'output', 60)""", 0.1));
        c.add(new Case("integrator", """
                t = graph(out, 'node', [('a', 'b')]); n = t['nodes']
                aff(n, 'a', 2, 2); node(n, 'b', 'I', r=np.array([1., 1.]))""", 0.1));
        c.add(new Case("integrate_and_fire", """
                t = graph(out, 'node', [('a', 'b')]); n = t['nodes']
                aff(n, 'a', 2, 2); node(n, 'b', 'IF', r=np.array([1., 1.]), v_reset=np.array([0., 0.]), v_threshold=np.array([1., 1.]))""", 0.1));
        c.add(new Case("leaky_integrator", """
                t = graph(out, 'node', seq('input', 'affine', 'li', 'output')); n = t['nodes']
                inp(n, 'input', 2); aff(n, 'affine', 2, 3); node(n, 'li', 'LI', tau=np.ones(3), r=np.ones(3), v_leak=np.ones(3)); outp(n, 'output', 3)""", 0.1));
        c.add(new Case("linear", """
                t = graph(out, 'node', seq('input', 'linear', 'li', 'output')); n = t['nodes']
                inp(n, 'input', 2); lin(n, 'linear', 2, 3); node(n, 'li', 'LI', tau=np.ones(3), r=np.ones(3), v_leak=np.ones(3)); outp(n, 'output', 3)""", 0.1));
        c.add(new Case("leaky_integrator_and_fire", """
                t = graph(out, 'node', seq('input', 'affine', 'lif', 'output')); n = t['nodes']
                inp(n, 'input', 2); aff(n, 'affine', 2, 3, 200.0)
                node(n, 'lif', 'LIF', tau=np.ones(3), r=np.ones(3), v_leak=np.ones(3), v_reset=np.zeros(3), v_threshold=np.full(3, 3.)); outp(n, 'output', 3)""", 0.1));
        c.add(new Case("current_based_leaky_integrator", """
                t = graph(out, 'node', seq('input', 'affine', 'cubali', 'output')); n = t['nodes']
                inp(n, 'input', 2); aff(n, 'affine', 2, 3)
                node(n, 'cubali', 'CubaLI', tau_mem=np.ones(3), tau_syn=np.full(3, 2.), r=np.ones(3), v_leak=np.ones(3), w_in=np.full(3, 2.)); outp(n, 'output', 3)""", 0.1));
        c.add(new Case("current_based_leaky_integrator_and_fire", """
                t = graph(out, 'node', seq('input', 'affine', 'cubalif', 'output')); n = t['nodes']
                inp(n, 'input', 2); aff(n, 'affine', 2, 3, 2000.0)
                node(n, 'cubalif', 'CubaLIF', tau_mem=np.ones(3), tau_syn=np.full(3, 2.), r=np.ones(3), v_leak=np.ones(3), v_reset=np.zeros(3),
                     v_threshold=np.full(3, 3.), w_in=np.full(3, 2.)); outp(n, 'output', 3)""", 0.1));
        c.add(new Case("scale", """
                t = graph(out, 'node', seq('input', 'scale', 'output')); n = t['nodes']
                inp(n, 'input', 3); node(n, 'scale', 'Scale', scale=np.array([1., 2., 3.])); outp(n, 'output', 3)""", 0.1));
        c.add(new Case("simple_with_read_write", """
                t = graph(out, 'node', seq('input', 'affine', 'output')); n = t['nodes']
                inp(n, 'input', 3); aff(n, 'affine', 3, 3); outp(n, 'output', 3)""", 0.1));
        c.add(new Case("delay", """
                t = graph(out, 'node', seq('input', 'delay', 'output')); n = t['nodes']
                inp(n, 'input', 3); node(n, 'delay', 'Delay', delay=np.array([1e-4, 2e-4, 3e-4])); outp(n, 'output', 3)""", 0.1));
        c.add(new Case("threshold", """
                t = graph(out, 'node', seq('input', 'scale', 'threshold', 'output')); n = t['nodes']
                inp(n, 'input', 3); node(n, 'scale', 'Scale', scale=np.array([2., 2., 4.]))
                node(n, 'threshold', 'Threshold', threshold=np.array([1., 2., 3.])); outp(n, 'output', 3)""", 0.1));
        c.add(new Case("flatten", """
                t = graph(out, 'node', seq('input', 'flatten', 'output')); n = t['nodes']
                inp(n, 'input', 2, 3); node(n, 'flatten', 'Flatten', start_dim=np.int64(0), end_dim=np.int64(1), input_type=np.array([2, 3])); outp(n, 'output', 6)""", 0.1));
        for (String pool : List.of("SumPool2d", "AvgPool2d"))
            c.add(new Case(pool.toLowerCase(Locale.ROOT), """
                    t = graph(out, 'node', seq('input', 'pool', 'output')); n = t['nodes']
                    inp(n, 'input', 2, 10, 10); node(n, 'pool', '%s', kernel_size=np.array([2, 2]), stride=np.array([2, 2]), padding=np.array([0, 0])); outp(n, 'output', 2, 5, 5)"""
                    .formatted(pool), 0.1));
        return c.stream().map(Arguments::of);
    }

    static final int STEPS = 200;

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void importsRunsOnEveryBackendAndRoundTrips(Case c) throws Exception {
        Path file = H5py.write(c.name() + ".nir", HELPERS + c.script());
        NirImporter.Settings settings = new NirImporter.Settings(c.dtMs(), NirImporter.TimeUnit.SECONDS);
        NirModel m = NirImporter.importFile(file, settings);
        SpikeInput in = input(m);
        NirRunner.Result cpu = NirRunner.run(m, in, STEPS, Backends.byName("cpu"), Options.defaults(), null);
        Backend opencl = Backends.byName("opencl");
        String openclNote = "opencl unavailable (" + opencl.unavailableReason() + ")";
        if (opencl.available()) {
            NirRunner.Result ocl = NirRunner.run(m, in, STEPS, opencl, Options.defaults(), null);
            assertEquals(raster(cpu.engineSpikes()), raster(ocl.engineSpikes()), c.name() + ": opencl spikes differ from cpu");
            openclNote = "opencl spikes identical";
        }
        for (boolean structured : new boolean[]{true, false}) {
            Path out = Path.of("target", "h5py-graphs", c.name() + (structured ? "-structured" : "-dense") + ".nir");
            NirFile.write(structured ? NirExporter.export(m) : NirExporter.export(m.network()), out);
            NirModel again = NirImporter.importFile(out, settings);
            NirRunner.Result second = NirRunner.run(again, in, STEPS, Backends.byName("cpu"), Options.defaults(), null);
            assertEquals(cpu.digest(), second.digest(), c.name() + ": digest after " + (structured ? "structured" : "dense") + " export then import");
        }
        System.out.printf(Locale.ROOT, "%-40s %d populations %s, %d synapses, %d spikes (%d at outputs %s); %s; round trips ok%n", c.name(),
                m.network().populations().size(), m.network().populations().stream().map(p -> p.name()).toList(), m.network().synapseCount(),
                cpu.engineSpikes().size(), cpu.outputSteps().length, m.outputPopulations(), openclNote);
    }

    static SpikeInput input(NirModel m) {
        if (m.inputPopulations().isEmpty()) return null;
        return PaperModelsTest.pattern(m.network().population(m.inputPopulations().get(0)).size(), STEPS, 5);
    }

    static List<String> raster(SpikeRaster r) {
        List<String> s = new ArrayList<>();
        for (int k = 0; k < r.size(); k++) s.add(r.step(k) + ":" + r.population(k) + ":" + r.neuron(k));
        return s;
    }

    @Test
    void thresholdFiresOnlyAboveItsThreshold() throws Exception {
        NirModel m = NirImporter.importFile(H5py.write("threshold-only.nir", HELPERS + graphs().map(a -> (Case) a.get()[0])
                .filter(x -> x.name().equals("threshold")).findFirst().orElseThrow().script()), NirImporter.Settings.defaults());
        // inputs 0, 1, 2 spike together at steps 0 and 10; scaled 2, 2, 4 against thresholds 1, 2, 3 (strict >);
        // one population per threshold value (threshold_g0..g2), each reached one engine step later
        SpikeInput in = new SpikeInput(new int[]{0, 0, 0, 10, 10, 10}, new int[]{0, 1, 2, 0, 1, 2}, 11);
        NirRunner.Result r = NirRunner.run(m, in, 20, Backends.byName("cpu"), Options.defaults(), null);
        List<String> got = new ArrayList<>();
        for (int k = 0; k < r.engineSpikes().size(); k++) {
            String pop = m.network().populations().get(r.engineSpikes().population(k)).name();
            if (pop.startsWith("threshold")) got.add(r.engineSpikes().step(k) + ":" + pop);
        }
        assertEquals(List.of("1:threshold_g0", "1:threshold_g2", "11:threshold_g0", "11:threshold_g2"), got);
    }

    @Test
    void delayedSpikesReachTheOutputAsSpikes() throws Exception {
        NirModel m = NirImporter.importFile(H5py.write("delay-only.nir", HELPERS + graphs().map(a -> (Case) a.get()[0])
                .filter(x -> x.name().equals("delay")).findFirst().orElseThrow().script()), NirImporter.Settings.defaults());
        SpikeInput in = new SpikeInput(new int[]{5, 5, 5}, new int[]{0, 1, 2}, 6);
        NirRunner.Result r = NirRunner.run(m, in, 20, Backends.byName("cpu"), Options.defaults(), null);
        assertEquals("[6, 7, 8] [0, 1, 2]", java.util.Arrays.toString(r.outputSteps()) + " " + java.util.Arrays.toString(r.outputNeurons()),
                "NIR step 5 + delay 1..3 steps");
    }

    @Test
    void nonUniformLayerIsSplitIntoUniformPopulations() throws Exception {
        NirModel m = NirImporter.importFile(H5py.write("sequential-only.nir", HELPERS + graphs().map(a -> (Case) a.get()[0])
                .filter(x -> x.name().equals("sequential")).findFirst().orElseThrow().script()), NirImporter.Settings.defaults());
        assertEquals(List.of("input", "lif_g0", "lif_g1", "lif_g2", "output"), m.network().populations().stream().map(p -> p.name()).toList().subList(0, 5));
    }

    @Test
    void inconsistentJunctionOfNirsMergeAndSplitTestIsRefused() throws Exception {
        // NIR's test_merge_and_split_single_output: junction weight [3 x 2] (out 3) with a bias of 2 values
        Path f = H5py.write("merge_and_split_single_output.nir", HELPERS + SPLIT
                + "node(n, 'junction', 'Affine', weight=np.array([[2., 0.], [1., 3.], [4., 1.]]), bias=np.array([0., 1.]))");
        NirException e = assertThrows(NirException.class, () -> NirImporter.importFile(f, NirImporter.Settings.defaults()));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().endsWith("mismatched shapes: node 'junction' (Affine): bias has 2 values for 3 outputs"), e.getMessage());
    }

    @Test
    void affineFeedingItselfIsRefused() throws Exception {
        Path f = H5py.write("simple.nir", HELPERS + """
                t = graph(out, 'node', [('input', 'a'), ('a', 'a'), ('a', 'output')]); n = t['nodes']
                inp(n, 'input', 2); aff(n, 'a', 2, 2); outp(n, 'output', 2)""");
        NirException e = assertThrows(NirException.class, () -> NirImporter.importFile(f, NirImporter.Settings.defaults()));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().endsWith("cycle through stateless nodes [a] -> 'a' with no neuron on it; the engine needs a neuron in every loop"), e.getMessage());
        assertTrue(Files.size(f) > 0);
    }
}
