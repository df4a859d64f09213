package org.neuroracle.nir;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The NIR paper files in ../shared/data/nir; tests that need them skip when the folder is absent. */
final class SharedData {
    private SharedData() {}

    static Path nir(String file) {
        Path dir = Path.of(System.getProperty("neuroracle.shared.data", "../shared/data")).resolve("nir");
        Path f = dir.resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(f), "shared NIR data absent: " + f + " (see /work/shared/data/README.md)");
        return f;
    }
}
