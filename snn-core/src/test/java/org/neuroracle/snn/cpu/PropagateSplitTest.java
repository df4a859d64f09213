package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Projection;
import org.neuroracle.snn.model.Synapse;
import org.neuroracle.snn.model.WeightSpec;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Propagate's split rows: each partition adds exactly the synapses of a row whose targets it owns (the precomputed
 * part [from, to) of the sorted row), and every thread count gives the one-thread bits, on a Brunel shape whose
 * rows stay long enough at five threads for the interleaved, touched path, and on COBA shapes (rows of ~80: row by
 * row; per-synapse weights: in order).
 */
class PropagateSplitTest {
    /** Brunel's shape: delta synapses, one weight and one delay per projection, rows of ~500 targets, Poisson drive. */
    static Network longRowBrunel(long seed) {
        Lif model = new Lif(20, 0, 0, 20, 2, 0, List.of(Synapse.delta()), Integration.EXACT);
        return Network.builder("long-row-brunel").dtMs(0.1).seed(seed)
                .population("exc", 2000, model)
                .population("inh", 500, model)
                .projection("ee", "exc", "exc", new Connector.FixedFanIn(400, false), WeightSpec.constant(0.1), DelaySpec.constant(15), 0)
                .projection("ei", "exc", "inh", new Connector.FixedFanIn(400, false), WeightSpec.constant(0.1), DelaySpec.constant(15), 0)
                .projection("ie", "inh", "exc", new Connector.FixedFanIn(100, false), WeightSpec.constant(-0.5), DelaySpec.constant(15), 0)
                .projection("ii", "inh", "inh", new Connector.FixedFanIn(100, false), WeightSpec.constant(-0.5), DelaySpec.constant(15), 0)
                .background("exc", 0, 400 * 2 * 50.0, 0.1)
                .background("inh", 0, 400 * 2 * 50.0, 0.1)
                .build();
    }

    /** COBA's shape: two conductance channels, 2 % connectivity, one-step delay; uniform weights when {@code varied}. */
    static Network cobaShape(long seed, boolean varied) {
        Lif model = new Lif(20, -60, -60, -50, 5, 0, List.of(Synapse.conductance(5, 0), Synapse.conductance(10, -80)), Integration.EULER);
        var b = Network.builder("coba-shape").dtMs(0.1).seed(seed).population("exc", 3200, model).population("inh", 800, model);
        for (String p : new String[]{"exc", "inh"}) b.initialNormal(p, "v", -55, 5).initialNormal(p, "g0", 4, 1.5).initialNormal(p, "g1", 20, 12);
        WeightSpec we = varied ? new WeightSpec.Uniform(0.3, 0.9) : WeightSpec.constant(0.6), wi = varied ? new WeightSpec.Uniform(4, 9) : WeightSpec.constant(6.7);
        return b.projection("ee", "exc", "exc", new Connector.FixedProbability(0.02, false), we, DelaySpec.constant(1), 0)
                .projection("ei", "exc", "inh", new Connector.FixedProbability(0.02, false), we, DelaySpec.constant(1), 0)
                .projection("ie", "inh", "exc", new Connector.FixedProbability(0.02, false), wi, DelaySpec.constant(1), 1)
                .projection("ii", "inh", "inh", new Connector.FixedProbability(0.02, false), wi, DelaySpec.constant(1), 1)
                .build();
    }

    private static final class AlwaysThreaded extends ThreadSchedule {
        AlwaysThreaded() { super(() -> 0); }
        @Override boolean parallel() { return true; }
        @Override int chunk(long remaining) { return (int) Math.min(remaining, 50); }
        @Override void ran(int steps, long nanos) { }
    }

    private static String digest(Network net, int threads, int steps) {
        try (CpuSimulation sim = new CpuSimulation(net, threads, null, threads == 1 ? new ThreadSchedule() : new AlwaysThreaded())) {
            sim.run(steps);
            if (threads == 1) assertTrue(sim.counters().totalSpikes() > steps, net.name() + " must spike every step: " + sim.counters().totalSpikes());
            return Digest.of(sim);
        }
    }

    @Test void everyThreadCountGivesTheOneThreadBitsOnBrunelAndCobaShapes() {
        for (Network net : List.of(longRowBrunel(11), cobaShape(12, false), cobaShape(13, true))) {
            String one = digest(net, 1, 400);
            for (int threads : new int[]{2, 3, 5}) assertEquals(one, digest(net, threads, 400), net.name() + ", " + threads + " threads, every step threaded");
        }
    }

    /** Its rows onto exc (~400 targets) stay interleaved and touched at five threads; those onto inh (~100) do at two. */
    @Test void theBrunelShapeTakesTheTouchedInterleavedPathAtFiveThreads() {
        Network net = longRowBrunel(11);
        for (Projection p : net.projections())
            if (p.post() == 0) assertTrue(p.synapseCount() / p.preSize() / 5 >= PropagatePhase.MIN_INTERLEAVED_ROW_PART, p.name() + ": rows too short for the interleaved path at 5 threads");
        assertTrue(PropagatePhase.TOUCH_ROW_PARTS, "row parts are touched by default");
    }

    /** Each partition's part of every row holds exactly the row's synapses onto its own neurons, parts in partition order. */
    @Test void eachPartitionsRowPartIsExactlyItsTargets() {
        for (Network net : List.of(longRowBrunel(11), cobaShape(12, true)))
            for (int threads : new int[]{2, 3, 5})
                try (CpuSimulation sim = new CpuSimulation(net, threads, null, new AlwaysThreaded())) {
                    PropagatePhase ph = sim.propagatePhase();
                    for (int j = 0; j < net.projections().size(); j++) {
                        Projection p = net.projections().get(j);
                        int post = net.populations().get(p.post()).size();
                        for (int r = 0; r < p.preSize(); r++) {
                            int expectFrom = p.rowPtr()[r];
                            for (int k = 0; k < threads; k++) {
                                int lo = (int) ((long) post * k / threads), hi = (int) ((long) post * (k + 1) / threads);
                                int[] part = ph.rowPart(j, r, k);
                                assertEquals(expectFrom, part[0], p.name() + " row " + r + " partition " + k + " of " + threads + ": start");
                                int to = expectFrom;
                                while (to < p.rowPtr()[r + 1] && p.targets()[to] < hi) to++;
                                assertEquals(to, part[1], p.name() + " row " + r + " partition " + k + " of " + threads + ": end");
                                for (int s = part[0]; s < part[1]; s++)
                                    assertTrue(p.targets()[s] >= lo && p.targets()[s] < hi, p.name() + " row " + r + ": target " + p.targets()[s] + " outside [" + lo + ", " + hi + ")");
                                expectFrom = to;
                            }
                            assertEquals(p.rowPtr()[r + 1], expectFrom, p.name() + " row " + r + ": the parts cover the row");
                        }
                    }
                }
    }
}
