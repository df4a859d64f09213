package org.neuroracle.snn.model;

/** Record the spikes of a population, or of the listed neurons only ({@code neurons == null}: all). */
public record SpikeProbe(int population, int[] neurons) {}
