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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Per-step cost of the {@code opencl} backend by launch mode: {@code persistent} (one run_steps launch per batch,
 * a device-side step loop) against {@code per-step} (update_all + propagate, two launches per step), after a
 * 500 ms warm-up. A call runs 100 steps, as a {@code simulate} run would in its batches; score = time per step.
 * Skips nothing: without an OpenCL device the setup fails with the backend's reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OpenClStepBenchmark {
    @Param({"cuba-fixed", "coba", "brunel"})
    public String network;

    @Param({"persistent", "per-step"})
    public String launch;

    /** OpenCL device, as {@code --device} (index or name substring); empty = the backend's choice. */
    @Param({""})
    public String device;

    Simulation sim;

    @Setup(Level.Trial)
    public void setUp() {
        var net = StandardNetworks.build(network, 1, null);
        Options o = new Options(0, device.isEmpty() ? null : device, Map.of("launch", launch));
        sim = Backends.byName("opencl").compile(net, o);
        sim.run((int) Math.round(500 / net.dtMs()));
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public void step() { sim.run(100); }

    @TearDown(Level.Trial)
    public void tearDown() { sim.close(); }
}
