package org.neuroracle.forecast.service;

/** The 10th, 50th and 90th percentile of a forecast quantity. */
public record Quantiles(double p10, double p50, double p90) {}
