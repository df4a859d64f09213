package org.neuroracle.bench.jmh;

import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.networks.BuiltinNetworks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Building a built-in network from its connectors (Philox draws, CSR, validation), as every {@code simulate} and
 * {@code bench} run does once before its first step. Single shot in fresh JVMs by default: the build runs while the
 * JVM is cold, and that is the cost a user waits for (Brunel's 15.6 M synapses: about 2 s before session 13's
 * connector expansion); {@code -bm avgt -wi 3 -i 5} gives the warm figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(5)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class NetworkBuildBenchmark {
    @Param({"brunel"})
    public String network;

    @Benchmark
    public Network build() { return BuiltinNetworks.byName(network, 1); }
}
