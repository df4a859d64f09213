package org.neuroracle.nir;

import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Synapse;

import java.util.List;

/**
 * How NIR's continuous-time neurons become the engine's step-based {@code lif} (documented in nir/README.md).
 * A spike is a unit input held for the step it arrives in (zero-order hold), the convention of the NIR paper's
 * exact LIF trace; the membrane then integrates exactly:
 * <ul>
 * <li>LIF/LI: a DELTA channel whose weight is R w (1 - e^{-dt/tau}), the exact jump of v over one held step;</li>
 * <li>CubaLIF/CubaLI: a CURRENT channel with tau_syn whose weight R w_in w (e^{dt/tau_syn} - 1) makes the synaptic
 * current at the end of each step equal the exact held-input solution (impulse-invariant for the current);</li>
 * <li>IF/I: no time constant to normalise by, so each input adds R w to v (Sinabs' convention), a DELTA channel on a
 * membrane whose tau is {@link #IF_TAU_MS} (its decay rounds to exactly 1 in float32).</li>
 * </ul>
 * Non-spiking LI, CubaLI and I get the threshold {@link #NEVER_MV}.
 */
public final class Discretisation {
    public static final double IF_TAU_MS = 1e12;
    public static final double NEVER_MV = 1e30;
    /** Name of the population that spikes every step and carries per-neuron biases as synapses. */
    public static final String CLOCK = "nir_bias";

    private Discretisation() {}

    /** Engine weight per unit NIR weight into a neuron of this model (R and w_in multiply it per neuron). */
    public static double weightScale(Lif m, double dtMs) {
        Synapse s = m.synapses().get(0);
        if (s.kind() == Synapse.Kind.CURRENT) return Math.expm1(dtMs / s.tauMs());
        if (m.tauMembraneMs() >= IF_TAU_MS) return 1;
        return -Math.expm1(-dtMs / m.tauMembraneMs());
    }

    /** A population that spikes in every step from step 0: bias_mv 2 against threshold 1 with a near-zero tau. */
    public static Lif clock(double dtMs) {
        return new Lif(dtMs / 64, 0, 0, 1, 0, 2, List.of(Synapse.delta()), Integration.EXACT);
    }

    /** A Threshold node's neuron: v forgets everything within one step (tau = dt / 64, decay e^-64), no bias. */
    public static boolean isMemoryless(Lif m, double dtMs) {
        return m.synapses().size() == 1 && m.synapses().get(0).kind() == Synapse.Kind.DELTA && m.biasMv() == 0
                && m.tauMembraneMs() <= dtMs / 64 * (1 + 1e-12) && m.vThresholdMv() < NEVER_MV;
    }

    /** An Output of a weighted sum: v is this step's summed input (memoryless, tau = dt / 64), never spikes. */
    public static Lif readout(double dtMs) {
        return new Lif(dtMs / 64, 0, 0, NEVER_MV, 0, 0, List.of(Synapse.delta()), Integration.EXACT);
    }

    /** Re-emits every spike it receives through a unit weight: an IF neuron with threshold 0.5 and reset to 0. */
    public static Lif relay() {
        return new Lif(IF_TAU_MS, 0, 0, 0.5, 0, 0, List.of(Synapse.delta()), Integration.EXACT);
    }

    public static boolean isClock(String name, Lif m, double dtMs) { return name.equals(CLOCK) && m.equals(clock(dtMs)); }

    /** Seconds (NIR's unit) that convert back to exactly {@code ms} by multiplying by 1000. */
    public static double seconds(double ms) {
        double s = ms / 1000;
        if (s * 1000 == ms) return s;
        if (Math.nextUp(s) * 1000 == ms) return Math.nextUp(s);
        if (Math.nextDown(s) * 1000 == ms) return Math.nextDown(s);
        return s;
    }
}
