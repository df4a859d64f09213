package org.neuroracle.forecast.synth;

import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.TreasuryData;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.*;

/** Synthetic data reproduce the statistics they were generated from, within the bounds stated per statistic. */
class SynthTest {
    @Test void governanceRefitRecoversTheGeneratingStatistics() {
        GovernanceSynth.Stats s = GovernanceSynth.Stats.defaults();
        GovernanceData d = GovernanceSynth.generate(s, "syn", 400, 11);
        assertEquals(d, GovernanceSynth.generate(s, "syn", 400, 11), "seeded: same seed, same data");
        GovernanceSynth.Stats f = GovernanceSynth.fit(d, new PrivacyBudget(0, GovernanceSynth.RELEASES));
        // Bounds: sampling error of means over 400 proposals, plus the whale/small split bias for weights.
        assertEquals(s.meanLogVoters(), f.meanLogVoters(), 0.12);
        assertEquals(s.meanSupport(), f.meanSupport(), 0.04);
        assertEquals(s.abstainShare(), f.abstainShare(), 0.01);
        assertEquals(s.arrivalMean(), f.arrivalMean(), 0.02);
        assertEquals(s.windowDays(), f.windowDays(), 1e-6);
        assertEquals(s.meanLog10Weight(), f.meanLog10Weight(), 0.2, "small holders above the whale split (-1) are counted as whales");
        assertEquals(s.gapDays(), f.gapDays(), 1.0, "mean exponential gap over 400 proposals");
    }

    @Test void privacyBudgetIsSpentExactlyAndNoiseShrinksWithEpsilon() {
        GovernanceData d = GovernanceSynth.generate(GovernanceSynth.Stats.defaults(), "syn", 400, 3);
        GovernanceSynth.Stats exact = GovernanceSynth.fit(d, new PrivacyBudget(0, GovernanceSynth.RELEASES));
        double errLoose = 0, errTight = 0;
        for (int seed = 0; seed < 20; seed++) {
            PrivacyBudget loose = new PrivacyBudget(1.0, GovernanceSynth.RELEASES), tight = new PrivacyBudget(100.0, GovernanceSynth.RELEASES);
            errLoose += Math.abs(GovernanceSynth.fit(d, loose).meanSupport() - exact.meanSupport());
            errTight += Math.abs(GovernanceSynth.fit(d, tight).meanSupport() - exact.meanSupport());
            assertEquals(1.0, loose.spent(), 1e-5, "each release rounded down to a millionth");
            assertTrue(loose.spent() <= 1.0);
            assertEquals(GovernanceSynth.RELEASES + 2, loose.ledger().size(), "11 noised statistics and 2 public ones (window, gap)");
        }
        assertTrue(errTight < errLoose, "more budget, less noise: " + errTight + " vs " + errLoose);
    }

    @Test void treasuryRefitRecoversTrendAndLevel() {
        TreasurySynth.Stats d = TreasurySynth.Stats.defaults();
        // Without level shocks (a random walk that a straight-line trend cannot separate from the trend).
        TreasurySynth.Stats s = new TreasurySynth.Stats(d.meanLogInflow(), d.sdLogInflow(), d.trendPerDay(), d.weekly(), 0, 0,
                d.meanLogBurn(), d.grantRate(), d.meanLogGrant(), d.initialBalance());
        TreasuryData t = TreasurySynth.generate(s, "ETH", LocalDate.of(2022, 1, 1), 730, 5);
        TreasurySynth.Stats f = TreasurySynth.fit(t, new PrivacyBudget(0, TreasurySynth.RELEASES));
        assertEquals(s.trendPerDay(), f.trendPerDay(), 0.0002);
        assertEquals(s.sdLogInflow(), f.sdLogInflow(), 0.05);
        assertEquals(s.weekly()[6] - s.weekly()[0], f.weekly()[6] - f.weekly()[0], 0.25);
    }
}
