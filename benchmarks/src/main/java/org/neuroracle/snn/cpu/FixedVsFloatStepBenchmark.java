package org.neuroracle.snn.cpu;

import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Synapse;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Issue 15's "cuba-fixed no slower than cuba" in one JMH run: per step of the whole built-in networks
 * ({@code cuba}, {@code cuba-fixed}: update, threshold, refractory hold, propagation) and of the update alone
 * ({@code *-update}: one 4,000-neuron population of the same model, no synapses, so the ring stays zero and only the
 * neuron update is timed). The same fork runs every case, so fixed and float share the JVM and the machine's load.
 * Add {@code -jvmArgsAppend --add-modules=jdk.incubator.vector} for the Vector API kernels (both models switch).
 * {@code ./neuroracle bench --jmh --jmh-args '-f 1 -wi 5 -i 5 -w 1 -r 1 FixedVsFloatStep'}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class FixedVsFloatStepBenchmark {
    @Param({"cuba", "cuba-fixed", "cuba-update", "cuba-fixed-update"})
    public String network;

    Simulation sim;

    @Setup(Level.Trial)
    public void setUp() {
        Network n = switch (network) {
            case "cuba-update" -> Network.builder("cuba-update").dtMs(0.1).seed(1)
                    .population("p", 4000, new Lif(20, -49, -60, -50, 5, 0,
                            List.of(Synapse.current(5), Synapse.current(10)), Integration.EXACT))
                    .initialUniform("p", "v", -60, -50).build();
            case "cuba-fixed-update" -> Network.builder("cuba-fixed-update").dtMs(0.1).seed(1)
                    .population("p", 4000, new CubaLifFixed(new int[]{80, 40}, 20, 19_753, 3395, 1, 50))
                    .initialUniform("p", "v", 0, 19_753 << 6).build();
            default -> BuiltinNetworks.byName(network, 1);
        };
        sim = new CpuBackend().compile(n, Options.defaults().withThreads(1));
        sim.run(1_000); // past the initial transient, as StepCpuAB
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public void step() { sim.run(100); }

    @TearDown(Level.Trial)
    public void tearDown() { sim.close(); }
}
