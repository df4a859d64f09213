package org.neuroracle.forecast.model;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The 80% bounds of the ensembles: balanced trackers and split-conformal offsets aim at 80% where trackers aim at 90%. */
class TreasuryIntervalsTest {
    /** Daily flows: zero on most days (zeroShare), else log-normal around 100. */
    static double[] intermittent(int n, double zeroShare, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] f = new double[n];
        for (int t = 0; t < n; t++) f[t] = r.nextDouble() < zeroShare ? 0 : 100 * Math.exp(0.8 * r.nextGaussian());
        return f;
    }

    /** Rolling-origin coverage of the 7-day mean, origins from..n-8. */
    static double coverage(TreasuryEnsemble e, double[] f, int from) {
        int in = 0, k = 0, h = 7;
        for (int t = from; t + h < f.length; t += 3) {
            TreasuryEnsemble.Forecast x = e.forecast(java.util.Arrays.copyOf(f, t + 1), h, 1);
            double y = 0;
            for (int j = 1; j <= h; j++) y += f[t + j];
            y /= h;
            assertTrue(x.p10() <= x.p50() && x.p50() <= x.p90(), "ordered fan at " + t);
            if (y >= x.p10() && y <= x.p90()) in++;
            k++;
        }
        return (double) in / k;
    }

    static final TreasuryEnsemble GATE = TreasuryEnsemble.gate(FlowMethods.EXTENDED, 365, 730, 90, 0.75);

    /** Residuals of a mostly-zero flow forecast by a median of 0: 70% exactly 0 (ties), 30% positive, none negative. */
    static double[] tiedResiduals(int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[k];
        for (int i = 0; i < k; i++) x[i] = r.nextDouble() < 0.7 ? 0 : Math.abs(r.nextGaussian()) + 0.01;
        return x;
    }

    static double shareAbove(double[] r, double hi) {
        int n = 0;
        for (double x : r) if (x > hi) n++;
        return (double) n / r.length;
    }

    @Test void balancedTrackersGiveTheUnusedLowerShareToTheUpperSide() {
        // The lower side cannot miss (no residual below 0): a plain tracker's upper side aims at 10% misses, so 90%
        // are covered; the balanced one aims at 20% - 0% and covers 80%.
        double[] r = tiedResiduals(730, 13);
        double[] plain = GATE.withTracker(0.2).track(r, 1, 7), balanced = GATE.withBalancedTracker(730, 0.2).track(r, 1, 7);
        assertEquals(0.0, plain[0], 0.0);
        assertEquals(0.0, balanced[0], 0.0);
        assertEquals(0.1, shareAbove(r, plain[1]), 0.04, "plain upper misses");
        assertEquals(0.2, shareAbove(r, balanced[1]), 0.04, "balanced upper misses");
    }

    @Test void conformalOffsetsLeaveOutAtMostTwentyPercentSplitBetweenTheSides() {
        SplittableRandom g = new SplittableRandom(5);
        double[] r = new double[400];
        for (int i = 0; i < r.length; i++) r[i] = g.nextGaussian();
        double[] lohi = GATE.withTracker(0.2).withConformal(730, 0).conformal(r, 1);
        int below = 0, above = 0;
        for (double x : r) { if (x < lohi[0]) below++; if (x > lohi[1]) above++; }
        assertEquals(40, below, 1, "10% below");
        assertEquals(40, above, 1, "10% above");
        // All ties and positives: the whole 20% goes to the upper side.
        double[] t = tiedResiduals(400, 9);
        double[] th = GATE.withTracker(0.2).withConformal(730, 0).conformal(t, 1);
        assertEquals(0.0, th[0], 0.0);
        assertEquals(0.2, shareAbove(t, th[1]), 0.01);
    }

    @Test void conformalBoundsCoverAboutEightyPercentOfAStationaryFlow() {
        double[] f = intermittent(1100, 0.0, 7);
        double c = coverage(GATE.withTracker(0.2).withConformal(365, 0), f, 760);
        assertTrue(c > 0.7 && c < 0.9, "coverage " + c);
    }

    @Test void conformalNeedsEnoughResidualsElseItIsTheTracker() {
        // 5-day periods: 90 days are 18 residuals, under the 30 needed, so the bounds are the tracker's.
        double[] f = intermittent(500, 0.3, 3);
        TreasuryEnsemble tracker = GATE.withTracker(0.2), conformal = tracker.withConformal(90, 0);
        TreasuryEnsemble.Forecast a = tracker.forecast(f, 2, 5), b = conformal.forecast(f, 2, 5);
        assertEquals(a.p10(), b.p10(), 0.0);
        assertEquals(a.p90(), b.p90(), 0.0);
        TreasuryEnsemble.Forecast daily = conformal.forecast(f, 2, 1);
        assertNotEquals(tracker.forecast(f, 2, 1).p90(), daily.p90(), "daily: 90 residuals, conformal bounds");
    }

    @Test void badConformalFieldsAreRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> GATE.withTracker(0.2).withConformal(900, 0));
        assertTrue(e.getMessage().startsWith("ensemble.conformalDays"), e.getMessage());
        var g = assertThrows(IllegalArgumentException.class, () -> new TreasuryEnsemble(FlowMethods.ALL, "median", 180, 365, "tracker", 0.2, 0, 0, 90, 0));
        assertTrue(g.getMessage().startsWith("ensemble.conformalDays: only for conformal"), g.getMessage());
    }
}
