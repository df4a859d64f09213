package org.neuroracle.bench.networks;

import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NetworkBuilder;
import org.neuroracle.snn.model.Synapse;
import org.neuroracle.snn.model.WeightSpec;
import org.neuroracle.snn.rng.Philox;

import java.util.List;

/**
 * The Potjans-Diesmann cortical microcircuit (Potjans &amp; Diesmann, Cereb. Cortex 24:785, 2014, doi:10.1093/cercor/bhs358):
 * 8 populations (E and I in layers 2/3, 4, 5, 6), 77,169 neurons and about 3e8 synapses at full scale, current-based
 * LIF neurons with exponential synaptic currents, Poisson background drive.
 * <p>Parameters are the published ones as distributed with NEST's PyNEST example (populations, connection
 * probabilities, external in-degrees, PSP 0.15 mV with 10 % relative SD, g = -4, doubled L4E to L2/3E weight,
 * delays 1.5 / 0.75 ms with 50 % relative SD, tau_m 10 ms, tau_syn 0.5 ms, t_ref 2 ms, V0 ~ N(-58, 10) mV).
 * <p>{@code scale} multiplies both neuron numbers and in-degrees (NEST's N_scaling = K_scaling). As in the NEST
 * example (after van Albada, Helias &amp; Diesmann, PLoS Comput Biol 11:e1004490, 2015), weights grow by
 * 1/sqrt(scale) and a DC bias restores the mean input lost with the missing synapses, computed from the
 * full-scale rates, so first-order statistics (rates) are preserved approximately.
 * <p>Deviations, stated so results are read correctly: connections are drawn as a fixed in-degree without
 * multapses (the original draws a fixed total number with multapses); delays are uniform integers in steps with
 * the published mean and standard deviation (the original uses a normal distribution truncated at dt);
 * exc. and inh. currents share one channel (both have tau_syn = 0.5 ms, so the dynamics are identical).
 */
public final class Microcircuit {
    public static final String NAME = "microcircuit";
    public static final List<String> POPULATIONS = List.of("L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I");
    static final int[] N_FULL = {20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948};
    /** Connection probabilities, [target][source]. */
    static final double[][] P = {
            {0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0},
            {0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0},
            {0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.0},
            {0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0},
            {0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0},
            {0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.0},
            {0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252},
            {0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443}};
    static final int[] K_EXT = {1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100};
    /** Full-scale mean rates in Hz (PD14; as listed in NEST's example), used for the DC compensation and validation. */
    public static final double[] FULL_SCALE_RATES_HZ = {0.971, 2.868, 4.746, 5.396, 8.142, 9.078, 0.991, 7.523};
    static final double PSP_EXC_MV = 0.15, PSP_REL_SD = 0.1, G = -4, BG_RATE_HZ = 8;
    static final double DELAY_EXC_MS = 1.5, DELAY_INH_MS = 0.75, DELAY_REL_SD = 0.5;
    static final double TAU_M_MS = 10, TAU_SYN_MS = 0.5, E_L_MV = -65, V_TH_MV = -50, V_RESET_MV = -65, T_REF_MS = 2;
    static final double V0_MEAN_MV = -58, V0_SD_MV = 10;
    static final double DT_MS = 0.1;
    private static final int STREAM_V0 = 0x0100_0000; // clear of snn-core's Streams ranges

    private Microcircuit() {}

