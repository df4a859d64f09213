package org.neuroracle.daoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.neuroracle.daoserver.answer.ForecastPipeline;
import org.neuroracle.forecast.service.Energy;
import org.neuroracle.forecast.service.ForecastRaster;
import org.neuroracle.forecast.service.ForecastService;
import org.neuroracle.forecast.service.Interval;
import org.neuroracle.forecast.service.ModelInfo;
import org.neuroracle.forecast.service.Quantiles;
import org.neuroracle.forecast.service.TreasuryForecast;
import org.neuroracle.forecast.service.TreasuryQuery;
import org.neuroracle.forecast.service.VoteForecast;
import org.neuroracle.forecast.service.VoteQuery;
import org.neuroracle.snn.backend.SpikeRaster;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The forecast module's {@link ForecastService} behind the HTTP layer: JSON in, {@link Outcome} out. */
public final class ForecastServiceEngine implements ForecastEngine {
    private final ForecastService service;
    private final ForecastPipeline pipeline;

    public ForecastServiceEngine(ForecastService service) {
        this.service = service;
        this.pipeline = new ForecastPipeline(service);
    }

    /** The pipeline behind both forecasts (the oracle node calls it with chain-built queries). */
    public ForecastPipeline pipeline() { return pipeline; }

    /** The bundled models; throws {@link IllegalStateException} with the reason when none can be loaded. */
    public static ForecastServiceEngine bundled() { return new ForecastServiceEngine(ForecastService.bundled()); }

    @Override public JsonArray models() {
        JsonArray out = new JsonArray();
        for (ModelInfo m : service.models())
            out.add(new JsonObject().put("modelId", m.modelId()).put("kind", m.kind()).put("description", m.description())
                    .put("metrics", metrics(m.metrics())));
        return out;
    }

    /** The facade's query for a contract-validated vote request body. */
    static VoteQuery voteQuery(JsonObject r) {
        List<VoteQuery.VoteEvent> votes = new ArrayList<>();
        JsonArray va = r.getJsonArray("votes");
        for (int i = 0; i < va.size(); i++) {
            JsonObject v = va.getJsonObject(i);
            votes.add(new VoteQuery.VoteEvent(v.getLong("timestamp"), v.getString("voter"), v.getString("choice"), v.getString("weight")));
        }
        return new VoteQuery(r.getString("dao"), r.getString("proposalId"), r.getLong("voteStart"), r.getLong("voteEnd"),
                r.getString("quorum"), r.getLong("asOf"), votes);
    }

    @Override public Outcome vote(JsonObject r) { return vote(r, EnergyProfiles.ALL); }

    @Override public Outcome treasury(JsonObject r) { return treasury(r, EnergyProfiles.ALL); }

    @Override public Outcome vote(JsonObject r, Predicate<String> energyProfiles) {
        VoteQuery q = voteQuery(r);
        // An HTTP body names no chain block: asOfBlock 0.
        ForecastPipeline.VoteResult res = pipeline.vote(modelOf(r), q, 0, energyProfiles);
        VoteForecast f = res.forecast();
        JsonObject answer = new JsonObject().put("dao", q.dao()).put("proposalId", q.proposalId()).put("asOf", q.asOf())
                .put("voteStart", q.voteStart()).put("voteEnd", q.voteEnd()).put("elapsed", f.elapsed())
                .put("pPass", interval(f.pPass())).put("forShare", interval(f.forShare())).put("turnout", interval(f.turnout()));
        return new Outcome("vote", f.modelId(), f.inputHash(), res.outputBytes(), f.backend(), f.numericMode(), answer,
                energy(f.energy()), () -> raster(f.raster()));
    }

