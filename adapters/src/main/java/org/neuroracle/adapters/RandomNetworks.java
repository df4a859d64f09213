package org.neuroracle.adapters;

import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NetworkBuilder;
import org.neuroracle.snn.model.PoissonSource;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.model.WeightSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random fixed-point networks that exercise every part of the board ABI: several cuba-lif-fixed
 * populations with 1-3 channels, extreme decays, biases and refractory periods, spike-source arrays, Poisson
 * sources, background and current input, multi-step delays and weight exponents. The same seed always gives the
 * same network, so a failing seed reproduces.
 */
public final class RandomNetworks {
    private RandomNetworks() {}

    public static Network fixed(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        NetworkBuilder b = Network.builder("random-" + seed).dtMs(1.0).seed(seed);
        List<String> lif = new ArrayList<>(), all = new ArrayList<>();
        int nLif = 1 + r.nextInt(3);
        for (int p = 0; p < nLif; p++) {
            int channels = 1 + r.nextInt(3);
            int[] du = new int[channels];
            for (int c = 0; c < channels; c++) du[c] = r.nextInt(10) == 0 ? 4095 : r.nextInt(1200);
            int dv = r.nextInt(10) == 0 ? 0 : r.nextInt(800);
            int vth = 1 + r.nextInt(r.nextBoolean() ? 200 : 20_000);
            int biasMant = r.nextInt(3) == 0 ? 0 : r.nextInt(-4096, 4096);
            int biasExp = r.nextInt(8);
            int refractory = r.nextInt(3) == 0 ? 0 : r.nextInt(6);
            if (p == 0) {
                // The first population is driven by its bias alone (equilibrium v = bias * 4096 / dv above
                // threshold), so every network spikes and exercises propagation.
                dv = r.nextInt(400);
                vth = 1 + r.nextInt(2000);
                biasMant = 1000 + r.nextInt(3096);
                biasExp = 4 + r.nextInt(4);
            }
            String name = "lif" + p;
            b.population(name, 20 + r.nextInt(180), new CubaLifFixed(du, dv, vth, biasMant, biasExp, refractory));
            if (r.nextBoolean()) b.initialUniform(name, "v", -(vth << 6), vth << 6);
            lif.add(name);
            all.add(name);
        }
        if (r.nextBoolean()) {
            int size = 5 + r.nextInt(30), count = 20 + r.nextInt(200);
            int[] steps = new int[count], neurons = new int[count];
            for (int k = 0; k < count; k++) { steps[k] = r.nextInt(120); neurons[k] = r.nextInt(size); }
            b.population("array", size, new SpikeSourceArray(steps, neurons));
            all.add("array");
        }
        if (r.nextBoolean()) {
            b.population("poisson", 5 + r.nextInt(40), new PoissonSource(20 + r.nextInt(300)));
            all.add("poisson");
        }
        int nProj = 1 + r.nextInt(5);
        for (int j = 0; j < nProj; j++) {
            String pre = all.get(r.nextInt(all.size())), post = lif.get(r.nextInt(lif.size()));
            int maxDelay = 1 + r.nextInt(r.nextBoolean() ? 2 : 12);
            b.projection("proj" + j, pre, post, new Connector.FixedProbability(0.05 + r.nextDouble() * 0.3, true),
                    new WeightSpec.Uniform(-128, 127), new DelaySpec.UniformInt(1, maxDelay), 0, r.nextInt(7));
        }
        for (String p : lif) {
            if (r.nextInt(3) == 0) b.background(p, 0, 50 + r.nextInt(2000), r.nextInt(-200, 200));
            if (r.nextInt(4) == 0) { int from = r.nextInt(50); b.current(p, 0, from, from + r.nextInt(80), r.nextInt(-5000, 5000)); }
        }
        return b.build();
    }
}
