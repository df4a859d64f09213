package org.neuroracle.adapters;

import org.junit.jupiter.api.Test;
import org.neuroracle.hw.HardwareProfiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The conformance kit passes the emulator and catches test builds with one planted bug each. */
class BoardConformanceTest {
    /**
     * A planted bug is a separate test build: the emulator with one kit file replaced by a mutant from src/test/c
     * (the reference sources carry no switches for it).
     */
    static Path plantedBug(int bug) throws IOException, InterruptedException {
        Path out = Path.of("target/planted/libbug" + bug + ".so").toAbsolutePath();
        Files.createDirectories(out.getParent());
        List<NativeBuild.Source> sources = switch (bug) {
            case 1 -> NativeBuild.plus(NativeBuild.kit("nrb_lif.c"), NativeBuild.Source.of(NativeBuild.TEST_C.resolve("mutant_round_down_lif.c")),
                    NativeBuild.Source.of(NativeBuild.EMULATOR));
            case 2 -> NativeBuild.plus(NativeBuild.kit("nrb_capacity.c"), NativeBuild.Source.of(NativeBuild.TEST_C.resolve("mutant_capacity_ignored.c")),
                    NativeBuild.Source.of(NativeBuild.EMULATOR));
            case 3 -> NativeBuild.plus(NativeBuild.kit(), NativeBuild.Source.of(NativeBuild.TEST_C.resolve("mutant_config_accepts_unknown.c")),
                    NativeBuild.Source.of(NativeBuild.EMULATOR, "-Dnrb_device_config=nrb_device_config_reference"));
            default -> throw new IllegalArgumentException("no planted bug " + bug);
        };
        return NativeBuild.build(out, sources, true, List.of());
    }

    @Test void emulatorPassesEveryCheckAgainstLoihi2() {
        BoardConformance.Report r = BoardConformance.run(EmulatorLibrary.path(), HardwareProfiles.byName("loihi2"), null);
        assertTrue(r.passed(), r.format());
        assertTrue(r.checks().stream().anyMatch(c -> c.name().equals("over-capacity") && c.detail().contains("1000001 neurons")), r.format());
    }

    @Test void fanInLimitIsProbedWhenTheProfilePublishesOne() {
        BoardConformance.Report r = BoardConformance.run(EmulatorLibrary.path(), HardwareProfiles.byName("dynap-se2"), null);
        BoardConformance.Check c = r.checks().stream().filter(x -> x.name().equals("over-capacity")).findFirst().orElseThrow();
        assertTrue(c.passed() && c.detail().contains("fan-in 65"), r.format());
    }

    @Test void roundingBugFailsTheDigestChecksAndSaysWhere() throws Exception {
        BoardConformance.Report r = BoardConformance.run(plantedBug(1), HardwareProfiles.byName("loihi2"), null);
        assertFalse(r.passed());
        BoardConformance.Check c = r.checks().stream().filter(x -> x.name().equals("digest cuba-fixed")).findFirst().orElseThrow();
        assertFalse(c.passed(), r.format());
        assertTrue(c.detail().contains("first differing spike") || c.detail().contains("state "), c.detail());
        assertTrue(r.format().contains("FAIL  digest cuba-fixed"), r.format());
        // Error handling is unaffected by this bug.
        assertTrue(r.checks().stream().filter(x -> x.name().startsWith("bad-config")).allMatch(BoardConformance.Check::passed), r.format());
    }

    @Test void ignoredCapacityFailsTheOverCapacityCheck() throws Exception {
        BoardConformance.Report r = BoardConformance.run(plantedBug(2), HardwareProfiles.byName("loihi2"), null);
        assertEquals(1, r.failures(), r.format());
        assertTrue(r.format().contains("FAIL  over-capacity"), r.format());
    }

    @Test void acceptingUnknownConfigFailsTheBadConfigCheck() throws Exception {
        BoardConformance.Report r = BoardConformance.run(plantedBug(3), HardwareProfiles.byName("loihi2"), null);
        assertFalse(r.passed());
        assertTrue(r.format().contains("FAIL  bad-config 'no_such_key=1'"), r.format());
    }
}
