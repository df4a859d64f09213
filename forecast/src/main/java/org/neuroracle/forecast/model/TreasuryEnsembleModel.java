package org.neuroracle.forecast.model;

import java.util.Map;

/**
 * The served treasury forecaster when the spiking model loses to a baseline: a {@link TreasuryEnsemble} (a median
 * of simple methods, each refitted on the query's own history) stored as a content-addressed artifact like the
 * spiking models. It has no network: its answer is pure IEEE double arithmetic with {@link StrictMath} in a fixed
 * order, so it is a function of (model bytes, input bytes) on every JVM, but it runs on no spiking backend.
 */
public record TreasuryEnsembleModel(String description, TreasuryEnsemble ensemble, int[] horizonsDays,
                                    Map<String, String> training, Map<String, Double> metrics) implements ForecastModel {
    public static final String KIND = "treasury-ensemble";

    public TreasuryEnsembleModel {
        if (ensemble == null) throw new IllegalArgumentException("treasury ensemble: ensemble is required");
        if (horizonsDays == null || horizonsDays.length == 0) throw new IllegalArgumentException("treasury ensemble: horizonsDays is required");
        for (int h : horizonsDays) if (h < 1 || h > 366) throw new IllegalArgumentException("treasury ensemble: horizon " + h + " days out of 1..366");
        horizonsDays = horizonsDays.clone();
        training = training == null ? Map.of() : Map.copyOf(training);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    @Override public String kind() { return KIND; }

    @Override public String family() { return "treasury"; }

    /** No spiking network. */
    @Override public Reservoir reservoir() { return null; }

    @Override public boolean equals(Object o) { return o == this; }

    @Override public int hashCode() { return System.identityHashCode(this); }
}
