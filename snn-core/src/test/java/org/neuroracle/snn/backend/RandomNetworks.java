package org.neuroracle.snn.backend;

import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NetworkBuilder;
import org.neuroracle.snn.model.PoissonSource;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.model.WeightSpec;

import java.util.SplittableRandom;

/**
 * Seeded random fixed-point networks for cross-backend property tests: sizes, connectivity, delays, channels,
 * refractory periods, and every input kind vary with the seed. Shared through snn-core's test-jar.
 */
public final class RandomNetworks {
    private RandomNetworks() {}

    public static Network fixed(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        NetworkBuilder b = Network.builder("random-" + seed).seed(seed);
        int pops = 1 + r.nextInt(3);
        int[] channels = new int[pops];
        int[] vth = new int[pops];
        for (int p = 0; p < pops; p++) {
            int size = 1 + r.nextInt(r.nextBoolean() ? 40 : 400);
            channels[p] = 1 + r.nextInt(3);
            int[] du = new int[channels[p]];
            for (int c = 0; c < du.length; c++) du[c] = r.nextInt(r.nextBoolean() ? 4096 : 300);
            vth[p] = 1 + r.nextInt(r.nextBoolean() ? 200 : 20_000);
            int biasMant = r.nextInt(4) == 0 ? r.nextInt(-4096, 4096) : 0;
            b.population("p" + p, size, new CubaLifFixed(du, r.nextInt(4096), vth[p], biasMant, r.nextInt(8), r.nextInt(4) == 0 ? r.nextInt(20) : 0));
            if (r.nextBoolean()) b.initialUniform("p" + p, "v", -(vth[p] << 6), vth[p] << 6);
            if (r.nextBoolean()) b.initialUniform("p" + p, "u", -(1 << 20), 1 << 20);
        }
        int poissonSize = 1 + r.nextInt(50);
        b.population("poisson", poissonSize, new PoissonSource(r.nextInt(5, 400)));
        int arraySize = 1 + r.nextInt(10);
        int n = r.nextInt(60);
        int[] steps = new int[n], neurons = new int[n];
        for (int k = 0; k < n; k++) { steps[k] = r.nextInt(200); neurons[k] = r.nextInt(arraySize); }
        b.population("array", arraySize, new SpikeSourceArray(steps, neurons));
        String[] sources = {"poisson", "array"};
        int projections = 1 + r.nextInt(6);
        for (int j = 0; j < projections; j++) {
            int post = r.nextInt(pops);
            String pre = r.nextInt(3) == 0 ? sources[r.nextInt(2)] : "p" + r.nextInt(pops);
            Connector c = switch (r.nextInt(4)) {
                case 0 -> new Connector.FixedProbability(r.nextDouble() * 0.3, r.nextBoolean());
                case 1 -> new Connector.AllToAll(r.nextBoolean());
                case 2 -> new Connector.FixedFanIn(r.nextInt(1, 4), true);
                default -> new Connector.FixedProbability(0.05, false);
            };
            WeightSpec w = r.nextBoolean() ? WeightSpec.constant(r.nextInt(-128, 128)) : new WeightSpec.Uniform(-128, 127);
            DelaySpec d = r.nextBoolean() ? DelaySpec.constant(1 + r.nextInt(5)) : new DelaySpec.UniformInt(1, 1 + r.nextInt(20));
            b.projection("j" + j, pre, "p" + post, c, w, d, r.nextInt(channels[post]), r.nextInt(7));
        }
        if (r.nextBoolean()) b.background("p0", r.nextInt(channels[0]), r.nextInt(1, 5000), r.nextInt(-50, 100));
        if (r.nextBoolean()) b.current("p" + (pops - 1), 0, r.nextInt(50), 50 + r.nextInt(200), r.nextInt(-300, 300));
        return b.build();
    }
}
