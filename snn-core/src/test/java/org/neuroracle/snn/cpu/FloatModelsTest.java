package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.StateSamples;
import org.neuroracle.snn.model.Alif;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Izhikevich;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NetworkBuilder;
import org.neuroracle.snn.model.NeuronModel;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.model.Synapse;
import org.neuroracle.snn.model.WeightSpec;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Single-neuron responses of the float models against their analytic solutions (float32 tolerances stated). */
class FloatModelsTest {
    private static final double DT = 0.1;

    private static StateSamples trace(NeuronModel model, String variable, int steps, double inputWeight, int inputStep) {
        NetworkBuilder b = Network.builder("single").dtMs(DT).population("n", 1, model);
        if (inputWeight != 0) {
            b.population("src", 1, new SpikeSourceArray(new int[]{inputStep}, new int[]{0}))
                    .projection("in", "src", "n", new Connector.OneToOne(), WeightSpec.constant(inputWeight), DelaySpec.constant(1), 0);
        }
        b.recordState("n", variable, null, 1);
        try (Simulation sim = new CpuBackend().compile(b.build(), Options.defaults())) {
            sim.run(steps);
            return sim.samples(0);
        }
    }

    @Test void exactLifRelaxesToBiasExponentially() {
        Lif m = new Lif(20, -70, -70, 100, 0, 15, List.of(Synapse.current(5)), Integration.EXACT);
        StateSamples s = trace(m, "v", 2000, 0, 0);
        for (int k = 0; k < 2000; k += 97) {
            double t = (k + 1) * DT;
            double expected = -70 + 15 * (1 - Math.exp(-t / 20));
            assertEquals(expected, s.values()[k][0], 2e-4, "v at step " + k); // float32 accumulation over 2000 steps
        }
    }

    @Test void eulerLifFollowsTheDiscreteEulerSolution() {
        Lif m = new Lif(10, 0, 0, 100, 0, 8, List.of(Synapse.current(5)), Integration.EULER);
        StateSamples s = trace(m, "v", 500, 0, 0);
        for (int k = 0; k < 500; k += 31) {
            double expected = 8 * (1 - Math.pow(1 - DT / 10, k + 1));
            assertEquals(expected, s.values()[k][0], 1e-4, "v at step " + k);
        }
    }

    @Test void exactLifGivesTheAlphaLikePostsynapticPotential() {
        double tauM = 20, tauS = 5, w = 2.0;
        Lif m = new Lif(tauM, 0, 0, 100, 0, 0, List.of(Synapse.current(tauS)), Integration.EXACT);
        StateSamples s = trace(m, "v", 400, w, 0);
        // The spike at step 0 arrives (delay 1) at the start of step 1; after step k, t = k * dt has elapsed.
        assertEquals(0.0, s.values()[0][0]);
        double peak = 0;
        for (int k = 1; k < 400; k++) {
            double t = k * DT;
            double expected = w * tauS / (tauS - tauM) * (Math.exp(-t / tauS) - Math.exp(-t / tauM));
            assertEquals(expected, s.values()[k][0], 1e-5, "v at step " + k);
            peak = Math.max(peak, s.values()[k][0]);
        }
        // Peak time of the difference of exponentials: t* = ln(tauM / tauS) * tauM tauS / (tauM - tauS).
        double tPeak = Math.log(tauM / tauS) * tauM * tauS / (tauM - tauS);
        double expectedPeak = w * tauS / (tauS - tauM) * (Math.exp(-tPeak / tauS) - Math.exp(-tPeak / tauM));
        assertEquals(expectedPeak, peak, 1e-4);
    }

    @Test void deltaSynapseJumpsTheMembraneByItsWeight() {
        Lif m = new Lif(20, 0, 0, 100, 0, 0, List.of(Synapse.delta()), Integration.EXACT);
        StateSamples s = trace(m, "v", 50, 0.7, 0);
        assertEquals(0.7, s.values()[1][0], 1e-6);
        assertEquals(0.7 * Math.exp(-10 * DT / 20), s.values()[11][0], 1e-6);
    }

    @Test void refractoryHoldsVAtResetForItsDuration() {
        // Strong bias: the neuron fires, is held at reset for 2 ms = 20 steps, then integrates again.
        Lif m = new Lif(10, 0, -5, 1, 2, 50, List.of(Synapse.current(5)), Integration.EXACT);
        StateSamples s = trace(m, "v", 200, 0, 0);
        int first = -1;
        for (int k = 0; k < 200 && first < 0; k++) if (s.values()[k][0] == -5) first = k;
        assertTrue(first >= 0, "neuron never fired");
        for (int k = first; k <= first + 20; k++) assertEquals(-5.0, s.values()[k][0], "held at reset at step " + k);
        assertTrue(s.values()[first + 21][0] > -5, "integrates again after the refractory period");
    }

    @Test void izhikevichRestsAtItsFixedPoint() {
        // With b = 0.2 and no input, v* = -70 mV and u* = b v* = -14 is an equilibrium.
        Izhikevich m = new Izhikevich(0.02, 0.2, -70, 8, 0, List.of(Synapse.current(5)));
        StateSamples s = trace(m, "v", 300, 0, 0);
        for (int k = 0; k < 300; k += 50) assertEquals(-70.0, s.values()[k][0], 1e-3);
    }

    @Test void izhikevichRegularSpikingFiresWithConstantInput() {
        Izhikevich m = new Izhikevich(0.02, 0.2, -65, 8, 10, List.of(Synapse.current(5)));
        Network net = Network.builder("rs").dtMs(DT).population("n", 1, m).build();
        try (Simulation sim = new CpuBackend().compile(net, Options.defaults())) {
            sim.run(10_000); // 1 s
            long spikes = sim.counters().spikes()[0];
            // Regular spiking with I = 10 fires tonically in the tens of Hz (Izhikevich 2003, Fig. 2).
            assertTrue(spikes > 5 && spikes < 100, "spikes in 1 s: " + spikes);
        }
    }

    @Test void alifAdaptationDecaysExponentiallyAfterASpike() {
        Alif m = new Alif(20, 0, 0, 0.5, 0, 0, 200, 1, List.of(Synapse.delta()), Integration.EXACT);
        StateSamples s = trace(m, "a", 300, 1.0, 0);
        // Spike in step 1 (the delta input pushes v over threshold): a = 1 then decays by exp(-dt / 200 ms) per step.
        for (int k = 1; k < 300; k += 37)
            assertEquals(Math.exp(-(k - 1 + 1) * DT / 200), s.values()[k][0], 1e-5, "a at step " + k);
    }
}
