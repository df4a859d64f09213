package org.neuroracle.nir;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Writes test graphs with h5py (Debian python3-h5py), the library NIR's own writer uses, so the files have exactly
 * the layout other tools produce; tests that need it skip when h5py is absent. Scripts get a small prelude with
 * {@code node(group, type, **params)} and {@code graph(group, edges)} helpers.
 */
final class H5py {
    private H5py() {}

    static final String PRELUDE = String.join("\n",
            "import h5py, numpy as np, sys",
            "def node(g, name, type, **p):",
            "    n = g.create_group(name)",
            "    n['type'] = np.bytes_(type)",
            "    for k, v in p.items(): n[k] = v",
            "    return n",
            "def graph(g, name, edges):",
            "    n = g.create_group(name) if name else g",
            "    n['type'] = np.bytes_('NIRGraph')",
            "    n.create_group('nodes')",
            "    if edges: n['edges'] = np.array([[np.bytes_(a), np.bytes_(b)] for a, b in edges])",
            "    return n",
            "def f32(*v): return np.array(v, dtype=np.float32)",
            "def i64(*v): return np.array(v, dtype=np.int64)",
            "out = h5py.File(sys.argv[1], 'w')",
            "out['version'] = np.bytes_('0.2.0')",
            "");

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

    /** Runs PRELUDE + script with argv[1] = the file to write and argv[2..] = args; returns the file. */
    static Path write(String name, String script, String... args) throws IOException, InterruptedException {
        String py = python();
        Assumptions.assumeTrue(py != null, "h5py absent (Debian python3-h5py)");
        Path dir = Path.of("target", "h5py-graphs");
        Files.createDirectories(dir);
        Path f = dir.resolve(name).toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(py, "-c", PRELUDE + script + "\nout.close()\n", f.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), "h5py script for " + name + " failed: " + text);
        return f;
    }
}
