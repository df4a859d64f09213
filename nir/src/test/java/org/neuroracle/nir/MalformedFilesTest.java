package org.neuroracle.nir;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broken files, built from the real braille file into target/, each fail with one clear line. */
class MalformedFilesTest {
    static final Path DIR = Path.of("target", "malformed");

    static String failure(Path file) {
        NirException e = assertThrows(NirException.class, () -> NirImporter.importFile(file, NirImporter.Settings.defaults()));
        System.out.println(file.getFileName() + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    static Path write(String name, NirGraph g) {
        Path f = DIR.resolve(name);
        NirFile.write(g, f);
        return f;
    }

    static NirGraph braille() { return NirFile.read(SharedData.nir("braille_noDelay_bias_zero.nir")); }

    @Test
    void truncatedHdf5() throws IOException {
        byte[] all = Files.readAllBytes(SharedData.nir("braille_noDelay_bias_zero.nir"));
        Files.createDirectories(DIR);
        Path f = DIR.resolve("truncated.nir");
        Files.write(f, java.util.Arrays.copyOf(all, all.length / 3));
        assertTrue(failure(f).contains("not a readable HDF5 file"));
    }

    @Test
    void unknownNodeType() {
        NirGraph g = braille();
        Map<String, NirNode> nodes = new LinkedHashMap<>(g.nodes());
        NirNode n = nodes.get("fc2");
        nodes.put("fc2", new NirNode("fc2", "Quantum", n.params(), n.metadata(), null));
        String m = failure(write("unknown-type.nir", new NirGraph(g.version(), nodes, g.edges(), g.metadata())));
        assertTrue(m.contains("node 'fc2' (Quantum): unsupported primitive 'Quantum'"), m);
    }

    @Test
    void mismatchedShapes() {
        NirGraph g = braille();
        Map<String, NirNode> nodes = new LinkedHashMap<>(g.nodes());
        NirNode n = nodes.get("fc1");
        Map<String, Object> p = new LinkedHashMap<>(n.params());
        NdArray w = n.array("weight");
        p.put("weight", NdArray.matrix(java.util.Arrays.copyOf(w.data(), 38 * 11), 38, 11));
        nodes.put("fc1", new NirNode("fc1", "Affine", p, n.metadata(), null));
        String m = failure(write("mismatched-shapes.nir", new NirGraph(g.version(), nodes, g.edges(), g.metadata())));
        assertTrue(m.contains("mismatched shapes: edge 'input' -> 'fc1' carries [12]"), m);
    }

    @Test
    void danglingEdge() {
        NirGraph g = braille();
        List<String[]> edges = new ArrayList<>(g.edges());
        edges.add(new String[]{"lif2", "readout"});
        String m = failure(write("dangling-edge.nir", new NirGraph(g.version(), g.nodes(), edges, g.metadata())));
        assertTrue(m.contains("dangling edge 'lif2' -> 'readout': no node named 'readout'"), m);
    }
}
