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

/**
 * Spike propagation cost: Poisson sources fanning out into neurons that never fire (see
 * {@code BenchNetworks.propagation}); score = time per step, about 10 * fanOut synaptic events per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PropagationBenchmark {
    @Param({"10000", "100000"})
    public int targets;

    @Param({"100", "1000"})
    public int fanOut;

    /** {@code uniform}: delays 1..20 steps per synapse; {@code constant}: 15 steps (one ring slot per row). */
    @Param({"uniform", "constant"})
    public String delays;

    @Param({"cpu"})
    public String backend;

    /** Host threads for backends that use them; 0 lets the backend choose (e.g. {@code -p threads=1,2}). */
    @Param({"0"})
    public int threads;

    Simulation sim;

    @Setup(Level.Trial)
    public void setUp() {
        sim = Backends.byName(backend).compile(BenchNetworks.propagation(targets, fanOut, delays.equals("constant")), Options.defaults().withThreads(threads));
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public void step() { sim.run(10); }

    @TearDown(Level.Trial)
    public void tearDown() { sim.close(); }
}
