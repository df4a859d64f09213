package org.neuroracle.bench.jmh;

import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.cpu.CpuBackend;
import org.neuroracle.snn.networks.BuiltinNetworks;
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
 * A whole COBA or CUBA step ({@code network}) on one thread with the explicit-SIMD update ({@code vector=true}, snn-core's
 * {@code LifVectorKernel}) and with the auto-vectorised update plus scalar threshold scan and refractory list
 * ({@code vector=false}); both give the same bits. The fork resolves the incubating Vector API module, so it
 * prints the JVM's incubator warning. Score: time per step after 500 ms simulated.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CobaVectorBenchmark {
    @Param({"coba", "cuba"})
    public String network;

    @Param({"true", "false"})
    public boolean vector;

    Simulation sim;

    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty("neuroracle.cpu.vector", Boolean.toString(vector)); // read when the populations are built
        var net = BuiltinNetworks.byName(network, 1);
        sim = new CpuBackend().compile(net, Options.defaults().withThreads(1));
        sim.run((int) Math.round(500 / net.dtMs()));
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public void step() { sim.run(10); }

    @TearDown(Level.Trial)
    public void tearDown() { sim.close(); }
}
