package org.neuroracle.snn.model;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectorTest {
    private static final CubaLifFixed MODEL = new CubaLifFixed(0, 0, 100, 0, 0);

    private static Projection build(int nPre, int nPost, Connector c, boolean same) {
        var b = Network.builder("t").seed(42).population("a", nPre, MODEL);
        if (!same) b.population("b", nPost, MODEL);
        return b.projection("p", "a", same ? "a" : "b", c, WeightSpec.constant(1), DelaySpec.constant(1), 0).build().projections().getFirst();
    }

    @Test void fixedProbabilityHasBinomialCount() {
        Projection p = build(1000, 1000, new Connector.FixedProbability(0.05, false), false);
        double n = 1e6, mean = n * 0.05, sd = Math.sqrt(n * 0.05 * 0.95);
        assertTrue(Math.abs(p.synapseCount() - mean) < 5 * sd, "count " + p.synapseCount() + " vs " + mean + " +- " + sd);
        // Per-row counts are binomial too: their variance is near n p (1 - p).
        double m = p.synapseCount() / 1000.0, var = 0;
        for (int i = 0; i < 1000; i++) { double c = p.rowPtr()[i + 1] - p.rowPtr()[i]; var += (c - m) * (c - m); }
        var /= 999;
        assertEquals(1000 * 0.05 * 0.95, var, 10, "row count variance");
    }

    @Test void fixedProbabilityExcludesSelfWhenAsked() {
        Projection p = build(300, 300, new Connector.FixedProbability(0.5, false), true);
        for (int i = 0; i < 300; i++)
            for (int k = p.rowPtr()[i]; k < p.rowPtr()[i + 1]; k++) assertTrue(p.targets()[k] != i);
    }

    @Test void fixedFanInGivesExactDistinctInputs() {
        Projection p = build(200, 150, new Connector.FixedFanIn(37, false), true);
        int[] fanIn = new int[200];
        List<Set<Integer>> sources = new java.util.ArrayList<>();
        for (int t = 0; t < 200; t++) sources.add(new HashSet<>());
        for (int i = 0; i < 200; i++)
            for (int k = p.rowPtr()[i]; k < p.rowPtr()[i + 1]; k++) {
                int t = p.targets()[k];
                fanIn[t]++;
                assertTrue(sources.get(t).add(i), "duplicate synapse " + i + " -> " + t);
                assertTrue(i != t, "self connection");
            }
        for (int t = 0; t < 200; t++) assertEquals(37, fanIn[t]);
    }

    @Test void allToAllAndOneToOne() {
        assertEquals(20 * 30, build(20, 30, new Connector.AllToAll(false), false).synapseCount());
        assertEquals(20 * 19, build(20, 20, new Connector.AllToAll(false), true).synapseCount());
        Projection p = build(25, 25, new Connector.OneToOne(), false);
        for (int i = 0; i < 25; i++) { assertEquals(i, p.rowPtr()[i]); assertEquals(i, p.targets()[i]); }
        assertThrows(InvalidNetworkException.class, () -> build(3, 4, new Connector.OneToOne(), false));
    }

    @Test void explicitKeepsWeightsWithTheirSynapse() {
        var c = new Connector.Explicit(new int[]{2, 0, 1}, new int[]{0, 1, 2}, new double[]{3, 1, 2}, new int[]{4, 5, 6});
        Projection p = build(3, 3, c, false);
        assertEquals(List.of(1, 2, 3), List.of(p.weightMantissas()[0], p.weightMantissas()[1], p.weightMantissas()[2]));
        assertEquals(5, p.delaySteps()[0]);
        assertEquals(4, p.delaySteps()[2]);
    }

    @Test void normalWeightsHaveTheirMoments() {
        var b = Network.builder("t").seed(3).population("a", 400, new Lif(20, 0, 0, 1, 0, 0, List.of(Synapse.current(5)), Integration.EXACT));
        Projection p = b.projection("p", "a", "a", new Connector.AllToAll(true), new WeightSpec.Normal(2, 0.5, -10, 10), DelaySpec.constant(1), 0).build().projections().getFirst();
        double s = 0, s2 = 0;
        for (float w : p.weights()) { s += w; s2 += w * w; }
        double n = p.synapseCount(), mean = s / n, sd = Math.sqrt(s2 / n - mean * mean);
        assertEquals(2, mean, 0.01);
        assertEquals(0.5, sd, 0.01);
    }

    @Test void uniformDelaysStayInRange() {
        var b = Network.builder("t").seed(5).population("a", 100, MODEL);
        Projection p = b.projection("p", "a", "a", new Connector.AllToAll(false), WeightSpec.constant(1), new DelaySpec.UniformInt(2, 7), 0).build().projections().getFirst();
        int[] seen = new int[8];
        for (int d : p.delaySteps()) seen[d]++;
        for (int d = 2; d <= 7; d++) assertTrue(seen[d] > 1400, "delay " + d + " drawn " + seen[d] + " times");
        assertEquals(0, seen[0] + seen[1]);
    }

    @Test void rejectsBadParametersNamingTheField() {
        var e = assertThrows(InvalidNetworkException.class, () -> new CubaLifFixed(new int[]{10}, 4096, 1, 0, 0, 0));
        assertTrue(e.getMessage().contains("dv = 4096"), e.getMessage());
        e = assertThrows(InvalidNetworkException.class, () -> new Lif(0, 0, 0, 1, 0, 0, List.of(Synapse.current(1)), Integration.EXACT));
        assertTrue(e.getMessage().contains("tau_membrane_ms"), e.getMessage());
        e = assertThrows(InvalidNetworkException.class, () -> new Connector.FixedProbability(1.5, false));
        assertTrue(e.getMessage().contains("p = 1.5"), e.getMessage());
        e = assertThrows(InvalidNetworkException.class, () -> Network.builder("t").population("a", 3, MODEL)
                .projection("p", "a", "a", new Connector.AllToAll(false), WeightSpec.constant(500), DelaySpec.constant(1), 0).build());
        assertTrue(e.getMessage().contains("8-bit"), e.getMessage());
        e = assertThrows(InvalidNetworkException.class, () -> new DelaySpec.Constant(0));
        assertTrue(e.getMessage().contains("delays must be >= 1"), e.getMessage());
    }
}
