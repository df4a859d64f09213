package org.neuroracle.forecast;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real data folder (system property neuroracle.shared.data, else ../shared/data); tests skip without it. */
public final class SharedData {
    private SharedData() {}

    public static Path dir() {
        String p = System.getProperty("neuroracle.shared.data");
        Path d = p != null ? Path.of(p) : Path.of("../shared/data");
        if (!Files.isDirectory(d) && p == null) d = Path.of("../../shared/data");
        return d;
    }

    /** The file under the shared data folder, or skip the test with a message saying what is missing. */
    public static Path require(String relative) {
        Path f = dir().resolve(relative);
        Assumptions.assumeTrue(Files.exists(f), "shared data " + f.toAbsolutePath() + " is absent: skipping (set -Dneuroracle.shared.data)");
        return f;
    }
}
