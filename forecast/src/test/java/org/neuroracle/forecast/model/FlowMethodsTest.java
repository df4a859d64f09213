package org.neuroracle.forecast.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The baselines and combination on series whose right answer is known. */
class FlowMethodsTest {
    @Test void windowMeansCoverDaysNotPeriods() {
        double[] f = new double[20];
        for (int i = 0; i < 20; i++) f[i] = i;
        assertEquals((13 + 14 + 15 + 16 + 17 + 18 + 19) / 7.0, FlowMethods.forecast("mean_7d", f, 1, 1)[19], 1e-12);
        // 5-day periods: 7 days are ceil(7/5) = 2 periods.
        assertEquals((18 + 19) / 2.0, FlowMethods.forecast("mean_7d", f, 1, 5)[19], 1e-12);
        assertEquals(19, FlowMethods.forecast("naive", f, 7, 1)[19], 1e-12);
        assertEquals(13, FlowMethods.forecast("seasonal_naive", f, 1, 1)[19], 1e-12, "day 20 is forecast by day 13, a week earlier");
    }

    @Test void holtFollowsALinearTrend() {
        double[] f = new double[200];
        for (int i = 0; i < 200; i++) f[i] = 10 + 2 * i;
        double h7 = FlowMethods.forecast("holt", f, 7, 1)[199];
        double next7 = 0;
        for (int k = 1; k <= 7; k++) next7 += 10 + 2 * (199 + k);
        assertEquals(next7 / 7, h7, 5, "damped trend (phi 0.9): within ~1% of the line over a week");
        assertTrue(h7 > FlowMethods.forecast("naive", f, 7, 1)[199], "above the last value on a rising line");
    }

    @Test void crostonForecastsTheRateOfAnIntermittentFlow() {
        double[] f = new double[300];
        for (int i = 9; i < 300; i += 10) f[i] = 50;     // 50 every 10 days: rate 5 per day
        double c = FlowMethods.forecast("croston", f, 30, 1)[299];
        assertTrue(c > 5 * (1 - 0.3 / 2) - 1e-9 && c <= 5 * (1 - 0.05 / 2) + 1e-9, "size / interval deflated by SBA's (1 - alpha/2), alpha in 0.05..0.3: " + c);
        assertEquals(0, FlowMethods.forecast("median_28d", f, 30, 1)[298], 1e-12, "the median day has no flow");
        assertEquals(5, FlowMethods.forecast("median_hmean_90d", f, 30, 1)[299], 1e-9, "every 30-day window holds three payments");
    }

    @Test void forecastsAreNeverNegativeAndUseOnlyThePast() {
        double[] f = new double[120];
        for (int i = 0; i < 120; i++) f[i] = Math.max(0, 100 - 3 * i);
        for (String m : FlowMethods.ALL) {
            double[] all = FlowMethods.forecast(m, f, 30, 1);
            assertTrue(Arrays.stream(all).allMatch(x -> x >= 0), m);
        }
        assertThrows(IllegalArgumentException.class, () -> FlowMethods.forecast("prophet", f, 1, 1));
    }

    @Test void medianCombinationBoundsAndBacktestWindow() {
        double[] f = new double[400];
        for (int i = 0; i < 400; i++) f[i] = 100 + 20 * Math.sin(i * 2 * Math.PI / 7) + (i % 17 == 0 ? 300 : 0);
        TreasuryEnsemble e = new TreasuryEnsemble(FlowMethods.ALL, "median", 180, 365);
        TreasuryEnsemble.Forecast x = e.forecast(f, 7, 1);
        double[] pts = x.candidatePoints().clone();
        Arrays.sort(pts);
        assertEquals(pts[4], x.p50(), 1e-12, "the median of nine candidates");
        assertTrue(x.p10() <= x.p50() && x.p50() <= x.p90());
        assertEquals(180 - 7, x.backtestPoints() + 0, 7.0);
        // Too short a history for a backtest: a point forecast with degenerate bounds, not an error.
        TreasuryEnsemble.Forecast s = e.forecast(Arrays.copyOf(f, 3), 7, 1);
        assertEquals(s.p10(), s.p90());
        assertThrows(IllegalArgumentException.class, () -> new TreasuryEnsemble(List.of("naive"), "vibes", 180, 365));
    }

