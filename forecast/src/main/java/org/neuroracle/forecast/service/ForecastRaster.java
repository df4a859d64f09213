package org.neuroracle.forecast.service;

import org.neuroracle.snn.backend.SpikeRaster;

import java.util.List;

/**
 * The forecast network's spikes for the dashboard: population names and sizes (indexed by the raster's population
 * numbers), the steps run and the step length.
 */
public record ForecastRaster(List<String> populationNames, List<Integer> populationSizes, int steps, double dtMs,
                             SpikeRaster spikes) {}
