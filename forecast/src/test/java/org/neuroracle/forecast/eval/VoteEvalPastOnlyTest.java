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
 * forecast of that DAO's proposals that started before it ended bit for bit the same, and moves later ones.
 */
class VoteEvalPastOnlyTest {
    @TempDir Path tmp;

    static Map<String, Long> lodoBits(GovernanceData data, Path out) {
        var model = ModelArtifact.decode(ModelArtifact.encode(TinyModels.vote()), "tiny");
        VoteEval.Result r = VoteEval.run(data, model, new VoteEval.Config(1, 30, VoteEval.Config.defaults().train()), out, (n, c) -> List.of());
        Map<String, Long> m = new HashMap<>();
        for (VoteEval.Row x : r.rows())
            if (x.split().equals("lodo") && x.fold().equals("beta") && (x.method().equals("spiking") || x.method().equals("logistic_history")))
                m.put(x.method() + "/" + x.proposal().proposalId() + "@" + x.checkpoint(), Double.doubleToRawLongBits(x.pPass()));
        return m;
    }

    @Test void aLaterOutcomeNeverChangesAnEarlierHeldOutForecast() {
        GovernanceData alpha = GovernanceSynth.generate(GovernanceSynth.Stats.defaults(), "alpha", 40, 11);
        GovernanceData beta0 = GovernanceSynth.generate(GovernanceSynth.Stats.defaults(), "beta", 40, 12);
        // Beta is shifted so its middle proposal ends after every alpha proposal started: the training DAO's
        // features (its prior's pooled rate counts other DAOs' outcomes ended by each start, the held-out one's
        // included, see the README) cannot see the flipped outcome, so only the held-out DAO's own past can.
        List<Proposal> byEnd = new ArrayList<>(beta0.proposals());
        byEnd.sort(Comparator.comparingLong(Proposal::voteEnd));
        long alphaLastStart = alpha.proposals().stream().mapToLong(Proposal::voteStart).max().orElseThrow();
        long shift = alphaLastStart + 1 - byEnd.get(byEnd.size() / 2).voteEnd();
        GovernanceData beta = new GovernanceData(
                beta0.proposals().stream().map(p -> new Proposal(p.dao(), p.proposalId(), p.created() + shift, p.voteStart() + shift, p.voteEnd() + shift, p.quorum(), p.outcome(), p.proposer())).toList(),
                beta0.votes().stream().map(v -> new org.neuroracle.forecast.data.Vote(v.dao(), v.proposalId(), v.timestamp() + shift, v.voter(), v.choice(), v.weight())).toList());
        GovernanceData data = alpha.merge(beta);
        List<Proposal> betas = new ArrayList<>(beta.proposals());
        betas.sort(Comparator.comparingLong(Proposal::voteEnd));
        Proposal flipped = betas.get(betas.size() / 2);
        assertTrue(flipped.voteEnd() > alphaLastStart);
        List<Proposal> ps = new ArrayList<>();
        for (Proposal p : data.proposals())
            ps.add(!p.equals(flipped) ? p : new Proposal(p.dao(), p.proposalId(), p.created(), p.voteStart(), p.voteEnd(), p.quorum(),
                    p.outcome() == Outcome.PASSED ? Outcome.DEFEATED : Outcome.PASSED, p.proposer()));
        GovernanceData other = new GovernanceData(ps, data.votes());

        Map<String, Long> a = lodoBits(data, tmp.resolve("a")), b = lodoBits(other, tmp.resolve("b"));
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
    }
}