    @Test void logTrendExtrapolatesAGeometricDecline() {
        // log1p of the flow falls by 0.002 a period: the reserve-like schedule damped Holt flattens out.
        double[] f = new double[300];
        for (int i = 0; i < f.length; i++) f[i] = StrictMath.expm1(15 - 0.002 * i);
        double want = 0;
        for (int k = 1; k <= 6; k++) want += StrictMath.expm1(15 - 0.002 * (299 + k));
        assertEquals(want / 6, FlowMethods.forecast("trend_log_120d", f, 6, 5)[299], want / 6 * 1e-9, "exact on a log-linear series");
        assertTrue(FlowMethods.forecast("trend_log_120d", f, 6, 5)[299] < FlowMethods.forecast("naive", f, 6, 5)[299], "below the last value on a decline");
        assertEquals(f[0], FlowMethods.forecast("trend_log_120d", f, 6, 5)[0], 1e-6, "one point: the last value");
    }

    @Test void theGateKeepsTheMedianUnlessOneCandidateIsClearlyBetter() {
        // A smooth linear decline: the trend candidates are near exact, the median of eleven lags behind.
        double[] line = new double[400];
        for (int i = 0; i < line.length; i++) line[i] = 10_000 - 10 * i;
        TreasuryEnsemble gate = TreasuryEnsemble.gate(FlowMethods.EXTENDED, 365, 365, 90, 0.75);
        TreasuryEnsemble.Forecast g = gate.forecast(line, 6, 1);
        assertEquals(1.0, Arrays.stream(g.weights()).max().orElseThrow(), 1e-12, "one candidate selected");
        double[] pts = g.candidatePoints().clone();
        Arrays.sort(pts);
        assertNotEquals((pts[5]), g.p50(), "not the median");
        double want = 0;
        for (int k = 1; k <= 6; k++) want += 10_000 - 10 * (399 + k);
        assertEquals(want / 6, g.p50(), 40, "close to the line");
        // Noise around a level: no candidate is 25% better than the median, which is kept.
        double[] noise = new double[400];
        long x = 12345;
        for (int i = 0; i < noise.length; i++) { x = x * 6364136223846793005L + 1442695040888963407L; noise[i] = 100 + ((x >>> 33) % 1000) / 10.0; }
        TreasuryEnsemble.Forecast n = gate.forecast(noise, 6, 1);
        pts = n.candidatePoints().clone();
        Arrays.sort(pts);
        assertEquals(pts[5], n.p50(), 1e-12, "the median of eleven");
        // Fewer than GATE_MIN_POINTS backtest points: the median, whatever the errors say.
        TreasuryEnsemble.Forecast s = gate.forecast(Arrays.copyOf(line, 6 + TreasuryEnsemble.GATE_MIN_POINTS), 6, 1);
        pts = s.candidatePoints().clone();
        Arrays.sort(pts);
        assertEquals(pts[5], s.p50(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> TreasuryEnsemble.gate(FlowMethods.EXTENDED, 365, 365, 0, 0.75), "half-life needed");
        assertThrows(IllegalArgumentException.class, () -> TreasuryEnsemble.gate(FlowMethods.EXTENDED, 365, 365, 90, 1.5), "ratio in (0, 1]");
        assertThrows(IllegalArgumentException.class, () -> new TreasuryEnsemble(FlowMethods.EXTENDED, "median", 365, 365, "log1p", 0, 90, 0.75), "gate fields only for the gate");
    }

    @Test void causalMethodsGiveEveryPrefixTheSameBits() {
        double[] f = new double[500];
        for (int i = 0; i < f.length; i++) f[i] = (i % 11 == 0 ? 1234.567 : 0) + 0.1 * (i % 7) + Math.sqrt(i);
        int causal = 0;
        for (String m : FlowMethods.EXTENDED) {
            double[] all = FlowMethods.forecast(m, f, 7, 1);
            boolean same = true;
            for (int t : new int[]{40, 200, 371, 499}) same &= Double.doubleToRawLongBits(all[t]) == Double.doubleToRawLongBits(FlowMethods.forecast(m, Arrays.copyOf(f, t + 1), 7, 1)[t]);
            if (FlowMethods.causal(m)) { assertTrue(same, m + " is declared causal: the evaluation reuses one pass for every origin"); causal++; }
        }
        assertEquals(7, causal);
        assertFalse(FlowMethods.causal("holt"), "holt refits its parameters on the history it is given");
    }
}
