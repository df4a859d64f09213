package org.neuroracle.forecast.history;

import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.model.ModelArtifact;
import org.neuroracle.forecast.model.VoteModel;
import org.neuroracle.forecast.model.VoteObservation;
import org.neuroracle.forecast.service.ForecastService;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The memo's contexts are the history's own, for every DAO of the served model and every count of ended proposals. */
class ContextMemoTest {
    static DaoHistory servedHistory() {
        return ForecastService.bundledArtifacts().stream().map(ModelArtifact.Loaded::model).filter(m -> m instanceof VoteModel)
                .map(m -> ((VoteModel) m).past()).findFirst().orElseThrow();
    }

    @Test void givesTheHistorysContextAtEveryProposalBoundaryTwice() {
        DaoHistory h = servedHistory();
        assertTrue(h.daos().size() > 1, "the served model has a multi-DAO history");
        ContextMemo memo = new ContextMemo(h);
        SplittableRandom rnd = new SplittableRandom(3);
        int compared = 0;
        for (int round = 0; round < 2; round++) // the second round is answered from the memo
            for (DaoHistory.Dao d : h.daos())
                for (int i = 0; i < d.ends().length; i += Math.max(1, d.ends().length / 25)) {
                    for (long voteStart : new long[]{d.ends()[i], d.ends()[i] + 1, d.ends()[i] - 1}) {
                        String pid = rnd.nextBoolean() ? d.proposalIds()[i] : "new-" + i;
                        assertSame(h, memo.history());
                        assertSameContext(h.at(d.name(), pid, null, voteStart), memo.at(d.name(), pid, null, voteStart), rnd, voteStart);
                        compared++;
                    }
                }
        // A DAO the history has not seen, and one before any proposal ended.
        assertSameContext(h.at("unseen", "x", null, 1_700_000_000L), memo.at("unseen", "x", null, 1_700_000_000L), rnd, 1_700_000_000L);
        assertSameContext(h.at(h.daos().get(0).name(), "x", null, 0), memo.at(h.daos().get(0).name(), "x", null, 0), rnd, 0);
        assertTrue(memo.hits() >= compared / 2, "second round from the memo: hits " + memo.hits() + " of " + compared);
        assertTrue(memo.size() <= h.daos().stream().mapToInt(d -> d.ends().length + 1).sum(), "bounded by the history");
    }

    @Test void pooledRateFromRunningSumsEqualsTheWalk() {
        DaoHistory h = servedHistory();
        ContextMemo memo = new ContextMemo(h);
        for (DaoHistory.Dao d : h.daos())
            for (long t : new long[]{0, d.ends()[0], d.ends()[d.ends().length - 1], Long.MAX_VALUE / 4})
                for (String dao : new String[]{d.name(), "unseen"})
                    assertEquals(Double.doubleToRawLongBits(h.pooledOthers(dao, t)), Double.doubleToRawLongBits(memo.pooledOthers(dao, t)), dao + " at " + t);
    }

    /** Equal in everything a forecast reads: the DAO, its prior, and every feature at random observations. */
    static void assertSameContext(HistoryContext want, HistoryContext got, SplittableRandom rnd, long voteStart) {
        assertEquals(want.dao(), got.dao());
        assertEquals(want.pastProposals(), got.pastProposals());
        assertEquals(Double.doubleToRawLongBits(want.priorLogit()), Double.doubleToRawLongBits(got.priorLogit()));
        assertEquals(Double.doubleToRawLongBits(want.pooled()), Double.doubleToRawLongBits(got.pooled()));
        for (int k = 0; k < 3; k++) {
            long end = voteStart + 3 * 86_400, asOf = voteStart + rnd.nextLong(3 * 86_400);
            List<VoteObservation.Cast> casts = new ArrayList<>();
            for (int v = 0; v < rnd.nextInt(30); v++)
                casts.add(new VoteObservation.Cast(voteStart + rnd.nextLong(asOf - voteStart + 1), "0x" + Integer.toHexString(rnd.nextInt(1 << 20)),
                        Choice.values()[rnd.nextInt(3)], BigDecimal.valueOf(rnd.nextLong(1, 1_000_000), rnd.nextInt(4))));
            VoteObservation obs = new VoteObservation(voteStart, end, rnd.nextBoolean() ? null : new BigDecimal("400000"), asOf, casts);
            double[] a = want.features(obs), b = got.features(obs);
            for (int f = 0; f < a.length; f++) assertEquals(Double.doubleToRawLongBits(a[f]), Double.doubleToRawLongBits(b[f]), "feature " + f);
        }
    }
}