    @Override public Outcome treasury(JsonObject r, Predicate<String> energyProfiles) {
        List<TreasuryQuery.Day> days = new ArrayList<>();
        JsonArray sa = r.getJsonArray("series");
        for (int i = 0; i < sa.size(); i++) {
            JsonObject d = sa.getJsonObject(i);
            days.add(new TreasuryQuery.Day(d.getString("date"), d.getString("inflow"), d.getString("outflow"), d.getString("balance")));
        }
        List<Integer> horizons = null;
        if (r.getJsonArray("horizonsDays") != null) {
            horizons = new ArrayList<>();
            for (Object h : r.getJsonArray("horizonsDays")) horizons.add(((Number) h).intValue());
        }
        TreasuryQuery q = new TreasuryQuery(r.getString("dao"), r.getString("asset"), days, horizons, r.getInteger("periodDays", 1));
        ForecastPipeline.TreasuryResult res = pipeline.treasury(modelOf(r), q, 0, energyProfiles);
        TreasuryForecast f = res.forecast();
        JsonArray hs = new JsonArray();
        for (TreasuryForecast.Horizon h : f.horizons())
            hs.add(new JsonObject().put("days", h.days()).put("inflow", quantiles(h.inflow())).put("outflow", quantiles(h.outflow()))
                    .put("balance", h.balance() == null ? null : quantiles(h.balance())));
        JsonObject answer = new JsonObject().put("dao", q.dao()).put("asset", q.asset())
                .put("lastDate", q.lastDay().toString()); // a periodic series: its last period's last day
        if (q.periodDays() != 1) answer.put("periodDays", q.periodDays()); // a daily answer keeps its fields and bytes
        answer.put("horizons", hs).put("runwayDays", f.runwayDays())
                .put("runwayLowDays", f.runwayLowDays()).put("runwayHighDays", f.runwayHighDays());
        return new Outcome("treasury", f.modelId(), f.inputHash(), res.outputBytes(), f.backend(), f.numericMode(), answer,
                energy(f.energy()), () -> raster(f.raster()));
    }

    /** The optional {@code modelId} field; a model the node does not have is the caller's error (field {@code modelId}). */
    private static String modelOf(JsonObject r) { return r.getString("modelId"); }

    private static JsonObject metrics(java.util.Map<String, Double> m) {
        JsonObject o = new JsonObject();
        if (m != null) m.forEach((k, v) -> o.put(k, v == null ? null : Jsons.finite(v)));
        return o;
    }

    private static JsonObject interval(Interval i) {
        return new JsonObject().put("value", i.value()).put("lower", i.lower()).put("upper", i.upper());
    }

    private static JsonObject quantiles(Quantiles q) {
        return new JsonObject().put("p10", q.p10()).put("p50", q.p50()).put("p90", q.p90());
    }

    private static JsonArray energy(List<Energy> es) {
        JsonArray out = new JsonArray();
        for (Energy e : es)
            out.add(new JsonObject().put("profile", e.profile()).put("displayName", e.displayName())
                    .put("joules", Jsons.finite(e.joules())).put("dynamicJoules", Jsons.finite(e.dynamicJoules()))
                    .put("idleJoules", Jsons.finite(e.idleJoules())).put("lowerJoules", Jsons.finite(e.lowerJoules()))
                    .put("upperJoules", Jsons.finite(e.upperJoules())).put("complete", e.complete()).put("missing", new JsonArray(e.missing()))
                    .put("kind", e.kind()).put("boundary", e.boundary()).put("sources", new JsonArray(e.sources())));
        return out;
    }

    private static JsonObject raster(ForecastRaster r) {
        SpikeRaster s = r.spikes();
        JsonArray steps = new JsonArray(), pops = new JsonArray(), neurons = new JsonArray();
        for (int k = 0; k < s.size(); k++) {
            steps.add(s.step(k));
            pops.add(s.population(k));
            neurons.add(s.neuron(k));
        }
        return new JsonObject().put("populations", new JsonArray(r.populationNames())).put("sizes", new JsonArray(r.populationSizes()))
                .put("steps", r.steps()).put("dtMs", r.dtMs())
                .put("spikes", new JsonObject().put("step", steps).put("population", pops).put("neuron", neurons));
    }
}
