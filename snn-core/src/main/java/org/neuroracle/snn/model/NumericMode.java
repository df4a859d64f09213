package org.neuroracle.snn.model;

/** How a network's neuron state is represented. FIXED is bit-exact across backends; FLOAT is for research. */
public enum NumericMode { FIXED, FLOAT }
