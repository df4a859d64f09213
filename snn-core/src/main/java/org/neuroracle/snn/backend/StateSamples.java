package org.neuroracle.snn.backend;

/** Samples of one state probe: {@code values[s][k]} is the k-th probed neuron after step {@code steps[s]}. */
public record StateSamples(long[] steps, double[][] values) {}
