package org.neuroracle.forecast.service;

import java.util.List;

/**
 * A treasury forecast: per horizon the 10/50/90% quantiles of total inflow, total outflow (token amounts over the
 * horizon) and of the balance at its end (null when the series carries no balance); {@code runwayDays} is the
 * balance divided by the median net daily burn over the longest horizon, or null when there is no net burn or no
 * balance; {@code runwayLowDays} / {@code runwayHighDays} divide it by the high burn (outflow p90 - inflow p10) and
 * the low burn (outflow p10 - inflow p90): the 10% and 90% bounds, null where that burn is not positive (no zero in
 * sight). {@code backend} / {@code numericMode} are {@code none} / {@code float64-strict} for a model without a network.
 */
public record TreasuryForecast(String modelId, String inputHash, byte[] outputBytes, String backend, String numericMode,
                               List<Energy> energy, List<Horizon> horizons, Double runwayDays, Double runwayLowDays,
                               Double runwayHighDays, ForecastRaster raster) {
    public record Horizon(int days, Quantiles inflow, Quantiles outflow, Quantiles balance) {}

    public String outputText() { return new String(outputBytes, java.nio.charset.StandardCharsets.UTF_8); }
}
