package org.neuroracle.forecast.service;

import java.util.List;

/**
 * Energy of one forecast on one hardware profile, from the hardware-profiles energy model: {@code joules} for the
 * event-driven run that produced the answer (spikes, synaptic events and membrane updates actually performed),
 * {@code denseJoules} for the same network run densely (every synapse and every neuron every step, as a clocked
 * dense accelerator would), NaN where the profile lacks the numbers. {@code kind} and {@code boundary} are those of
 * the estimate (measured|simulated|vendor|derived; core|chip|board|system).
 */
public record Energy(String profile, String displayName, double joules, double dynamicJoules, double idleJoules,
                     double denseJoules, String kind, String boundary, List<String> sources) {}
