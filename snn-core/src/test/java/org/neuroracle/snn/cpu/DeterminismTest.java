package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.RandomNetworks;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Synapse;
import org.neuroracle.snn.model.WeightSpec;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.util.List;

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

    /** Every chunk threaded: what the automatic schedule does on a quiet machine, which the test machine may not be. */
    private static final class AlwaysThreaded extends ThreadSchedule {
        AlwaysThreaded() { super(() -> 0); }
        @Override boolean parallel() { return true; }
        @Override int chunk(long remaining) { return (int) Math.min(remaining, 64); }
        @Override void ran(int steps, long nanos) { }
    }

    private static String digest(Network net, int threads, ThreadSchedule schedule, int steps) {
        try (Simulation sim = new CpuSimulation(net, threads, null, schedule)) {
            sim.run(steps);
            return Digest.of(sim);
        }
    }

    /**
     * Brunel's shape at a small size: float delta synapses, one weight per projection and one delay, so Propagate
     * takes the interleaved two-rows path; Poisson background; spikes every step.
     */
    static Network smallBrunel(long seed) { return smallBrunel(seed, DelaySpec.constant(15)); }

    static Network smallBrunel(long seed, DelaySpec delay) {
        Lif model = new Lif(20, 0, 0, 20, 2, 0, List.of(Synapse.delta()), Integration.EXACT);
        return Network.builder("small-brunel").dtMs(0.1).seed(seed)
                .population("exc", 1600, model)
                .population("inh", 400, model)
                .projection("ee", "exc", "exc", new Connector.FixedFanIn(160, false), WeightSpec.constant(0.1), delay, 0)
                .projection("ei", "exc", "inh", new Connector.FixedFanIn(160, false), WeightSpec.constant(0.1), delay, 0)
                .projection("ie", "inh", "exc", new Connector.FixedFanIn(40, false), WeightSpec.constant(-0.5), delay, 0)
                .projection("ii", "inh", "inh", new Connector.FixedFanIn(40, false), WeightSpec.constant(-0.5), delay, 0)
                .background("exc", 0, 160 * 2 * 62.5, 0.1)
                .background("inh", 0, 160 * 2 * 62.5, 0.1)
                .build();
    }

    @Test void threadedStepsGiveTheOneThreadResultsForAnyThreadCount() {
        Network brunel = smallBrunel(3);
        String one = digest(brunel, 1, new ThreadSchedule(), 600);
        try (Simulation sim = new CpuSimulation(brunel, 1, null, new ThreadSchedule())) {
            sim.run(600);
            assertTrue(sim.counters().totalSpikes() > 600, "the network must spike every step: " + sim.counters().totalSpikes());
        }
        for (int threads : new int[]{2, 3, 5})
            assertEquals(one, digest(brunel, threads, new AlwaysThreaded(), 600), "small brunel, " + threads + " threads, every step threaded");
        // Random fixed-point networks: varied weights (the interleaved integer path), varied delays (row by row),
        // sources, injections' absence, partitions smaller than a thread's share.
        for (long seed = 1; seed <= 12; seed++) {
            Network net = RandomNetworks.fixed(seed);
            String ref = digest(net, 1, new ThreadSchedule(), 300);
            assertEquals(ref, digest(net, 2, new AlwaysThreaded(), 300), "random network " + seed + ", 2 threads");
            assertEquals(ref, digest(net, 3, new Alternating(), 300), "random network " + seed + ", 3 threads alternating");
        }
    }

    /** Every chunk threaded, chunks of 1, 2, 5, 16 and 37 steps in turn: shorter and longer than the pipeline's lag. */
    private static final class ShortThreadedChunks extends ThreadSchedule {
        private static final int[] LENGTHS = {1, 2, 5, 16, 37};
        private int calls;
        ShortThreadedChunks() { super(() -> 0); }
        @Override boolean parallel() { return true; }
        @Override int chunk(long remaining) { return (int) Math.min(remaining, LENGTHS[calls % LENGTHS.length]); }
        @Override void ran(int steps, long nanos) { calls++; }
    }

    /**
     * Threaded Propagate follows Emit by the shortest delay less one step (0 for one-step delays, 14 for Brunel's
     * 15): for every such lag, constant delays (the interleaved rows) and mixed ones (row by row), any thread
     * count, and runs shorter than the lag (the pipeline fills and drains inside one chunk), the one-thread result.
     */
    @Test void pipelinedThreadedStepsGiveTheOneThreadResultsForEveryShortestDelay() {
        List<DelaySpec> delays = List.of(DelaySpec.constant(1), DelaySpec.constant(2), DelaySpec.constant(3),
                DelaySpec.constant(15), new DelaySpec.UniformInt(2, 9), new DelaySpec.UniformInt(15, 40));
        for (DelaySpec delay : delays) {
            Network net = smallBrunel(7, delay);
            String one = digest(net, 1, new ThreadSchedule(), 400);
            for (int threads : new int[]{2, 3, 4})
                assertEquals(one, digest(net, threads, new ShortThreadedChunks(), 400), delay + ", " + threads + " threads, short threaded chunks");
            assertEquals(one, digest(net, 2, new Alternating(), 400), delay + ", serial and threaded steps alternating");
        }
    }

    @Test void injectedSpikesJoinThreadedStepsInTheOneThreadOrder() {
        Network net = smallBrunel(4);
        String[] d = new String[2];
        for (int k = 0; k < 2; k++)
            try (Simulation sim = k == 0 ? new CpuSimulation(net, 1, null, new ThreadSchedule()) : new CpuSimulation(net, 2, null, new AlwaysThreaded())) {
                sim.run(100);
                sim.inject(0, new int[]{5, 900, 1599, 5}, new int[]{120, 120, 150, 151});
                sim.inject(1, 399, 130);
                sim.run(200);
                d[k] = Digest.of(sim);
            }
        assertEquals(d[0], d[1]);
    }

    @Test void resetAfterThreadedAndSerialStepsStartsAgainFromTheInitialState() {
        Network net = smallBrunel(5);
        String fresh = digest(net, 1, new ThreadSchedule(), 500);
        try (Simulation sim = new CpuSimulation(net, 2, null, new Alternating())) {
            sim.run(777);
            sim.reset();
            sim.run(500);
            assertEquals(fresh, Digest.of(sim), "after reset, serial and threaded steps alternating");
        }
    }

    @Test void switchingBetweenSerialAndThreadedStepsKeepsBrunelsResults() {
        Network net = smallBrunel(6);
        assertEquals(digest(net, 1, new ThreadSchedule(), 900), digest(net, 2, new Alternating(), 900));
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
