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
 * Threaded steps of the cpu backend with every step threaded ({@code neuroracle.cpu.schedule=threads}), so the
 * score is the threads' own cost, not the schedule's choice: {@code threads} partitions, and {@code maxLag}, how
 * far Propagate may follow Emit (31: the shortest delay less one, the default; 0: the partitions in lockstep,
 * waiting for each other at every step). Score = time per step after 3,000 warm-up steps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ThreadedStepBenchmark {
    @Param({"brunel", "coba"})
    public String network;

    @Param({"1", "2"})
    public int threads;

    @Param({"31", "0"})
    public int maxLag;

    Simulation sim;

    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty("neuroracle.cpu.schedule", "threads");
        System.setProperty("neuroracle.cpu.maxLag", Integer.toString(maxLag));
        sim = Backends.byName("cpu").compile(StandardNetworks.build(network, 1, null), Options.defaults().withThreads(threads));
        sim.run(3_000);
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public void step() { sim.run(10); }

    @TearDown(Level.Trial)
    public void tearDown() {
        sim.close();
        System.clearProperty("neuroracle.cpu.schedule");
        System.clearProperty("neuroracle.cpu.maxLag");
    }
}
