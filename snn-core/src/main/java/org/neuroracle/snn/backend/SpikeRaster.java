package org.neuroracle.snn.backend;

import java.util.Arrays;

/**
 * Spikes as three parallel primitive arrays, sorted by (step, population, neuron). Immutable once built.
 */
public final class SpikeRaster {
    private final int[] steps, populations, neurons;

    public SpikeRaster(int[] steps, int[] populations, int[] neurons) {
        if (steps.length != populations.length || steps.length != neurons.length)
            throw new IllegalArgumentException("raster arrays differ in length");
        this.steps = steps;
        this.populations = populations;
        this.neurons = neurons;
    }

    /** Sorts copies of the given (possibly unordered) arrays into canonical order. */
    public static SpikeRaster sorted(int[] steps, int[] populations, int[] neurons, int count) {
        long[] keys = new long[count];
        for (int k = 0; k < count; k++) {
            if (populations[k] >= 1 << 10 || neurons[k] >= 1 << 26)
                return sortedSlow(steps, populations, neurons, count);
            keys[k] = ((long) steps[k] << 36) | ((long) populations[k] << 26) | neurons[k];
        }
        Arrays.sort(keys);
        int[] s = new int[count], p = new int[count], n = new int[count];
        for (int k = 0; k < count; k++) {
            s[k] = (int) (keys[k] >>> 36);
            p[k] = (int) ((keys[k] >>> 26) & 0x3FF);
            n[k] = (int) (keys[k] & 0x3FFFFFF);
        }
        return new SpikeRaster(s, p, n);
    }

    /**
     * The canonical raster of a network's recorded spikes: keeps only what its spike probes ask for (all spikes
     * when it has none), then sorts. Filters the given arrays in place.
     */
    public static SpikeRaster probed(org.neuroracle.snn.model.Network network, int[] steps, int[] populations, int[] neurons, int count) {
        if (!network.spikeProbes().isEmpty()) {
            int w = 0;
            for (int q = 0; q < count; q++)
                if (isProbed(network, populations[q], neurons[q])) { steps[w] = steps[q]; populations[w] = populations[q]; neurons[w] = neurons[q]; w++; }
            count = w;
        }
        return sorted(steps, populations, neurons, count);
    }

    private static boolean isProbed(org.neuroracle.snn.model.Network network, int population, int neuron) {
        for (org.neuroracle.snn.model.SpikeProbe sp : network.spikeProbes()) {
            if (sp.population() != population) continue;
            if (sp.neurons() == null) return true;
            for (int x : sp.neurons()) if (x == neuron) return true;
        }
        return false;
    }

    private static SpikeRaster sortedSlow(int[] steps, int[] populations, int[] neurons, int count) {
        Integer[] idx = new Integer[count];
        for (int k = 0; k < count; k++) idx[k] = k;
        Arrays.sort(idx, (a, b) -> steps[a] != steps[b] ? Integer.compare(steps[a], steps[b])
                : populations[a] != populations[b] ? Integer.compare(populations[a], populations[b]) : Integer.compare(neurons[a], neurons[b]));
        int[] s = new int[count], p = new int[count], n = new int[count];
        for (int k = 0; k < count; k++) { s[k] = steps[idx[k]]; p[k] = populations[idx[k]]; n[k] = neurons[idx[k]]; }
        return new SpikeRaster(s, p, n);
    }

    public int size() { return steps.length; }
    public int step(int k) { return steps[k]; }
    public int population(int k) { return populations[k]; }
    public int neuron(int k) { return neurons[k]; }

    public long countFor(int population) {
        long c = 0;
        for (int p : populations) if (p == population) c++;
        return c;
    }

    @Override public boolean equals(Object o) {
        return o instanceof SpikeRaster r && Arrays.equals(steps, r.steps) && Arrays.equals(populations, r.populations) && Arrays.equals(neurons, r.neurons);
    }

    @Override public int hashCode() { return Arrays.hashCode(steps) ^ Arrays.hashCode(neurons); }

    /** The first index where two rasters differ, or -1 when equal: for readable test failures. */
    public int firstDifference(SpikeRaster o) {
        int n = Math.min(size(), o.size());
        for (int k = 0; k < n; k++)
            if (steps[k] != o.steps[k] || populations[k] != o.populations[k] || neurons[k] != o.neurons[k]) return k;
        return size() == o.size() ? -1 : n;
    }

    @Override public String toString() { return "SpikeRaster{" + size() + " spikes}"; }
}
