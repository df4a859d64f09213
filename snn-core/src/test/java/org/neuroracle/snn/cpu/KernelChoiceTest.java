package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.networks.BuiltinNetworks;

import static org.junit.jupiter.api.Assertions.*;

/** The per-run choice between the scalar path and the Vector API kernels: by run length, and the same bits. */
class KernelChoiceTest {
    @AfterEach void clearProperty() { System.clearProperty("neuroracle.cpu.vector"); }

    @Test void autoTakesEachKernelOnlyFromItsThreshold() {
        long n = 4000;
        for (KernelChoice.Kernel k : KernelChoice.Kernel.values()) {
            long at = k.autoNeuronSteps / n + 1;   // first whole step count at the threshold
            assertFalse(KernelChoice.vectorFor(KernelChoice.Mode.AUTO, k, n, 3_000), k.name());
            assertFalse(KernelChoice.vectorFor(KernelChoice.Mode.AUTO, k, n, at - 1), k.name());
            assertTrue(KernelChoice.vectorFor(KernelChoice.Mode.AUTO, k, n, at), k.name());
            assertTrue(KernelChoice.vectorFor(KernelChoice.Mode.AUTO, k, n, 1_000_000), k.name()); // 100 s of COBA
            assertFalse(KernelChoice.vectorFor(KernelChoice.Mode.AUTO, k, 160, 1_000_000), k.name()); // a served reservoir
            assertTrue(KernelChoice.vectorFor(KernelChoice.Mode.ALWAYS, k, 1, 1));
            assertFalse(KernelChoice.vectorFor(KernelChoice.Mode.NEVER, k, n, Long.MAX_VALUE / n));
        }
        // 10 s of COBA (100,000 steps) takes the float kernel but not the fixed one (session 15's measurements).
        var plan = new KernelChoice.Plan(KernelChoice.Mode.AUTO, n);
        assertEquals(new KernelChoice.Selection(true, false), plan.select(0, 100_000));
        assertEquals(KernelChoice.Selection.NONE, plan.select(0, 10_000));
        assertEquals(new KernelChoice.Selection(true, true), plan.select(0, 1_000_000));
    }

    /** The hand-written equals (CpuSimulation re-chooses kernels only when the selection changed): each of the four differs from the others. */
    @Test void selectionsAreEqualExactlyWhenBothKernelsAgree() {
        boolean[] tf = {false, true};
        for (boolean a : tf) for (boolean b : tf) for (boolean c : tf) for (boolean d : tf) {
            var x = new KernelChoice.Selection(a, b);
            var y = new KernelChoice.Selection(c, d);
            assertEquals(a == c && b == d, x.equals(y), x + " vs " + y);
            if (x.equals(y)) assertEquals(x.hashCode(), y.hashCode());
        }
        assertNotEquals(KernelChoice.Selection.NONE, null);
        assertNotEquals(KernelChoice.Selection.NONE, "NONE");
    }

    /**
     * An announced run taken in chunks (as bench does, 100 ms each) keeps the path chosen for its whole length to
     * its end: the choice is not re-made on the steps still ahead (which sent the second half of 100 s of COBA
     * back to the scalar path). An announced run just at the threshold, so the first chunk already leaves less.
     */
    @Test void aChunkedAnnouncedRunKeepsItsPathToTheEnd() {
        Network net = BuiltinNetworks.byName("coba", 3);
        long n = net.neuronCount(), at = KernelChoice.Kernel.FLOAT_LIF.autoNeuronSteps / n + 1;
        try (Simulation sim = new CpuBackend().compile(net, Options.defaults())) {
            CpuSimulation cs = (CpuSimulation) sim;
            sim.expectSteps(at);
            for (int chunk = 0; chunk < 4; chunk++) {
                sim.run(50);
                assertTrue(cs.kernels().floatLif(), "chunk " + chunk + " of an announced run of " + at + " steps");
            }
        }
        var plan = new KernelChoice.Plan(KernelChoice.Mode.AUTO, n);
        plan.expect(0, at);
        assertTrue(plan.select(at / 2, at / 2 + 1_000).floatLif());
        assertTrue(plan.select(at - 1, at).floatLif(), "the announced run's last step");
        assertFalse(plan.select(at, at + 1_000).any(), "after the announced run a short run is judged alone");
        plan.expect(5_000, at);
        assertFalse(plan.select(4_000, 5_000).any(), "before the announced run");
        assertTrue(plan.select(5_000 + at - 10, 5_000 + at).floatLif());
        plan.expect(5_000, 0);
        assertFalse(plan.select(5_000, 6_000).any(), "an empty announcement is none");
        assertThrows(IllegalArgumentException.class, () -> plan.expect(0, -1));
    }

