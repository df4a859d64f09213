package org.neuroracle.forecast.history;

import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Outcome;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.Vote;
import org.neuroracle.forecast.model.VoteObservation;
import org.neuroracle.forecast.train.Calibration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** History features see only the past, shrink towards the pooled rate, and track regular voters. */
class HistoryContextTest {
    static final long DAY = 86_400;

    /**
     * DAO "d": proposal i runs [i*10 days, i*10 + 3 days]; voters 0xa (large, always for) and 0xb (small, against)
     * vote on every one; outcome passed except where listed. DAO "o": 4 other proposals, all passed.
     */
    static GovernanceData data(int n, java.util.Set<Integer> defeated) {
        List<Proposal> ps = new ArrayList<>();
        List<Vote> vs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long s = i * 10 * DAY;
            ps.add(new Proposal("d", "p" + i, s, s, s + 3 * DAY, new BigDecimal("100"), defeated.contains(i) ? Outcome.DEFEATED : Outcome.PASSED, i % 2 == 0 ? "0xprop" : "0xother"));
            vs.add(new Vote("d", "p" + i, s + DAY / 2, "0xA", Choice.FOR, new BigDecimal("90")));
            vs.add(new Vote("d", "p" + i, s + 2 * DAY, "0xb", Choice.AGAINST, new BigDecimal("10")));
        }
        for (int i = 0; i < 4; i++) {
            ps.add(new Proposal("o", "q" + i, i, i, i + DAY, null, Outcome.PASSED));
            vs.add(new Vote("o", "q" + i, i + 1, "0xc", Choice.FOR, BigDecimal.ONE));
        }
        return new GovernanceData(ps, vs);
    }

    static VoteObservation at(Proposal p, List<Vote> votes, double fraction) {
        return VoteObservation.of(p, votes, VoteObservation.asOfAt(p, fraction));
    }

    @Test void theFutureNeverChangesAProposalsFeatures() {
        GovernanceData a = data(8, java.util.Set.of(1)), b = data(8, java.util.Set.of(1, 5, 6, 7));
        Proposal p3 = a.proposals().stream().filter(p -> p.proposalId().equals("p3")).findFirst().orElseThrow();
        var votes = a.votesByProposal().get(p3.key());
        double[] fa = DaoHistory.of(a).at("d", "p3", "0xprop", p3.voteStart()).features(at(p3, votes, 0.25));
        double[] fb = DaoHistory.of(b).at("d", "p3", "0xprop", p3.voteStart()).features(at(p3, votes, 0.25));
        assertArrayEquals(fa, fb, "outcomes of proposals 5..7 (after p3's start) must not matter");
        GovernanceData c = data(8, java.util.Set.of());
        double[] fc = DaoHistory.of(c).at("d", "p3", "0xprop", p3.voteStart()).features(at(p3, votes, 0.25));
        assertNotEquals(fa[0], fc[0], "a past outcome does move the prior");
    }

    @Test void priorShrinksTowardsThePooledRateOfOtherDaos() {
        DaoHistory h = DaoHistory.of(data(6, java.util.Set.of(0, 1, 2, 3, 4)));
        HistoryContext none = h.at("unknown-dao", "x", null, 1_000 * DAY);
        // Every DAO is another DAO for an unknown one: 4 + 1 passed of 10 ended, Laplace-smoothed.
        assertEquals((5 + 1.0) / (10 + 2.0), none.prior(), 1e-12);
        assertEquals(0, none.pastProposals());
        HistoryContext late = h.at("d", "p5", null, 50 * DAY);
        double pooled = (4 + 1.0) / (4 + 2.0);
        assertEquals(pooled, late.pooled(), 1e-12);
        assertEquals((0 + HistoryContext.PRIOR_WEIGHT * pooled) / (5 + HistoryContext.PRIOR_WEIGHT), late.prior(), 1e-12);
        assertEquals(5, late.pastProposals());
    }

    @Test void regularMassStillToComeFallsWhenARegularVotes() {
        GovernanceData d = data(6, java.util.Set.of());
        Proposal p5 = d.proposals().stream().filter(p -> p.proposalId().equals("p5")).findFirst().orElseThrow();
        var votes = d.votesByProposal().get(p5.key());
        HistoryContext ctx = DaoHistory.of(d).at("d", "p5", null, p5.voteStart());
        int mass = HistoryContext.NAMES.indexOf("regular_mass_to_come"), large = HistoryContext.NAMES.indexOf("large_holders_to_vote");
        double[] before = ctx.features(at(p5, votes, 0.0));
        double[] afterA = ctx.features(at(p5, votes, 0.5)); // 0xA (90% of turnout) voted at 1/6 of the window
        assertEquals(1.0, before[mass], 1e-9, "both regulars, participation 1, shares 0.9 + 0.1");
        assertEquals(0.1, afterA[mass], 1e-9, "only 0xb is still to come");
        assertEquals(0.2, before[large], 1e-9, "two of the ten large-holder slots, each participating always");
        assertEquals(0.1, afterA[large], 1e-9);
        int share = HistoryContext.NAMES.indexOf("projected_for_share");
        assertTrue(afterA[share] > 0.8 && afterA[share] < 1, "0xA for, 0xb expected against: " + afterA[share]);
    }

    @Test void theProposersRecordMovesItsFeature() {
        DaoHistory h = DaoHistory.of(data(8, java.util.Set.of(0, 2, 4)));
        int i = HistoryContext.NAMES.indexOf("proposer_logit_delta");
        Proposal p6 = data(8, java.util.Set.of()).proposals().stream().filter(p -> p.proposalId().equals("p6")).findFirst().orElseThrow();
        VoteObservation o = VoteObservation.of(p6, List.of(), p6.voteStart());
        assertTrue(h.at("d", "p6", "0xprop", p6.voteStart()).features(o)[i] < 0, "0xprop lost all of p0, p2, p4");
        assertTrue(h.at("d", "p6", "0xother", p6.voteStart()).features(o)[i] > 0, "0xother won p1, p3, p5");
        assertEquals(h.at("d", "p6", "0xprop", p6.voteStart()).features(o)[i], h.at("d", "p6", null, p6.voteStart()).features(o)[i],
                "without a proposer the history's own record of the proposal is used");
    }

    @Test void plattRecoversAKnownMapWithThePriorOffset() {
        var rnd = new java.util.SplittableRandom(3);
        int n = 20_000;
        double[] z = new double[n], o = new double[n];
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            z[k] = rnd.nextDouble() * 8 - 4;
            o[k] = rnd.nextDouble() * 4 - 2;
            y[k] = rnd.nextDouble() < 1 / (1 + Math.exp(-(0.5 * z[k] - 1 + 0.8 * o[k]))) ? 1 : 0;
        }
        double[] abc = Calibration.platt(z, o, y);
        assertEquals(0.5, abc[0], 0.05);
        assertEquals(-1, abc[1], 0.08);
        assertEquals(0.8, abc[2], 0.08);
    }

    @Test void legacyPlattRecoversAKnownMap() {
        var rnd = new java.util.SplittableRandom(3);
        int n = 20_000;
        double[] z = new double[n];
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            z[k] = rnd.nextDouble() * 8 - 4;
            y[k] = rnd.nextDouble() < 1 / (1 + Math.exp(-(0.5 * z[k] - 1))) ? 1 : 0;
        }
        double[] ab = Calibration.platt(z, y);
        assertEquals(0.5, ab[0], 0.05);
        assertEquals(-1, ab[1], 0.08);
    }

    @Test void calibrationMapIsPerCheckpointAndTheLegacyFormStillApplies() {
        double[] cps = {0, 0.5};
        double[] map = {1, 0, 0, 2, -1, 0.5};
        assertEquals(org.neuroracle.forecast.model.LinearReadout.sigmoid(0.3), org.neuroracle.forecast.model.VoteModel.calibrate(map, cps, 0.3, 1.0, 0.1));
        assertEquals(org.neuroracle.forecast.model.LinearReadout.sigmoid(2 * 0.3 - 1 + 0.5 * 1.0), org.neuroracle.forecast.model.VoteModel.calibrate(map, cps, 0.3, 1.0, 0.4));
        assertEquals(org.neuroracle.forecast.model.LinearReadout.sigmoid(2 * 0.3 + 1), org.neuroracle.forecast.model.VoteModel.calibrate(new double[]{2, 1}, cps, 0.3, 1.0, 0.4),
                "a [slope, intercept] map (artifacts made before the per-checkpoint map) ignores the prior");
    }
}
