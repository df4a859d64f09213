package org.neuroracle.kernels;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.neuroracle.kernels.cl.ClBuffer;
import org.neuroracle.kernels.cl.ClContext;
import org.neuroracle.kernels.cl.ClDevice;
import org.neuroracle.kernels.cl.ClKernel;
import org.neuroracle.kernels.cl.ClProgram;
import org.neuroracle.kernels.cl.ClQueue;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.fixed.FixedLif;
import org.neuroracle.snn.rng.Philox;
import org.neuroracle.snn.rng.PoissonTable;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The scalar building blocks on the device against their Java source of truth, on random and edge inputs:
 * Philox draws, Poisson CDF sampling, and the FixedLif decay / current / voltage / threshold operations.
 */
class KernelPrimitivesTest {
    private static final int N = 4096;
    private static ClContext context;
    private static ClQueue queue;
    private static ClProgram program;

    @BeforeContainer static void build() {
        if (!new OpenClBackend().available()) return;
        ClDevice d = OpenClBackend.chooseDevice(Options.defaults());
        context = new ClContext(d);
        queue = context.createQueue();
        var config = new KernelSource.Config(true, 2, 1, d.hasFp64());
        program = ProgramCache.defaultCache().build(context, KernelSource.text(), config.buildOptions()).program();
    }

    @AfterContainer static void release() {
        if (program != null) program.close();
        if (queue != null) queue.close();
        if (context != null) context.close();
    }

    @Property(tries = 20)
    void philoxDrawsAndPoissonSamplesMatchJava(@ForAll long seed, @ForAll @IntRange(min = 0, max = 200) int lambdaTenths,
                                                @ForAll long inputSeed) {
        OpenClTesting.opencl();
        Random r = new Random(inputSeed);
        int[] stream = new int[N], neuron = new int[N], step = new int[N];
        for (int i = 0; i < N; i++) {
            stream[i] = r.nextInt(4) == 0 ? r.nextInt() : 0x10000 + r.nextInt(8);
            neuron[i] = r.nextInt(3) == 0 ? r.nextInt() : r.nextInt(100_000);
            step[i] = r.nextInt(3) == 0 ? r.nextInt() : r.nextInt(1_000_000);
        }
        int[] table = PoissonTable.cdfThresholds(lambdaTenths / 10.0);
        try (ClBuffer bs = buf(stream); ClBuffer bn = buf(neuron); ClBuffer bt = buf(step); ClBuffer out = context.createBuffer(4L * N);
             ClBuffer tb = buf(table); ClBuffer samples = context.createBuffer(4L * N);
             ClKernel k = program.kernel("nr_test_philox")) {
            k.arg(0, N).arg(1, (int) seed).arg(2, (int) (seed >>> 32)).arg(3, bs).arg(4, bn).arg(5, bt).arg(6, out)
                    .arg(7, tb).arg(8, table.length).arg(9, samples);
            queue.launch(k, new long[]{N}, null);
            int[] words = read(out), counts = read(samples);
            for (int i = 0; i < N; i++) {
                int want = Philox.draw(seed, stream[i], neuron[i], step[i]);
                assertEquals(want, words[i], "Philox word for seed " + seed + " stream " + stream[i] + " neuron " + neuron[i] + " step " + step[i]);
                assertEquals(PoissonTable.sample(table, 0, table.length, want), counts[i], "Poisson sample, lambda " + lambdaTenths / 10.0);
            }
        }
    }

    @Property(tries = 30)
    void fixedLifOperationsMatchFixedLif(@ForAll long inputSeed) {
        OpenClTesting.opencl();
        Random r = new Random(inputSeed);
        int[] x = new int[N], d = new int[N], a = new int[N], b = new int[N];
        int[] edges = {0, 1, -1, 1 << 23, -(1 << 23), (1 << 23) - 1, -(1 << 23) + 1, (1 << 24) - 1, -(1 << 24) + 1,
                Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE >> 6, Integer.MIN_VALUE >> 6, 4095, 4096};
        for (int i = 0; i < N; i++) {
            x[i] = pick(r, edges, 1 << 25);
            d[i] = r.nextInt(8) == 0 ? (r.nextBoolean() ? 0 : 4096) : r.nextInt(4097);
            a[i] = pick(r, edges, 1 << 25);
            b[i] = pick(r, edges, 1 << 25);
        }
        try (ClBuffer bx = buf(x); ClBuffer bd = buf(d); ClBuffer ba = buf(a); ClBuffer bb = buf(b);
             ClBuffer oDecay = context.createBuffer(4L * N); ClBuffer oCur = context.createBuffer(4L * N);
             ClBuffer oVolt = context.createBuffer(4L * N); ClBuffer oSpike = context.createBuffer(4L * N);
             ClKernel k = program.kernel("nr_test_fixed_lif")) {
            k.arg(0, N).arg(1, bx).arg(2, bd).arg(3, ba).arg(4, bb).arg(5, oDecay).arg(6, oCur).arg(7, oVolt).arg(8, oSpike);
            queue.launch(k, new long[]{N}, null);
            int[] decay = read(oDecay), cur = read(oCur), volt = read(oVolt), spike = read(oSpike);
            for (int i = 0; i < N; i++) {
                String at = "x=" + x[i] + " d=" + d[i] + " a=" + a[i] + " b=" + b[i];
                assertEquals(FixedLif.decay(x[i], d[i]), decay[i], "decay " + at);
                assertEquals(FixedLif.current(x[i], d[i] & 4095, a[i]), cur[i], "current " + at);
                assertEquals(FixedLif.voltage(x[i], d[i] & 4095, a[i], b[i]), volt[i], "voltage " + at);
                assertEquals(FixedLif.spikes(x[i], b[i] & 0x1FFFF) ? 1 : 0, spike[i], "spikes " + at);
            }
        }
    }

    private static int pick(Random r, int[] edges, int range) {
        int k = r.nextInt(10);
        if (k == 0) return edges[r.nextInt(edges.length)];
        if (k == 1) return r.nextInt();
        return r.nextInt(2 * range) - range;
    }

    private static ClBuffer buf(int[] data) {
        ClBuffer b = context.createBuffer(4L * data.length);
        queue.write(b, data);
        return b;
    }

    private static int[] read(ClBuffer b) {
        int[] out = new int[(int) (b.bytes() / 4)];
        queue.read(b, 0, out, out.length);
        return out;
    }
}
