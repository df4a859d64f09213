package org.neuroracle.bench.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.bench.BenchException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchRunnerTest {
    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void tinyRunWritesResultsJsonReportAndPlots(@TempDir Path out) throws Exception {
        List<String> progress = new ArrayList<>();
        // The microcircuit at 1 % scale (772 neurons) for 0.3 s: small and fast, with real reference ranges.
        BenchConfig c = new BenchConfig(List.of("microcircuit"), List.of("cpu", "no-such-backend"), 0.3, 0.01, 1,
                List.of("loihi", "desktop-x86"), out, false, 1, null);
        BenchRunner.Outcome o = BenchRunner.run(c, progress::add);

        assertEquals(1, o.runs().size());
        assertTrue(o.notes().stream().anyMatch(n -> n.contains("no-such-backend")), o.notes().toString());
        assertTrue(progress.stream().anyMatch(l -> l.contains("[microcircuit cpu seed 1] done")), progress.toString());

        JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("neuroracle-bench-results-v1", root.path("format").asText());
        JsonNode run = root.path("runs").get(0);
        for (String f : List.of("network", "backend", "device", "bio_seconds", "wall_seconds", "seconds_per_bio_second",
                "synaptic_events_per_second", "spikes", "rates_hz", "validation"))
            assertTrue(run.has(f), "results.json run lacks " + f);
        assertEquals("microcircuit", run.path("network").asText());
        assertEquals("cpu", run.path("backend").asText());
        assertEquals(0.3, run.path("bio_seconds").asDouble(), 1e-9);
        assertEquals(8, run.path("rates_hz").size());
        assertTrue(run.path("spikes").asLong() > 0, "the driven circuit spikes");
        assertEquals(run.path("synaptic_events").asDouble() / run.path("wall_seconds").asDouble(),
                run.path("synaptic_events_per_second").asDouble(), 1e-6 * run.path("synaptic_events_per_second").asDouble());
        assertEquals(24, run.path("validation").path("checks").size(), "rate, CV and correlation for 8 populations");
        assertTrue(root.path("machine").path("synaptic_events_per_second_bound").asDouble() > 0);
        JsonNode energy = run.path("energy");
        assertEquals(2, energy.size(), "one estimate per --profile");
        assertEquals("loihi", energy.get(0).path("profile").asText());
        assertTrue(energy.get(0).path("dynamic_joules").asDouble() > 0, "Loihi publishes per-synaptic-op energy");
        assertTrue(energy.get(0).path("sources").size() > 0);
        assertTrue(energy.get(0).path("lower_joules").asDouble() > 0, "the known parts bound the total from below");
        assertFalse(energy.get(0).path("complete").asBoolean(), "Loihi publishes no static power or time step");

        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| microcircuit | cpu |"), md);
        assertTrue(md.contains("Checks against reference ranges"));
        for (String png : List.of("speed.png", "events.png", "raster-microcircuit-cpu.png", "rates-microcircuit-cpu.png")) {
            byte[] head = Files.readAllBytes(out.resolve(png));
            assertTrue(head.length > 1000, png + " has content");
            byte[] magic = {head[0], head[1], head[2], head[3]};
            assertArrayEquals(PNG_MAGIC, magic, png + " is a PNG");
        }
    }

    @Test
    void unknownProfileIsRejectedNamingTheOption(@TempDir Path out) {
        BenchConfig c = new BenchConfig(List.of("microcircuit"), List.of("cpu"), 0.1, 0.01, 1, List.of("no-such-chip"), out, false, 1, null);
        var e = assertThrows(BenchException.class, () -> BenchRunner.run(c, l -> { }));
        assertTrue(e.getMessage().startsWith("--profile"), e.getMessage());
    }

    @Test
    void configRejectsBadOptionsNamingThem() {
        Path out = Path.of("x");
        assertTrue(assertThrows(BenchException.class, () -> new BenchConfig(List.of("coba"), List.of("cpu"), 0, null, 1, null, out, false, 0, null))
                .getMessage().startsWith("--bio-seconds"));
        assertTrue(assertThrows(BenchException.class, () -> new BenchConfig(List.of("coba"), List.of("cpu"), 1, null, 0, null, out, false, 0, null))
                .getMessage().startsWith("--seeds"));
        assertTrue(assertThrows(BenchException.class, () -> new BenchConfig(List.of(), List.of("cpu"), 1, null, 1, null, out, false, 0, null))
                .getMessage().startsWith("NETWORK"));
        assertTrue(assertThrows(BenchException.class, () -> new BenchConfig(List.of("coba"), List.of("cpu"), 1, null, 1, null, out, false, 0, 1000.0))
                .getMessage().startsWith("--warmup-ms"));
    }

    @Test
    void onlyUnavailableBackendsIsAnError(@TempDir Path out) {
        BenchConfig c = new BenchConfig(List.of("microcircuit"), List.of("no-such-backend"), 0.1, 0.01, 1, List.of(), out, false, 1, null);
        var e = assertThrows(BenchException.class, () -> BenchRunner.run(c, l -> { }));
        assertTrue(e.getMessage().contains("no-such-backend"), e.getMessage());
    }
}
