package org.neuroracle.bench.jmh;

import org.neuroracle.snn.fixed.FixedLif;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The fixed-point decay over a population's states in one vectorised loop: {@code FixedLif.decay} (9 operations,
 * floor plus a toward-zero bias) against the sign-and-magnitude form it replaced (11 operations; still what the
 * OpenCL and C code use, equal for every int). Score = time per pass over {@code neurons} states.
 * {@code ./neuroracle bench --jmh --jmh-args '-f 1 -wi 3 -i 5 FixedDecay'}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FixedDecayBenchmark {
    @Param({"4000"})
    public int neurons;

    int[] x, out;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(1);
        x = new int[neurons];
        out = new int[neurons];
        for (int i = 0; i < neurons; i++) x[i] = r.nextInt(-(1 << 23) + 1, 1 << 23);
    }

    /** The form FixedLif.decay had before (sign and magnitude), kept as the baseline. */
    static int signMagnitude(int x, int decayConst) {
        final int f = FixedLif.DECAY_UNITY - decayConst, s = x >> 31, ax = (x ^ s) - s;
        final int m = (ax >>> FixedLif.DECAY_SHIFT) * f + (((ax & (FixedLif.DECAY_UNITY - 1)) * f) >>> FixedLif.DECAY_SHIFT);
        return (m ^ s) - s;
    }

    @Benchmark
    public int[] signAndMagnitude() {
        final int[] x = this.x, out = this.out;
        for (int i = 0; i < x.length; i++) out[i] = signMagnitude(x[i], 81);
        return out;
    }

    @Benchmark
    public int[] floorTowardZero() {
        final int[] x = this.x, out = this.out;
        for (int i = 0; i < x.length; i++) out[i] = FixedLif.decay(x[i], 81);
        return out;
    }
}
