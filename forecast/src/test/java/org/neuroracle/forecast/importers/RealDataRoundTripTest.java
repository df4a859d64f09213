package org.neuroracle.forecast.importers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.forecast.SharedData;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Outcome;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.TreasuryData;

import java.math.BigDecimal;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Importers against the real logs in ../shared/data: counts must match the event counts stated in its README. */
class RealDataRoundTripTest {
    @TempDir Path tmp;

    private static long count(GovernanceData d, Outcome o) { return d.proposals().stream().filter(p -> p.outcome() == o).count(); }

    @Test void compoundBravoCountsMatchTheLogAndSurviveTheCanonicalRoundTrip() {
        ImportResult r = GovernanceFormat.run(GovernanceFormat.COMPOUND_BRAVO, SharedData.require("governance/compound_governor_bravo.csv"), ImportOptions.defaults());
        assertEquals(99, r.proposalEvents());
        assertEquals(7733, r.voteEvents());
        assertEquals(99, r.data().proposals().size());
        assertEquals(7733, r.data().votes().size());
        assertEquals(16, count(r.data(), Outcome.CANCELLED));
        assertEquals(71, count(r.data(), Outcome.PASSED)); // 75 ProposalQueued, 4 of those cancelled after queueing
        r.data().write(tmp);
        GovernanceData back = GovernanceData.read(tmp);
        assertEquals(r.data(), back);
        Proposal p43 = back.proposals().stream().filter(p -> p.proposalId().equals("43")).findFirst().orElseThrow();
        assertEquals(new BigDecimal("400000"), p43.quorum());
        assertTrue(p43.voteEnd() - p43.voteStart() > 2 * 86_400 && p43.voteEnd() - p43.voteStart() < 4 * 86_400, "17280 blocks ~ 2.6 days");
        var v = back.votes().stream().filter(x -> x.voter().equals("0x7f843D2dF640B5F986B9C14C405A1728f8084D0B") && x.proposalId().equals("43")).findFirst().orElseThrow();
        assertEquals(new BigDecimal("64.126463650272834603"), v.weight()); // wei / 1e18, exactly
    }

    @Test void compoundAlphaCountsMatchTheLog() {
        ImportResult r = GovernanceFormat.run(GovernanceFormat.COMPOUND_ALPHA, SharedData.require("governance/compound_governor_alpha.csv"), ImportOptions.defaults());
        assertEquals(42, r.data().proposals().size());
        assertEquals(2416, r.data().votes().size());
        assertEquals(2, count(r.data(), Outcome.CANCELLED));
    }

    @Test void daostackCountsMatchTheExport() {
        ImportResult r = GovernanceFormat.run(GovernanceFormat.DAOSTACK, SharedData.require("governance/daostack"), ImportOptions.defaults());
        assertEquals(2143, r.data().proposals().size());
        assertEquals(6000, r.data().votes().size());
        assertEquals(1638, count(r.data(), Outcome.PASSED));
        assertEquals(13, count(r.data(), Outcome.PENDING));
        r.data().write(tmp);
        assertEquals(r.data(), GovernanceData.read(tmp));
    }

    @Test void axieTreasuryFlowsAreFirstDifferencesOfTheCumulativeRevenue() {
        TreasuryData t = new AxieTreasuryImporter().read(SharedData.require("treasury/axie_revenue_cumulative.csv"));
        assertTrue(t.rows().size() >= 1356);
        var last = t.rows().getLast();
        BigDecimal sumIn = BigDecimal.ZERO, sumOut = BigDecimal.ZERO;
        for (var r : t.rows()) { sumIn = sumIn.add(r.inflow()); sumOut = sumOut.add(r.outflow()); }
        assertEquals(0, sumIn.subtract(sumOut).compareTo(last.balance()), "flows must add up to the final cumulative total");
        t.write(tmp);
        assertEquals(t, TreasuryData.read(tmp));
    }
}
