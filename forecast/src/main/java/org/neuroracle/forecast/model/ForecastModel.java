package org.neuroracle.forecast.model;

import java.util.Map;

/** A trained forecaster as stored in a model artifact. */
public sealed interface ForecastModel permits VoteModel, TreasuryModel {
    String kind();

    String description();

    Reservoir reservoir();

    Map<String, String> training();

    Map<String, Double> metrics();
}
