package org.neuroracle.forecast.service;

import org.neuroracle.snn.backend.SpikeRaster;

import java.util.List;
import java.util.function.Supplier;

/**
 * The forecast network's spikes for the dashboard: population names and sizes (indexed by the raster's population
 * numbers), the steps run and the step length. The sorted raster is built on first use: only the journal's raster
 * endpoint and the DAO pages read it, so a served forecast does not pay for sorting its spikes.
 */
public final class ForecastRaster {
    private final List<String> populationNames;
    private final List<Integer> populationSizes;
    private final int steps;
    private final double dtMs;
    private Supplier<SpikeRaster> build;
    private SpikeRaster spikes;

    public ForecastRaster(List<String> populationNames, List<Integer> populationSizes, int steps, double dtMs, SpikeRaster spikes) {
        this(populationNames, populationSizes, steps, dtMs, () -> spikes);
    }

    /** {@code build} runs at most once, on the first {@link #spikes()}. */
    public ForecastRaster(List<String> populationNames, List<Integer> populationSizes, int steps, double dtMs, Supplier<SpikeRaster> build) {
        this.populationNames = List.copyOf(populationNames);
        this.populationSizes = List.copyOf(populationSizes);
        this.steps = steps;
        this.dtMs = dtMs;
        this.build = build;
    }

    public List<String> populationNames() { return populationNames; }
    public List<Integer> populationSizes() { return populationSizes; }
    public int steps() { return steps; }
    public double dtMs() { return dtMs; }

    public synchronized SpikeRaster spikes() {
        if (spikes == null) {
            spikes = build.get();
            build = null;
        }
        return spikes;
    }
}
