package org.neuroracle.bench.jmh;

import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** Membrane update cost: one step of a network without synapses; score = time per step. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NeuronUpdateBenchmark {
    @Param({"1000", "10000", "100000"})
    public int neurons;

    @Param({"lif", "cuba-lif-fixed"})
    public String model;

    /** {@code silent}: no neuron reaches threshold; {@code firing}: most are refractory at any step ({@code BenchNetworks.firing}). */
    @Param({"silent", "firing"})
    public String activity;

    /** Any backend name {@code Backends.byName} knows; override with {@code -p backend=cpu,opencl}. */
    @Param({"cpu"})
    public String backend;

    /** Host threads for backends that use them; 0 lets the backend choose (e.g. {@code -p threads=1,2}). */
    @Param({"0"})
    public int threads;

    Simulation sim;

    @Setup(Level.Trial)
    public void setUp() {
        sim = Backends.byName(backend).compile(activity.equals("firing") ? BenchNetworks.firing(model, neurons) : BenchNetworks.neuronsOnly(model, neurons), Options.defaults().withThreads(threads));
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public void step() { sim.run(10); }

    @TearDown(Level.Trial)
    public void tearDown() { sim.close(); }
}
