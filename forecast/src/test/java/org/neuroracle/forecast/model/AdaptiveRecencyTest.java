package org.neuroracle.forecast.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class AdaptiveRecencyTest {
    static final int K = 2;
    static final long DAY = 86_400L, T0 = 1_000_000L;

    /**
     * DAO "d": n proposals one a day, logits from a seeded stream, outcomes at the given pass rate per proposal index
     * (the logit carries no signal, so only the pass rate's drift can be learnt).
     */
    static List<DaoRecalibration.Entry> dao(String name, int n, long seed, java.util.function.IntToDoubleFunction passRate) {
        SplittableRandom r = new SplittableRandom(seed);
        List<DaoRecalibration.Entry> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble() * 2 - 1;
            l.add(new DaoRecalibration.Entry(name, "p" + i, T0 + DAY * i, r.nextDouble() < passRate.applyAsDouble(i), new double[]{u, u}));
        }
        return l;
    }

    static long after(int proposals) { return T0 + DAY * (proposals - 1); } // the first `proposals` have ended

    @Test void aDriftingDaoChoosesAShortHalfLifeAndAStationaryOneNone() {
        List<DaoRecalibration.Entry> l = new ArrayList<>(dao("drift", 400, 3, i -> (i / 80) % 2 == 0 ? 0.9 : 0.1)); // regime every 80
        l.addAll(dao("steady", 400, 4, i -> 0.7));
        AdaptiveRecency a = new AdaptiveRecency(DaoRecalibration.of(20, K, l));
        int drift = a.halfLife("drift", after(400), 0), steady = a.halfLife("steady", after(400), 0);
        assertTrue(drift > 0 && drift <= 50, "drifting DAO chose " + drift);
        assertTrue(steady == 0 || steady >= 100, "stationary DAO chose " + steady);
        // The map at the chosen half-life is exactly fittedRecent's.
        DaoRecalibration t = DaoRecalibration.of(20, K, l);
        assertEquals(t.fittedRecent(t.dao("drift"), 400, 1, a.halfLife("drift", after(400), 1)), a.at("drift", after(400), 1));
        assertEquals(t.fitted(t.dao("steady"), 400, 0), a.at("steady", after(400), 0), "none is the served map");
    }

    @Test void shortHistoriesAndUnknownDaosGetTheServedRule() {
        List<DaoRecalibration.Entry> l = dao("drift", 200, 5, i -> i < 15 ? 1.0 : 0.0);
        DaoRecalibration t = DaoRecalibration.of(20, K, l);
        AdaptiveRecency a = new AdaptiveRecency(t);
        assertEquals(0, a.halfLife("drift", after(AdaptiveRecency.MIN_PAST - 1), 0), "below MIN_PAST");
        assertEquals(t.at("drift", after(AdaptiveRecency.MIN_PAST - 1), 0), a.at("drift", after(AdaptiveRecency.MIN_PAST - 1), 0));
        assertEquals(DaoRecalibration.Map2.IDENTITY, a.at("never-seen", after(200), 0));
        assertEquals(0, a.halfLife(null, after(200), 0));
        assertThrows(IllegalArgumentException.class, () -> a.at("drift", after(200), K));
    }

    /** The choice and the map at a start depend only on proposals ended by then: later outcomes and logits are flipped. */
    @Test void theFutureNeverMovesTheChoiceOrTheMap() {
        List<DaoRecalibration.Entry> l = dao("drift", 300, 6, i -> (i / 60) % 2 == 0 ? 0.85 : 0.2);
        int cut = 150;
        List<DaoRecalibration.Entry> flipped = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            var e = l.get(i);
            flipped.add(i < cut ? e : new DaoRecalibration.Entry(e.dao(), e.proposalId(), e.end(), !e.passed(), new double[]{4, -4}));
        }
        AdaptiveRecency a = new AdaptiveRecency(DaoRecalibration.of(20, K, l)), b = new AdaptiveRecency(DaoRecalibration.of(20, K, flipped));
        for (int k = 0; k < K; k++) {
            assertEquals(a.halfLife("drift", after(cut), k), b.halfLife("drift", after(cut), k), "checkpoint " + k);
            assertEquals(a.at("drift", after(cut), k), b.at("drift", after(cut), k), "checkpoint " + k);
        }
        // ...while the flipped future does move later choices' scores (the test can fail).
        assertNotEquals(a.prefixBrier(DaoRecalibration.of(20, K, l).dao("drift"), 0, 25)[300],
                b.prefixBrier(DaoRecalibration.of(20, K, flipped).dao("drift"), 0, 25)[300]);
    }

    /** The replayed score of proposal j uses the map fitted on proposals 0..j-1, checked against a direct replay. */
    @Test void thePrequentialScoreIsTheReplayedBrier() {
        List<DaoRecalibration.Entry> l = dao("d", 60, 7, i -> i < 30 ? 0.8 : 0.3);
        DaoRecalibration t = DaoRecalibration.of(20, K, l);
        var d = t.dao("d");
        double[] prefix = new AdaptiveRecency(t).prefixBrier(d, 1, 50);
        double sum = 0;
        for (int j = 0; j < 60; j++) {
            assertEquals(sum, prefix[j], 1e-12, "prefix " + j);
            double p = t.fittedRecent(d, j, 1, 50).apply(DaoRecalibration.dequantise(d.logitFix()[j * K + 1]));
            sum += (p - (d.passed()[j] ? 1 : 0)) * (p - (d.passed()[j] ? 1 : 0));
        }
        assertEquals(sum, prefix[60], 1e-12);
    }
}
