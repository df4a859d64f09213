package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.networks.BuiltinNetworks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeterminismTest {
    private static String run(Network net, int threads, int steps) {
        try (Simulation sim = new CpuBackend().compile(net, Options.defaults().withThreads(threads))) {
            sim.run(steps);
            return Digest.of(sim);
        }
    }

    @Test void digestIsTheSameOnEveryRunAndForOneOrTwoThreads() {
        for (String name : BuiltinNetworks.names()) {
            int steps = name.equals("brunel") ? 200 : 1000;
            Network net = BuiltinNetworks.byName(name, 5);
            String one = run(net, 1, steps);
            assertEquals(one, run(net, 1, steps), name + ": second run");
            assertEquals(one, run(net, 2, steps), name + ": two threads");
        }
        Network rebuilt = BuiltinNetworks.cubaFixed(5);
        assertEquals(run(BuiltinNetworks.cubaFixed(5), 1, 500), run(rebuilt, 3, 500), "three threads, rebuilt network");
    }

    /** Switches between threaded and serial (whole-population) steps every few steps, at odd points. */
    private static final class Alternating extends ThreadSchedule {
        private int calls;
        @Override boolean parallel() { return calls % 2 == 1; }
        @Override int chunk(long remaining) { return (int) Math.min(remaining, 7 + 13 * (calls % 3)); }
        @Override void ran(int steps, long nanos) { calls++; }
    }

    @Test void switchingBetweenSerialAndThreadedStepsDoesNotChangeResults() {
        for (String name : new String[]{"coba", "cuba-fixed"}) {
            Network net = BuiltinNetworks.byName(name, 5);
            try (Simulation sim = new CpuSimulation(net, 2, null, new Alternating())) {
                sim.run(1500);
                assertEquals(run(net, 1, 1500), Digest.of(sim), name + ": serial and threaded steps alternating");
            }
        }
    }

    @Test void splittingARunDoesNotChangeIt() {
        Network net = BuiltinNetworks.cubaFixed(3);
        try (Simulation sim = new CpuBackend().compile(net, Options.defaults().withThreads(2))) {
            sim.run(400);
            sim.run(1);
            sim.run(599);
            assertEquals(run(net, 1, 1000), Digest.of(sim));
        }
    }

    @Test void seedChangesTheDigest() {
        assertNotEquals(run(BuiltinNetworks.cubaFixed(1), 1, 300), run(BuiltinNetworks.cubaFixed(2), 1, 300));
    }

    @Test void cubaFixedTracksTheFloatCubaRate() {
        // The fixed-point CUBA is a quantisation of the float one: mean rates agree within 25% over 1 s.
        double fixed, flt;
        try (Simulation a = new CpuBackend().compile(BuiltinNetworks.cubaFixed(4), Options.defaults());
             Simulation b = new CpuBackend().compile(BuiltinNetworks.cuba(4), Options.defaults())) {
            a.run(10_000);
            b.run(10_000);
            fixed = a.counters().totalSpikes();
            flt = b.counters().totalSpikes();
        }
        assertTrue(Math.abs(fixed - flt) < 0.25 * flt, "fixed " + fixed + " vs float " + flt);
    }
}
