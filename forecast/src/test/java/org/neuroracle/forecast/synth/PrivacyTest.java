package org.neuroracle.forecast.synth;

import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Outcome;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.Vote;

import java.math.BigDecimal;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Voter-level privacy accounting and the discrete Laplace sampler. */
class PrivacyTest {
    /** Records the exact integer sum and sensitivity of every release, adding no noise. */
    static final class Recorder implements PrivacyBudget.Noise {
        final Map<String, long[]> sums = new HashMap<>();
        @Override public long sample(long s, long t, String statistic, long exactSum, long sensitivity) {
            sums.put(statistic, new long[]{exactSum, sensitivity});
            return 0;
        }
    }

    /** 60 proposals with 5 one-off voters each; the "whale" votes on every proposal with a heavy weight and against. */
    static GovernanceData dao(boolean withWhale) {
        List<Proposal> ps = new ArrayList<>();
        List<Vote> vs = new ArrayList<>();
        BigDecimal quorum = new BigDecimal("1000");
        for (int i = 0; i < 60; i++) {
            long t = 1_600_000_000L + i * 86_400L * 3;
            String id = Integer.toString(i + 1);
            ps.add(new Proposal("dao", id, t - 10, t, t + 86_400L * 2, quorum, Outcome.PASSED));
            for (int k = 0; k < 5; k++)
                vs.add(new Vote("dao", id, t + 1000 * (k + 1), "0xsmall" + i + "_" + k, k == 4 ? Choice.AGAINST : Choice.FOR, new BigDecimal("3")));
            if (withWhale) vs.add(new Vote("dao", id, t + 100_000, "0xwhale", Choice.AGAINST, new BigDecimal("5000")));
        }
        return new GovernanceData(ps, vs);
    }

    static Map<String, long[]> releases(GovernanceData d, int k) {
        Recorder r = new Recorder();
        GovernanceSynth.fit(d, new PrivacyBudget(1.0, GovernanceSynth.RELEASES, r), k);
        return r.sums;
    }

    @Test void sensitivityBoundHoldsForAVoterInEveryProposal() {
        for (int k : new int[]{1, 4, 8}) {
            Map<String, long[]> with = releases(dao(true), k), without = releases(dao(false), k);
            assertEquals(GovernanceSynth.RELEASES, with.size());
            for (String stat : with.keySet()) {
                long diff = Math.abs(with.get(stat)[0] - without.get(stat)[0]);
                assertEquals(k * PrivacyBudget.GRID, with.get(stat)[1], stat + ": noise calibrated to k records");
                assertTrue(diff <= with.get(stat)[1], stat + " at k=" + k + ": the whale moves the sum by " + diff + " > sensitivity " + with.get(stat)[1]);
            }
            // The whale does move the statistics it touches, by more than one record's worth when k > 1.
            long moved = Math.abs(releases(dao(true), k).get("mean_support")[0] - releases(dao(false), k).get("mean_support")[0]);
            assertTrue(moved > (k - 1) * PrivacyBudget.GRID / 10, "k=" + k + ": support moved by " + moved);
        }
    }

    @Test void withoutTheBoundOneVoterMovesSixtyRecords() {
        // What the proposal-as-unit accounting missed: unbounded, the whale changes every proposal's support, so the
        // change of the sum is far above the one-record sensitivity that accounting assumed.
        Map<String, long[]> with = releases(dao(true), 1000), without = releases(dao(false), 1000);
        long diff = Math.abs(with.get("mean_support")[0] - without.get("mean_support")[0]);
        assertTrue(diff > 5 * PrivacyBudget.GRID, "unbounded whale moves support by " + diff + " grid steps, one record is " + PrivacyBudget.GRID);
    }

    @Test void voterBoundKeepsEachVotersEarliestProposals() {
        VoterBound.Bounded b = VoterBound.bound(dao(true), 4);
        long whaleVotes = b.data().votes().stream().filter(v -> v.voter().equals("0xwhale")).count();
        assertEquals(4, whaleVotes);
        assertEquals(1, b.votersCut());
        assertEquals(56, b.votesDropped());
        assertTrue(b.data().votes().stream().filter(v -> v.voter().equals("0xwhale")).allMatch(v -> Integer.parseInt(v.proposalId()) <= 4));
        assertThrows(IllegalArgumentException.class, () -> VoterBound.bound(dao(true), 0));
    }

