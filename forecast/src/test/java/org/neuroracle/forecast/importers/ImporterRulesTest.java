package org.neuroracle.forecast.importers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.forecast.SharedData;
import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.data.DataException;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Outcome;
import org.neuroracle.forecast.data.Proposal;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The import rules of issue 13: names, windows, quorum, objections, orphans, refusals, parameters files. */
class ImporterRulesTest {
    @TempDir Path tmp;

    static Path fixture(String name) { return FixtureImportTest.fixture(name); }

    static Proposal proposal(GovernanceData d, String id) { return FixtureImportTest.proposal(d, id); }

    static GovernanceParams params() { return GovernanceParams.read(fixture("aragon_params.yaml")); }

    @Test void aragonWindowsFollowChangeVoteTimeFromTheBlockItAppliesAt() {
        ImportResult r = GovernanceFormat.run(GovernanceFormat.ARAGON, fixture("aragon_changes.csv"), new ImportOptions(null, null, 18, 7 * 86_400L, params()));
        GovernanceData d = r.data();
        assertEquals(86_400, proposal(d, "1").voteEnd() - proposal(d, "1").voteStart(), "before ChangeVoteTime: the params file's voting period");
        assertEquals(3_600, proposal(d, "2").voteEnd() - proposal(d, "2").voteStart(), "after ChangeVoteTime(3600)");
        assertEquals(3_600, proposal(d, "3").voteEnd() - proposal(d, "3").voteStart());
        assertEquals("fixture-aragon", proposal(d, "1").dao(), "the params file names the DAO");
        assertEquals("0xee", proposal(d, "1").proposer());
    }

    @Test void aragonObjectionsAreVotesAgainstAndTheTallyLabelsUnexecutedVotes() {
        GovernanceData d = GovernanceFormat.run(GovernanceFormat.ARAGON, fixture("aragon_changes.csv"), new ImportOptions(null, null, 18, 7 * 86_400L, params())).data();
        var objection = d.votes().stream().filter(v -> v.voter().equals("0xf3")).findFirst().orElseThrow();
        assertEquals(Choice.AGAINST, objection.choice());
        assertEquals(new BigDecimal("5"), objection.weight());
        assertEquals(Outcome.PASSED, proposal(d, "1").outcome(), "7 for vs 2 against > 60% and 7 >= quorum 5, though never executed");
        assertEquals(Outcome.DEFEATED, proposal(d, "2").outcome(), "1 for vs a 5-token objection");
        assertEquals(new BigDecimal("5"), proposal(d, "1").quorum());
        assertEquals(new BigDecimal("6"), proposal(d, "3").quorum(), "the second period's quorum applies from block 750");
    }

