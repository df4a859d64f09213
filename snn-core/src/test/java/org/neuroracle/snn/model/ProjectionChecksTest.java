package org.neuroracle.snn.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The per-synapse checks of {@link Projection} and {@link Network} name the first bad synapse or row, and constant
 * weights and delays (filled, not computed per synapse) equal the same values drawn per synapse.
 */
class ProjectionChecksTest {
    private static final CubaLifFixed MODEL = new CubaLifFixed(0, 0, 100, 0, 0);
    private static final int[] ROWS = {0, 3, 6};          // two pre neurons, three synapses each

    private static String message(Runnable r) { return assertThrows(InvalidNetworkException.class, r::run).getMessage(); }

    private static Projection floats(int[] targets, float[] weights, int[] delays) {
        return new Projection("p", 0, 1, 0, ROWS, targets, weights, null, 0, delays);
    }

    @Test void theFirstBadSynapseIsNamed() {
        int[] t = {0, 1, 2, 0, 1, 2}, d = {1, 1, 1, 1, 1, 1};
        float[] w = {1, 1, 1, 1, 1, 1};
        assertEquals("projection 'p': synapse 4 has delay 0 steps; delays must be 1..4096",
                message(() -> floats(t, w, new int[]{1, 1, 1, 1, 0, 5000})));
        assertEquals("projection 'p': synapse 3 has delay 0 steps; delays must be 1..4096",
                message(() -> floats(t, w, new int[]{1, 1, 1, 0, 1, 1})));
        assertEquals("projection 'p': synapse 5 has delay 4097 steps; delays must be 1..4096",
                message(() -> floats(t, w, new int[]{1, 1, 1, 1, 2, 4097})));
        assertEquals("projection 'p': synapse 2 has a non-finite weight", message(() -> floats(t, new float[]{1, -0f, Float.NaN, 1, Float.POSITIVE_INFINITY, 1}, d)));
        assertEquals("projection 'p': synapse 5 has a non-finite weight", message(() -> floats(t, new float[]{1, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, 0, Float.NEGATIVE_INFINITY}, d)));
        assertEquals("projection 'p': synapse 1 has weight 32768; fixed-point weight mantissas are signed 16-bit (-32768..32767)",
                message(() -> new Projection("p", 0, 1, 0, ROWS, t, null, new int[]{-32768, 32768, 0, 0, 0, 0}, 0, d)));
        assertEquals("projection 'p': synapse 3 has weight -32769; fixed-point weight mantissas are signed 16-bit (-32768..32767)",
                message(() -> new Projection("p", 0, 1, 0, ROWS, t, null, new int[]{32767, 0, 0, -32769, 0, 0}, 0, d)));
        floats(t, new float[]{Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0f, 0, 1}, new int[]{1, 4096, 1, 1, 1, 1}); // the edges pass
    }

    private static Network withTargets(int[] targets) {
        int[] d = {1, 1, 1, 1, 1, 1};
        float[] w = {1, 1, 1, 1, 1, 1};
        Lif lif = new Lif(20, 0, 0, 20, 2, 0, List.of(Synapse.delta()), Integration.EXACT);
        return Network.builder("n").population("a", 2, lif).population("b", 4, lif)
                .projection(new Projection("p", 0, 1, 0, ROWS, targets, w, null, 0, d)).build();
    }

    @Test void targetsOutsideThePopulationOrOutOfOrderAreNamed() {
        String out = message(() -> withTargets(new int[]{0, 1, 3, 0, 4, 2}));
        assertEquals(true, out.endsWith("synapse 4 targets neuron 4 outside 'b' (size 4)"), out);
        String negative = message(() -> withTargets(new int[]{0, 1, 3, -1, 2, 3}));
        assertEquals(true, negative.endsWith("synapse 3 targets neuron -1 outside 'b' (size 4)"), negative);
        String unsorted = message(() -> withTargets(new int[]{0, 1, 3, 0, 3, 2}));
        assertEquals(true, unsorted.endsWith("targets of row 1 must be sorted"), unsorted);
        String both = message(() -> withTargets(new int[]{1, 0, 3, 0, 2, 9}));
        assertEquals(true, both.endsWith("synapse 5 targets neuron 9 outside 'b' (size 4)"), "the range is checked first: " + both);
        withTargets(new int[]{0, 1, 3, 0, 2, 3});   // sorted rows pass; a row may start below the last one's end
        withTargets(new int[]{1, 1, 3, 0, 0, 3});   // equal neighbours (multapses of an explicit list) are not a descent
    }

    private static Projection built(WeightSpec w, DelaySpec d, Lif floatModel) {
        var b = Network.builder("t").seed(42);
        if (floatModel == null) b.population("a", 300, MODEL); else b.population("a", 300, floatModel);
        return b.projection("p", "a", "a", new Connector.FixedFanIn(20, false), w, d, 0).build().projections().getFirst();
    }

    @Test void constantWeightsAndDelaysEqualTheirPerSynapseForm() {
        Lif lif = new Lif(20, 0, 0, 20, 2, 0, List.of(Synapse.delta()), Integration.EXACT);
        Projection filled = built(WeightSpec.constant(0.37), DelaySpec.constant(7), lif);
        Projection drawn = built(new WeightSpec.Uniform(0.37, 0.37), new DelaySpec.UniformInt(7, 7), lif);
        assertArrayEquals(drawn.weights(), filled.weights());
        assertArrayEquals(drawn.delaySteps(), filled.delaySteps());
        assertEquals(0.37f, filled.weights()[123]);
        Projection fixedFilled = built(WeightSpec.constant(-89.5), DelaySpec.constant(1), null);
        Projection fixedDrawn = built(new WeightSpec.Uniform(-89.5, -89.5), DelaySpec.constant(1), null);
        assertArrayEquals(fixedDrawn.weightMantissas(), fixedFilled.weightMantissas());
        assertEquals(-90, fixedFilled.weightMantissas()[0], "rounded half away from zero");
        assertEquals("projection 'p': weight 128.0 does not fit a signed 8-bit mantissa; raise weight_exp",
                message(() -> built(WeightSpec.constant(128), DelaySpec.constant(1), null)));
        assertEquals("projection 'p': weight NaN does not fit a signed 8-bit mantissa; raise weight_exp",
                message(() -> built(WeightSpec.constant(Double.NaN), DelaySpec.constant(1), null)));
    }

    /** Explicit weights and delays win over the specs (which are then ignored), and an empty projection checks nothing. */
    @Test void explicitValuesAndEmptyProjections() {
        var explicit = new Connector.Explicit(new int[]{2, 0, 1}, new int[]{1, 2, 0}, new double[]{0.5, 0.25, 0.125}, new int[]{3, 4, 5});
        Lif lif = new Lif(20, 0, 0, 20, 2, 0, List.of(Synapse.delta()), Integration.EXACT);
        Projection p = Network.builder("t").population("a", 3, lif)
                .projection("p", "a", "a", explicit, WeightSpec.constant(9), DelaySpec.constant(1), 0).build().projections().getFirst();
        assertArrayEquals(new float[]{0.25f, 0.125f, 0.5f}, p.weights(), "rows 0, 1, 2 in order");
        assertArrayEquals(new int[]{4, 5, 3}, p.delaySteps());
        var none = new Connector.Explicit(new int[0], new int[0], null, null);
        Projection empty = Network.builder("t").population("a", 3, MODEL)
                .projection("p", "a", "a", none, WeightSpec.constant(500), DelaySpec.constant(1), 0).build().projections().getFirst();
        assertEquals(0, empty.synapseCount(), "no synapse, so no weight to refuse (as before session 15)");
    }
}
