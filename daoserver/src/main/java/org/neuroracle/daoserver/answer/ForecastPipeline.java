package org.neuroracle.daoserver.answer;

import org.neuroracle.forecast.service.ForecastService;
import org.neuroracle.forecast.service.Quantiles;
import org.neuroracle.forecast.service.TreasuryForecast;
import org.neuroracle.forecast.service.TreasuryQuery;
import org.neuroracle.forecast.service.VoteForecast;
import org.neuroracle.forecast.service.VoteQuery;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * The one path from a query to attested bytes, shared by the HTTP service and the oracle node: forecast with the
 * model, then encode the answer with {@link AnswerCodec}. Pure: no HTTP, no chain; the same (model, query,
 * asOfBlock) gives the same bytes on every node.
 */
public final class ForecastPipeline {
    private final ForecastService service;

    public ForecastPipeline(ForecastService service) { this.service = service; }

    public ForecastService service() { return service; }

    public record VoteResult(VoteForecast forecast, AnswerCodec.Vote answer, byte[] outputBytes) {}

    public record TreasuryResult(TreasuryForecast forecast, AnswerCodec.Treasury answer, byte[] outputBytes) {}

    /**
     * @param modelId   64 hex digits, or null for the first vote model
     * @param asOfBlock the chain block the query was read at, 0 when it names none
     */
    public VoteResult vote(String modelId, VoteQuery q, long asOfBlock) { return vote(modelId, q, asOfBlock, ForecastService.ALL_PROFILES); }

    /** As above, with energy only on the hardware profiles {@code energyProfiles} accepts (the bytes do not depend on it). */
    public VoteResult vote(String modelId, VoteQuery q, long asOfBlock, Predicate<String> energyProfiles) {
        VoteForecast f = service.forecastVote(modelId, q, energyProfiles);
        AnswerCodec.Vote a = new AnswerCodec.Vote(HexFormat.of().parseHex(f.modelId()), asOfBlock, q.asOf(),
                ppmAtLeastZero(f.elapsed()), AnswerCodec.ppm(f.pPass().value()), AnswerCodec.ppm(f.pPass().lower()),
                AnswerCodec.ppm(f.pPass().upper()), AnswerCodec.ppm(f.forShare().value()), AnswerCodec.ppm(f.forShare().lower()),
                AnswerCodec.ppm(f.forShare().upper()), tokens(f.turnout().value()), tokens(f.turnout().lower()),
                tokens(f.turnout().upper()));
        return new VoteResult(f, a, AnswerCodec.encode(a));
    }

    public TreasuryResult treasury(String modelId, TreasuryQuery q, long asOfBlock) {
        return treasury(modelId, q, asOfBlock, ForecastService.ALL_PROFILES);
    }

    public TreasuryResult treasury(String modelId, TreasuryQuery q, long asOfBlock, Predicate<String> energyProfiles) {
        TreasuryForecast f = service.forecastTreasury(modelId, q, energyProfiles);
        List<AnswerCodec.Horizon> hs = new ArrayList<>();
        boolean hasBalance = !f.horizons().isEmpty() && f.horizons().getFirst().balance() != null;
        for (TreasuryForecast.Horizon h : f.horizons()) {
            hs.add(new AnswerCodec.Horizon(h.days(), wad3(h.inflow()), wad3(h.outflow()),
                    h.balance() == null ? new BigInteger[]{BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO} : wad3(h.balance())));
        }
        long runway = f.runwayDays() == null ? AnswerCodec.NO_RUNWAY : Math.min(AnswerCodec.NO_RUNWAY - 1, (long) Math.floor(f.runwayDays()));
        // The last day the series covers: a periodic row is dated by its period's first day (P - 1 = 0 for a daily one).
        long lastDay = q.lastDay().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        AnswerCodec.Treasury a = new AnswerCodec.Treasury(HexFormat.of().parseHex(f.modelId()), asOfBlock, lastDay, runway,
                hasBalance, hs);
        return new TreasuryResult(f, a, AnswerCodec.encode(a));
    }

    /** The voting window fraction, which may pass 1 after the deadline. */
    private static long ppmAtLeastZero(double x) {
        return Math.round(Math.max(0, x) * 1e6);
    }

    /** Turnout cannot be negative; a regression bound below zero is reported as zero. */
    private static BigInteger tokens(double x) { return AnswerCodec.wad(Math.max(0, x)); }

    private static BigInteger[] wad3(Quantiles q) {
        return new BigInteger[]{AnswerCodec.wad(q.p10()), AnswerCodec.wad(q.p50()), AnswerCodec.wad(q.p90())};
    }
}
