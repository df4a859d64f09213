package org.neuroracle.nir;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A file written here has NIR's layout as h5py sees it (the reader NIR's reference implementation uses): version,
 * node/type = NIRGraph, node/nodes/NAME/type for every node, node/edges an N x 2 string array naming existing nodes,
 * and the braille parameters unchanged.
 */
class H5pyLayoutTest {
    static String python() {
        for (String py : new String[]{"/usr/bin/python3", "python3"}) {
            try {
                Process p = new ProcessBuilder(py, "-c", "import h5py").redirectErrorStream(true).start();
                if (p.waitFor() == 0) return py;
            } catch (IOException | InterruptedException e) {
                // try the next interpreter
            }
        }
        return null;
    }

    @Test
    void exportedFileHasNirLayoutInH5py() throws Exception {
        String py = python();
        Assumptions.assumeTrue(py != null, "h5py absent (Debian python3-h5py; scripts/install-test-deps.sh installs it)");
        NirModel m = NirImporter.importFile(SharedData.nir("braille_noDelay_bias_zero.nir"), NirImporter.Settings.defaults());
        Path out = Path.of("target", "h5py-braille.nir").toAbsolutePath();
        NirFile.write(NirExporter.export(m.network()), out);
        String script = String.join("\n",
                "import h5py, sys",
                "f = h5py.File(sys.argv[1], 'r')",
                "assert f['version'][()].decode() == sys.argv[2]",
                "g = f['node']",
                "assert g['type'][()] == b'NIRGraph'",
                "names = set(g['nodes'].keys())",
                "types = {k: g['nodes'][k]['type'][()].decode() for k in names}",
                "e = g['edges'][()]",
                "assert e.ndim == 2 and e.shape[1] == 2",
                "for a, b in e: assert a.decode() in names and b.decode() in names, (a, b)",
                "w = g['nodes']['fc1']['weight'][()]",
                "print(sorted(types.items()), e.shape[0], w.shape, w.dtype)");
        Process p = new ProcessBuilder(py, "-c", script, out.toString(), NirFile.VERSION).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        System.out.println("h5py: " + text);
        assertEquals(0, p.waitFor(), text);
        assertEquals("[('fc1', 'Affine'), ('fc2', 'Affine'), ('input', 'Input'), ('lif1.lif', 'CubaLIF'), ('lif1_w_rec', 'Linear'), ('lif2', 'CubaLIF'), ('lif2_output', 'Output')] 7 (38, 12) float64", text);
    }

    /** The structured export of cnn_sinabs has, per node, every field NIR's reference reader (nir/serialization.py) reads. */
    @Test
    void structuredExportHasTheFieldsNirsReaderNeeds() throws Exception {
        String py = python();
        Assumptions.assumeTrue(py != null, "h5py absent (Debian python3-h5py)");
        NirModel m = NirImporter.importFile(SharedData.nir("cnn_sinabs.nir"), NirImporter.Settings.defaults());
        Path out = Path.of("target", "h5py-cnn.nir").toAbsolutePath();
        NirFile.write(NirExporter.export(m), out);
        String script = String.join("\n",
                "import h5py, sys",
                "need = {'Conv2d': ['weight', 'stride', 'padding', 'dilation', 'groups', 'bias'], 'SumPool2d': ['kernel_size', 'stride', 'padding'],",
                "        'Flatten': ['start_dim', 'end_dim'], 'IF': ['r', 'v_threshold'], 'Affine': ['weight', 'bias'], 'Input': ['shape'], 'Output': ['shape']}",
                "g = h5py.File(sys.argv[1], 'r')['node']",
                "names = set(g['nodes'].keys())",
                "for a, b in g['edges'][()]: assert a.decode() in names and b.decode() in names, (a, b)",
                "count = {}",
                "for k in sorted(names):",
                "    n = g['nodes'][k]; t = n['type'][()].decode(); count[t] = count.get(t, 0) + 1",
                "    missing = [f for f in need[t] if f not in n]",
                "    assert not missing, (k, t, missing)",
                "print(sorted(count.items()), g['nodes']['n0']['weight'].shape)");
        Process p = new ProcessBuilder(py, "-c", script, out.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        System.out.println("h5py: " + text);
        assertEquals(0, p.waitFor(), text);
        assertEquals("[('Affine', 2), ('Conv2d', 3), ('Flatten', 1), ('IF', 5), ('Input', 1), ('Output', 1), ('SumPool2d', 2)] (16, 2, 5, 5)", text);
    }
}
