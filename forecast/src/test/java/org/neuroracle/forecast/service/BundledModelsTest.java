package org.neuroracle.forecast.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The bundled artifacts load with their content addresses checked and answer queries deterministically. */
class BundledModelsTest {
    @Test void bundledModelsLoadAndForecastDeterministically() {
        ForecastService s = ForecastService.bundled();
        List<ModelInfo> ms = s.models();
        assertEquals(3, ms.size(), "vote, the served treasury ensemble and the spiking treasury model");
        assertTrue(ms.stream().anyMatch(m -> m.kind().equals("vote")));
        assertTrue(ms.stream().anyMatch(m -> m.kind().equals("treasury")));
        VoteQuery q = ForecastServiceTest.query(ForecastServiceTest.votes());
        VoteForecast a = s.forecastVote(q), b = ForecastService.bundled().forecastVote(q);
        assertArrayEquals(a.outputBytes(), b.outputBytes());
        assertTrue(a.pPass().value() > 0 && a.pPass().value() < 1);
        assertFalse(a.energy().isEmpty(), "energy per bundled hardware profile");
        assertTrue(a.energy().stream().anyMatch(e -> e.profile().contains("h100") && e.denseJoules() > e.joules()),
                "a dense run costs more than the event-driven one");
        TreasuryForecast t = s.forecastTreasury(ForecastServiceTest.treasuryQuery(120, null));
        assertEquals(3, t.horizons().size());
        assertArrayEquals(t.outputBytes(), ForecastService.bundled().forecastTreasury(ForecastServiceTest.treasuryQuery(120, null)).outputBytes());
    }
}
