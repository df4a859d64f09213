package org.neuroracle.snn.model;

/**
 * One input channel of a float neuron: an exponentially decaying synaptic variable g with time constant tauMs.
 * CURRENT channels add g (in mV) to the membrane drive; CONDUCTANCE channels add g * (reversalMv - v), with g
 * measured in units of the leak conductance; DELTA channels add their input (mV) straight to v after the
 * membrane update of the step (tauMs is ignored), as in NEST's iaf_psc_delta and NIR's LIF.
 */
public record Synapse(double tauMs, Kind kind, double reversalMv) {
    public enum Kind { CURRENT, CONDUCTANCE, DELTA }

    public Synapse {
        InvalidNetworkException.require(kind != null, "synapse: kind is required (current, conductance or delta)");
        if (kind == Kind.DELTA) tauMs = 0;
        else InvalidNetworkException.require(tauMs > 0 && Double.isFinite(tauMs), "synapse: tau_ms = " + tauMs + " must be a positive number");
        InvalidNetworkException.require(Double.isFinite(reversalMv), "synapse: reversal_mv = " + reversalMv + " must be finite");
    }

    /** Per-step decay factor of the trace, exp(-dt / tau); 0 for delta channels (their input lasts one step). */
    public double decay(double dtMs) { return kind == Kind.DELTA ? 0 : Math.exp(-dtMs / tauMs); }

    public static Synapse current(double tauMs) { return new Synapse(tauMs, Kind.CURRENT, 0); }
    public static Synapse delta() { return new Synapse(0, Kind.DELTA, 0); }
    public static Synapse conductance(double tauMs, double reversalMv) { return new Synapse(tauMs, Kind.CONDUCTANCE, reversalMv); }
}
