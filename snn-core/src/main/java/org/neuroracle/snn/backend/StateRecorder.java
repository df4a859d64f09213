package org.neuroracle.snn.backend;

import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.StateProbe;

import java.util.Arrays;
import java.util.List;

/**
 * The state samples of a network's state probes, shared by every backend: which steps are sampled, which
 * neurons each sample keeps, and the storage, as one growing primitive array per probe (no boxed lists).
 */
public final class StateRecorder {
    /** Reads the whole of one state variable of a population, as {@link Simulation#state}. */
    @FunctionalInterface public interface StateReader { double[] read(int population, String variable); }

    private final StateProbe[] probes;
    private final long[][] steps;
    private final double[][] values;
    private final int[] count, width;

    public StateRecorder(Network network) {
        List<StateProbe> ps = network.stateProbes();
        probes = ps.toArray(new StateProbe[0]);
        int n = probes.length;
        steps = new long[n][];
        values = new double[n][];
        count = new int[n];
        width = new int[n];
        for (int k = 0; k < n; k++) {
            StateProbe sp = probes[k];
            width[k] = sp.neurons() != null ? sp.neurons().length : network.populations().get(sp.population()).size();
            steps[k] = new long[0];
            values[k] = new double[0];
        }
    }

    public boolean isEmpty() { return probes.length == 0; }

    /** Whether any probe samples after step {@code t}. */
    public boolean due(long t) {
        for (StateProbe sp : probes) if ((t + 1) % sp.everySteps() == 0) return true;
        return false;
    }

    /** The first step at or after {@code t} after which some probe samples; {@link Long#MAX_VALUE} when none. */
    public long nextDue(long t) {
        long best = Long.MAX_VALUE;
        for (StateProbe sp : probes) {
            long every = sp.everySteps();
            best = Math.min(best, ((t + every) / every) * every - 1);
        }
        return best;
    }

    /** Records, after step {@code t}, every probe due then, reading each variable once through {@code reader}. */
    public void sample(long t, StateReader reader) {
        for (int k = 0; k < probes.length; k++) {
            StateProbe sp = probes[k];
            if ((t + 1) % sp.everySteps() != 0) continue;
            double[] all = reader.read(sp.population(), sp.variable());
            int c = count[k], w = width[k];
            if (c == steps[k].length) {
                int grown = Math.max(16, c * 2);
                steps[k] = Arrays.copyOf(steps[k], grown);
                values[k] = Arrays.copyOf(values[k], Math.multiplyExact(grown, w));
            }
            steps[k][c] = t;
            int[] sel = sp.neurons();
            double[] dst = values[k];
            if (sel == null) System.arraycopy(all, 0, dst, c * w, w);
            else for (int i = 0; i < w; i++) dst[c * w + i] = all[sel[i]];
            count[k] = c + 1;
        }
    }

    /** The samples of probe {@code probeIndex} so far, as {@link Simulation#samples} returns them. */
    public StateSamples samples(int probeIndex) {
        if (probeIndex < 0 || probeIndex >= probes.length)
            throw new IllegalArgumentException("samples: the network has " + probes.length + " state probe(s), not index " + probeIndex);
        int c = count[probeIndex], w = width[probeIndex];
        double[][] rows = new double[c][];
        for (int s = 0; s < c; s++) rows[s] = Arrays.copyOfRange(values[probeIndex], s * w, (s + 1) * w);
        return new StateSamples(Arrays.copyOf(steps[probeIndex], c), rows);
    }

    public void clear() { Arrays.fill(count, 0); }
}
