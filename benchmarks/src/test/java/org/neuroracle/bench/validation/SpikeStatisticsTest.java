package org.neuroracle.bench.validation;

import org.junit.jupiter.api.Test;
import org.neuroracle.bench.validation.SpikeStatistics.PopulationStatistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpikeStatisticsTest {
    static final double DT_MS = 0.1;

    /** Bernoulli spikes with probability p per step: geometric ISIs, CV = sqrt(1 - p), about 1 for small p. */
    static SpikeTrains poisson(int neurons, int steps, double p, long seed) {
        Random rnd = new Random(seed);
        int[] n = new int[neurons * steps / 100 + 1000], s = new int[n.length];
        int count = 0;
        for (int i = 0; i < neurons; i++)
            for (int t = 0; t < steps; t++)
                if (rnd.nextDouble() < p) {
                    if (count == n.length) { n = Arrays.copyOf(n, count * 2); s = Arrays.copyOf(s, count * 2); }
                    n[count] = i;
                    s[count++] = t;
                }
        return SpikeTrains.of(n, s, count, neurons, 0, steps, DT_MS);
    }

    static SpikeTrains regular(int neurons, int steps, int periodSteps, boolean sameTimes) {
        int per = steps / periodSteps;
        int[] n = new int[neurons * per], s = new int[n.length];
        int k = 0;
        for (int i = 0; i < neurons; i++)
            for (int j = 0; j < per; j++) {
                n[k] = i;
                s[k++] = j * periodSteps + (sameTimes ? 0 : i % periodSteps);
            }
        return SpikeTrains.of(n, s, k, neurons, 0, steps, DT_MS);
    }

    @Test
    void poissonTrainHasCvNearOne() {
        // 100 neurons, 100 s at 20 Hz: ~2000 spikes each; per-neuron CV sd ~ 0.02, mean over 100 ~ 0.002.
        SpikeTrains t = poisson(100, 1_000_000, 0.002, 42);
        PopulationStatistics s = SpikeStatistics.of("p", t);
        assertEquals(Math.sqrt(1 - 0.002), s.cvIsi(), 0.02, "CV of a Bernoulli (discrete Poisson) train");
        assertEquals(20.0, s.rateHz(), 0.5, "rate of p = 0.002 per 0.1 ms step");
        assertEquals(100, s.cvNeurons());
    }

    @Test
    void regularTrainHasCvZero() {
        SpikeTrains t = regular(10, 10_000, 100, false);
        for (int i = 0; i < 10; i++) assertEquals(0.0, SpikeStatistics.cvIsi(t, i), 0.0);
        assertEquals(0.0, SpikeStatistics.of("r", t).cvIsi(), 0.0);
    }

    @Test
    void rateIsSpikesPerNeuronPerSecondOfTheWindow() {
        // one spike every 10 ms for 1 s = 100 Hz exactly
        SpikeTrains t = regular(4, 10_000, 100, false);
        assertEquals(100.0, SpikeStatistics.meanRateHz(t), 1e-12);
        assertEquals(400, t.totalSpikes());
    }

    @Test
    void warmUpWindowExcludesEarlierSpikes() {
        int[] n = {0, 0, 0, 0}, s = {5, 50, 150, 250};
        SpikeTrains t = SpikeTrains.of(n, s, 4, 1, 100, 300, DT_MS);
        assertEquals(2, t.totalSpikes());
        assertEquals(150, t.spikeStep(0, 0));
        assertEquals(2 / 0.02, SpikeStatistics.meanRateHz(t), 1e-9);
    }

    @Test
    void identicalTrainsCorrelateFullyAndIndependentOnesNot() {
        SpikeTrains same = regular(20, 20_000, 150, true);
        double[] c = SpikeStatistics.meanPairwiseCorrelation(same, 5, 200);
        assertEquals(1.0, c[0], 1e-9);
        assertEquals(190, (long) c[1]);

        SpikeTrains indep = poisson(200, 100_000, 0.002, 7);
        double[] d = SpikeStatistics.meanPairwiseCorrelation(indep, 5, 200);
        // 2000 bins of 5 ms: each pair's coefficient has sd ~ 1/sqrt(2000) = 0.022; the mean of 19900 pairs is near 0.
        assertEquals(0.0, d[0], 0.005);
        assertEquals(19_900, (long) d[1]);
    }

    /** The definition, pair by pair (what meanPairwiseCorrelation computed before its one-pass form). */
    private static double pairwiseMean(SpikeTrains t, double binMs) {
        int binSteps = Math.max(1, (int) Math.round(binMs / t.dtMs())), bins = (t.toStep() - t.fromStep()) / binSteps;
        List<double[]> z = new ArrayList<>();
        for (int i = 0; i < t.neuronCount(); i++) {
            double[] c = new double[bins];
            for (int k = 0; k < t.spikeCount(i); k++) { int b = (t.spikeStep(i, k) - t.fromStep()) / binSteps; if (b < bins) c[b]++; }
            double m = Arrays.stream(c).sum() / bins, ss = 0;
            for (int b = 0; b < bins; b++) { c[b] -= m; ss += c[b] * c[b]; }
            if (ss > 0) { for (int b = 0; b < bins; b++) c[b] /= Math.sqrt(ss); z.add(c); }
        }
        double sum = 0;
        long pairs = 0;
        for (int a = 0; a < z.size(); a++)
            for (int b = a + 1; b < z.size(); b++) {
                double dot = 0;
                for (int k = 0; k < bins; k++) dot += z.get(a)[k] * z.get(b)[k];
                sum += dot;
                pairs++;
            }
        return sum / pairs;
    }

    @Test
    void theOnePassMeanEqualsThePairwiseDefinition() {
        // 150 neurons that share a common drive half of the time (mean correlation well above 0) and some silent ones.
        SplittableRandom r = new SplittableRandom(11);
        List<int[]> spikes = new ArrayList<>();
        for (int step = 0; step < 60_000; step++) {
            boolean burst = r.nextInt(100) < 2;
            for (int n = 0; n < 150; n++) if (n % 10 != 9 && r.nextDouble() < (burst ? 0.05 : 0.001)) spikes.add(new int[]{n, step});
        }
        int[] ns = spikes.stream().mapToInt(x -> x[0]).toArray(), ss = spikes.stream().mapToInt(x -> x[1]).toArray();
        SpikeTrains t = SpikeTrains.of(ns, ss, ns.length, 150, 0, 60_000, DT_MS);
        double[] c = SpikeStatistics.meanPairwiseCorrelation(t, 5, 200);
        double expected = pairwiseMean(t, 5);
        assertTrue(expected > 0.01, "the test's trains are correlated: " + expected);
        assertEquals(expected, c[0], 1e-12);
        assertEquals(135L * 134 / 2, (long) c[1]);
    }

    @Test
    void tooFewSpikesGiveNaNAndFailValidation() {
        int[] n = {0, 1}, s = {10, 20};
        PopulationStatistics st = SpikeStatistics.of("sparse", SpikeTrains.of(n, s, 2, 2, 0, 1000, DT_MS));
        assertTrue(Double.isNaN(st.cvIsi()));
        var checks = Validation.check(List.of(st), List.of(new Validation.Range("*", Validation.Metric.CV_ISI, 0.5, 1.5, "test")));
        assertEquals(1, checks.size());
        assertFalse(checks.get(0).pass());
    }

    @Test
    void validationAppliesWildcardAndNamedRanges() {
        var a = new PopulationStatistics("A", 10, 100, 5.0, 1.0, 10, 0.01, 45);
        var b = new PopulationStatistics("B", 10, 100, 50.0, 1.0, 10, 0.01, 45);
        var checks = Validation.check(List.of(a, b), List.of(
                new Validation.Range("*", Validation.Metric.CV_ISI, 0.5, 1.5, "ai"),
                new Validation.Range("B", Validation.Metric.RATE_HZ, 1, 10, "b only")));
        assertEquals(3, checks.size());
        assertFalse(Validation.allPass(checks));
        assertTrue(checks.stream().filter(c -> c.population().equals("B") && c.metric() == Validation.Metric.RATE_HZ).allMatch(c -> !c.pass()));
    }

    @Test
    void rejectsSpikesOfNeuronsOutsideThePopulation() {
        var e = assertThrows(IllegalArgumentException.class, () -> SpikeTrains.of(new int[]{5}, new int[]{1}, 1, 5, 0, 10, DT_MS));
        assertTrue(e.getMessage().contains("neuron 5"), e.getMessage());
    }
}
