package org.neuroracle.snn.networks;

import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.InvalidNetworkException;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Synapse;
import org.neuroracle.snn.model.WeightSpec;

import java.util.List;

/**
 * The standard networks, by name. Parameters follow the cited papers; dt is 0.1 ms; delays are one step
 * unless the paper gives one (Brian2's examples have no delay, so the one-step minimum here is the closest).
 */
public final class BuiltinNetworks {
    private BuiltinNetworks() {}

    public static List<String> names() { return List.of("cuba", "coba", "cuba-fixed", "brunel"); }

    public static Network byName(String name, long seed) {
        return switch (name) {
            case "cuba" -> cuba(seed);
            case "coba" -> coba(seed);
            case "cuba-fixed" -> cubaFixed(seed);
            case "brunel" -> brunel(seed);
            default -> throw new InvalidNetworkException("unknown network '" + name + "'; built-in networks are " + names()
                    + ", or give a network file (.json)");
        };
    }

    /**
     * Vogels & Abbott (2005) current-based benchmark as in Brette et al. (2007): 3200 excitatory + 800 inhibitory
     * LIF neurons, 2% connectivity, tau_m 20 ms, E_L -49 mV, threshold -50 mV, reset -60 mV, 5 ms refractory,
     * exponential currents (5 ms exc, 10 ms inh), w_e = 1.62 mV, w_i = -9 mV. Exact integration.
     */
    public static Network cuba(long seed) {
        Lif model = new Lif(20, -49, -60, -50, 5, 0,
                List.of(Synapse.current(5), Synapse.current(10)), Integration.EXACT);
        return Network.builder("cuba").dtMs(0.1).seed(seed)
                .population("exc", 3200, model)
                .population("inh", 800, model)
                .initialUniform("exc", "v", -60, -50)
                .initialUniform("inh", "v", -60, -50)
                .projection("exc_exc", "exc", "exc", new Connector.FixedProbability(0.02, false), WeightSpec.constant(1.62), DelaySpec.constant(1), 0)
                .projection("exc_inh", "exc", "inh", new Connector.FixedProbability(0.02, false), WeightSpec.constant(1.62), DelaySpec.constant(1), 0)
                .projection("inh_exc", "inh", "exc", new Connector.FixedProbability(0.02, false), WeightSpec.constant(-9), DelaySpec.constant(1), 1)
                .projection("inh_inh", "inh", "inh", new Connector.FixedProbability(0.02, false), WeightSpec.constant(-9), DelaySpec.constant(1), 1)
                .build();
    }

    /**
     * Vogels & Abbott (2005) conductance-based benchmark as in Brette et al. (2007): E_L -60 mV, E_e 0 mV,
     * E_i -80 mV, g_L 10 nS (tau_m 20 ms), w_e 6 nS and w_i 67 nS (0.6 and 6.7 in units of g_L), tau_e 5 ms,
     * tau_i 10 ms, threshold -50 mV, reset -60 mV, 5 ms refractory. Initial state as Brian2's example:
     * v ~ N(-65, 5) mV, g_e ~ N(4, 1.5), g_i ~ N(20, 12) in units of g_L. Forward Euler (see README).
     */
    public static Network coba(long seed) {
        Lif model = new Lif(20, -60, -60, -50, 5, 0,
                List.of(Synapse.conductance(5, 0), Synapse.conductance(10, -80)), Integration.EULER);
        var b = Network.builder("coba").dtMs(0.1).seed(seed)
                .population("exc", 3200, model)
                .population("inh", 800, model);
        for (String p : new String[]{"exc", "inh"})
            b.initialNormal(p, "v", -65, 5).initialNormal(p, "g0", 4, 1.5).initialNormal(p, "g1", 20, 12);
        return b.projection("exc_exc", "exc", "exc", new Connector.FixedProbability(0.02, false), WeightSpec.constant(0.6), DelaySpec.constant(1), 0)
                .projection("exc_inh", "exc", "inh", new Connector.FixedProbability(0.02, false), WeightSpec.constant(0.6), DelaySpec.constant(1), 0)
                .projection("inh_exc", "inh", "exc", new Connector.FixedProbability(0.02, false), WeightSpec.constant(6.7), DelaySpec.constant(1), 1)
                .projection("inh_inh", "inh", "inh", new Connector.FixedProbability(0.02, false), WeightSpec.constant(6.7), DelaySpec.constant(1), 1)
                .build();
    }

