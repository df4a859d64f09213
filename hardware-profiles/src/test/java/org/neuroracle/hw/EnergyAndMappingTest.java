package org.neuroracle.hw;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Projection;
import org.neuroracle.snn.model.WeightSpec;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class EnergyAndMappingTest {
    /** A hand-made workload so every term can be checked by hand. */
    private static final Workload W = new Workload("w", 1000, 1.0, 100, 100_000, 500, 20_000, 60_000, 0.995, 0.9, 12_345);

    @Test void loihiChargesEveryPerEventFigureExactly() {
        EnergyEstimate e = EnergyModel.estimate(HardwareProfiles.byName("loihi"), W);
        double expected = 20_000 * 23.6e-12 + 60_000 * 81e-12 + 40_000 * 52e-12 + 500 * 1.7e-12;
        assertEquals(expected, e.dynamicJoules(), expected * 1e-12);
        assertEquals(Kind.SIMULATED, e.kind());
        assertEquals(Boundary.CORE, e.boundary());
        assertTrue(Double.isNaN(e.idleJoules()), "Loihi publishes no static power");
        assertTrue(e.missing().stream().anyMatch(m -> m.contains("static_power")), e.missing().toString());
        assertEquals(e.dynamicJoules(), e.totalJoules());
        assertTrue(e.sources().stream().allMatch(s -> s.contains("Davies")), e.sources().toString());
    }

    @Test void noTimeStepMeansNoStaticEnergyRatherThanAnAssumedRealTime() {
        EnergyEstimate e = EnergyModel.estimate(HardwareProfiles.byName("xylo-audio2"), W);
        assertFalse(e.hasIdle(), "a wall time is not assumed");
        assertFalse(e.hasDynamic());
        assertTrue(e.missing().get(0).startsWith("dynamic energy unknown"), e.missing().toString());
        assertTrue(e.missing().stream().anyMatch(m -> m.startsWith("wall time unknown")), e.missing().toString());
        assertFalse(e.complete());
        assertTrue(Double.isNaN(e.lowerJoules()) && !e.hasUpperBound());
    }

    /** The example: a 448-step treasury forecast on the H100 is launch-bound, ~12 ms of board time. */
    @Test void gpuForecastIsBoundedByBoardPowerOverTheMeasuredWallTime() {
        Workload forecast = new Workload("treasury", 448, 1.0, 100, 44_800, 200, 2_800, 10_000, 0.99, 0.9, 1000);
        EnergyEstimate e = EnergyModel.estimate(HardwareProfiles.byName("nvidia-h100"), forecast);
        assertEquals(448 * 27.4e-6, e.wallSeconds(), 1e-12);
        assertEquals(700 * 448 * 27.4e-6, e.upperJoules(), 1e-9); // 8.59 J
        assertEquals(2_800 * 0.354e-12, e.lowerJoules(), 1e-21);  // a lower-bound per-op figure, nothing more is known
        assertFalse(e.complete(), "idle board power is not published");
        assertTrue(e.missing().stream().anyMatch(m -> m.contains("static_power")), e.missing().toString());
        assertEquals(Kind.DERIVED, e.kind());
        assertEquals(Boundary.BOARD, e.boundary());
        // A measured step of the run that was actually performed wins over the recorded one.
        Quantity measured = new Quantity(HardwareProfile.TIME_STEP, 50, "us", Kind.MEASURED, "measured: this run", null, Quantity.Bound.EXACT, 0);
        assertEquals(700 * 448 * 50e-6, EnergyModel.estimate(HardwareProfiles.byName("nvidia-h100"), forecast, measured).upperJoules(), 1e-9);
    }

    @Test void aRunsOwnStepTimeGoesToTheProfileOfItsDevice() {
        assertEquals("desktop-x86", MeasuredStep.profileFor("cpu", "host"));
        assertEquals("nvidia-h100", MeasuredStep.profileFor("opencl", "NVIDIA H100 80GB HBM3"));
        assertNull(MeasuredStep.profileFor("opencl", "pthread-AMD EPYC"));
        assertNull(MeasuredStep.of("board:emulator", "emulator", 100, 1.0));
        MeasuredStep m = MeasuredStep.of("cpu", "host", 1000, 0.5);
        assertEquals(500e-6, m.step().base(), 1e-15);
        assertEquals(Kind.MEASURED, m.step().kind());
        assertNull(m.stepFor(HardwareProfiles.byName("loihi")));
        EnergyEstimate e = EnergyModel.estimate(HardwareProfiles.byName("desktop-x86"), W, m.stepFor(HardwareProfiles.byName("desktop-x86")));
        assertEquals(1000 * 500e-6, e.wallSeconds(), 1e-12);
        assertTrue(e.wallSource().startsWith("measured: this run, backend cpu"), e.wallSource());
    }

    @Test void acceleratedSystemsTakeWallTimeFromTheirAcceleration() {
        EnergyEstimate e = EnergyModel.estimate(HardwareProfiles.byName("brainscales2"), W);
        assertEquals(1.0 / 1000, e.wallSeconds(), 1e-15);
        assertTrue(e.wallSource().startsWith("derived: wall = steps x dt / acceleration"), e.wallSource());
    }

    private static HardwareProfile chip(String name, String boundary, String staticBound) {
        String yaml = """
                schema_version: 1
                name: %1$s
                display_name: Test chip
                vendor: Nobody
                description: A chip for tests.
                topology: {}
                timing:
                  time_step: {value: 1, unit: ms, kind: vendor, source: 'Test datasheet, https://example.org/t.pdf'}
                energy:
                  per_synaptic_op: {value: 10, unit: pJ, kind: measured, boundary: %2$s, source: 'Test paper, doi:10.1234/t'}
                  per_neuron_update_active: {value: 2, unit: pJ, kind: measured, boundary: %2$s, source: 'Test paper, doi:10.1234/t'}
                  per_neuron_update_inactive: {value: 1, unit: pJ, kind: measured, boundary: %2$s, source: 'Test paper, doi:10.1234/t'}
                  per_spike: {value: 5, unit: pJ, kind: measured, boundary: %2$s, source: 'Test paper, doi:10.1234/t'}
                  static_power: {value: 1, unit: mW, kind: measured, boundary: %2$s, bound: %3$s, source: 'Test paper, doi:10.1234/t'}
                  max_power: {value: 1, unit: W, kind: vendor, boundary: %2$s, source: 'Test datasheet, https://example.org/t.pdf'}
                """.formatted(name, boundary, staticBound);
        ProfileValidator.Result r = ProfileValidator.validate(yaml, name + ".yaml", name);
        assertTrue(r.ok(), r.problems().toString());
        return r.profile();
    }

    @Test void completeEstimateHasTightBoundsAndBoundsFollowTheFigures() {
        EnergyEstimate e = EnergyModel.estimate(chip("a", "chip", "exact"), W);
        double dynamic = 20_000 * 10e-12 + 60_000 * 2e-12 + 40_000 * 1e-12 + 500 * 5e-12;
        double stat = 1e-3 * 1000 * 1e-3;
        assertTrue(e.complete(), e.missing().toString());
        assertEquals(dynamic + stat, e.totalJoules(), 1e-15);
        assertEquals(e.totalJoules(), e.lowerJoules(), 1e-15);
        assertEquals(e.totalJoules(), e.upperJoules(), 1e-15);
        // An upper-bound static power contributes nothing to the lower end.
        EnergyEstimate u = EnergyModel.estimate(chip("b", "chip", "upper"), W);
        assertEquals(dynamic, u.lowerJoules(), 1e-15);
        assertEquals(dynamic + stat, u.upperJoules(), 1e-15);
        // A lower-bound static power leaves only the max-power envelope: 1 W x 1 s.
        EnergyEstimate l = EnergyModel.estimate(chip("c", "chip", "lower"), W);
        assertEquals(1.0, l.upperJoules(), 1e-12);
        assertTrue(l.complete());
    }

    @Test void measuredEnergyPerStepIsTheWholeEstimateAndMakesAGpuComparable() {
        String yaml = """
                schema_version: 1
                name: gpu
                display_name: GPU
                vendor: Test
                description: A launch-bound board measured with its energy counter.
                topology: {}
                timing:
                  time_step: {value: 25, unit: us, kind: measured, source: 'this repository, hardware-profiles/README.md'}
                energy:
                  per_synaptic_op: {value: 1, unit: pJ, kind: derived, boundary: board, bound: lower, source: 'derived: 700 W / 700e12 ops/s = 1 pJ (Test datasheet, https://example.org/t.pdf)'}
                  per_step: {value: 2.5, unit: mJ, kind: measured, boundary: board, source: 'this repository, hardware-profiles/README.md'}
                  max_power: {value: 700, unit: W, kind: vendor, boundary: board, source: 'Test datasheet, https://example.org/t.pdf'}
                """;
        ProfileValidator.Result r = ProfileValidator.validate(yaml, "gpu.yaml", "gpu");
        assertTrue(r.ok(), r.problems().toString());
        EnergyEstimate e = EnergyModel.estimate(r.profile(), W);
        assertTrue(e.complete(), e.missing().toString());
        assertEquals(W.steps() * 2.5e-3, e.totalJoules(), 1e-12); // the per-event lower bound is not added again
        assertEquals(e.totalJoules(), e.lowerJoules(), 1e-12);
        assertEquals(e.totalJoules(), e.upperJoules(), 1e-12);
        assertEquals(Kind.MEASURED, e.kind());
        assertEquals(Boundary.BOARD, e.boundary());
        EnergyEstimate board = EnergyModel.estimate(chip("d", "board", "exact"), W);
        EnergyComparison.Ratio ratio = assertInstanceOf(EnergyComparison.Ratio.class, EnergyComparison.of(e, board));
        assertEquals(e.totalJoules() / board.totalJoules(), ratio.central(), 1e-9);
        var chipOnly = assertInstanceOf(EnergyComparison.NotComparable.class, EnergyComparison.of(e, EnergyModel.estimate(chip("a", "chip", "exact"), W)));
        assertTrue(chipOnly.describe().contains("boundaries differ"), chipOnly.describe());
    }

    @Test void ratiosOnlyBetweenCompleteEstimatesAtTheSameBoundary() {
        EnergyEstimate a = EnergyModel.estimate(chip("a", "chip", "exact"), W), b = EnergyModel.estimate(chip("b", "chip", "upper"), W);
        EnergyEstimate board = EnergyModel.estimate(chip("d", "board", "exact"), W);
        EnergyEstimate gpu = EnergyModel.estimate(HardwareProfiles.byName("nvidia-h100"), W);
        EnergyComparison.Ratio r = assertInstanceOf(EnergyComparison.Ratio.class, EnergyComparison.of(a, b));
        assertEquals(a.totalJoules() / b.totalJoules(), r.central(), 1e-12);
        assertTrue(r.low() <= r.central() && r.central() <= r.high(), r.describe());
        var boundaries = assertInstanceOf(EnergyComparison.NotComparable.class, EnergyComparison.of(a, board));
        assertTrue(boundaries.describe().contains("boundaries differ"), boundaries.describe());
        var incomplete = assertInstanceOf(EnergyComparison.NotComparable.class, EnergyComparison.of(gpu, a));
        assertTrue(incomplete.describe().contains("nvidia-h100 is incomplete") && incomplete.describe().contains("static_power"), incomplete.describe());
        assertEquals(1, EnergyComparison.allRatios(java.util.List.of(a, b, board, gpu)).size());
    }

    @Test void weakestKindAndWidestBoundaryWin() {
        EnergyEstimate e = EnergyModel.estimate(HardwareProfiles.byName("loihi2"), W);
        assertEquals(Kind.DERIVED, e.kind());
        assertEquals(Boundary.SYSTEM, e.boundary());
        assertEquals(20_000 * 6.84e-12, e.dynamicJoules(), 1e-18);
    }

    @Test void softwareNeuronsAreChargedEveryStep() {
        EnergyEstimate e = EnergyModel.estimate(HardwareProfiles.byName("spinnaker"), W);
        assertEquals(20_000 * 43e-9 + 100_000 * 100e-9, e.dynamicJoules(), 1e-12);
    }

    @Test void everyProfileGivesAnEstimateForCubaFixed() {
        Network net = BuiltinNetworks.byName("cuba-fixed", 1);
        Counters c;
        try (Simulation sim = Backends.byName("cpu").compile(net, Options.defaults())) {
            sim.run(100);
            c = sim.counters();
        }
        Workload w = Workload.of(net, c);
        assertEquals(4000L * 100, w.neuronSteps());
        assertTrue(w.synapticOps() > 0 && w.activationSparsity() > 0.5 && w.activationSparsity() < 1);
        for (HardwareProfile p : HardwareProfiles.bundled()) {
            EnergyEstimate e = EnergyModel.estimate(p, w);
            assertTrue(e.hasDynamic() || e.hasIdle() || !e.missing().isEmpty(), p.name());
            if (e.hasDynamic()) assertTrue(e.dynamicJoules() > 0 && e.kind() != null && !e.sources().isEmpty(), p.name());
        }
        String report = EnergyReport.format(net, c, HardwareProfiles.bundled());
        for (String name : HardwareProfiles.names()) assertTrue(report.contains(name), report);
        assertTrue(report.contains("comparisons: none"), report);
    }

    @Test void mapperCountsCoresAndReportsEveryViolation() {
        Network net = BuiltinNetworks.byName("cuba-fixed", 1);
        MappingReport loihi = Mapper.map(net, HardwareProfiles.byName("loihi"));
        assertEquals(5, loihi.coresUsed()); // ceil(3200 / 1024) + ceil(800 / 1024)
        assertTrue(loihi.fits(), loihi.violations().toString());

        MappingReport xylo = Mapper.map(net, HardwareProfiles.byName("xylo-audio2"));
        String all = String.join("\n", xylo.violations());
        assertTrue(all.contains("4000 neurons exceed the chip's 1008"), all);
        assertTrue(all.contains("fan-out") && all.contains("the chip allows 64 targets per neuron"), all);
        assertFalse(all.contains("fan-in"), all); // Xylo publishes no fan-in limit
        assertTrue(Mapper.map(net, HardwareProfiles.byName("loihi")).unchecked().stream().anyMatch(u -> u.startsWith("fan-out per neuron")));
        assertTrue(all.contains("state needs 24 bits") && all.contains("16"), all);
        assertTrue(Mapper.map(net, HardwareProfiles.byName("akida-akd1000")).violations().stream().anyMatch(v -> v.contains("no leaky integrate-and-fire")));
        MappingReport dynap = Mapper.map(net, HardwareProfiles.byName("dynap-se2"));
        assertTrue(dynap.violations().stream().anyMatch(v -> v.contains("needs 8-bit weights; the chip has 4")), dynap.violations().toString());
        assertTrue(Mapper.map(net, HardwareProfiles.byName("loihi2")).unchecked().stream().anyMatch(u -> u.startsWith("weight bits")));
    }

    @Test void xyloFanOutLimitCountsOnChipNeuronsNotHostInputs() {
        CubaLifFixed m = new CubaLifFixed(100, 100, 100, 0, 0);
        Network fromHost = Network.builder("in").population("in", 4, new org.neuroracle.snn.model.SpikeSourceArray(new int[0], new int[0]))
                .population("hid", 100, m)
                .projection("ih", "in", "hid", new Connector.AllToAll(true), WeightSpec.constant(1), DelaySpec.constant(1), 0, 0).build();
        List<String> hostViolations = Mapper.map(fromHost, HardwareProfiles.byName("xylo-audio2")).violations();
        assertTrue(hostViolations.stream().noneMatch(v -> v.contains("fan-out")), hostViolations.toString());
        Network recurrent = Network.builder("rec").population("a", 4, m).population("hid", 100, m)
                .projection("ah", "a", "hid", new Connector.AllToAll(true), WeightSpec.constant(1), DelaySpec.constant(1), 0, 0).build();
        String all = String.join("\n", Mapper.map(recurrent, HardwareProfiles.byName("xylo-audio2")).violations());
        assertTrue(all.contains("neuron a[0] has fan-out 100; the chip allows 64 targets per neuron"), all);
    }

    @Test void truenorthLimitsDistinctWeightsAndFanOutCores() {
        CubaLifFixed m = new CubaLifFixed(100, 100, 100, 0, 0);
        Network net = Network.builder("tn").population("a", 300, m).population("b", 600, m)
                .projection("ab", "a", "b", new Connector.FixedProbability(0.5, false), new WeightSpec.Uniform(-100, 100), DelaySpec.constant(1), 0, 0)
                .build();
        MappingReport r = Mapper.map(net, HardwareProfiles.byName("truenorth"));
        String all = String.join("\n", r.violations());
        assertTrue(all.contains("distinct weights; the chip allows 4"), all);
        assertTrue(all.contains("projects to 3 cores; the chip allows 1"), all);
        assertTrue(all.contains("300 distinct input axons; the chip allows 256 per core"), all);
        assertEquals(2 + 3, r.coresUsed());
    }

    @Test void quantiserPicksSmallestExponentAndBoundsError() {
        Quantiser.Quantised q = Quantiser.quantise(new double[]{0.5, -1.0, 2.0, 0.0}, 100.0, 8);
        assertEquals(1, q.exponent()); // 200 > 127 needs one shift
        assertArrayEquals(new int[]{25, -50, 100, 0}, q.mantissas());
        assertEquals(0.0, q.maxAbsError());
        Quantiser.Quantised q4 = Quantiser.quantise(new double[]{1.0, -0.3}, 100.0, 4);
        assertEquals(4, q4.exponent()); // smallest e with round(100 / 2^e) <= 7
        assertArrayEquals(new int[]{6, -2}, q4.mantissas()); // 6.25 -> 6, -1.875 -> -2
        assertTrue(q4.maxAbsError() <= (1 << q4.exponent()) / 2.0 + 1e-9);
        assertEquals(4, Quantiser.signedBits(-8));
        assertEquals(5, Quantiser.signedBits(8));
    }

    @Test void requantisedProjectionFitsTheProfile() {
        Network net = BuiltinNetworks.byName("cuba-fixed", 1);
        Projection inh = net.projections().get(2); // weight -89: 8 bits
        Projection four = Quantiser.forProfile(inh, HardwareProfiles.byName("dynap-se2"), 1.0);
        for (int k = 0; k < four.synapseCount(); k++) {
            assertTrue(Quantiser.signedBits(four.weightMantissas()[k]) <= 4);
            assertEquals(-89, four.effectiveWeight(k), 1 << (four.weightExp() - 1));
        }
    }
}
