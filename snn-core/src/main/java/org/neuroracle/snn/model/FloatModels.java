package org.neuroracle.snn.model;

import java.util.List;

final class FloatModels {
    private FloatModels() {}

    static void checkMembrane(String id, double tauMembraneMs, double vRestMv, double vResetMv, double vThresholdMv,
                              double refractoryMs, double biasMv) {
        InvalidNetworkException.require(tauMembraneMs > 0 && Double.isFinite(tauMembraneMs), id + ": tau_membrane_ms = " + tauMembraneMs + " must be a positive number");
        InvalidNetworkException.require(Double.isFinite(vRestMv), id + ": v_rest_mv must be finite");
        InvalidNetworkException.require(Double.isFinite(vResetMv), id + ": v_reset_mv must be finite");
        InvalidNetworkException.require(Double.isFinite(vThresholdMv), id + ": v_threshold_mv must be finite");
        InvalidNetworkException.require(vThresholdMv > vResetMv, id + ": v_threshold_mv (" + vThresholdMv + ") must be above v_reset_mv (" + vResetMv + ")");
        InvalidNetworkException.require(refractoryMs >= 0 && Double.isFinite(refractoryMs), id + ": refractory_ms = " + refractoryMs + " must be >= 0");
        InvalidNetworkException.require(Double.isFinite(biasMv), id + ": bias_mv must be finite");
    }

    /** Exact contribution to v after one step of a unit current trace decaying with tauSyn (Rotter & Diesmann 1999). */
    static double propagator(double dtMs, double tauM, double tauSyn) {
        if (Math.abs(tauSyn - tauM) < 1e-9 * tauM) return dtMs / tauM * Math.exp(-dtMs / tauM);
        return tauSyn / (tauSyn - tauM) * (Math.exp(-dtMs / tauSyn) - Math.exp(-dtMs / tauM));
    }

    static List<Synapse> checkSynapses(String id, List<Synapse> synapses) {
        InvalidNetworkException.require(synapses != null && !synapses.isEmpty() && synapses.size() <= 8, id + ": synapses must list 1..8 channels");
        return List.copyOf(synapses);
    }
}
