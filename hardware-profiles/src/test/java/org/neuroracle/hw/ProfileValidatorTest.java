package org.neuroracle.hw;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ProfileValidatorTest {
    static final List<String> EXPECTED = List.of("akida-akd1000", "brainscales2", "desktop-x86", "dynap-se2", "fpga-snn",
            "loihi", "loihi2", "nvidia-h100", "spinnaker", "spinnaker2", "speck", "truenorth", "xylo-audio2");

    @Test void shipsEveryRequiredProfileAndAllAreValid() {
        assertEquals(EXPECTED.stream().sorted().toList(), HardwareProfiles.names().stream().sorted().toList());
        for (ProfileValidator.Result r : ProfileValidator.validateDirectory(Path.of("profiles")))
            assertTrue(r.ok(), r.file() + ": " + r.problems());
    }

    @Test void byNameListsAvailableProfilesOnTypo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HardwareProfiles.byName("loihi3"));
        assertTrue(e.getMessage().contains("unknown hardware profile 'loihi3'") && e.getMessage().contains("loihi2"), e.getMessage());
    }

    @Test void everyNumberHasKindAndSourceAndEveryEnergyABoundary() {
        for (HardwareProfile p : HardwareProfiles.bundled()) {
            for (Quantity q : p.quantities().values()) {
                assertFalse(q.source().isBlank(), p.name() + " " + q.path());
                if (q.path().startsWith("energy.")) assertNotNull(q.boundary(), p.name() + " " + q.path());
                if (q.kind() == Kind.DERIVED) assertTrue(q.source().contains("="), p.name() + " " + q.path());
            }
        }
    }

    @Test void everyBundledSourceIsOpenable() {
        for (HardwareProfile p : HardwareProfiles.bundled()) {
            for (Quantity q : p.quantities().values())
                assertTrue(SourceReference.openable(q.source()), p.name() + " " + q.path() + ": " + q.source());
            for (Fact f : p.facts().values())
                assertTrue(SourceReference.openable(f.source()), p.name() + " " + f.path() + ": " + f.source());
        }
    }

    @Test void sourceReferencePatterns() {
        assertTrue(SourceReference.openable("Davies et al. 2018, doi:10.1109/MM.2018.112130359"));
        assertTrue(SourceReference.openable("https://doi.org/10.1038/s41467-024-47811-6"));
        assertTrue(SourceReference.openable("Bos and Muir, arXiv:2208.12991, 2022"));
        assertTrue(SourceReference.openable("vendor page https://www.intel.com/x.html"));
        assertTrue(SourceReference.openable("measured: this repository, kernels/README.md (commit db1f774)"));
        assertFalse(SourceReference.openable("Kurth et al., Neuromorph Comput Eng 2:021001, 2022"));
        assertFalse(SourceReference.openable("arXiv 2103"));
        assertFalse(SourceReference.openable("doi: none"));
    }

    @Test void unopenableSourceIsAProblemWithItsLine() {
        String yaml = GOOD.replace("Test paper, figure 2, doi:10.1234/test.2", "Test paper, figure 2 (2019)");
        var problems = ProfileValidator.validate(yaml, "t.yaml", "testchip").problems();
        assertTrue(problems.stream().anyMatch(p -> p.field().equals("energy.per_synaptic_op.source") && p.line() == 10
                && p.message().contains("openable")), problems.toString());
    }

    private static final String GOOD = """
            schema_version: 1
            name: testchip
            display_name: Test chip
            vendor: Nobody
            description: A chip for tests.
            topology:
              neurons_per_core: {value: 256, unit: count, kind: vendor, source: 'Test datasheet, table 1, https://example.org/test.pdf'}
            timing: {}
            energy:
              per_synaptic_op: {value: 10, unit: pJ, kind: measured, boundary: chip, source: 'Test paper, figure 2, doi:10.1234/test.2'}
            """;

    @Test void acceptsMinimalProfile() {
        ProfileValidator.Result r = ProfileValidator.validate(GOOD, "testchip.yaml", "testchip");
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(10e-12, r.profile().quantity(HardwareProfile.E_SYNAPTIC_OP).orElseThrow().base(), 1e-24);
    }

    @Test void reportsEveryPlantedErrorWithLineAndField() {
        String bad = """
                schema_version: 1
                name: testchip
                display_name: Test chip
                vendor: Nobody
                description: A chip for tests.
                topology:
                  neurons_per_core: {value: 256, unit: count, kind: guessed, source: 'Test datasheet, table 1, https://example.org/test.pdf'}
                  weight_bits: {value: 8, unit: bit, kind: vendor}
                  wings: {value: 2, unit: count, kind: vendor, source: 'Test datasheet, table 1, https://example.org/test.pdf'}
                timing: {}
                energy:
                  per_synaptic_op: {value: 10, unit: pJ, kind: measured, source: 'Test paper, figure 2, doi:10.1234/test.2'}
                  per_spike: {value: 3, unit: parsecs, kind: measured, boundary: chip, source: 'Test paper, figure 2, doi:10.1234/test.2'}
                """;
        List<ProfileProblem> problems = ProfileValidator.validate(bad, "testchip.yaml", "testchip").problems();
        String all = problems.toString();
        assertHas(problems, 7, "topology.neurons_per_core.kind", all);
        assertHas(problems, 8, "topology.weight_bits", all);
        assertTrue(problems.stream().anyMatch(p -> p.line() == 8 && p.message().contains("source")), all);
        assertHas(problems, 9, "topology.wings", all);
        assertHas(problems, 12, "energy.per_synaptic_op", all);
        assertTrue(problems.stream().anyMatch(p -> p.line() == 12 && p.message().contains("boundary")), all);
        assertHas(problems, 13, "energy.per_spike.unit", all);
        assertTrue(problems.stream().allMatch(p -> p.file().equals("testchip.yaml")), all);
    }

    private static void assertHas(List<ProfileProblem> problems, int line, String field, String all) {
        assertTrue(problems.stream().anyMatch(p -> p.line() == line && p.field().equals(field)), "expected line " + line + " field " + field + " in " + all);
    }

    @Test void semanticChecksNameDerivationAndDuplicates() {
        String bad = GOOD.replace("name: testchip", "name: otherchip")
                .replace("kind: vendor, source: 'Test datasheet, table 1, https://example.org/test.pdf'", "kind: derived, source: 'derived from the datasheet'")
                + "energy:\n  per_spike: {value: 1, unit: pJ, kind: vendor, boundary: core, source: 'Test paper, figure 3, doi:10.1234/test.3'}\n";
        List<ProfileProblem> problems = ProfileValidator.validate(bad, "testchip.yaml", "testchip").problems();
        String all = problems.toString();
        assertTrue(problems.stream().anyMatch(p -> p.line() == 11 && p.message().startsWith("duplicate key")), all);
        // Duplicates stop before semantic checks only when the schema fails; here the schema passes.
        assertTrue(problems.stream().anyMatch(p -> p.field().equals("name") && p.line() == 2), all);
        assertTrue(problems.stream().anyMatch(p -> p.field().equals("topology.neurons_per_core.source") && p.line() == 7), all);
    }

    @Test void yamlSyntaxErrorNamesTheLine() {
        List<ProfileProblem> problems = ProfileValidator.validate("name: x\ntopology: {a: [1, 2}\n", "x.yaml", "x").problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).line() >= 2 && problems.get(0).message().startsWith("YAML syntax"), problems.toString());
    }

    @Test void validatesADirectoryFileByFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("testchip.yaml"), GOOD);
        Files.writeString(dir.resolve("broken.yaml"), GOOD);
        List<ProfileValidator.Result> results = ProfileValidator.validateDirectory(dir);
        assertEquals(2, results.size());
        ProfileValidator.Result broken = results.get(0);
        assertTrue(broken.file().endsWith("broken.yaml"));
        assertEquals("name", broken.problems().get(0).field());
        assertTrue(results.get(1).ok());
    }
}
