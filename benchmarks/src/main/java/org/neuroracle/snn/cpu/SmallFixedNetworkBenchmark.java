package org.neuroracle.snn.cpu;

import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A run of a small fixed-point network shaped like the served vote model's reservoir (forecast's
 * {@code Reservoir}: 228 inputs driven by injection, 160 {@code cuba-lif-fixed} neurons with one channel, du 1024,
 * dv 512, vth 150, refractory 2, no bias, sparse input and recurrent synapses with delays 1..4): reset, inject,
 * 200 steps, as {@code Reservoir.Runner.run} does per forecast. Score: microseconds per 200-step run. With
 * {@code input=silent} nothing is injected, so every step after the first is one a quiet range skips.
 * {@code ./neuroracle bench --jmh --jmh-args '-f 1 -wi 3 -i 5 SmallFixedNetwork'}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SmallFixedNetworkBenchmark {
    static final int INPUTS = 228, NEURONS = 160, STEPS = 200;

    /** {@code bursts}: about 40 input spikes on a handful of steps per run (the served forecasts' regime). */
    @Param({"bursts", "silent"})
    public String input;

    Simulation sim;
    int[] injectNeurons, injectSteps;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(15);
        List<int[]> in = new ArrayList<>(), rec = new ArrayList<>();
        for (int i = 0; i < INPUTS; i++)
            for (int j = 0; j < NEURONS; j++)
                if (r.nextDouble() < 0.2) in.add(new int[]{i, j, (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(100)), 1});
        for (int i = 0; i < NEURONS; i++) {
            boolean inhibitory = r.nextDouble() < 0.2;
            for (int j = 0; j < NEURONS; j++)
                if (i != j && r.nextDouble() < 0.1) rec.add(new int[]{i, j, inhibitory ? -1 - r.nextInt(127) : 1 + r.nextInt(60), 1 + r.nextInt(4)});
        }
        Network n = Network.builder("small-fixed").dtMs(1.0).seed(1)
                .population("in", INPUTS, new SpikeSourceArray(new int[0], new int[0]))
                .population("res", NEURONS, new CubaLifFixed(new int[]{1024}, 512, 150, 0, 0, 2))
                .projection("in-res", "in", "res", explicit(in), null, null, 0, 0)
                .projection("res-res", "res", "res", explicit(rec), null, null, 0, 0)
                .build();
        sim = new CpuBackend().compile(n, Options.defaults().withThreads(1));
        List<int[]> spikes = new ArrayList<>();
        if (input.equals("bursts"))
            for (int burst = 0; burst < 6; burst++) {
                int step = burst * 30 + r.nextInt(10);
                for (int k = 0; k < 7; k++) spikes.add(new int[]{r.nextInt(INPUTS), step});
            }
        spikes.sort((a, b) -> Integer.compare(a[1], b[1]));
        injectNeurons = spikes.stream().mapToInt(x -> x[0]).toArray();
        injectSteps = spikes.stream().mapToInt(x -> x[1]).toArray();
    }

    private static Connector explicit(List<int[]> rows) {
        int[] pre = new int[rows.size()], post = new int[rows.size()], delay = new int[rows.size()];
        double[] w = new double[rows.size()];
        for (int k = 0; k < pre.length; k++) { int[] x = rows.get(k); pre[k] = x[0]; post[k] = x[1]; w[k] = x[2]; delay[k] = x[3]; }
        return new Connector.Explicit(pre, post, w, delay);
    }

    @Benchmark
    public long run() {
        sim.reset();
        if (injectNeurons.length > 0) sim.inject(0, injectNeurons, injectSteps);
        sim.run(STEPS);
        return sim.counters().totalMembraneUpdates();
    }

    @TearDown(Level.Trial)
    public void tearDown() { sim.close(); }
}
