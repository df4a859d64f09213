package org.neuroracle.forecast.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

class AdaptiveRecencyTest {
    static final int K = 2;
    static final long DAY = 86_400L, T0 = 1_000_000L, VOTE = 7 * DAY;

    /**
     * DAO {@code name}: n proposals, one ending a day, each vote lasting a week (so six proposals end while one is
     * open); logits from a seeded stream, different per checkpoint; outcomes at the given pass rate per index (the
     * logit carries no signal, so only the pass rate's drift can be learnt).
     */
    static List<DaoRecalibration.Entry> dao(String name, int n, long seed, java.util.function.IntToDoubleFunction passRate) {
        SplittableRandom r = new SplittableRandom(seed);
        List<DaoRecalibration.Entry> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble() * 2 - 1;
            l.add(new DaoRecalibration.Entry(name, "p" + i, T0 + DAY * i, r.nextDouble() < passRate.applyAsDouble(i), new double[]{u, 0.5 - u}));
        }
        return l;
    }

    /** Each proposal's vote start: a week before its end. */
    static Map<String, Map<String, Long>> starts(List<DaoRecalibration.Entry> l) {
        Map<String, Map<String, Long>> m = new TreeMap<>();
        for (var e : l) m.computeIfAbsent(e.dao(), d -> new TreeMap<>()).put(e.proposalId(), e.end() - VOTE);
        return m;
    }

    static AdaptiveRecency adaptive(List<DaoRecalibration.Entry> l) { return new AdaptiveRecency(DaoRecalibration.of(20, K, l), starts(l)); }

    static long after(int proposals) { return T0 + DAY * (proposals - 1); } // the first `proposals` have ended

    @Test void aDriftingDaoChoosesAShortHalfLifeAndAStationaryOneNone() {
        List<DaoRecalibration.Entry> l = new ArrayList<>(dao("drift", 400, 3, i -> (i / 80) % 2 == 0 ? 0.9 : 0.1)); // regime every 80
        l.addAll(dao("steady", 400, 4, i -> 0.7));
        AdaptiveRecency a = adaptive(l);
        for (int k = 0; k < K; k++) {
            int drift = a.halfLife("drift", after(400), k), steady = a.halfLife("steady", after(400), k);
            assertTrue(drift > 0 && drift <= 50, "drifting DAO chose " + drift + " at checkpoint " + k);
            assertTrue(steady == 0 || steady >= 100, "stationary DAO chose " + steady + " at checkpoint " + k);
        }
        // The map at the chosen half-life is exactly fittedRecent's.
        DaoRecalibration t = DaoRecalibration.of(20, K, l);
        assertEquals(t.fittedRecent(t.dao("drift"), 400, 1, a.halfLife("drift", after(400), 1)), a.at("drift", after(400), 1));
        if (a.halfLife("steady", after(400), 0) == 0) assertEquals(t.fitted(t.dao("steady"), 400, 0), a.at("steady", after(400), 0), "none is the served map");
    }

    @Test void shortHistoriesUnknownDaosAndBadInputs() {
        List<DaoRecalibration.Entry> l = dao("drift", 200, 5, i -> i < 15 ? 1.0 : 0.0);
        DaoRecalibration t = DaoRecalibration.of(20, K, l);
        AdaptiveRecency a = new AdaptiveRecency(t, starts(l));
        assertEquals(0, a.halfLife("drift", after(AdaptiveRecency.MIN_PAST - 1), 0), "below MIN_PAST");
        assertEquals(t.at("drift", after(AdaptiveRecency.MIN_PAST - 1), 0), a.at("drift", after(AdaptiveRecency.MIN_PAST - 1), 0));
        assertEquals(DaoRecalibration.Map2.IDENTITY, a.at("never-seen", after(200), 0));
        assertEquals(0, a.halfLife(null, after(200), 0));
        assertThrows(IllegalArgumentException.class, () -> a.at("drift", after(200), K));
        assertThrows(IllegalArgumentException.class, () -> a.halfLife("drift", after(200), K));
        Map<String, Map<String, Long>> missing = starts(l);
        missing.get("drift").remove("p7");
        var e = assertThrows(IllegalArgumentException.class, () -> new AdaptiveRecency(t, missing));
        assertEquals("adaptive recency: no vote start for proposal drift/p7", e.getMessage());
    }

    /**
     * The choice and the map at a start depend only on proposals ended by then. The future here is built so that
     * reading it would change the choice: flipped outcomes and extreme logits after the cut.
     */
    @Test void theFutureNeverMovesTheScoresTheChoiceOrTheMap() {
        List<DaoRecalibration.Entry> l = dao("d", 300, 6, i -> 0.75);
        int cut = 150;
        List<DaoRecalibration.Entry> flipped = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            var e = l.get(i);
            flipped.add(i < cut ? e : new DaoRecalibration.Entry(e.dao(), e.proposalId(), e.end(), (i / 10) % 2 == 0, new double[]{4, -4}));
        }
        AdaptiveRecency a = adaptive(l), b = adaptive(flipped);
        var da = DaoRecalibration.of(20, K, l).dao("d");
        var db = DaoRecalibration.of(20, K, flipped).dao("d");
        for (int k = 0; k < K; k++) {
            for (int h : AdaptiveRecency.HALF_LIVES) {
                double[] pa = a.prefixBrier(da, k, h), pb = b.prefixBrier(db, k, h);
                for (int j = 0; j <= cut; j++) assertEquals(pa[j], pb[j], "checkpoint " + k + ", half-life " + h + ", prefix " + j);
            }
            assertEquals(a.halfLife("d", after(cut), k), b.halfLife("d", after(cut), k), "checkpoint " + k);
            assertEquals(a.at("d", after(cut), k), b.at("d", after(cut), k), "checkpoint " + k);
        }
        // ...while the choice made once the flipped future has ended does differ (so the checks above can fail).
        boolean differs = false;
        for (int k = 0; k < K; k++) differs |= a.halfLife("d", after(300), k) != b.halfLife("d", after(300), k);
        assertTrue(differs, "the flipped future changes the later choice");
    }

    /**
     * The replayed score of proposal j uses the map fitted on the proposals ended by j's own start (a week before
     * its end: j - 7 of them), not on 0..j-1, checked against a direct replay at both checkpoints.
     */
    @Test void thePrequentialScoreReplaysWhatEachForecastKnew() {
        List<DaoRecalibration.Entry> l = dao("d", 60, 7, i -> i < 30 ? 0.8 : 0.3);
        DaoRecalibration t = DaoRecalibration.of(20, K, l);
        var d = t.dao("d");
        AdaptiveRecency a = new AdaptiveRecency(t, starts(l));
        for (int k = 0; k < K; k++) {
            double[] prefix = a.prefixBrier(d, k, 50);
            double sum = 0;
            for (int j = 0; j < 60; j++) {
                assertEquals(sum, prefix[j], 1e-12, "prefix " + j);
                int known = Math.max(0, j - 6); // ends T0 + i DAY <= start T0 + (j - 7) DAY: i <= j - 7
                double p = t.fittedRecent(d, known, k, 50).apply(DaoRecalibration.dequantise(d.logitFix()[j * K + k]));
                sum += (p - (d.passed()[j] ? 1 : 0)) * (p - (d.passed()[j] ? 1 : 0));
            }
            assertEquals(sum, prefix[60], 1e-12);
        }
    }
}
