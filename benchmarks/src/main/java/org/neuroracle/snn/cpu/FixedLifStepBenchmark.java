package org.neuroracle.snn.cpu;

import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Network;
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
 * The two-channel fixed-point update of one population ({@code FixedLifState.stepTwoChannels}, cuba-fixed's
 * layout) on its own, old loop against new: with {@code bias=0} the update runs the loop that counts the skip rule
 * per neuron (reads ref, ORs seven terms, sums) - the loop every step ran before; with cuba-fixed's bias
 * ({@code 6790} = 3395 << 1) the new loop, which knows every neuron counts and reads neither ref nor the terms.
 * Same arithmetic otherwise, branch-free, so the work does not depend on the state values. Whole steps of a
 * network of one such population without synapses (score = time per step): driving {@code FixedLifState} on its
 * own ran 3-4x slower per neuron than the same loop inside a simulation (not understood; the in-place figure is
 * the one that matches whole-network runs).
 * {@code ./neuroracle bench --jmh --jmh-args '-f 1 -wi 3 -i 5 FixedLifStep'}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FixedLifStepBenchmark {
    /** cuba-fixed has 3,200 + 800 neurons. */
    @Param({"4000"})
    public int neurons;

    /** Bias mantissa (exponent 1): 0 selects the counting (old) loop, 3395 cuba-fixed's (new) loop. */
    @Param({"0", "3395"})
    public int biasMant;

    Simulation sim;

    @Setup(Level.Trial)
    public void setUp() {
        // cuba-fixed's decays and threshold, no synapses: the ring stays zero, so only the update is timed.
        Network n = Network.builder("fixed-step-" + neurons).dtMs(0.1).seed(1)
                .population("p", neurons, new CubaLifFixed(new int[]{80, 40}, 20, 19_753, biasMant, 1, 50))
                .initialUniform("p", "v", 0, 19_753 << 6)
                .build();
        sim = new CpuBackend().compile(n, Options.defaults().withThreads(1));
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public void step() { sim.run(10); }

    @TearDown(Level.Trial)
    public void tearDown() { sim.close(); }
}