    @Test void budgetComposesSequentiallyAndPublicFactsAreFree() {
        PrivacyBudget dp = new PrivacyBudget(1.1, GovernanceSynth.RELEASES, new Recorder());
        GovernanceSynth.fit(dao(true), dp, 8);
        assertEquals(1.1, dp.spent(), 1e-9, "11 releases of 0.1 each");
        long free = dp.ledger().stream().filter(e -> (double) e.get("epsilon") == 0).count();
        assertEquals(2, free, "window and gap come from public proposal records");
        // One release more than the budget was split into is refused.
        PrivacyBudget small = new PrivacyBudget(1.0, 2, new Recorder());
        small.mean("a", new double[]{1}, 0, 1, 1);
        small.mean("b", new double[]{1}, 0, 1, 1);
        assertThrows(IllegalStateException.class, () -> small.mean("c", new double[]{1}, 0, 1, 1));
        // Epsilon is rounded down to a millionth per release, never up.
        assertEquals(333_333, new PrivacyBudget(1.0, 3, new Recorder()).epsilonNumerator());
    }

    @Test void noiseScaleFollowsSensitivityOverEpsilon() {
        long[] seen = new long[2];
        PrivacyBudget dp = new PrivacyBudget(2.0, 4, (s, t, name, sum, sens) -> { seen[0] = s; seen[1] = t; return 0; });
        dp.mean("x", new double[]{0.5, 0.5, 0.5, 0.5}, 0, 1, 3);
        // P(z) ~ exp(-|z| s / t): s / t = epsilon / sensitivity = 0.5 / (3 * GRID).
        assertEquals(0.5 / (3.0 * PrivacyBudget.GRID), (double) seen[0] / seen[1], 1e-15);
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test void discreteLaplaceMatchesItsProbabilityMass() {
        DiscreteLaplace d = new DiscreteLaplace(seeded(7));
        int n = 200_000;
        long s = 1, t = 2;                 // P(x) ~ exp(-|x| / 2)
        Map<Long, Integer> counts = new HashMap<>();
        double sum = 0, sq = 0;
        for (int i = 0; i < n; i++) {
            long x = d.sample(s, t);
            counts.merge(x, 1, Integer::sum);
            sum += x;
            sq += (double) x * x;
        }
        double q = Math.exp(-0.5);
        double p0 = (1 - q) / (1 + q);
        for (long x = -3; x <= 3; x++) {
            double expected = p0 * Math.pow(q, Math.abs(x));
            double got = counts.getOrDefault(x, 0) / (double) n;
            assertEquals(expected, got, 4 * Math.sqrt(expected * (1 - expected) / n) + 1e-4, "P(" + x + ")");
        }
        assertEquals(0, sum / n, 0.03, "symmetric");
        assertEquals(2 * q / ((1 - q) * (1 - q)), sq / n, 0.2, "variance 2q/(1-q)^2");
    }

    @Test void bernoulliExpIsExact() {
        DiscreteLaplace d = new DiscreteLaplace(seeded(11));
        int n = 100_000, ones = 0, ones2 = 0;
        for (int i = 0; i < n; i++) { if (d.bernoulliExp(1, 3)) ones++; if (d.bernoulliExp(5, 2)) ones2++; }
        assertEquals(Math.exp(-1.0 / 3), ones / (double) n, 0.01);
        assertEquals(Math.exp(-2.5), ones2 / (double) n, 0.005);
        assertThrows(IllegalArgumentException.class, () -> d.sample(0, 1));
    }

    @Test void noisyReleasesVaryAndStayInTheClipRange() {
        PrivacyBudget dp = new PrivacyBudget(0.5, 50);
        double[] v = new double[100];
        java.util.Arrays.fill(v, 0.5);
        java.util.Set<Double> distinct = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            double m = dp.mean("m" + i, v, 0, 1, 1);
            assertTrue(m >= 0 && m <= 1);
            distinct.add(m);
        }
        assertTrue(distinct.size() > 10, "secure noise differs between releases: " + distinct.size());
    }
}
