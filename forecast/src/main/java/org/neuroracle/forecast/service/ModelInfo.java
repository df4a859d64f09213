package org.neuroracle.forecast.service;

import java.util.Map;

/** A loaded model: its content address, kind ("vote" or "treasury"), a description and headline metrics. */
public record ModelInfo(String modelId, String kind, String description, Map<String, Double> metrics) {}
