package org.neuroracle.snn.model;

/**
 * How float models advance one step. EULER is forward Euler. EXACT integrates the linear sub-threshold dynamics
 * exactly over a step: exact for current synapses (the synaptic trace and the membrane are solved together);
 * for conductance synapses the conductances are held at their start-of-step value (exponential Euler), as exact
 * solutions do not exist.
 */
public enum Integration { EULER, EXACT }
