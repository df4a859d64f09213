package org.neuroracle.distributed;

import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.StateSamples;

import java.util.Arrays;

/**
 * What a determinism test compares, as text: the digest (raster + final state), every counter, and every state
 * probe's samples (their float bits). Run and read identically in one process and on rank 0 of an mpirun job.
 */
final class RunReport {
    private RunReport() {}

    /** Runs {@code a} then {@code b} steps (two runs: batches must not straddle run boundaries wrongly), injecting a few spikes first. */
    static String of(Simulation sim, int a, int b) {
        if (sim.network().populations().size() > 1) sim.inject(1, new int[]{0, 1, 2}, new int[]{2, 2, a + 3});
        sim.run(a);
        sim.run(b);
        StringBuilder out = new StringBuilder();
        out.append("digest ").append(Digest.of(sim)).append('\n');
        Counters c = sim.counters();
        out.append("counters steps=").append(c.steps()).append(" spikes=").append(Arrays.toString(c.spikes()))
                .append(" synops=").append(Arrays.toString(c.synapticOps())).append(" updates=").append(Arrays.toString(c.membraneUpdates())).append('\n');
        for (int i = 0; i < sim.network().stateProbes().size(); i++) {
            StateSamples s = sim.samples(i);
            long h = Arrays.hashCode(s.steps());
            for (double[] row : s.values()) h = 31 * h + Arrays.hashCode(row);
            out.append("samples ").append(i).append(" rows=").append(s.steps().length).append(" hash=").append(h).append('\n');
        }
        return out.toString();
    }
}
