package org.neuroracle.snn.model;

/**
 * One input channel of a float neuron: an exponentially decaying synaptic variable g with time constant tauMs.
 * CURRENT channels add g (in mV) to the membrane drive; CONDUCTANCE channels add g * (reversalMv - v), with g
 * measured in units of the leak conductance.
 */
public record Synapse(double tauMs, Kind kind, double reversalMv) {
    public enum Kind { CURRENT, CONDUCTANCE }

    public Synapse {
        InvalidNetworkException.require(kind != null, "synapse: kind is required (current or conductance)");
        InvalidNetworkException.require(tauMs > 0 && Double.isFinite(tauMs), "synapse: tau_ms = " + tauMs + " must be a positive number");
        InvalidNetworkException.require(Double.isFinite(reversalMv), "synapse: reversal_mv = " + reversalMv + " must be finite");
    }

    public static Synapse current(double tauMs) { return new Synapse(tauMs, Kind.CURRENT, 0); }
    public static Synapse conductance(double tauMs, double reversalMv) { return new Synapse(tauMs, Kind.CONDUCTANCE, reversalMv); }
}
