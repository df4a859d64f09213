package org.neuroracle.forecast.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Outcome;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.model.ModelArtifact;
import org.neuroracle.forecast.model.TinyModels;
import org.neuroracle.forecast.synth.GovernanceSynth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Leave-one-DAO-out with the online per-DAO recalibration: flipping one held-out proposal's outcome leaves every
 * forecast of that DAO's proposals that started before it ended bit for bit the same, and moves later ones, whether
 * or not the training DAO's proposals overlap it in time.
 */
class VoteEvalPastOnlyTest {
    @TempDir Path tmp;

    static Map<String, Long> lodoBits(GovernanceData data, Path out, int pseudoCount) {
        var model = ModelArtifact.decode(ModelArtifact.encode(TinyModels.vote()), "tiny");
        VoteEval.Result r = VoteEval.run(data, model, new VoteEval.Config(1, 30, VoteEval.Config.defaults().train().withRecalibration(pseudoCount)), out, (n, c) -> List.of());
        Map<String, Long> m = new HashMap<>();
        for (VoteEval.Row x : r.rows())
            if (x.split().equals("lodo") && x.fold().equals("beta") && (x.method().startsWith("spiking") || x.method().startsWith("logistic_history")))
                m.put(x.method() + "/" + x.proposal().proposalId() + "@" + x.checkpoint(), Double.doubleToRawLongBits(x.pPass()));
        return m;
    }

    /** Beta shifted so that its middle proposal ends after every alpha proposal started (the training DAO cannot see it). */
    @Test void aLaterOutcomeNeverChangesAnEarlierHeldOutForecast() {
        GovernanceData alpha = GovernanceSynth.generate(GovernanceSynth.Stats.defaults(), "alpha", 40, 11);
        GovernanceData beta0 = GovernanceSynth.generate(GovernanceSynth.Stats.defaults(), "beta", 40, 12);
        List<Proposal> byEnd = new ArrayList<>(beta0.proposals());
        byEnd.sort(Comparator.comparingLong(Proposal::voteEnd));
        long alphaLastStart = alpha.proposals().stream().mapToLong(Proposal::voteStart).max().orElseThrow();
        long shift = alphaLastStart + 1 - byEnd.get(byEnd.size() / 2).voteEnd();
        GovernanceData beta = shifted(beta0, shift);
        Proposal flipped = middleByEnd(beta);
        assertTrue(flipped.voteEnd() > alphaLastStart);
        assertPastOnly(alpha, beta, flipped, VoteEval.Config.defaults().train().recalibrationPseudoCount());
    }

    /**
     * Alpha and beta overlap in time, so the flipped beta outcome ends before many alpha proposals start. Before
     * the fix the training DAO's prior (its pooled rate counted every other DAO's ended proposals, the held-out
     * one's included) saw the flip and moved the readouts, hence earlier held-out forecasts; now each held-out
     * DAO's training features are rebuilt with it left out of the pooled rate.
     */
    @Test void aHeldOutOutcomeNeverReachesTheTrainingDaosFeatures() {
        GovernanceData alpha = GovernanceSynth.generate(GovernanceSynth.Stats.defaults(), "alpha", 40, 11);
        GovernanceData beta = GovernanceSynth.generate(GovernanceSynth.Stats.defaults(), "beta", 40, 12);
        Proposal flipped = middleByEnd(beta);
        long alphaLaterStarts = alpha.proposals().stream().filter(p -> p.voteStart() >= flipped.voteEnd()).count();
        assertTrue(alphaLaterStarts >= 5, alphaLaterStarts + " alpha proposals start after the flipped one ends");
        assertPastOnly(alpha, beta, flipped, VoteEval.Config.defaults().train().recalibrationPseudoCount());
    }

    /** The same with the pseudo-count chosen per split on the training DAOs alone (cv), which the flip cannot reach. */
    @Test void aHeldOutOutcomeNeverReachesTheCrossValidatedPseudoCount() {
        GovernanceData alpha = GovernanceSynth.generate(GovernanceSynth.Stats.defaults(), "alpha", 40, 11);
        GovernanceData beta = GovernanceSynth.generate(GovernanceSynth.Stats.defaults(), "beta", 40, 12);
        Map<String, Long> bits = assertPastOnly(alpha, beta, middleByEnd(beta), org.neuroracle.forecast.train.VoteTrainer.Config.CROSS_VALIDATED);
        for (String m : List.of("spiking/", "spiking_recal20/", "spiking_recency/", "spiking_adaptive/", "spiking_pooled_map/", "logistic_history/", "logistic_history_recal20/"))
            assertTrue(bits.keySet().stream().anyMatch(k -> k.startsWith(m)), "no " + m + " rows");
    }

