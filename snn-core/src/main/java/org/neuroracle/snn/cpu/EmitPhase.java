package org.neuroracle.snn.cpu;

import org.neuroracle.snn.model.BackgroundInput;
import org.neuroracle.snn.model.CurrentInput;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NumericMode;
import org.neuroracle.snn.rng.PoissonTable;
import org.neuroracle.snn.rng.Streams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Deliver, Update and Emit of one step for a neuron range of every population: background draws and current
 * inputs into this step's ring slot, the population's update, and its spikes (ascending) into the partition's
 * spike list; counts updates and spikes and records the spikes of recorded populations.
 */
final class EmitPhase {
    private record BgState(int index, int channel, int[] table, int weightFixed, float weight) {}

    private final Network network;
    private final boolean fixed;
    private final PopState[] pops;
    private final BgState[][] backgroundByPop;
    private final CurrentInput[][] currentByPop;
    private final boolean[] recorded;
    private final IntList[][][] spikeLists;        // [step mod 2 batchSteps][population][thread]
    private final RecordedSpikes recordedSpikes;
    private final int[][] extraFixed;               // [thread][channel] scratch, padded
    final long[][] spikeCounts, updates;            // [thread][population], padded

    EmitPhase(Network network, PopState[] pops, int threads, IntList[][][] spikeLists, RecordedSpikes recordedSpikes) {
        this.network = network;
        this.fixed = network.mode() == NumericMode.FIXED;
        this.pops = pops;
        this.spikeLists = spikeLists;
        this.recordedSpikes = recordedSpikes;
        int np = pops.length;
        backgroundByPop = new BgState[np][];
        List<List<BgState>> bg = new ArrayList<>();
        for (int p = 0; p < np; p++) bg.add(new ArrayList<>());
        for (int b = 0; b < network.backgroundInputs().size(); b++) {
            BackgroundInput in = network.backgroundInputs().get(b);
            bg.get(in.population()).add(new BgState(b, in.channel(), PoissonTable.cdfThresholds(in.rateHz() * network.dtMs() / 1000.0), in.weightFixed(), in.weight()));
        }
        for (int p = 0; p < np; p++) backgroundByPop[p] = bg.get(p).toArray(new BgState[0]);
        currentByPop = new CurrentInput[np][];
        for (int p = 0; p < np; p++) {
            final int pp = p;
            currentByPop[p] = network.currentInputs().stream().filter(c -> c.population() == pp).toArray(CurrentInput[]::new);
        }
        recorded = new boolean[np];
        for (int p = 0; p < np; p++) recorded[p] = network.records(p);
        spikeCounts = new long[threads][np + CpuSimulation.PAD_LONGS];
        updates = new long[threads][np + CpuSimulation.PAD_LONGS];
        int maxCh = 1;
        for (PopState p : pops) maxCh = Math.max(maxCh, p.population.model().channels());
        extraFixed = new int[threads][maxCh + 2 * CpuSimulation.PAD_LONGS];
    }

    /** Deliver, Update and Emit of step t for neurons [lo[p], hi[p]) of every population p, as partition k. */
    void emitRange(int k, int[] lo, int[] hi, int t, int slot, int parity) {
        final int np = pops.length;
        final int[] extra = extraFixed[k];
        for (int p = 0; p < np; p++) {
            PopState ps = pops[p];
            IntList out = spikeLists[parity][p][k];
            out.clear();
            int a = lo[p], b = hi[p];
            if (a == b) continue;
            for (BgState bg : backgroundByPop[p])
                ps.addBackground(slot, a, b, bg.channel, network.seed(), Streams.BACKGROUND + bg.index, t, bg.table, bg.weightFixed, bg.weight);
            float drive = 0f;
            Arrays.fill(extra, 0, extra.length - 2 * CpuSimulation.PAD_LONGS, 0);
            for (CurrentInput c : currentByPop[p])
                if (c.activeAt(t)) {
                    if (fixed) extra[c.channel()] += (int) c.amplitude();
                    else drive += (float) c.amplitude();
                }
            updates[k][p] += ps.step(t, slot, a, b, extra, drive, out);
            int n = out.size;
            spikeCounts[k][p] += n;
            if (recorded[p] && n > 0) recordedSpikes.add(k, t, p, out, n);
        }
    }

    void clearCounts() {
        for (long[] c : spikeCounts) Arrays.fill(c, 0);
        for (long[] c : updates) Arrays.fill(c, 0);
    }
}
