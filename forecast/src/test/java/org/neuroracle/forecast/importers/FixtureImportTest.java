package org.neuroracle.forecast.importers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.data.DataException;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Outcome;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.Vote;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.*;

/** Importers on small hand-written fixtures (src/test/resources/fixtures). */
class FixtureImportTest {
    @TempDir Path tmp;

    static Path fixture(String name) {
        return Path.of("src/test/resources/fixtures", name);
    }

    static Proposal proposal(GovernanceData d, String id) {
        return d.proposals().stream().filter(p -> p.proposalId().equals(id)).findFirst().orElseThrow();
    }

    @Test void ozGovernorInterpolatesBlockTimesAndReadsMultiLineFields() {
        ImportResult r = GovernanceFormat.run(GovernanceFormat.OZ_GOVERNOR, fixture("oz_governor.csv"), new ImportOptions("oz-fixture", null, 18, 7 * 86_400L));
        GovernanceData d = r.data();
        assertEquals(2, d.proposals().size());
        long t0 = OffsetDateTime.parse("2023-01-01T00:00:00Z").toEpochSecond();
        Proposal p = proposal(d, "11");
        assertEquals(t0, p.created());
        assertEquals(t0 + 120, p.voteStart(), "block 110: between 100 (t0) and 130 (t0+360)");
        assertEquals(t0 + 720, p.voteEnd(), "block 160: between 130 (t0+360) and 170 (t0+840)");
        assertEquals(Outcome.PASSED, p.outcome());
        assertNull(p.quorum(), "OZ governor quorum is not in the log");
        Proposal q = proposal(d, "12");
        assertEquals(Outcome.CANCELLED, q.outcome());
        assertEquals(1700000000L, q.voteStart(), "timestamp-clock governors log seconds");
        assertEquals(3, d.votes().size());
        Vote v1 = d.votes().stream().filter(v -> v.voter().equals("0xb1")).findFirst().orElseThrow();
        assertEquals(t0 + 240, v1.timestamp());
        assertEquals(new BigDecimal("1500"), v1.weight());
        assertEquals(Choice.FOR, v1.choice());
        assertEquals(Choice.ABSTAIN, d.votes().stream().filter(v -> v.voter().equals("0xb3")).findFirst().orElseThrow().choice());
    }

    @Test void aaveV2MapsBooleanSupportAndQueuedOutcome() {
        GovernanceData d = GovernanceFormat.run(GovernanceFormat.AAVE_V2, fixture("aave_v2.csv"), new ImportOptions("aave-fixture", new BigDecimal("320000"), 18, 1)).data();
        assertEquals(Outcome.PASSED, proposal(d, "7").outcome());
        assertEquals(new BigDecimal("320000"), proposal(d, "7").quorum());
        assertEquals(Outcome.PENDING, proposal(d, "8").outcome(), "vote ends after the last logged event");
        assertEquals(3, d.votes().size());
        assertEquals(Choice.AGAINST, d.votes().stream().filter(v -> v.proposalId().equals("8")).findFirst().orElseThrow().choice());
        assertEquals("aave-fixture", d.proposals().getFirst().dao());
    }

    @Test void aragonUsesVoteDurationAndExecuteVote() {
        GovernanceData d = GovernanceFormat.run(GovernanceFormat.ARAGON, fixture("aragon.csv"), new ImportOptions("mydao", null, 18, 86_400)).data();
        Proposal p1 = proposal(d, "1"), p2 = proposal(d, "2");
        assertEquals(1577836800L, p1.voteStart());
        assertEquals(1577836800L + 86_400, p1.voteEnd());
        assertEquals(Outcome.PASSED, p1.outcome());
        assertEquals(Outcome.PENDING, p2.outcome(), "vote 2 ends a day after the log's last event");
        assertEquals("mydao", p1.dao());
        assertEquals(new BigDecimal("7"), d.votes().getFirst().weight());
    }

    @Test void snapshotImportsMappableProposalsAndSkipsOthers() {
        ImportResult r = GovernanceFormat.run(GovernanceFormat.SNAPSHOT, fixture("snapshot.json"), ImportOptions.defaults());
        GovernanceData d = r.data();
        assertEquals(2, d.proposals().size(), "0xp3 has choices that are not for/against");
        assertEquals(Outcome.PASSED, proposal(d, "0xp1").outcome());
        assertEquals(Outcome.PENDING, proposal(d, "0xp2").outcome());
        assertEquals(new BigDecimal("100"), proposal(d, "0xp1").quorum());
        assertEquals(4, d.votes().size());
        assertEquals(new BigDecimal("150.5"), d.votes().getFirst().weight());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("1 proposal")));
    }

    @Test void badWeightNamesFileLineAndColumnAfterAMultiLineField() {
        Path f = fixture("bravo_bad_weight.csv");
        DataException e = assertThrows(DataException.class, () -> GovernanceFormat.run(GovernanceFormat.COMPOUND_BRAVO, f, ImportOptions.defaults()));
        assertEquals(f + ":4: votes: '12x00' is not an amount in base units", e.getMessage());
    }

    @Test void canonicalReaderNamesFileLineAndField() throws Exception {
        Files.writeString(tmp.resolve("proposals.csv"), "dao,proposal_id,created,vote_start,vote_end,quorum,outcome\nd,1,1,1,2,,passed\nd,2,1,1,2,,maybe\n");
        Files.writeString(tmp.resolve("votes.csv"), "dao,proposal_id,timestamp,voter,choice,weight\n");
        DataException e = assertThrows(DataException.class, () -> GovernanceData.read(tmp));
        assertEquals(tmp.resolve("proposals.csv") + ":3: outcome: 'maybe' is not one of passed, defeated, cancelled, pending", e.getMessage());
        Files.writeString(tmp.resolve("proposals.csv"), "dao,proposal_id,created,vote_start,vote_end,quorum,outcome\nd,1,1,1,2,,passed\n");
        Files.writeString(tmp.resolve("votes.csv"), "dao,proposal_id,timestamp,voter,choice,weight\nd,1,1,0xa,for,-3\n");
        e = assertThrows(DataException.class, () -> GovernanceData.read(tmp));
        assertEquals(tmp.resolve("votes.csv") + ":2: weight: negative", e.getMessage());
    }

    @Test void blockClockExtrapolatesWithTheMeanBlockTime() {
        BlockClock c = new BlockClock();
        c.observe(100, 1000);
        c.observe(200, 2200);
        assertEquals(1600, c.timeOf(150, "x"));
        assertEquals(2200 + 1200, c.timeOf(300, "x"));
        assertEquals(1000 - 120, c.timeOf(90, "x"));
        BlockClock one = new BlockClock();
        one.observe(1, 1);
        assertThrows(IllegalArgumentException.class, () -> one.timeOf(5, "f.csv:3"));
    }
}
