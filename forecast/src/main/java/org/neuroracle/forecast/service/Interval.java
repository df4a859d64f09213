package org.neuroracle.forecast.service;

/** A point forecast with a lower and upper bound (for P(pass): 10th..90th percentile of the bagged readouts). */
public record Interval(double value, double lower, double upper) {}
