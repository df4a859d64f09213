package org.neuroracle.hw.gpu;

import org.junit.jupiter.api.Test;
import org.neuroracle.hw.EnergyEstimate;
import org.neuroracle.hw.EnergyModel;
import org.neuroracle.hw.Kind;
import org.neuroracle.hw.ProfileValidator;
import org.neuroracle.hw.Workload;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class GpuEnergyMeasurementTest {
    /** A board drawing 80 W idle and 100 W while a forecast runs; each forecast takes 12 ms. */
    private static final class FakeBoard implements EnergyCounter {
        long nanos;
        double joules;
        void idle(long ns) { nanos += ns; joules += 80.0 * ns / 1e9; }
        void forecast() { nanos += 12_000_000; joules += 100.0 * 0.012; }
        @Override public double joules() { return joules; }
        @Override public String deviceName() { return "Fake GPU"; }
        @Override public void close() {}
    }

    @Test void energyPerForecastIsTheCounterIncreaseOverManyRepeats() {
        FakeBoard board = new FakeBoard();
        GpuEnergyMeasurement m = GpuEnergyMeasurement.measure(board, () -> board.nanos, board::forecast, board::idle,
                3, 2_000_000_000L, 4, 10, 1_000_000_000L);
        assertEquals(4 * 84, m.forecasts()); // 84 forecasts of 12 ms reach one second per block
        assertEquals(1.2, m.joulesPerForecast(), 1e-9);
        assertEquals(1.2, m.lowerJoulesPerForecast(), 1e-9);
        assertEquals(1.2, m.upperJoulesPerForecast(), 1e-9);
        assertEquals(80.0, m.idleWatts(), 1e-9);
        assertEquals(0.012 * 20, m.joulesAboveIdlePerForecast(), 1e-9);
        assertEquals(0.012, m.secondsPerForecast(), 1e-12);
    }

    @Test void pastedProfileLinesValidateAndMakeTheGpuEstimateCompleteAndMeasured() {
        FakeBoard board = new FakeBoard();
        GpuEnergyMeasurement m = GpuEnergyMeasurement.measure(board, () -> board.nanos, board::forecast, board::idle,
                0, 1_000_000_000L, 2, 5, 500_000_000L);
        String yaml = "schema_version: 1\nname: gpu\ndisplay_name: GPU\nvendor: Test\ndescription: measured\ntopology: {}\n"
                + m.profileLines("Fake GPU", "this repository, hardware-profiles/README.md", 448);
        ProfileValidator.Result r = ProfileValidator.validate(yaml, "gpu.yaml", "gpu");
        assertTrue(r.ok(), r.problems() + "\n" + yaml);
        Workload w = new Workload("w", 448, 0.1, 4000, 4000L * 448, 1000, 90_000, 4000L * 448, 0.99, 0.98, 1);
        EnergyEstimate e = EnergyModel.estimate(r.profile(), w);
        assertTrue(e.complete(), e.missing().toString());
        assertEquals(Kind.MEASURED, e.kind());
        assertEquals(1.2, e.totalJoules(), 1e-3); // 448 steps x the measured energy per step = one forecast
    }

    @Test void missingNvmlIsOneClearError() {
        assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "an NVIDIA driver is present here");
        NvmlException e = assertThrows(NvmlException.class, () -> new NvmlEnergyCounter(0));
        assertTrue(e.getMessage().contains("libnvidia-ml.so.1 not found"), e.getMessage());
    }

    @Test void theCommandRunsRepeatedForecastsOnARealBackendAndPrintsTheProfileLines() {
        double[] mj = {0};
        int[] reads = {0};
        EnergyCounter fake = new EnergyCounter() {
            @Override public double joules() { reads[0]++; return (mj[0] += 500) / 1000.0; } // 0.5 J more at every read
            @Override public String deviceName() { return "Fake GPU"; }
            @Override public void close() {}
        };
        String out = GpuEnergyMain.run(new String[]{"--backend", "cpu", "--device", "host", "--steps", "20", "--warmup", "1", "--idle-seconds", "1",
                "--blocks", "2", "--block-seconds", "0", "--min-forecasts", "3"}, i -> fake, ns -> {});
        assertEquals(6, reads[0], out); // idle window and two blocks, each read at both ends
        assertTrue(out.contains("gpu-energy: Fake GPU (NVML index 0), network cuba-fixed, 20 steps per forecast, backend cpu"), out);
        assertTrue(out.contains("run: 2 blocks, 6 forecasts"), out);
        assertTrue(out.contains("energy per forecast: 0.1667 J [0.1667, 0.1667]"), out); // 2 x 0.5 J over 6 forecasts
        assertTrue(out.contains("  per_step: {value: 8.333, unit: mJ, kind: measured, boundary: board"), out);
    }

    @Test void unknownOrBadOptionsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GpuEnergyMain.parse(new String[]{"--repeat", "5"}))
                .getMessage().contains("unknown option --repeat"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GpuEnergyMain.run(new String[]{"--steps", "-3"}))
                .getMessage().contains("--steps must be a non-negative integer"));
    }
}
