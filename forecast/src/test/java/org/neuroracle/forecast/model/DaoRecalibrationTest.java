package org.neuroracle.forecast.model;

import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.history.DaoHistory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class DaoRecalibrationTest {
    static final int K = 2;

    /** n resolved proposals of DAO "d", one a day, each lasting a week; logits and outcomes from a seeded stream. */
    static List<DaoRecalibration.Entry> entries(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<DaoRecalibration.Entry> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble() * 6 - 3;
            boolean passed = r.nextDouble() < LinearReadout.sigmoid(0.5 * u - 1);
            l.add(new DaoRecalibration.Entry("d", "p" + i, 1_000_000L + 86_400L * (i + 7), passed, new double[]{u, u + 0.5}));
        }
        return l;
    }

    @Test void aDaoWithoutResolvedHistoryGetsThePooledMapExactly() {
        DaoRecalibration t = DaoRecalibration.of(20, K, entries(50, 1));
        assertEquals(DaoRecalibration.Map2.IDENTITY, t.at("never-seen", 5_000_000, 0));
        assertEquals(DaoRecalibration.Map2.IDENTITY, t.at("d", 1_000_000L + 86_400L * 6, 1), "nothing had ended yet");
        assertEquals(DaoRecalibration.Map2.IDENTITY, t.at(null, 5_000_000, 0));
        for (double u : new double[]{-7.25, -0.3, 0, 1e-9, 2.5})
            assertEquals(Double.doubleToRawLongBits(LinearReadout.sigmoid(u)), Double.doubleToRawLongBits(DaoRecalibration.Map2.IDENTITY.apply(u)));
    }

    @Test void aLaterOutcomeNeverChangesAnEarlierMapButAnEarlierOneDoes() {
        List<DaoRecalibration.Entry> base = entries(60, 2);
        long start = base.get(30).end() + 1; // proposals 0..30 ended before this start
        DaoRecalibration t = DaoRecalibration.of(20, K, base);
        // Every proposal that ends after the start: outcome flipped, logit changed; and one more added later.
        List<DaoRecalibration.Entry> future = new ArrayList<>();
        for (var e : base)
            future.add(e.end() <= start ? e : new DaoRecalibration.Entry(e.dao(), e.proposalId(), e.end(), !e.passed(), new double[]{-e.logits()[0], 9}));
        future.add(new DaoRecalibration.Entry("d", "late", start + 86_400, true, new double[]{3, 3}));
        DaoRecalibration f = DaoRecalibration.of(20, K, future);
        for (int k = 0; k < K; k++) {
            DaoRecalibration.Map2 a = t.at("d", start, k), b = f.at("d", start, k);
            assertEquals(31, a.past());
            assertEquals(Double.doubleToRawLongBits(a.slope()), Double.doubleToRawLongBits(b.slope()));
            assertEquals(Double.doubleToRawLongBits(a.offset()), Double.doubleToRawLongBits(b.offset()));
        }
        // The same change to a proposal that ended before the start does move the map.
        List<DaoRecalibration.Entry> past = new ArrayList<>(base);
        var e = base.get(3);
        past.set(3, new DaoRecalibration.Entry(e.dao(), e.proposalId(), e.end(), !e.passed(), e.logits()));
        assertNotEquals(t.at("d", start, 0), DaoRecalibration.of(20, K, past).at("d", start, 0));
    }

    @Test void manyProposalsRecoverTheDaosOwnMapAndFewStayNearThePooledOne() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 5000;
        double[] u = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            u[i] = r.nextDouble() * 6 - 3;
            y[i] = r.nextDouble() < LinearReadout.sigmoid(0.5 * u[i] - 1) ? 1 : 0;
        }
        DaoRecalibration.Map2 m = DaoRecalibration.fit(u, y, 20);
        assertEquals(0.5, m.slope(), 0.06);
        assertEquals(-1, m.offset(), 0.1);
        DaoRecalibration.Map2 few = DaoRecalibration.fit(java.util.Arrays.copyOf(u, 4), java.util.Arrays.copyOf(y, 4), 20);
        assertTrue(Math.abs(few.slope() - 1) < 0.3 && Math.abs(few.offset()) < 0.6, few.toString());
        // A stationary point of the penalised likelihood: its gradient vanishes.
        double lam = 20 / 4.0, ga = lam * (m.slope() - 1), gb = lam * m.offset();
        for (int i = 0; i < n; i++) {
            double p = LinearReadout.sigmoid(m.slope() * u[i] + m.offset());
            ga += (p - y[i]) * u[i];
            gb += p - y[i];
        }
        assertEquals(0, ga, 1e-6);
        assertEquals(0, gb, 1e-6);
    }

    /**
     * The map is IEEE double arithmetic with StrictMath only: the same bits on every JVM (JEP 306). Pinned here so
     * a change of the arithmetic (an intrinsic, another summation order) is caught.
     */
    @Test void theFittedMapIsPinnedBitForBit() {
        DaoRecalibration t = DaoRecalibration.of(20, K, entries(40, 4));
        DaoRecalibration.Map2 m = t.at("d", 9_000_000, 1);
        assertEquals(40, m.past());
        assertEquals(PINNED_SLOPE, Double.doubleToRawLongBits(m.slope()), "slope " + m.slope() + " bits " + Long.toHexString(Double.doubleToRawLongBits(m.slope())));
        assertEquals(PINNED_OFFSET, Double.doubleToRawLongBits(m.offset()), "offset " + m.offset() + " bits " + Long.toHexString(Double.doubleToRawLongBits(m.offset())));
    }

    @Test void unitWeightsAreTheUnweightedFitBitForBit() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n : new int[]{1, 3, 40, 300}) {
            double[] u = new double[n], w = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) { u[i] = r.nextDouble() * 8 - 4; y[i] = r.nextDouble() < LinearReadout.sigmoid(0.7 * u[i] + 0.4) ? 1 : 0; w[i] = 1; }
            DaoRecalibration.Map2 a = DaoRecalibration.fit(u, y, 20), b = DaoRecalibration.fit(u, y, w, 20);
            assertEquals(Double.doubleToRawLongBits(a.slope()), Double.doubleToRawLongBits(b.slope()), "n " + n);
            assertEquals(Double.doubleToRawLongBits(a.offset()), Double.doubleToRawLongBits(b.offset()), "n " + n);
        }
        DaoRecalibration t = DaoRecalibration.of(20, K, entries(40, 4));
        var d = t.dao("d");
        assertEquals(t.fitted(d, 33, 1), t.fittedRecent(d, 33, 1, 0), "half-life 0 is the served rule");
        assertThrows(IllegalArgumentException.class, () -> DaoRecalibration.fit(new double[2], new int[2], new double[1], 20));
    }

    /** A DAO whose pass rate falls: recency weights follow the recent outcomes, and only the resolved past counts. */
    @Test void recencyWeightsFollowADriftingDaoAndNeverItsFuture() {
        List<DaoRecalibration.Entry> l = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < 200; i++) {
            double u = r.nextDouble() * 2 - 1;
            boolean passed = r.nextDouble() < (i < 150 ? 0.85 : 0.15); // the last 50 mostly fail
            l.add(new DaoRecalibration.Entry("d", "p" + i, 1_000_000L + 86_400L * i, passed, new double[]{u, u}));
        }
        DaoRecalibration t = DaoRecalibration.of(20, K, l);
        long start = 1_000_000L + 86_400L * 199 + 1;
        double plain = t.at("d", start, 0).apply(0), recent = t.atRecent("d", start, 0, 25).apply(0), longer = t.atRecent("d", start, 0, 1_000_000).apply(0);
        assertTrue(recent < 0.45 && plain > 0.55, "recent " + recent + " plain " + plain);
        assertEquals(plain, longer, 1e-3, "a very long half-life is the unweighted fit");
        // Outcomes of proposals not yet ended at the start never move the weighted map.
        long mid = l.get(120).end() + 1;
        List<DaoRecalibration.Entry> flipped = new ArrayList<>();
        for (var e : l) flipped.add(e.end() <= mid ? e : new DaoRecalibration.Entry(e.dao(), e.proposalId(), e.end(), !e.passed(), new double[]{4, -4}));
        DaoRecalibration f = DaoRecalibration.of(20, K, flipped);
        assertEquals(t.atRecent("d", mid, 1, 25), f.atRecent("d", mid, 1, 25));
        assertEquals(DaoRecalibration.Map2.IDENTITY, t.atRecent("other", start, 0, 25));
    }

    static final long PINNED_SLOPE = 0x3fdff19d5b51a9baL, PINNED_OFFSET = 0xbfe4bbdf7f83ee84L;

    @Test void badTablesAreRefusedNamingTheField() {
        var e1 = assertThrows(IllegalArgumentException.class, () -> DaoRecalibration.of(0, K, entries(3, 5)));
        assertTrue(e1.getMessage().contains("pseudoCount"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> DaoRecalibration.of(20, 3, entries(3, 5)));
        assertTrue(e2.getMessage().contains("logits, expected 3"), e2.getMessage());
        List<DaoRecalibration.Entry> twice = new ArrayList<>(entries(3, 5));
        twice.add(twice.getFirst());
        assertThrows(IllegalArgumentException.class, () -> DaoRecalibration.of(20, K, twice));
    }

    /** A tiny model whose history and recalibration know DAO "d". */
    static VoteModel tinyWith(DaoRecalibration recal) {
        VoteModel m = TinyModels.vote();
        int n = 5;
        String[] ids = new String[n], proposers = new String[n];
        long[] starts = new long[n], ends = new long[n];
        for (int i = 0; i < n; i++) { ids[i] = "h" + i; proposers[i] = ""; starts[i] = 1_000_000L + 86_400L * i; ends[i] = starts[i] + 86_400L * 7; }
        DaoHistory.Dao d = new DaoHistory.Dao("d", ids, starts, ends, new boolean[]{true, false, true, true, false}, proposers, new double[]{10, 10, 10, 10, 10},
                new int[n * DaoHistory.CURVE_POINTS], new String[0], new int[]{0}, new int[0], new byte[0], new int[0]);
        return new VoteModel(m.description(), m.encoder(), m.history(), new DaoHistory(List.of(d)), m.reservoir(), m.pass(), m.calibration(), recal, m.passBag(),
                m.share(), m.turnout(), m.checkpoints(), m.shareResidualQ(), m.turnoutResidualQ(), m.training(), m.metrics());
    }

    @Test void theServedForecastUsesOnlyTheDaosResolvedPastAndSurvivesTheArtifact() {
        List<DaoRecalibration.Entry> base = entries(60, 6);
        long start = base.get(40).end() + 1;
        List<DaoRecalibration.Entry> future = new ArrayList<>();
        for (var e : base) future.add(e.end() <= start ? e : new DaoRecalibration.Entry(e.dao(), e.proposalId(), e.end(), !e.passed(), new double[]{5, -5}));
        VoteModel a = tinyWith(DaoRecalibration.of(20, K, base)), b = tinyWith(DaoRecalibration.of(20, K, future)), none = tinyWith(null);
        VoteObservation obs = new VoteObservation(start, start + 3 * 86_400, new BigDecimal("1000"), start + 86_400,
                List.of(new VoteObservation.Cast(start + 100, "0xa", Choice.FOR, new BigDecimal("300")), new VoteObservation.Cast(start + 200, "0xb", Choice.AGAINST, new BigDecimal("50"))));
        try (Reservoir.Runner runner = new Reservoir.Runner(a.reservoir(), "cpu")) {
            VoteModel.Answer pa = a.forecast(obs, a.context("d", "new", null, start), runner);
            VoteModel.Answer pb = b.forecast(obs, b.context("d", "new", null, start), runner);
            VoteModel.Answer p0 = none.forecast(obs, none.context("d", "new", null, start), runner);
            assertEquals(Double.doubleToRawLongBits(pa.pPass().value()), Double.doubleToRawLongBits(pb.pPass().value()), "later outcomes changed the forecast");
            assertEquals(Double.doubleToRawLongBits(pa.pPass().lower()), Double.doubleToRawLongBits(pb.pPass().lower()));
            assertNotEquals(pa.pPass().value(), p0.pPass().value(), "the recalibration must act on a DAO with 41 resolved proposals");
            // Round trip through the artifact: same bytes again, same answer bits.
            byte[] bytes = ModelArtifact.encode(a);
            VoteModel back = (VoteModel) ModelArtifact.decode(bytes, "a").model();
            assertArrayEquals(bytes, ModelArtifact.encode(back));
            assertEquals(a.recalibration(), back.recalibration());
            VoteModel.Answer pr = back.forecast(obs, back.context("d", "new", null, start), runner);
            assertEquals(Double.doubleToRawLongBits(pa.pPass().value()), Double.doubleToRawLongBits(pr.pPass().value()));
            // A model without a recalibration writes no such field and reads back without one.
            byte[] nb = ModelArtifact.encode(none);
            assertFalse(new String(nb, java.nio.charset.StandardCharsets.UTF_8).contains("\"recalibration\""));
            assertNull(((VoteModel) ModelArtifact.decode(nb, "n").model()).recalibration());
        }
    }
}
