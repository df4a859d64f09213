package org.neuroracle.bench.jmh;

import org.neuroracle.bench.networks.StandardNetworks;
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
 * A full step (deliver, update, emit, propagate) of the standard networks, after a 500 ms warm-up so the
 * network is in its steady state. {@code size} is the network: {@code microcircuit@S} is the Potjans-Diesmann
 * circuit at scale S; score = time per step (10,000 steps = 1 s simulated at dt 0.1 ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FullStepBenchmark {
    @Param({"cuba-fixed", "cuba", "coba", "brunel", "microcircuit@0.02", "microcircuit@0.1"})
    public String size;

    @Param({"cpu"})
    public String backend;

    /** Host threads for backends that use them; 0 lets the backend choose (e.g. {@code -p threads=1,2}). */
    @Param({"0"})
    public int threads;

    Simulation sim;

    @Setup(Level.Trial)
    public void setUp() {
        int at = size.indexOf('@');
        String name = at < 0 ? size : size.substring(0, at);
        Double scale = at < 0 ? null : Double.valueOf(size.substring(at + 1));
        var net = StandardNetworks.build(name, 1, scale);
        sim = Backends.byName(backend).compile(net, Options.defaults().withThreads(threads));
        sim.run((int) Math.round(500 / net.dtMs()));
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public void step() { sim.run(10); }

    @TearDown(Level.Trial)
    public void tearDown() { sim.close(); }
}