    /**
     * Long enough histories that the adaptive half-life is chosen from the DAO's own past (more than
     * AdaptiveRecency.MIN_PAST proposals resolved before the flipped one): its rows are past-only too.
     */
    @Test void aHeldOutOutcomeNeverReachesTheAdaptiveHalfLife() {
        GovernanceData alpha = GovernanceSynth.generate(GovernanceSynth.Stats.defaults(), "alpha", 80, 21);
        GovernanceData beta = GovernanceSynth.generate(GovernanceSynth.Stats.defaults(), "beta", 80, 22);
        Proposal flipped = middleByEnd(beta);
        long resolvedBefore = beta.proposals().stream().filter(p -> p.voteEnd() <= flipped.voteStart()).count();
        assertTrue(resolvedBefore > org.neuroracle.forecast.model.AdaptiveRecency.MIN_PAST, resolvedBefore + " beta proposals resolved before the flipped one started");
        Map<String, Long> bits = assertPastOnly(alpha, beta, flipped, org.neuroracle.forecast.train.VoteTrainer.Config.CROSS_VALIDATED);
        assertTrue(bits.keySet().stream().anyMatch(k -> k.startsWith("spiking_adaptive/")), "no spiking_adaptive rows");
    }

    /** --daos: only the named DAO is held out, no rolling origin, and its rows are the full run's bit for bit. */
    @Test void aSubsetOfHeldOutDaosGivesTheFullRunsRowsForThem() {
        GovernanceData alpha = GovernanceSynth.generate(GovernanceSynth.Stats.defaults(), "alpha", 40, 11);
        GovernanceData beta = GovernanceSynth.generate(GovernanceSynth.Stats.defaults(), "beta", 40, 12);
        GovernanceData both = alpha.merge(beta);
        var model = ModelArtifact.decode(ModelArtifact.encode(TinyModels.vote()), "tiny");
        VoteEval.Config full = new VoteEval.Config(1, 30, VoteEval.Config.defaults().train());
        List<VoteEval.Row> all = VoteEval.run(both, model, full, tmp.resolve("all"), (n, c) -> List.of()).rows();
        List<VoteEval.Row> sub = VoteEval.run(both, model, full.withHeldOut(java.util.Set.of("beta")), tmp.resolve("sub"), (n, c) -> List.of()).rows();
        assertTrue(sub.stream().allMatch(r -> r.split().equals("lodo") && r.fold().equals("beta")), "only beta's lodo rows");
        List<String> want = all.stream().filter(r -> r.split().equals("lodo") && r.fold().equals("beta")).map(VoteEvalPastOnlyTest::bits).toList();
        assertFalse(want.isEmpty());
        assertEquals(want, sub.stream().map(VoteEvalPastOnlyTest::bits).toList());
        var e = assertThrows(IllegalArgumentException.class, () -> VoteEval.run(both, model, full.withHeldOut(java.util.Set.of("gamma")), tmp.resolve("bad"), (n, c) -> List.of()));
        assertTrue(e.getMessage().startsWith("--daos: gamma is not a DAO held out") && e.getMessage().contains("eligible: alpha,beta"), e.getMessage());
    }

    static String bits(VoteEval.Row r) {
        return r.method() + "/" + r.proposal().proposalId() + "@" + r.checkpoint() + "=" + Long.toHexString(Double.doubleToRawLongBits(r.pPass()));
    }

    static GovernanceData shifted(GovernanceData d, long shift) {
        return new GovernanceData(
                d.proposals().stream().map(p -> new Proposal(p.dao(), p.proposalId(), p.created() + shift, p.voteStart() + shift, p.voteEnd() + shift, p.quorum(), p.outcome(), p.proposer())).toList(),
                d.votes().stream().map(v -> new org.neuroracle.forecast.data.Vote(v.dao(), v.proposalId(), v.timestamp() + shift, v.voter(), v.choice(), v.weight())).toList());
    }

    static Proposal middleByEnd(GovernanceData d) {
        List<Proposal> ps = new ArrayList<>(d.proposals());
        ps.sort(Comparator.comparingLong(Proposal::voteEnd));
        return ps.get(ps.size() / 2);
    }

    Map<String, Long> assertPastOnly(GovernanceData alpha, GovernanceData beta, Proposal flipped, int pseudoCount) {
        GovernanceData data = alpha.merge(beta);
        List<Proposal> ps = new ArrayList<>();
        for (Proposal p : data.proposals())
            ps.add(!p.equals(flipped) ? p : new Proposal(p.dao(), p.proposalId(), p.created(), p.voteStart(), p.voteEnd(), p.quorum(),
                    p.outcome() == Outcome.PASSED ? Outcome.DEFEATED : Outcome.PASSED, p.proposer()));
        GovernanceData other = new GovernanceData(ps, data.votes());

        Map<String, Long> a = lodoBits(data, tmp.resolve("a" + pseudoCount), pseudoCount), b = lodoBits(other, tmp.resolve("b" + pseudoCount), pseudoCount);
        assertEquals(a.keySet(), b.keySet());
        int earlier = 0, later = 0, moved = 0;
        for (Proposal p : beta.proposals())
            for (var e : a.entrySet()) {
                if (!e.getKey().substring(e.getKey().indexOf('/') + 1).startsWith(p.proposalId() + "@")) continue;
                if (p.voteStart() < flipped.voteEnd()) {
                    earlier++;
                    assertEquals(e.getValue(), b.get(e.getKey()), e.getKey() + " started before the flipped proposal ended");
                } else {
                    later++;
                    if (!e.getValue().equals(b.get(e.getKey()))) moved++;
                }
            }
        assertTrue(earlier > 0 && later > 0, earlier + " earlier, " + later + " later forecasts");
        assertTrue(moved > 0, "the flipped outcome must reach the later forecasts (history prior and recalibration)");
        return a;
    }
}
