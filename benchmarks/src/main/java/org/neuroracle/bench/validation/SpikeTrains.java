package org.neuroracle.bench.validation;

import org.neuroracle.snn.backend.SpikeRaster;

import java.util.Arrays;

/**
 * The spike trains of one population inside an analysis window [fromStep, toStep), stored CSR-style:
 * the spike steps of neuron i are {@code steps[offsets[i] .. offsets[i+1])}, ascending. Built from a
 * {@link SpikeRaster} (our backends) or from plain (neuron, step) arrays (Brian2 output), so both simulators
 * go through exactly the same statistics code.
 */
public final class SpikeTrains {
    private final int neuronCount;
    private final int fromStep, toStep;
    private final double dtMs;
    private final int[] offsets;
    private final int[] steps;

    private SpikeTrains(int neuronCount, int fromStep, int toStep, double dtMs, int[] offsets, int[] steps) {
        this.neuronCount = neuronCount;
        this.fromStep = fromStep;
        this.toStep = toStep;
        this.dtMs = dtMs;
        this.offsets = offsets;
        this.steps = steps;
    }

    /** Spikes of {@code population} in the raster whose step lies in [fromStep, toStep). */
    public static SpikeTrains fromRaster(SpikeRaster raster, int population, int neuronCount, int fromStep, int toStep, double dtMs) {
        int n = 0;
        for (int k = 0; k < raster.size(); k++)
            if (raster.population(k) == population && raster.step(k) >= fromStep && raster.step(k) < toStep) n++;
        int[] neurons = new int[n], st = new int[n];
        int j = 0;
        for (int k = 0; k < raster.size(); k++)
            if (raster.population(k) == population && raster.step(k) >= fromStep && raster.step(k) < toStep) {
                neurons[j] = raster.neuron(k);
                st[j++] = raster.step(k);
            }
        return of(neurons, st, n, neuronCount, fromStep, toStep, dtMs);
    }

    /**
     * Spikes given as parallel arrays (any order); entries outside [fromStep, toStep) are ignored.
     *
     * @throws IllegalArgumentException when a neuron index is outside 0..neuronCount-1
     */
    public static SpikeTrains of(int[] neurons, int[] spikeSteps, int count, int neuronCount, int fromStep, int toStep, double dtMs) {
        if (neuronCount < 1) throw new IllegalArgumentException("spike trains: neuron count must be >= 1, got " + neuronCount);
        if (toStep <= fromStep) throw new IllegalArgumentException("spike trains: empty analysis window [" + fromStep + ", " + toStep + ")");
        if (!(dtMs > 0)) throw new IllegalArgumentException("spike trains: dt must be > 0 ms, got " + dtMs);
        int[] counts = new int[neuronCount + 1];
        for (int k = 0; k < count; k++) {
            int i = neurons[k];
            if (i < 0 || i >= neuronCount)
                throw new IllegalArgumentException("spike trains: spike " + k + " names neuron " + i + " outside 0.." + (neuronCount - 1));
            if (spikeSteps[k] >= fromStep && spikeSteps[k] < toStep) counts[i + 1]++;
        }
        for (int i = 0; i < neuronCount; i++) counts[i + 1] += counts[i];
        int[] offsets = counts.clone();
        int[] fill = Arrays.copyOf(counts, neuronCount);
        int[] st = new int[offsets[neuronCount]];
        for (int k = 0; k < count; k++)
            if (spikeSteps[k] >= fromStep && spikeSteps[k] < toStep) st[fill[neurons[k]]++] = spikeSteps[k];
        for (int i = 0; i < neuronCount; i++) Arrays.sort(st, offsets[i], offsets[i + 1]);
        return new SpikeTrains(neuronCount, fromStep, toStep, dtMs, offsets, st);
    }

    public int neuronCount() { return neuronCount; }
    public int fromStep() { return fromStep; }
    public int toStep() { return toStep; }
    public double dtMs() { return dtMs; }
    public double windowSeconds() { return (toStep - fromStep) * dtMs / 1000.0; }
    public int totalSpikes() { return steps.length; }
    public int spikeCount(int neuron) { return offsets[neuron + 1] - offsets[neuron]; }

    /** The k-th spike step of a neuron (0 <= k < spikeCount(neuron)). */
    public int spikeStep(int neuron, int k) { return steps[offsets[neuron] + k]; }

    /** Firing rate of each neuron in Hz over the window. */
    public double[] neuronRatesHz() {
        double[] r = new double[neuronCount];
        double w = windowSeconds();
        for (int i = 0; i < neuronCount; i++) r[i] = spikeCount(i) / w;
        return r;
    }
}
