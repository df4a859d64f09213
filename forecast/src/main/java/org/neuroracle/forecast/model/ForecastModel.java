package org.neuroracle.forecast.model;

import java.util.Map;

/** A trained forecaster as stored in a model artifact. */
public sealed interface ForecastModel permits VoteModel, TreasuryModel, TreasuryEnsembleModel {
    /** The artifact kind (its header and file name). */
    String kind();

    /** What the model answers: {@code vote} or {@code treasury} (the service's endpoint). */
    default String family() { return kind(); }

    String description();

    /** The spiking network, or null for a model without one. */
    Reservoir reservoir();

    Map<String, String> training();

    Map<String, Double> metrics();
}
