package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuroracle.snn.fixed.FixedLif;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Population;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FixedLifState#step} (the fused one- and two-channel loops with the folded threshold test, and the
 * channel-outer passes for more channels) against a scalar transcription of the definition, neuron by neuron:
 * decay as {@code (int) ((long) x * (4096 - d) / 4096)} (rounding toward zero), Lava's single-correction wrap
 * written with branches, the clamp, the threshold {@code v > vth << 6}, the refractory hold (v held at 0 while
 * ref > 0, counting down; a spike sets ref) and the skip-rule count. Random parameters over their whole ranges,
 * random states including Integer.MIN/MAX, the +-2^23 wrap boundaries, negative v, u and ref, random ring input
 * and per-channel current up to the int extremes; sizes across the block length; whole ranges and two partitions.
 * Both paths: the scalar loops and {@link FixedLifVectorKernel} (sizes also off the vector length: the scalar tail).
 */
class FixedLifStateDefinitionTest {
    private static final int UNITY = 4096;

    static int decayRef(int x, int d) { return (int) ((long) x * (UNITY - d) / UNITY); }

    static int wrapRef(int x) {
        if (x > FixedLif.MAX_UV) return x - 2 * FixedLif.MAX_UV;
        if (x <= -FixedLif.MAX_UV) return x + 2 * FixedLif.MAX_UV;
        return x;
    }

    static int clampRef(int x) { return x > FixedLif.V_LIMIT ? FixedLif.V_LIMIT : (x < -FixedLif.V_LIMIT ? -FixedLif.V_LIMIT : x); }

    /** A decay constant in 0..256, often at the vector kernel's limit (255) or just past it. */
    static int smallDecay(SplittableRandom r) {
        return r.nextBoolean() ? new int[]{0, 1, 254, 255, 256}[r.nextInt(5)] : r.nextInt(257);
    }

    /** A value drawn to hit the edges: int extremes, the wrap and clamp boundaries, zero, small and any ints. */
    static int edgy(SplittableRandom r) {
        int[] edges = {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 0, 1, -1,
                FixedLif.MAX_UV, FixedLif.MAX_UV + 1, FixedLif.MAX_UV - 1, -FixedLif.MAX_UV, -FixedLif.MAX_UV + 1, -FixedLif.MAX_UV - 1,
                2 * FixedLif.MAX_UV, -2 * FixedLif.MAX_UV, 3 * FixedLif.MAX_UV, -3 * FixedLif.MAX_UV, 4095, -4095, 4096, -4096,
                // as ring input onto u = 0: a << 6 lands exactly on the wrap's boundaries +-2^23 and next to them
                1 << 17, -(1 << 17), (1 << 17) + 1, -(1 << 17) - 1};
        return switch (r.nextInt(6)) {
            case 0 -> edges[r.nextInt(edges.length)];
            case 1 -> r.nextInt();
            case 2 -> r.nextInt(-(1 << 24), 1 << 24);
            case 3 -> r.nextInt(-5000, 5000);
            default -> 0;
        };
    }

