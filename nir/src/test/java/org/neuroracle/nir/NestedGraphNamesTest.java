package org.neuroracle.nir;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Options;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nested graphs as snnTorch writes them: a recurrent layer is a NIRGraph keyed by the layer name whose edges use
 * role names ({@code input -> lif -> lin -> lif -> output}) while the neuron node is keyed by the layer name.
 * Files are written with h5py.
 */
class NestedGraphNamesTest {
    /** The shared flat braille file rewritten in snnTorch's nested-subgraph layout (same parameters). */
    static final String NESTED_BRAILLE = String.join("\n",
            "src = h5py.File(sys.argv[2], 'r')['node']['nodes']",
            "top = graph(out, 'node', [('input','fc1'),('fc1','lif1'),('lif1','fc2'),('fc2','lif2'),('lif2','output')])",
            "for k in ['input','fc1','fc2','lif2','output']: src.copy(src[k], top['nodes'], k)",
            "sub = graph(top['nodes'], 'lif1', [('input','lif'),('lif','lin'),('lin','lif'),('lif','output')])",
            "node(sub['nodes'], 'input', 'Input', shape=i64(38))",
            "src.copy(src['lif1.lif'], sub['nodes'], 'lif1')",
            "src.copy(src['lif1.w_rec'], sub['nodes'], 'lin')",
            "node(sub['nodes'], 'output', 'Output', shape=i64(38))");

    /** A small recurrent CubaLIF layer in the same layout, parameters written here. */
    static final String SMALL_RNN = String.join("\n",
            "top = graph(out, 'node', [('input','fc'),('fc','rec'),('rec','fc2'),('fc2','lif2'),('lif2','output')])",
            "n = top['nodes']",
            "node(n, 'input', 'Input', shape=i64(2))",
            "node(n, 'fc', 'Affine', weight=np.array([[3.0, 0.0], [0.0, 3.0], [2.0, 2.0]], dtype=np.float32), bias=f32(0, 0, 0))",
            "sub = graph(n, 'rec', [('input','lif'),('lif','lin'),('lin','lif'),('lif','output')])",
            "s = sub['nodes']",
            "node(s, 'input', 'Input', shape=i64(3))",
            "node(s, 'rec', 'CubaLIF', tau_mem=f32(2e-3,2e-3,2e-3), tau_syn=f32(1e-3,1e-3,1e-3), r=f32(1,1,1), v_leak=f32(0,0,0), v_threshold=f32(1,1,1), w_in=f32(1,1,1))",
            "node(s, 'lin', 'Linear', weight=np.array([[0, 0.5, 0], [0, 0, 0.5], [0.5, 0, 0]], dtype=np.float32))",
            "node(s, 'output', 'Output', shape=i64(3))",
            "node(n, 'fc2', 'Linear', weight=np.array([[1.0, 1.0, 1.0]], dtype=np.float32))",
            "node(n, 'lif2', 'LIF', tau=f32(5e-3), r=f32(1), v_leak=f32(0), v_threshold=f32(0.05))",
            "node(n, 'output', 'Output', shape=i64(1))");

    @Test
    void snnTorchNestedBrailleRunsLikeTheFlatExport() throws Exception {
        Path flat = SharedData.nir("braille_noDelay_bias_zero.nir");
        Path nested = H5py.write("braille_nested.nir", NESTED_BRAILLE, flat.toAbsolutePath().toString());
        NirModel a = NirImporter.importFile(flat, NirImporter.Settings.defaults());
        NirModel b = NirImporter.importFile(nested, NirImporter.Settings.defaults());
        System.out.println("warning: " + b.warnings());
        assertEquals(List.of("resolved edge names that name no node, as snnTorch's reader does: 'lif1.lif' -> node 'lif1.lif1' (CubaLIF)"), b.warnings());
        assertTrue(a.warnings().isEmpty());
        SpikeInput in = PaperModelsTest.pattern(12, 300, 5);
        var ra = NirRunner.run(a, in, 300, Backends.byName("cpu"), Options.defaults(), null);
        var rb = NirRunner.run(b, in, 300, Backends.byName("cpu"), Options.defaults(), null);
        assertTrue(ra.engineSpikes().size() > 0);
        assertEquals(ra.digest(), rb.digest(), "nested and flat exports of the same network run identically");
    }

    @Test
    void smallNestedRecurrentLayerImportsAndSpikes() throws Exception {
        NirModel m = NirImporter.importFile(H5py.write("small_rnn.nir", SMALL_RNN), NirImporter.Settings.defaults());
        assertEquals(List.of("resolved edge names that name no node, as snnTorch's reader does: 'rec.lif' -> node 'rec.rec' (CubaLIF)"), m.warnings());
        assertEquals(List.of("input", "lif2", "rec.rec"), m.network().populations().stream().map(p -> p.name()).toList());
        assertEquals(3 * 2 - 2 + 3 + 3, m.network().synapseCount(), "fc (4 non-zero), recurrent (3), fc2 (3)");
        var r = NirRunner.run(m, PaperModelsTest.pattern(2, 200, 3), 200, Backends.byName("cpu"), Options.defaults(), null);
        assertTrue(r.outputSteps().length > 0, "the output neuron spikes");
    }

    @Test
    void ambiguousNamesStayDangling() throws Exception {
        String script = SMALL_RNN.replace("node(s, 'lin', 'Linear'", "node(s, 'rec2', 'CubaLIF', tau_mem=f32(2e-3,2e-3,2e-3), tau_syn=f32(1e-3,1e-3,1e-3), r=f32(1,1,1), v_leak=f32(0,0,0), v_threshold=f32(1,1,1), w_in=f32(1,1,1))\nnode(s, 'lin', 'Linear'");
        Path f = H5py.write("ambiguous_rnn.nir", script);
        NirException e = assertThrows(NirException.class, () -> NirImporter.importFile(f, NirImporter.Settings.defaults()));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().endsWith("dangling edge 'rec.input' -> 'rec.lif': no node named 'rec.lif'"), e.getMessage());
    }
}
