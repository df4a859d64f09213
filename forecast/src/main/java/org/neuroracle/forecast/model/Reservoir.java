package org.neuroracle.forecast.model;

import org.neuroracle.forecast.encode.InputSpikes;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.rng.Philox;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed-point spiking reservoir: an input population (spike source, driven by injection) projecting sparsely onto
 * a recurrent population of {@code cuba-lif-fixed} neurons. The synapses are drawn once from Philox with the seed
 * and stored explicitly in the model artifact, so the served network does not depend on any generator code.
 * There is no bias and no background input: a silent input leaves the reservoir silent (zero state is skipped),
 * which is what makes the event-driven cost proportional to the news in the input.
 */
public record Reservoir(int inputs, int neurons, int du, int dv, int vth, int refractorySteps, int weightExp,
                        int[] inPre, int[] inPost, int[] inWeight, int[] recPre, int[] recPost, int[] recWeight,
                        int[] recDelay) {

    public static final String INPUT = "in";
    public static final String RESERVOIR = "res";

    public Reservoir {
        if (inputs < 1 || neurons < 1) throw new IllegalArgumentException("reservoir: inputs and neurons must be >= 1");
        check(inPre, inPost, inWeight, null, inputs, neurons, "reservoir.input");
        check(recPre, recPost, recWeight, recDelay, neurons, neurons, "reservoir.recurrent");
    }

    private static void check(int[] pre, int[] post, int[] w, int[] d, int nPre, int nPost, String at) {
        if (pre == null || post == null || w == null || pre.length != post.length || pre.length != w.length || (d != null && d.length != pre.length))
            throw new IllegalArgumentException(at + ": synapse arrays must be present and of equal length");
        for (int k = 0; k < pre.length; k++) {
            if (pre[k] < 0 || pre[k] >= nPre || post[k] < 0 || post[k] >= nPost) throw new IllegalArgumentException(at + "[" + k + "]: neuron index out of range");
            if (w[k] < -128 || w[k] > 127) throw new IllegalArgumentException(at + "[" + k + "]: weight " + w[k] + " is not an 8-bit mantissa");
            if (d != null && (d[k] < 1 || d[k] > 64)) throw new IllegalArgumentException(at + "[" + k + "]: delay " + d[k] + " outside 1..64");
        }
    }

    /**
     * Draws a reservoir: each input reaches each reservoir neuron with probability pIn (weight uniform in
     * [-inWeight, inWeight] excluding 0), recurrent pairs with probability pRec; 80% of reservoir neurons are
     * excitatory (positive out-weights), 20% inhibitory (negative, twice as strong), delays 1..4 steps.
     */
    public static Reservoir random(int inputs, int neurons, double pIn, int inWeightMax, double pRec, int recWeightMax, int vth, long seed) {
        List<int[]> in = new ArrayList<>(), rec = new ArrayList<>();
        for (int i = 0; i < inputs; i++)
            for (int j = 0; j < neurons; j++) {
                if (Philox.uniform(Philox.draw(seed, 1, i, j)) >= pIn) continue;
                int w = 1 + (int) (Philox.uniform(Philox.draw(seed, 2, i, j)) * inWeightMax);
                if (Philox.uniform(Philox.draw(seed, 3, i, j)) < 0.3) w = -w;
                in.add(new int[]{i, j, w, 1});
            }
        for (int i = 0; i < neurons; i++) {
            boolean inhibitory = Philox.uniform(Philox.draw(seed, 4, i, 0)) < 0.2;
            for (int j = 0; j < neurons; j++) {
                if (i == j || Philox.uniform(Philox.draw(seed, 5, i, j)) >= pRec) continue;
                int w = 1 + (int) (Philox.uniform(Philox.draw(seed, 6, i, j)) * recWeightMax);
                if (inhibitory) w = -Math.min(128, 2 * w);
                int d = 1 + (int) (Philox.uniform(Philox.draw(seed, 7, i, j)) * 4);
                rec.add(new int[]{i, j, w, d});
            }
        }
        return new Reservoir(inputs, neurons, 1024, 512, vth, 2, 0,
                col(in, 0), col(in, 1), col(in, 2), col(rec, 0), col(rec, 1), col(rec, 2), col(rec, 3));
    }

    private static int[] col(List<int[]> rows, int c) {
        int[] out = new int[rows.size()];
        for (int k = 0; k < out.length; k++) out[k] = rows.get(k)[c];
        return out;
    }

    public long synapseCount() { return inPre.length + recPre.length; }

    /** The snn-core network: population 0 is the input source, population 1 the reservoir. */
    public Network network(String name) {
        var b = Network.builder(name).dtMs(1.0).seed(1);
        b.population(INPUT, inputs, new SpikeSourceArray(new int[0], new int[0]));
        b.population(RESERVOIR, neurons, new CubaLifFixed(new int[]{du}, dv, vth, 0, 0, refractorySteps));
        b.projection("in-res", INPUT, RESERVOIR, new Connector.Explicit(inPre, inPost, toDouble(inWeight), ones(inPre.length)), null, null, 0, weightExp);
        b.projection("res-res", RESERVOIR, RESERVOIR, new Connector.Explicit(recPre, recPost, toDouble(recWeight), recDelay.clone()), null, null, 0, weightExp);
        return b.build();
    }

    private static double[] toDouble(int[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    /** One run's result: reservoir spikes (population 1 in the raster) and the work counters. */
    public record Run(SpikeRaster raster, Counters counters, int steps) {}

    /**
     * A compiled reservoir on a backend, reused across runs (reset between them). Not thread-safe: one per thread.
     */
    public static final class Runner implements AutoCloseable {
        private final Simulation sim;
        private final Network network;

        public Runner(Reservoir r, String backendName) {
            this(r.network("reservoir"), backendName);
        }

        public Runner(Network network, String backendName) {
            this(network, Backends.byName(backendName));
        }

        /** With a backend already looked up (ServiceLoader scans are not free). */
        public Runner(Network network, Backend backend) {
            this.network = network;
            this.sim = backend.compile(network, Options.defaults().withThreads(1));
        }

        public Network network() { return network; }

        public Run run(InputSpikes input) {
            sim.reset();
            sim.inject(0, input.neurons(), input.steps());
            sim.run(input.totalSteps());
            return new Run(sim.spikes(), sim.counters(), input.totalSteps());
        }

        @Override public void close() { sim.close(); }
    }
}
