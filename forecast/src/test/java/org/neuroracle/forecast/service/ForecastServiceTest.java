package org.neuroracle.forecast.service;

import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.model.ModelArtifact;
import org.neuroracle.forecast.model.TinyModels;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ForecastServiceTest {
    static ForecastService service() {
        List<ModelArtifact.Loaded> l = new ArrayList<>();
        for (var m : List.of(TinyModels.vote(), TinyModels.treasury())) {
            byte[] b = ModelArtifact.encode(m);
            l.add(ModelArtifact.decode(b, m.kind()));
        }
        return new ForecastService(l, EnergyEstimator.none());
    }

    static VoteQuery query(List<VoteQuery.VoteEvent> votes) {
        return new VoteQuery("compound", "99", 1_000_000, 1_000_000 + 86_400 * 3, "400000", 1_000_000 + 86_400, votes);
    }

    static List<VoteQuery.VoteEvent> votes() {
        return List.of(new VoteQuery.VoteEvent(1_000_100, "0xa", "for", "250000.5"),
                new VoteQuery.VoteEvent(1_000_200, "0xb", "against", "1000"),
                new VoteQuery.VoteEvent(1_050_000, "0xc", "for", "12.000"),
                new VoteQuery.VoteEvent(1_060_000, "0xd", "abstain", "3"));
    }

    @Test void sameQueryGivesIdenticalBytesAcrossServiceInstances() {
        VoteForecast a = service().forecastVote(query(votes())), b = service().forecastVote(query(votes()));
        assertArrayEquals(a.outputBytes(), b.outputBytes());
        assertEquals(a.inputHash(), b.inputHash());
        assertEquals(a.modelId(), b.modelId());
        assertEquals("cpu", a.backend());
        assertEquals("fixed", a.numericMode());
        assertTrue(a.outputText().startsWith("neuroracle-vote-forecast/1\nelapsed=0.333333\npPass="), a.outputText());
        assertTrue(a.pPass().lower() <= a.pPass().value() && a.pPass().value() <= a.pPass().upper());
        assertTrue(a.forShare().lower() <= a.forShare().value() && a.forShare().value() <= a.forShare().upper());
        assertTrue(a.turnout().value() >= 250000.5 + 1000 + 12 + 3 - 1e-6, "turnout is never below what was already cast");
        assertTrue(a.raster().spikes().size() > 0);
        assertEquals(List.of("in", "res"), a.raster().populationNames());
    }

    /**
     * One service reuses its compiled simulations (reset per forecast): a forecast after others, and many at once on
     * several threads, give exactly the bytes of a fresh service's first forecast.
     */
    @Test void reusedSimulationsGiveTheBytesOfAFreshOne() throws Exception {
        byte[] fresh = service().forecastVote(query(votes())).outputBytes();
        byte[] freshTreasury = service().forecastTreasury(treasuryQuery(60, null)).outputBytes();
        ForecastService shared = service();
        List<VoteQuery.VoteEvent> other = new ArrayList<>(votes());
        other.add(new VoteQuery.VoteEvent(1_070_000, "0xe", "against", "900000"));
        shared.forecastVote(query(other));
        shared.forecastTreasury(treasuryQuery(60, null));
        assertArrayEquals(fresh, shared.forecastVote(query(votes())).outputBytes(), "after another input ran on the same simulation");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<byte[]>> fs = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                boolean odd = i % 2 == 1, otherVotes = i % 4 == 1;
                fs.add(pool.submit(() -> odd ? shared.forecastVote(query(otherVotes ? other : votes())).outputBytes()
                        : shared.forecastTreasury(treasuryQuery(60, null)).outputBytes()));
            }
            for (int i = 0; i < 64; i++) {
                byte[] b = fs.get(i).get();
                if (i % 2 == 0) assertArrayEquals(freshTreasury, b, "treasury " + i);
                else if (i % 4 == 3) assertArrayEquals(fresh, b, "vote " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test void voteOrderAndDecimalSpellingDoNotChangeTheInputHash() {
        List<VoteQuery.VoteEvent> v = new ArrayList<>(votes());
        java.util.Collections.reverse(v);
        v.set(0, new VoteQuery.VoteEvent(1_060_000, "0xd", "abstain", "3.00"));
        VoteForecast a = service().forecastVote(query(votes())), b = service().forecastVote(query(v));
        assertEquals(a.inputHash(), b.inputHash());
        assertArrayEquals(a.outputBytes(), b.outputBytes());
    }

    @Test void laterVotesChangeTheAnswer() {
        List<VoteQuery.VoteEvent> v = new ArrayList<>(votes());
        v.add(new VoteQuery.VoteEvent(1_070_000, "0xe", "against", "900000"));
        VoteForecast a = service().forecastVote(query(votes())), b = service().forecastVote(query(v));
        assertNotEquals(a.inputHash(), b.inputHash());
        assertFalse(java.util.Arrays.equals(a.outputBytes(), b.outputBytes()));
    }

    @Test void validationErrorsStartWithTheFieldPath() {
        List<VoteQuery.VoteEvent> v = new ArrayList<>(votes());
        v.set(3, new VoteQuery.VoteEvent(1_060_000, "0xd", "abstain", "lots"));
        var e = assertThrows(IllegalArgumentException.class, () -> service().forecastVote(query(v)));
        assertEquals("votes[3].weight: 'lots' is not a decimal amount", e.getMessage());
        v.set(3, new VoteQuery.VoteEvent(1_060_000, "0xd", "maybe", "1"));
        e = assertThrows(IllegalArgumentException.class, () -> service().forecastVote(query(v)));
        assertTrue(e.getMessage().startsWith("votes[3].choice: "));
        v.set(3, new VoteQuery.VoteEvent(2_000_000, "0xd", "for", "1"));
        e = assertThrows(IllegalArgumentException.class, () -> service().forecastVote(query(v)));
        assertTrue(e.getMessage().startsWith("votes[3].timestamp: "));
        e = assertThrows(IllegalArgumentException.class, () -> new VoteQuery("d", "1", 10, 5, null, 10, List.of()).validate());
        assertTrue(e.getMessage().startsWith("voteEnd: "));
        e = assertThrows(IllegalArgumentException.class, () -> new VoteQuery("d", "1", 10, 50, "-1", 10, List.of()).validate());
        assertTrue(e.getMessage().startsWith("quorum: "));
    }

    static TreasuryQuery treasuryQuery(int days, List<Integer> horizons) {
        List<TreasuryQuery.Day> s = new ArrayList<>();
        LocalDate d0 = LocalDate.of(2024, 1, 1);
        for (int i = 0; i < days; i++)
            s.add(new TreasuryQuery.Day(d0.plusDays(i).toString(), Integer.toString(100 + (i % 7) * 10), i % 10 == 0 ? "500" : "0", Integer.toString(10_000 + i)));
        return new TreasuryQuery("axie", "ETH", s, horizons);
    }

    @Test void treasuryForecastIsDeterministicAndOrdered() {
        TreasuryForecast a = service().forecastTreasury(treasuryQuery(90, List.of(30, 7))), b = service().forecastTreasury(treasuryQuery(90, List.of(7, 30)));
        assertArrayEquals(a.outputBytes(), b.outputBytes(), "horizon order does not matter");
        assertEquals(a.inputHash(), b.inputHash());
        assertEquals(List.of(7, 30), a.horizons().stream().map(TreasuryForecast.Horizon::days).toList());
        for (var h : a.horizons()) {
            assertTrue(h.inflow().p10() <= h.inflow().p50() && h.inflow().p50() <= h.inflow().p90());
            assertTrue(h.balance().p10() <= h.balance().p90());
        }
        // A series shorter than the window is padded with its first day.
        assertNotNull(service().forecastTreasury(treasuryQuery(5, null)).outputBytes());
    }

    @Test void treasuryValidationNamesTheField() {
        TreasuryQuery q = treasuryQuery(10, List.of(2));
        var e = assertThrows(IllegalArgumentException.class, () -> service().forecastTreasury(q));
        assertEquals("horizonsDays[0]: must be one of 1, 7, 30, got 2", e.getMessage());
        List<TreasuryQuery.Day> s = new ArrayList<>(treasuryQuery(10, null).series());
        s.set(4, new TreasuryQuery.Day("2024-01-09", "1", "0", null));
        e = assertThrows(IllegalArgumentException.class, () -> service().forecastTreasury(new TreasuryQuery("d", "ETH", s, null)));
        assertTrue(e.getMessage().startsWith("series[4].date: "), e.getMessage());
    }

    @Test void modelsListsKindsAndIds() {
        var ms = service().models();
        assertEquals(List.of("vote", "treasury"), ms.stream().map(ModelInfo::kind).toList());
        assertTrue(ms.getFirst().modelId().matches("[0-9a-f]{64}"));
    }
}