    /** A float lif population takes only the float kernel's choice and a fixed one only the fixed kernel's. */
    @Test void eachPopulationTakesOnlyItsOwnKernel() {
        LifState lif = new LifState(BuiltinNetworks.byName("cuba", 3).populations().getFirst(), 0, 2, 0.1);
        FixedLifState fixed = new FixedLifState(BuiltinNetworks.byName("cuba-fixed", 3).populations().getFirst(), 0, 2);
        for (boolean f : new boolean[]{true, false})
            for (boolean x : new boolean[]{true, false}) {
                var selection = new KernelChoice.Selection(f, x);
                lif.useVectorKernel(selection);
                fixed.useVectorKernel(selection);
                assertEquals(f, lif.vectorKernelActive(), "float population, " + selection);
                assertEquals(x, fixed.vectorKernelActive(), "fixed population, " + selection);
            }
        // 10 s of cuba-fixed announced (400 M neuron updates): a run inside it takes the float kernel only, so its
        // fixed populations stay scalar.
        Network net = BuiltinNetworks.byName("cuba-fixed", 3);
        try (Simulation sim = new CpuBackend().compile(net, Options.defaults())) {
            CpuSimulation cs = (CpuSimulation) sim;
            sim.expectSteps(100_000);
            sim.run(100);
            assertEquals(new KernelChoice.Selection(true, false), cs.kernels());
        }
    }

    @Test void theModeComesFromThePropertyAndBadValuesAreNamed() {
        assertEquals(KernelChoice.Mode.AUTO, KernelChoice.configured());
        System.setProperty("neuroracle.cpu.vector", "auto");
        assertEquals(KernelChoice.Mode.AUTO, KernelChoice.configured());
        System.setProperty("neuroracle.cpu.vector", "true");
        assertEquals(KernelChoice.Mode.ALWAYS, KernelChoice.configured());
        System.setProperty("neuroracle.cpu.vector", "false");
        assertEquals(KernelChoice.Mode.NEVER, KernelChoice.configured());
        System.setProperty("neuroracle.cpu.vector", "yes");
        var e = assertThrows(IllegalArgumentException.class, KernelChoice::configured);
        assertEquals("neuroracle.cpu.vector: true, false or auto, got 'yes'", e.getMessage());
    }

    private static String digest(Network net, String mode, int steps) {
        if (mode == null) System.clearProperty("neuroracle.cpu.vector");
        else System.setProperty("neuroracle.cpu.vector", mode);
        try (Simulation sim = new CpuBackend().compile(net, Options.defaults())) {
            sim.run(steps);
            return Digest.of(sim);
        }
    }

    /**
     * By default short runs stay scalar, a long expected run (expectSteps, as bench does for its chunks) takes the
     * kernels, and switching back and forth inside one simulation (refractory neurons included) gives the bits of
     * either path alone.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"coba", "cuba", "cuba-fixed"})
    void switchingPathsMidRunKeepsTheBits(String name) {
        Network net = BuiltinNetworks.byName(name, 3);
        String scalar = digest(net, "false", 1800), vector = digest(net, "true", 1800);
        assertEquals(scalar, vector);
        System.clearProperty("neuroracle.cpu.vector");
        try (Simulation sim = new CpuBackend().compile(net, Options.defaults())) {
            CpuSimulation cs = (CpuSimulation) sim;
            sim.run(600);
            assertFalse(cs.kernels().any(), "600 steps must stay scalar");
            sim.expectSteps(KernelChoice.Kernel.FIXED_LIF.autoNeuronSteps);   // past both thresholds
            sim.run(300);
            assertEquals(new KernelChoice.Selection(true, true), cs.kernels(), "a long expected run must take the kernels");
            sim.run(300);                                     // still within the expected run
            assertTrue(cs.kernels().any());
            sim.expectSteps(0);
            sim.run(600);
            assertFalse(cs.kernels().any(), "a short run after the long one goes back to scalar");
            assertTrue(sim.counters().totalSpikes() > 100, "the network must spike");
            assertEquals(scalar, Digest.of(sim));
        }
    }
}
