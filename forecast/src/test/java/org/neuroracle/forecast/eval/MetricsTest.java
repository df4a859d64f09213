package org.neuroracle.forecast.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MetricsTest {
    @Test void scoresMatchHandComputedValues() {
        double[] p = {0.9, 0.2, 0.6, 0.4};
        int[] y = {1, 0, 0, 1};
        assertEquals((0.01 + 0.04 + 0.36 + 0.36) / 4, Metrics.brier(p, y), 1e-12);
        assertEquals(-(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.4)) / 4, Metrics.logLoss(p, y), 1e-12);
        assertEquals(0.75, Metrics.auc(p, y), 1e-12, "3 of 4 positive-negative pairs ordered");
        assertEquals(0.5, Metrics.auc(new double[]{0.5, 0.5}, new int[]{1, 0}), 1e-12, "ties count half");
        assertTrue(Double.isNaN(Metrics.auc(new double[]{0.1}, new int[]{1})));
        assertEquals(0.5 * 0.1 + 0.5 * 0.5, Metrics.ece(new double[]{0.1, 0.1, 0.5, 0.5}, new int[]{0, 0, 1, 1}, 10), 1e-12);
        assertEquals(0.9 * 2, Metrics.pinball(new double[]{1}, new double[]{3}, 0.9), 1e-12);
        assertEquals(0.1 * 2, Metrics.pinball(new double[]{3}, new double[]{1}, 0.9), 1e-12);
        assertEquals(0.5, Metrics.coverage(new double[]{0, 0}, new double[]{1, 1}, new double[]{0.5, 2}), 1e-12);
    }

    @Test void perfectlyCalibratedEceIsTheSamplingFloorAndShrinksWithN() {
        // One bin, all p = 0.5: the ECE of a draw is |0.5 - mean(y)|, whose mean is about sqrt(0.25 / n) * sqrt(2 / pi).
        for (int n : new int[]{40, 4000}) {
            double[] p = new double[n];
            java.util.Arrays.fill(p, 0.5);
            double[] e = Metrics.ecePerfect(p, 10, 2000, 11);
            double mean = java.util.Arrays.stream(e).average().orElseThrow();
            assertEquals(Math.sqrt(0.25 / n) * Math.sqrt(2 / Math.PI), mean, 0.1 * Math.sqrt(0.25 / n), "n = " + n);
            for (int k = 1; k < e.length; k++) assertTrue(e[k - 1] <= e[k], "sorted");
        }
        // Predictions of 0 and 1 are certain: a perfect forecaster's outcomes match them exactly.
        double[] e = Metrics.ecePerfect(new double[]{0, 1, 1, 0}, 10, 100, 1);
        assertEquals(0, e[e.length - 1], 1e-12);
        assertArrayEquals(Metrics.ecePerfect(new double[]{0.3, 0.7}, 10, 50, 5), Metrics.ecePerfect(new double[]{0.3, 0.7}, 10, 50, 5), "seeded");
    }

    @Test void treasuryBaselinesOnAConstantSeriesAreExact() {
        double[] f = new double[40];
        java.util.Arrays.fill(f, 5);
        for (String b : org.neuroracle.forecast.model.FlowMethods.ALL)
            // Croston's SBA correction deflates by (1 - alpha/2), alpha 0.05 on a constant series.
            assertEquals(b.equals("croston") ? 5 * (1 - 0.05 / 2) : 5, org.neuroracle.forecast.model.FlowMethods.forecast(b, f, 7, 1)[30], 1e-9, b);
    }
}
