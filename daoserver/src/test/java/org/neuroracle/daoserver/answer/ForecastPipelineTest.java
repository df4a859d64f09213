package org.neuroracle.daoserver.answer;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.service.ForecastService;
import org.neuroracle.forecast.service.TreasuryQuery;
import org.neuroracle.forecast.service.VoteQuery;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared forecast pipeline without HTTP or a chain: bundled models, queries in, decodable bytes out. */
class ForecastPipelineTest {
    static ForecastPipeline pipeline;

    @BeforeAll static void load() {
        try {
            pipeline = new ForecastPipeline(ForecastService.bundled());
        } catch (IllegalStateException e) {
            Assumptions.abort("no bundled forecast models on this branch: " + e.getMessage());
        }
    }

    static VoteQuery vote() {
        return new VoteQuery("compound", "117", 1_700_000_000, 1_700_259_200, "400000", 1_700_130_000, List.of(
                new VoteQuery.VoteEvent(1_700_000_600, "0xa", "for", "250000"),
                new VoteQuery.VoteEvent(1_700_001_600, "0xb", "against", "100000.5")));
    }

    @Test void voteBytesDecodeToTheForecastInFixedPoint() {
        ForecastPipeline.VoteResult r = pipeline.vote(null, vote(), 77);
        AnswerCodec.Vote v = AnswerCodec.decodeVote(r.outputBytes());
        assertEquals(Math.round(r.forecast().pPass().value() * 1e6), v.pPassPpm());
        assertEquals(Math.round(r.forecast().pPass().lower() * 1e6), v.pPassLowerPpm());
        assertEquals(Math.round(r.forecast().forShare().upper() * 1e6), v.forShareUpperPpm());
        assertEquals(AnswerCodec.wad(r.forecast().turnout().value()), v.turnoutWad());
        assertEquals(77, v.asOfBlock());
        assertEquals(1_700_130_000, v.asOfTime());
        assertEquals(r.forecast().modelId(), java.util.HexFormat.of().formatHex(v.modelId()));
    }

    @Test void sameQueryGivesTheSameBytes() {
        assertArrayEquals(pipeline.vote(null, vote(), 5).outputBytes(), pipeline.vote(null, vote(), 5).outputBytes());
    }

    @Test void treasuryBytesDecodeWithRunwayAndHorizons() {
        List<TreasuryQuery.Day> days = new ArrayList<>();
        java.time.LocalDate d = java.time.LocalDate.of(2024, 1, 1);
        for (int i = 0; i < 40; i++) days.add(new TreasuryQuery.Day(d.plusDays(i).toString(), "10", "25", Integer.toString(10_000 - 15 * i)));
        ForecastPipeline.TreasuryResult r = pipeline.treasury(null, new TreasuryQuery("dao", "ETH", days, List.of(7, 30)), 0);
        AnswerCodec.Treasury t = AnswerCodec.decodeTreasury(r.outputBytes());
        assertEquals(2, t.horizons().size());
        assertEquals(7, t.horizons().get(0).days());
        assertTrue(t.hasBalance());
        assertEquals(AnswerCodec.wad(r.forecast().horizons().get(1).balance().p50()), t.horizons().get(1).balanceWad()[1]);
        long expectedRunway = r.forecast().runwayDays() == null ? AnswerCodec.NO_RUNWAY : (long) Math.floor(r.forecast().runwayDays());
        assertEquals(expectedRunway, t.runwayDays());
        assertEquals(java.time.LocalDate.of(2024, 2, 9).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond(), t.lastDayTime());
    }

    @Test void anotherBackendIsCarriedAndAnUnknownOneFailsNamingIt() {
        ForecastPipeline onCpu = new ForecastPipeline(ForecastService.bundled().withBackend("cpu"));
        assertArrayEquals(pipeline.vote(null, vote(), 1).outputBytes(), onCpu.vote(null, vote(), 1).outputBytes());
        assertEquals("cpu", onCpu.vote(null, vote(), 1).forecast().backend());
        var e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> new ForecastPipeline(ForecastService.bundled().withBackend("no-such-backend")).vote(null, vote(), 1));
        assertTrue(e.getMessage().contains("no-such-backend"), e.getMessage());
    }
}