    public static Network build(double scale, long seed) {
        if (!(scale > 0 && scale <= 1)) throw new IllegalArgumentException("microcircuit: --scale must be in (0, 1], got " + scale);
        int pops = N_FULL.length;
        int[] n = new int[pops];
        for (int i = 0; i < pops; i++) n[i] = Math.max(1, (int) Math.round(N_FULL[i] * scale));

        double wPerPsp = mvPerPspMv(TAU_M_MS, TAU_SYN_MS);
        double wExtFull = PSP_EXC_MV * wPerPsp;
        double sqrtK = Math.sqrt(scale);
        NetworkBuilder b = Network.builder(NAME).dtMs(DT_MS).seed(seed);
        for (int t = 0; t < pops; t++) {
            double recurrent = 0;
            for (int s = 0; s < pops; s++) recurrent += fullWeightMv(t, s, wPerPsp) * fullInDegree(t, s) * FULL_SCALE_RATES_HZ[s];
            double external = wExtFull * K_EXT[t] * BG_RATE_HZ;
            // Mean synaptic drive lost by scaling in-degrees by k and weights by 1/sqrt(k): tau_syn (1 - sqrt k) sum w K rate.
            double biasMv = 0.001 * TAU_SYN_MS * (1 - sqrtK) * (recurrent + external);
            Lif model = new Lif(TAU_M_MS, E_L_MV, V_RESET_MV, V_TH_MV, T_REF_MS, biasMv,
                    List.of(Synapse.current(TAU_SYN_MS)), Integration.EXACT);
            String name = POPULATIONS.get(t);
            b.population(name, n[t], model);
            b.initial(name, "v", initialV(seed, t, n[t]));
        }
        for (int t = 0; t < pops; t++)
            for (int s = 0; s < pops; s++) {
                if (P[t][s] == 0) continue;
                int inDegree = (int) Math.round(fullInDegree(t, s) * scale);
                if (inDegree == 0) continue;
                double mean = fullWeightMv(t, s, wPerPsp) / sqrtK;
                double sd = Math.abs(mean) * PSP_REL_SD;
                WeightSpec w = mean >= 0 ? new WeightSpec.Normal(mean, sd, 0, Double.MAX_VALUE)
                        : new WeightSpec.Normal(mean, sd, -Double.MAX_VALUE, 0);
                b.projection(POPULATIONS.get(s) + "->" + POPULATIONS.get(t), POPULATIONS.get(s), POPULATIONS.get(t),
                        new Connector.FixedFanIn(inDegree, false), w, delays(s % 2 == 0 ? DELAY_EXC_MS : DELAY_INH_MS), 0);
            }
        for (int t = 0; t < pops; t++)
            b.background(POPULATIONS.get(t), 0, K_EXT[t] * scale * BG_RATE_HZ, wExtFull / sqrtK);
        return b.build();
    }

    /** Full-scale in-degree: the expected total synapse count of PD14 (log(1-p)/log(1-1/(Npre Npost))) per target neuron. */
    static double fullInDegree(int target, int source) {
        double p = P[target][source];
        if (p == 0) return 0;
        double total = Math.log(1 - p) / Math.log(1 - 1.0 / ((double) N_FULL[source] * N_FULL[target]));
        return total / N_FULL[target];
    }

    /** Mean weight (mV of synaptic drive) at full scale: excitatory sources even, inhibitory odd; L4E to L2/3E doubled. */
    static double fullWeightMv(int target, int source, double wPerPsp) {
        double w = PSP_EXC_MV * wPerPsp * (source % 2 == 0 ? 1 : G);
        if (target == 0 && source == 2) w *= 2;
        return w;
    }

    /**
     * The jump of the synaptic drive g (mV) that gives a PSP peak of 1 mV for tau_m dv/dt = -v + g, dg/dt = -g/tau_s:
     * v(t) = g0 tau_s/(tau_s - tau_m) (e^{-t/tau_s} - e^{-t/tau_m}), peak at t* = ln(tau_m/tau_s) tau_m tau_s/(tau_m - tau_s).
     */
    static double mvPerPspMv(double tauM, double tauS) {
        double tPeak = Math.log(tauM / tauS) * tauM * tauS / (tauM - tauS);
        double peakPerUnit = tauS / (tauS - tauM) * (Math.exp(-tPeak / tauS) - Math.exp(-tPeak / tauM));
        return 1 / peakPerUnit;
    }

    /** Uniform integer delays in steps with the published mean and SD: half-width sd * sqrt(3). */
    static DelaySpec delays(double meanMs) {
        double halfWidthMs = meanMs * DELAY_REL_SD * Math.sqrt(3);
        int low = Math.max(1, (int) Math.round((meanMs - halfWidthMs) / DT_MS));
        int high = Math.max(low, (int) Math.round((meanMs + halfWidthMs) / DT_MS));
        return new DelaySpec.UniformInt(low, high);
    }

    private static double[] initialV(long seed, int population, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            double u1 = 1.0 - Philox.uniform(Philox.draw(seed, STREAM_V0 + population, i, 0));
            double u2 = Philox.uniform(Philox.draw(seed, STREAM_V0 + population, i, 1));
            double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            v[i] = (float) (V0_MEAN_MV + V0_SD_MV * z);
        }
        return v;
    }
}
