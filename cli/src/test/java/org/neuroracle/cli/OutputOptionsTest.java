package org.neuroracle.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every option naming an output writes the format its extension says, or refuses in one line before any work. */
class OutputOptionsTest {
    private static void refused(CliRun r, String startsWith, Path notWritten) {
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().startsWith("neuroracle: " + startsWith), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(Files.exists(notWritten), notWritten + " must not be written");
    }

    private static final String TINY = """
            {"format": "neuroracle-network/1", "name": "tiny", "dt_ms": 1.0, "seed": 7,
             "populations": [{"name": "in", "size": 2, "model": {"type": "poisson-source", "rate_hz": 50}},
                             {"name": "out", "size": 3, "model": {"type": "cuba-lif-fixed", "du": [80], "dv": 20, "vth": 10,
                              "bias_mant": 0, "bias_exp": 0, "refractory_steps": 0}}],
             "projections": [{"name": "p", "pre": "in", "post": "out", "channel": 0,
                              "connector": {"type": "all-to-all"}, "weight": 40, "weight_exp": 4, "delay_steps": 1}]}
            """;

    @Test
    void nirImportWritesTheFormatItsExtensionNamesAndRefusesOthers(@TempDir Path dir) throws IOException {
        Path tiny = Files.writeString(dir.resolve("tiny.json"), TINY);
        Path nir = dir.resolve("net.nir");
        CliRun export = CliRun.of("nir", "export", tiny.toString(), "--out", nir.toString());
        assertEquals(0, export.exitCode(), export.err());

        Path yaml = dir.resolve("net.yaml");
        refused(CliRun.of("nir", "import", nir.toString(), "--out", yaml.toString()), "--out " + yaml + ": '.yaml' is not a format", yaml);

        Path json = dir.resolve("net.json");
        assertEquals(0, CliRun.of("nir", "import", nir.toString(), "--out", json.toString()).exitCode());
        CliRun sim = CliRun.of("simulate", "--network", json.toString(), "--steps", "10");
        assertEquals(0, sim.exitCode(), sim.err());
    }

    @Test
    void fileOptionsRefuseAnExtensionTheyCannotWrite(@TempDir Path dir) {
        Path txt = dir.resolve("model.txt");
        refused(CliRun.of("nir", "export", "coba", "--out", txt.toString()), "--out " + txt + ": '.txt' is not a format this command writes; use .nir", txt);
        Path raster = dir.resolve("raster.json");
        refused(CliRun.of("simulate", "--network", "cuba-fixed", "--steps", "10", "--record", raster.toString()), "--record " + raster, raster);
        Path src = dir.resolve("kernels");
        refused(CliRun.of("kernels", "--source", src.toString()), "--source " + src + ": no extension", src);
    }

    @Test
    void folderOptionsRefuseAnExistingFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken.csv"), "x");
        CliRun r = CliRun.of("data", "synth", "--kind", "governance", "--out", file.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("neuroracle: --out " + file + ": names an existing file"), r.err());
        assertEquals("x", Files.readString(file), "the file is left as it was");
        CliRun t = CliRun.of("train", "treasury-ensemble", "--out", file.toString());
        assertEquals(1, t.exitCode());
        assertTrue(t.err().startsWith("neuroracle: --out " + file + ": names an existing file"), t.err());
    }
}