    @Test void orphanVotesAreReportedAsOrphans() {
        ImportResult r = GovernanceFormat.run(GovernanceFormat.ARAGON, fixture("aragon_changes.csv"), new ImportOptions(null, null, 18, 7 * 86_400L, params()));
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("1 orphan vote(s) on 1 proposal id(s) with no StartVote in this log (e.g. 9)")), r.notes().toString());
        assertTrue(r.data().votes().stream().noneMatch(v -> v.proposalId().equals("9")));
    }

    @Test void withoutParamsAragonUsesTheOptionThenChangeVoteTimeAndLeavesQuorumEmpty() {
        ImportResult r = GovernanceFormat.run(GovernanceFormat.ARAGON, fixture("aragon_changes.csv"), new ImportOptions(null, null, 18, 1_000));
        assertEquals(1_000, proposal(r.data(), "1").voteEnd() - proposal(r.data(), "1").voteStart());
        assertEquals(3_600, proposal(r.data(), "2").voteEnd() - proposal(r.data(), "2").voteStart());
        assertNull(proposal(r.data(), "1").quorum());
        assertEquals("aragon-00000000", proposal(r.data(), "1").dao(), "an unknown contract is named by format and address, never after another DAO");
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("quorum unknown for 3 proposal(s)")));
    }

    @Test void governorWindowsWithoutAnEndBlockUseTheVotingPeriodInForce() {
        Path f = fixture("governor_period.csv");
        DataException e = assertThrows(DataException.class, () -> GovernanceFormat.run(GovernanceFormat.COMPOUND_BRAVO, f, ImportOptions.defaults()));
        assertEquals(f + ":2: endBlock: missing, and no voting period is known (add voting_period_blocks to --params)", e.getMessage());
        Path p = tmp.resolve("p.yaml");
        try { Files.writeString(p, "periods:\n  - from_block: 0\n    voting_period_blocks: 100\n    quorum: 4\n"); } catch (java.io.IOException x) { throw new RuntimeException(x); }
        GovernanceData d = GovernanceFormat.run(GovernanceFormat.COMPOUND_BRAVO, f, new ImportOptions(null, null, 18, 60, GovernanceParams.read(p))).data();
        // 12 s per block in this log: proposal 1 starts at block 101 and takes the params file's 100 blocks;
        // proposal 2 starts after VotingPeriodSet(50) at block 150 and takes 50 blocks.
        assertEquals(1200, proposal(d, "1").voteEnd() - proposal(d, "1").voteStart());
        assertEquals(600, proposal(d, "2").voteEnd() - proposal(d, "2").voteStart());
        assertEquals(new BigDecimal("4"), proposal(d, "2").quorum());
        assertEquals("compound-bravo-00000000", proposal(d, "2").dao());
    }

    @Test void aLogWithoutContractAddressNeedsADaoName() {
        DataException e = assertThrows(DataException.class, () -> GovernanceFormat.run(GovernanceFormat.AAVE_V2, fixture("aave_v2.csv"), ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("give --dao NAME"), e.getMessage());
    }

    @Test void compoundNamesComeFromTheContractNotTheFormat() {
        Path bravo = SharedData.require("governance/compound_governor_bravo.csv");
        ImportResult r = GovernanceFormat.run(GovernanceFormat.COMPOUND_BRAVO, bravo, ImportOptions.defaults());
        assertEquals("compound-bravo", r.data().proposals().getFirst().dao());
        ImportResult a = GovernanceFormat.run(GovernanceFormat.COMPOUND_ALPHA, SharedData.require("governance/compound_governor_alpha.csv"), ImportOptions.defaults());
        assertEquals("compound-alpha", a.data().proposals().getFirst().dao());
        assertEquals(new BigDecimal("400000"), a.data().proposals().getFirst().quorum());
    }

    @Test void theBravoLogIsRefusedAsAaveAndAsAlphaWithAHint() {
        Path bravo = SharedData.require("governance/compound_governor_bravo.csv");
        DataException e = assertThrows(DataException.class, () -> GovernanceFormat.run(GovernanceFormat.AAVE_V2, bravo, ImportOptions.defaults()));
        assertEquals(bravo + ": not a log of format aave-v2: it has no VoteEmitted events but 7733 VoteCast (try --format compound-bravo, compound-alpha or oz-governor)", e.getMessage());
        e = assertThrows(DataException.class, () -> GovernanceFormat.run(GovernanceFormat.COMPOUND_ALPHA, bravo, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("(use --format compound-bravo)"), e.getMessage());
    }

    @Test void anAaveFixtureIsRefusedAsAragon() {
        DataException e = assertThrows(DataException.class, () -> GovernanceFormat.run(GovernanceFormat.ARAGON, fixture("aave_v2.csv"), new ImportOptions("x", null, 18, 60)));
        assertTrue(e.getMessage().contains("(try --format aave-v2)"), e.getMessage());
    }

    @Test void mergedInputsWithTheSameProposalAreAnErrorNamingBothFiles() throws Exception {
        GovernanceData d = GovernanceFormat.run(GovernanceFormat.ARAGON, fixture("aragon_changes.csv"), new ImportOptions("same", null, 18, 60)).data();
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        d.write(a);
        d.write(b);
        DataException e = assertThrows(DataException.class, () -> GovernanceData.readAll(List.of(a, b)));
        assertEquals("proposal same/1 is in both " + a.resolve("proposals.csv") + " and " + b.resolve("proposals.csv") + ": give one of the imports its own --dao name", e.getMessage());
        GovernanceData other = GovernanceFormat.run(GovernanceFormat.ARAGON, fixture("aragon_changes.csv"), new ImportOptions("other", null, 18, 60)).data();
        other.write(b);
        assertEquals(6, GovernanceData.readAll(List.of(a, b)).proposals().size());
    }

    @Test void paramsFileErrorsNameTheFieldAndFile() throws Exception {
        Path f = tmp.resolve("p.yaml");
        Files.writeString(f, "periods:\n  - from_block: 1\n    quorum: lots\n");
        DataException e = assertThrows(DataException.class, () -> GovernanceParams.read(f));
        assertEquals(f + ": periods[0].quorum: 'lots' is not a number", e.getMessage());
        Files.writeString(f, "periods:\n  - from_block: 1\n    quorom: 5\n");
        e = assertThrows(DataException.class, () -> GovernanceParams.read(f));
        assertTrue(e.getMessage().startsWith(f + ": periods[0].quorom: unknown field"), e.getMessage());
        Files.writeString(f, "periods:\n  - quorum: 5\n");
        e = assertThrows(DataException.class, () -> GovernanceParams.read(f));
        assertEquals(f + ": periods[0]: exactly one of from_block and from_date is required", e.getMessage());
    }

    @Test void theDocumentedCompoundBravoParamsFileReadsAndApplies() {
        GovernanceParams p = GovernanceParams.read(Path.of("examples/params/compound-bravo.yaml"));
        assertEquals("compound-bravo", p.dao());
        assertEquals(17_280L, p.at(12_100_000, 0).votingPeriodBlocks());
        assertEquals(19_710L, p.at(12_300_000, 0).votingPeriodBlocks());
        assertEquals(new BigDecimal("400000"), p.at(12_300_000, 0).quorum(), "quorum stays in force when a later period does not set it");
    }

    @Test void decentralandStatusesThresholdsChoicesAndOrphans() {
        ImportResult r = GovernanceFormat.run(GovernanceFormat.DECENTRALAND_SNAPSHOT, fixture("decentraland"), ImportOptions.defaults());
        GovernanceData d = r.data();
        assertEquals(4, d.proposals().size());
        assertEquals(Outcome.PASSED, proposal(d, "QmA").outcome());
        assertEquals(Outcome.DEFEATED, proposal(d, "QmB").outcome());
        assertEquals(Outcome.PASSED, proposal(d, "QmC").outcome(), "finished poll");
        assertEquals(Outcome.PENDING, proposal(d, "QmD").outcome(), "active");
        assertEquals(new BigDecimal("500000"), proposal(d, "QmA").quorum());
        assertNull(proposal(d, "QmD").quorum(), "Threshold 0");
        assertEquals("0xaaa1", proposal(d, "QmA").proposer());
        assertEquals("decentraland", proposal(d, "QmA").dao());
        assertEquals(5, d.votes().size());
        assertEquals(Choice.AGAINST, d.votes().stream().filter(v -> v.proposalId().equals("QmB")).findFirst().orElseThrow().choice(), "Invalid question/options");
        assertEquals(Choice.FOR, d.votes().stream().filter(v -> v.proposalId().equals("QmC") && v.voter().equals("0xbbb1")).findFirst().orElseThrow().choice(), "a poll option");
        assertEquals(Choice.ABSTAIN, d.votes().stream().filter(v -> v.voter().equals("0xbbb3")).findFirst().orElseThrow().choice());
        assertTrue(d.votes().stream().allMatch(v -> v.voter().equals(v.voter().toLowerCase())));
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("1 orphan vote(s) on 1 Snapshot proposal(s)")), r.notes().toString());
    }

    @Test void decentralandRealExportCounts() {
        ImportResult r = GovernanceFormat.run(GovernanceFormat.DECENTRALAND_SNAPSHOT, SharedData.require("governance/decentraland"), ImportOptions.defaults());
        GovernanceData d = r.data();
        assertEquals(961, d.proposals().size());
        assertEquals(945, d.proposals().stream().filter(p -> p.outcome().decided()).count());
        assertEquals(559, d.proposals().stream().filter(p -> p.outcome() == Outcome.DEFEATED).count());
        assertEquals(19_409, r.voteEvents());
        assertEquals(19_409 - 320, d.votes().size(), "320 votes are on Snapshot proposals the export lacks");
        d.write(tmp);
        assertEquals(d, GovernanceData.read(tmp));
    }

    @Test void aDaostackFolderIsRefusedAsDecentraland() {
        Path ds = SharedData.require("governance/daostack");
        DataException e = assertThrows(DataException.class, () -> GovernanceFormat.run(GovernanceFormat.DECENTRALAND_SNAPSHOT, ds, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("try --format daostack"), e.getMessage());
    }
}
