package org.neuroracle.forecast.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The bundled artifacts load with their content addresses checked and answer queries deterministically. */
class BundledModelsTest {
    @Test void bundledModelsLoadAndForecastDeterministically() {
        ForecastService s = ForecastService.bundled();
        List<ModelInfo> ms = s.models();
        assertEquals(6, ms.size(), "vote, the served gate with per-cell fallbacks, the gate with balanced bounds, the gate with trackers, the previous median ensemble and the spiking treasury model");
        assertTrue(ms.stream().anyMatch(m -> m.kind().equals("vote")));
        assertTrue(ms.stream().anyMatch(m -> m.kind().equals("treasury")));
        VoteQuery q = ForecastServiceTest.query(ForecastServiceTest.votes());
        VoteForecast a = s.forecastVote(q), b = ForecastService.bundled().forecastVote(q);
        assertArrayEquals(a.outputBytes(), b.outputBytes());
        assertTrue(a.pPass().value() > 0 && a.pPass().value() < 1);
        assertFalse(a.energy().isEmpty(), "energy per bundled hardware profile");
        Energy gpu = a.energy().stream().filter(e -> e.profile().equals("nvidia-h100")).findFirst().orElseThrow();
        assertFalse(gpu.complete(), "the H100's idle power is not published");
        assertTrue(gpu.upperJoules() > 0.1 && gpu.lowerJoules() < gpu.upperJoules(),
                "launch-bound wall time x board power bounds the GPU forecast: " + gpu);
        assertTrue(gpu.missing().stream().anyMatch(m -> m.contains("static_power")), gpu.missing().toString());
        TreasuryForecast t = s.forecastTreasury(ForecastServiceTest.treasuryQuery(120, null));
        assertEquals(3, t.horizons().size());
        assertArrayEquals(t.outputBytes(), ForecastService.bundled().forecastTreasury(ForecastServiceTest.treasuryQuery(120, null)).outputBytes());
    }
}
