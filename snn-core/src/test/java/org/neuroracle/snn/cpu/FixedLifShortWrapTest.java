package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.fixed.FixedLif;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Population;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link FixedLifState}'s marked two-channel loop replaces FixedLif.wrap by a four-operation sign extension that is
 * exact only while every input of the range is in [-2^17, 2^17); a step with any larger input must take the exact
 * loop. In cycles of four steps: u set anywhere in range, then on the wrap's edges +-2^23 (in range, so a mark
 * stays valid), with every input small (the range is marked after the first step of a cycle, so the next two take
 * the short wrap), then a step with some inputs at 2^17 .. 2^19, where the short wrap would differ (a << 6 alone is
 * then past 2^24 + 2^23) on a marked range; in the second step some sums land exactly on +-2^23. Each step must equal the definition
 * (FixedLif.current, FixedLif.voltage, threshold and refractory as in FixedLifStateDefinitionTest).
 */
class FixedLifShortWrapTest {
    private static final int N = 40, STEPS = 200, SMALL = 1 << 17;

    @Test void inputsAroundTheShortWrapsBoundEqualTheDefinition() throws ReflectiveOperationException {
        int[] du = {80, 40};
        int dv = 20, vth = 19_753, biasMant = 3395, biasExp = 1, refractorySteps = 3, bias = biasMant << biasExp;
        Population p = Network.builder("short-wrap").dtMs(1.0).seed(1)
                .population("p", N, new CubaLifFixed(du, dv, vth, biasMant, biasExp, refractorySteps))
                .build().populations().getFirst();
        FixedLifState st = FixedLifStateDefinitionTest.newState(p, 1, false);
        int[][] u = new int[2][N], uState = (int[][]) field(st, "u");
        int[] v = new int[N], ref = new int[N];
        int vthScaled = vth << FixedLif.VTH_SHIFT;
        SplittableRandom r = new SplittableRandom(15);
        int shortSteps = 0, largeSteps = 0, edges = 0;
        for (int t = 0; t < STEPS; t++) {
            int kind = t % 4;
            if (kind == 0 || kind == 2) // in range (kind 2: on the wrap's edges), so a range's mark stays valid
                for (int c = 0; c < 2; c++)
                    for (int i = 0; i < N; i++) {
                        int e = kind == 2 ? new int[]{FixedLif.MAX_UV, FixedLif.MAX_UV - 1, 1 - FixedLif.MAX_UV, 2 - FixedLif.MAX_UV}[r.nextInt(4)]
                                : r.nextInt(1 - FixedLif.MAX_UV, FixedLif.MAX_UV + 1);
                        u[c][i] = uState[c][i] = e;
                    }
            int[] extra = new int[4];
            int[][] a = new int[2][N];
            boolean large = false;
            for (int c = 0; c < 2; c++) {
                extra[c] = r.nextInt(-300, 300);
                int[] ring = st.fixedRing(c)[0];
                for (int i = 0; i < N; i++) {
                    int x = switch (kind) {
                        case 0, 1, 2 -> r.nextInt(4) == 0 ? new int[]{-SMALL + 300, SMALL - 1 - 300}[r.nextInt(2)]
                                : r.nextInt(-SMALL + 300, SMALL - 300);
                        default -> r.nextInt(3) == 0 ? (r.nextBoolean() ? 1 : -1) * r.nextInt(SMALL + 300, 4 * SMALL) : r.nextInt(-50, 50);
                    };
                    // kind 1, every third neuron: the input that makes y exactly +2^23 or -2^23 (wrap keeps the one,
                    // moves the other by 2^24), where one exists within the bound
                    int d = FixedLif.decay(u[c][i], du[c] + 1), to = d > 0 ? FixedLif.MAX_UV : -FixedLif.MAX_UV;
                    if (kind == 1 && i % 3 == 0 && (to - d) % 64 == 0) { x = ((to - d) >> FixedLif.ACT_SHIFT) - extra[c]; edges++; }
                    ring[i] = x;
                    a[c][i] = x + extra[c];
                    large |= a[c][i] < -SMALL || a[c][i] >= SMALL;
                }
            }
            if (kind != 3) shortSteps++;
            if (large) largeSteps++;
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                int total = 0;
                for (int c = 0; c < 2; c++) total += u[c][i] = FixedLif.current(u[c][i], du[c], a[c][i]);
                int cand = FixedLif.voltage(v[i], dv, total, bias);
                if (ref[i] > 0) { ref[i]--; v[i] = 0; }
                else if (cand > vthScaled) { expected.add(i); v[i] = 0; ref[i] = refractorySteps; }
                else v[i] = cand;
            }
            IntList out = new IntList(4);
            assertEquals(N, st.step(t, 0, 0, N, extra, 0f, out), "step " + t + ": membrane updates");
            List<Integer> got = new ArrayList<>();
            for (int k = 0; k < out.size; k++) got.add(out.a[k]);
            String at = "step " + t + " (kind " + kind + ")";
            assertEquals(expected, got, at + ": spikes");
            for (int c = 0; c < 2; c++) assertEquals(List.of(box(u[c])), List.of(box(uState[c])), at + ": u" + c);
            assertEquals(List.of(box(v)), List.of(box((int[]) field(st, "v"))), at + ": v");
        }
        assertEquals(true, largeSteps >= STEPS / 8 && shortSteps == 3 * STEPS / 4 && edges >= 20,
                "every kind of step ran: " + largeSteps + ", " + shortSteps + ", " + edges + " sums onto +-2^23");
    }

    private static Integer[] box(int[] x) {
        Integer[] b = new Integer[x.length];
        for (int i = 0; i < x.length; i++) b[i] = x[i];
        return b;
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = FixedLifState.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }
}
