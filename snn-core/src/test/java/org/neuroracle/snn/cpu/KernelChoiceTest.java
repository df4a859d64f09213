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

    @Test void autoTakesTheKernelsOnlyFromTheThreshold() {
        long n = 4000, at = KernelChoice.AUTO_NEURON_STEPS / n + 1;   // first whole step count at the threshold
        assertFalse(KernelChoice.vectorFor(KernelChoice.Mode.AUTO, n, 3_000));
        assertFalse(KernelChoice.vectorFor(KernelChoice.Mode.AUTO, n, 100_000));
        assertFalse(KernelChoice.vectorFor(KernelChoice.Mode.AUTO, n, at - 1));
        assertTrue(KernelChoice.vectorFor(KernelChoice.Mode.AUTO, n, at));
        assertTrue(KernelChoice.vectorFor(KernelChoice.Mode.AUTO, n, 1_000_000)); // 100 s of COBA
        assertFalse(KernelChoice.vectorFor(KernelChoice.Mode.AUTO, 160, 1_000_000)); // a served reservoir
        assertTrue(KernelChoice.vectorFor(KernelChoice.Mode.ALWAYS, 1, 1));
        assertFalse(KernelChoice.vectorFor(KernelChoice.Mode.NEVER, n, Long.MAX_VALUE / n));
    }

    /**
     * An announced run taken in chunks (as bench does, 100 ms each) keeps the path chosen for its whole length to
     * its end: the choice is not re-made on the steps still ahead (which sent the second half of 100 s of COBA
     * back to the scalar path). An announced run just at the threshold, so the first chunk already leaves less.
     */
    @Test void aChunkedAnnouncedRunKeepsItsPathToTheEnd() {
        Network net = BuiltinNetworks.byName("coba", 3);
        long n = net.neuronCount(), at = KernelChoice.AUTO_NEURON_STEPS / n + 1;
        try (Simulation sim = new CpuBackend().compile(net, Options.defaults())) {
            CpuSimulation cs = (CpuSimulation) sim;
            sim.expectSteps(at);
            for (int chunk = 0; chunk < 4; chunk++) {
                sim.run(50);
                assertTrue(cs.vectorKernels(), "chunk " + chunk + " of an announced run of " + at + " steps");
            }
        }
        var plan = new KernelChoice.Plan(KernelChoice.Mode.AUTO, n);
        plan.expect(0, at);
        assertTrue(plan.vectorFor(at / 2, at / 2 + 1_000));
        assertTrue(plan.vectorFor(at - 1, at), "the announced run's last step");
        assertFalse(plan.vectorFor(at, at + 1_000), "after the announced run a short run is judged alone");
        plan.expect(5_000, at);
        assertFalse(plan.vectorFor(4_000, 5_000), "before the announced run");
        assertTrue(plan.vectorFor(5_000 + at - 10, 5_000 + at));
        plan.expect(5_000, 0);
        assertFalse(plan.vectorFor(5_000, 6_000), "an empty announcement is none");
        assertThrows(IllegalArgumentException.class, () -> plan.expect(0, -1));
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
            assertFalse(cs.vectorKernels(), "600 steps must stay scalar");
            sim.expectSteps(KernelChoice.AUTO_NEURON_STEPS);     // at least 2^30 neuron updates ahead
            sim.run(300);
            assertTrue(cs.vectorKernels(), "a long expected run must take the kernels");
            sim.run(300);                                     // still within the expected run
            assertTrue(cs.vectorKernels());
            sim.expectSteps(0);
            sim.run(600);
            assertFalse(cs.vectorKernels(), "a short run after the long one goes back to scalar");
            assertTrue(sim.counters().totalSpikes() > 100, "the network must spike");
            assertEquals(scalar, Digest.of(sim));
        }
    }
}