    /**
     * The CUBA network in {@code cuba-lif-fixed}. Scale: 1 mV = 126,420 state units (so w_e = 1.62 mV is the
     * 8-bit mantissa 16 after the u -> v step gain dt / tau_m and the << 6 input shift). Decays: du 80 (tau 5.06 ms),
     * 40 (10.1 ms), dv 20 (20.5 ms); threshold vth 19,753 (10 mV above reset); the bias 3395 << 1 holds v at the
     * E_L equivalent, 11 mV above reset; refractory 50 steps; w_i = -89 (-9 mV).
     */
    public static Network cubaFixed(long seed) {
        CubaLifFixed model = new CubaLifFixed(new int[]{80, 40}, 20, 19_753, 3395, 1, 50);
        return Network.builder("cuba-fixed").dtMs(0.1).seed(seed)
                .population("exc", 3200, model)
                .population("inh", 800, model)
                .initialUniform("exc", "v", 0, 19_753 << 6)
                .initialUniform("inh", "v", 0, 19_753 << 6)
                .projection("exc_exc", "exc", "exc", new Connector.FixedProbability(0.02, false), WeightSpec.constant(16), DelaySpec.constant(1), 0, 0)
                .projection("exc_inh", "exc", "inh", new Connector.FixedProbability(0.02, false), WeightSpec.constant(16), DelaySpec.constant(1), 0, 0)
                .projection("inh_exc", "inh", "exc", new Connector.FixedProbability(0.02, false), WeightSpec.constant(-89), DelaySpec.constant(1), 1, 0)
                .projection("inh_inh", "inh", "inh", new Connector.FixedProbability(0.02, false), WeightSpec.constant(-89), DelaySpec.constant(1), 1, 0)
                .build();
    }

    /**
     * Brunel (2000) model A in the asynchronous irregular regime (g = 5, eta = 2), with the parameters of NEST's
     * {@code pynest/examples/brunel_delta_nest.py}: 10,000 excitatory + 2,500 inhibitory {@code iaf_psc_delta}
     * neurons, fixed in-degree C_E = epsilon N_E = 1000 and C_I = 250 (epsilon = 0.1, multapses and autapses
     * allowed in NEST, neither here), J = 0.1 mV, J_I = -g J, delay 1.5 ms, tau_m 20 ms, threshold 20 mV,
     * E_L = V_reset = V_m(0) = 0 mV (the paper resets to 10 mV; NEST's example to 0), refractory 2 ms; external
     * drive: one Poisson input per neuron at C_E eta nu_thr = 20 kHz with nu_thr = theta / (J C_E tau_m) = 10 Hz.
     */
    public static Network brunel(long seed) {
        double tauMs = 20, thetaMv = 20, j = 0.1, g = 5, eta = 2;
        Lif model = new Lif(tauMs, 0, 0, thetaMv, 2, 0, List.of(Synapse.delta()), Integration.EXACT);
        int ne = 10_000, ni = 2_500, ce = ne / 10, ci = ni / 10;
        double nuThrHz = thetaMv / (j * ce * tauMs * 1e-3);
        DelaySpec delay = DelaySpec.constant(15); // 1.5 ms at dt 0.1 ms
        return Network.builder("brunel").dtMs(0.1).seed(seed)
                .population("exc", ne, model)
                .population("inh", ni, model)
                .projection("exc_all_e", "exc", "exc", new Connector.FixedFanIn(ce, false), WeightSpec.constant(j), delay, 0)
                .projection("exc_all_i", "exc", "inh", new Connector.FixedFanIn(ce, false), WeightSpec.constant(j), delay, 0)
                .projection("inh_all_e", "inh", "exc", new Connector.FixedFanIn(ci, false), WeightSpec.constant(-g * j), delay, 0)
                .projection("inh_all_i", "inh", "inh", new Connector.FixedFanIn(ci, false), WeightSpec.constant(-g * j), delay, 0)
                .background("exc", 0, ce * eta * nuThrHz, j)
                .background("inh", 0, ce * eta * nuThrHz, j)
                .build();
    }
}
