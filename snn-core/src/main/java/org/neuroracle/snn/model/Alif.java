package org.neuroracle.snn.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Adaptive LIF (current or delta synapses): a {@link Lif} whose threshold rises by betaMv * a, where the adaptation
 * trace a jumps by 1 at each spike and decays with tauAdaptMs. Used by the recurrent forecasters.
 */
public record Alif(double tauMembraneMs, double vRestMv, double vResetMv, double vThresholdMv, double refractoryMs,
                   double biasMv, double tauAdaptMs, double betaMv, List<Synapse> synapses, Integration integration)
        implements LeakyMembrane {
    public static final String ID = "alif";

    public Alif {
        FloatModels.checkMembrane(ID, tauMembraneMs, vRestMv, vResetMv, vThresholdMv, refractoryMs, biasMv);
        InvalidNetworkException.require(tauAdaptMs > 0 && Double.isFinite(tauAdaptMs), ID + ": tau_adapt_ms = " + tauAdaptMs + " must be a positive number");
        InvalidNetworkException.require(betaMv >= 0 && Double.isFinite(betaMv), ID + ": beta_mv = " + betaMv + " must be >= 0");
        synapses = FloatModels.checkSynapses(ID, synapses);
        for (Synapse s : synapses)
            InvalidNetworkException.require(s.kind() != Synapse.Kind.CONDUCTANCE, ID + ": synapses must be current or delta");
        InvalidNetworkException.require(integration != null, ID + ": integration is required (euler or exact)");
    }

    @Override public String id() { return ID; }
    @Override public NumericMode mode() { return NumericMode.FLOAT; }
    @Override public int channels() { return synapses.size(); }

    /** Per-step decay of the adaptation trace, exp(-dt / tau_adapt). */
    public double adaptationDecay(double dtMs) { return Math.exp(-dtMs / tauAdaptMs); }

    /** v, a (adaptation), g0..g(c-1), ref. */
    @Override public List<String> stateVariables() {
        List<String> vars = new ArrayList<>();
        vars.add("v");
        vars.add("a");
        for (int c = 0; c < synapses.size(); c++) vars.add("g" + c);
        vars.add("ref");
        return List.copyOf(vars);
    }
}