    @Test void referenceDecayIsFixedLifDecay() {
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < 2_000_000; k++) {
            int x = k < 1000 ? edgy(r) : r.nextInt(), d = r.nextInt(UNITY + 1);
            assertEquals(decayRef(x, d), FixedLif.decay(x, d), "x=" + x + " d=" + d);
            assertEquals(wrapRef(x), FixedLif.wrap(x), "wrap " + x);
        }
    }

    /**
     * One random case: a population, its state and parameters, stepped by both; returns whether anything spiked.
     * {@code vector}: the state under test uses {@link FixedLifVectorKernel} (one and two channels) or the scalar path.
     */
    private static boolean runCase(long seed, boolean vector) {
        SplittableRandom r = new SplittableRandom(seed);
        int channels = r.nextInt(10) < 4 ? 1 : (r.nextInt(10) < 7 ? 2 : 3);
        int n = switch (r.nextInt(4)) {
            case 0 -> 1 + r.nextInt(20);
            case 1 -> Crossings.FIXED_BLOCK - 2 + r.nextInt(5);
            case 2 -> 160;
            default -> 1 + r.nextInt(3 * Crossings.FIXED_BLOCK);
        };
        // A third of the cases with every decay constant at most 256 (du + 1 and dv), across the vector kernel's
        // one-multiply decay limit of 255; the rest over the whole range.
        boolean smallDecays = r.nextInt(3) == 0;
        int[] du = new int[channels];
        for (int c = 0; c < channels; c++)
            du[c] = smallDecays ? smallDecay(r) - 1 : (r.nextInt(4) == 0 ? (r.nextBoolean() ? 0 : 4095) : r.nextInt(4096));
        if (smallDecays) for (int c = 0; c < channels; c++) du[c] = Math.max(0, du[c]);
        int dv = smallDecays ? smallDecay(r) : (r.nextInt(4) == 0 ? (r.nextBoolean() ? 0 : 4095) : r.nextInt(4096));
        int vth = r.nextInt(4) == 0 ? (r.nextBoolean() ? 0 : (1 << 17) - 1) : r.nextInt(40_000);
        // Sparse cases (the vote reservoir's regime): no bias, zero start, input on a few steps only, so that the
        // state returns to zero and quiet steps are skipped.
        boolean sparse = r.nextInt(4) == 0;
        int biasMant = sparse || r.nextInt(3) == 0 ? 0 : r.nextInt(-4096, 4096), biasExp = r.nextInt(8);
        int refractorySteps = new int[]{0, 1, 2, 5, 1023}[r.nextInt(5)];
        int bias = biasMant << biasExp, vthScaled = vth << FixedLif.VTH_SHIFT;
        // States: mostly edgy, a share near the threshold so that neurons cross, some zero (skip rule).
        int[] v = new int[n], ref = new int[n];
        int[][] u = new int[channels][n];
        for (int i = 0; i < n && !sparse; i++) {
            v[i] = r.nextInt(3) == 0 ? vthScaled - r.nextInt(-2000, 20_000) : edgy(r);
            ref[i] = r.nextInt(3) == 0 ? r.nextInt(-3, refractorySteps + 3) : 0;
            for (int c = 0; c < channels; c++) u[c][i] = edgy(r);
        }
        int ringSlots = 1 + r.nextInt(4);
        Population p = Network.builder("def-" + seed).dtMs(1.0).seed(1)
                .population("p", n, new CubaLifFixed(du, dv, vth, biasMant, biasExp, refractorySteps))
                .build().populations().getFirst();
        FixedLifState st = newState(p, ringSlots, vector);
        assertEquals(vector && channels <= 2, ((VectorKernelSwitch) field(st, "vectorKernel")).active(), "case " + seed + ": path under test");
        // Network files admit 24-bit initial states only; any int is set here (u leaves that range through the
        // single-correction wrap, and the arithmetic is defined modulo 2^32 for every int).
        setState(st, "v", v);
        setState(st, "ref", ref);
        int[][] uState = (int[][]) field(st, "u");
        for (int c = 0; c < channels; c++) System.arraycopy(u[c], 0, uState[c], 0, n);
        st.rangesChanged(); // ref was rewritten: the refractory list rebuilds from it
        // Whole range, or two partitions stepped one after the other (each with its own refractory list part).
        int split = r.nextBoolean() || n < 2 ? n : 1 + r.nextInt(n - 1);
        int[][] ranges = split == n ? new int[][]{{0, n}} : new int[][]{{0, split}, {split, n}};
        boolean spiked = false;
        int steps = sparse ? 120 : 40;
        for (int t = 0; t < steps; t++) {
            int slot = t % ringSlots;
            boolean inputStep = !sparse || r.nextInt(25) == 0;
            int[] extra = new int[channels + 2];
            int[][] a = new int[channels][n];
            for (int c = 0; c < channels; c++) {
                extra[c] = inputStep && r.nextInt(4) == 0 ? (sparse ? r.nextInt(-50, 50) : edgy(r)) : 0;
                int[] ring = st.fixedRing(c)[slot];
                boolean quiet = !inputStep || r.nextInt(3) == 0;
                for (int i = 0; i < n; i++) {
                    ring[i] = quiet ? 0 : (r.nextInt(3) == 0 ? (sparse ? r.nextInt(-3000, 3000) : edgy(r)) : 0);
                    a[c][i] = ring[i] + extra[c];
                }
            }
            // The definition, neuron by neuron.
            List<Integer> expected = new ArrayList<>();
            long[] expectedUpdates = new long[ranges.length];
            for (int q = 0; q < ranges.length; q++)
                for (int i = ranges[q][0]; i < ranges[q][1]; i++) {
                    int any = bias | v[i] | ref[i], total = 0;
                    for (int c = 0; c < channels; c++) {
                        any |= a[c][i] | u[c][i];
                        u[c][i] = wrapRef(decayRef(u[c][i], du[c] + 1) + (a[c][i] << FixedLif.ACT_SHIFT));
                        total += u[c][i];
                    }
                    if (any != 0) expectedUpdates[q]++;
                    int cand = clampRef(decayRef(v[i], dv) + total + bias);
                    if (ref[i] > 0) { ref[i]--; v[i] = 0; }
                    else if (cand > vthScaled) { expected.add(i); v[i] = 0; ref[i] = refractorySteps; }
                    else v[i] = cand;
                }
            List<Integer> got = new ArrayList<>();
            for (int q = 0; q < ranges.length; q++) {
                IntList out = new IntList(4);
                long updates = st.step(t, slot, ranges[q][0], ranges[q][1], extra, 0f, out);
                assertEquals(expectedUpdates[q], updates, "case " + seed + " step " + t + ": membrane updates of range " + q);
                for (int k = 0; k < out.size; k++) got.add(out.a[k]);
            }
            String at = "case " + seed + " (" + channels + " channels, " + n + " neurons, bias " + bias + ") step " + t;
            assertEquals(expected, got, at + ": spikes");
            assertArrayEquals(toDouble(v), st.read("v"), at + ": v");
            assertArrayEquals(toDouble(ref), st.read("ref"), at + ": ref");
            for (int c = 0; c < channels; c++) assertArrayEquals(toDouble(u[c]), st.read(c == 0 ? "u" : "u" + c), at + ": u" + c);
            for (int c = 0; c < channels; c++) assertTrue(Arrays.stream(st.fixedRing(c)[slot]).allMatch(x -> x == 0), at + ": ring slot cleared");
            spiked |= !expected.isEmpty();
            if (sparse && Arrays.stream(expectedUpdates).sum() == 0) quietSteps++;
        }
        return spiked;
    }

    private static int quietSteps;

    /** A state built with the vector path on or off ({@code neuroracle.cpu.vector} is read by the constructor). */
    static FixedLifState newState(Population p, int ringSlots, boolean vector) {
        String before = System.getProperty("neuroracle.cpu.vector");
        System.setProperty("neuroracle.cpu.vector", Boolean.toString(vector));
        try {
            return new FixedLifState(p, 0, ringSlots);
        } finally {
            if (before == null) System.clearProperty("neuroracle.cpu.vector");
            else System.setProperty("neuroracle.cpu.vector", before);
        }
    }

    @Test void testJvmResolvesTheVectorModule() {
        // Without it the vector cases below would test the scalar path twice (snn-core/pom.xml, surefire argLine).
        assertTrue(LifState.VECTOR_MODULE, "run snn-core's tests with --add-modules jdk.incubator.vector");
        assertTrue(FixedLifVectorKernel.usable());
    }

    @ParameterizedTest(name = "vector kernel {0}")
    @ValueSource(booleans = {false, true})
    void updateEqualsTheDefinitionOnRandomStatesAndParameters(boolean vector) {
        int spiking = 0;
        quietSteps = 0;
        for (long seed = 1; seed <= 600; seed++) if (runCase(seed, vector)) spiking++;
        assertTrue(spiking > 300, "the cases must exercise the threshold: " + spiking + " of 600 spiked");
        assertTrue(quietSteps > 1000, "the sparse cases must reach zero state (skipped steps): " + quietSteps);
    }

    private static Object field(FixedLifState st, String name) {
        try {
            var f = FixedLifState.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(st);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void setState(FixedLifState st, String name, int[] values) {
        System.arraycopy(values, 0, (int[]) field(st, name), 0, values.length);
    }

    private static double[] toDouble(int[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }
}
