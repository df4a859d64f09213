package org.neuroracle.forecast.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

/**
 * The served treasury forecaster when the spiking model loses to a baseline: a {@link TreasuryEnsemble} (a median
 * of simple methods, each refitted on the query's own history) stored as a content-addressed artifact like the
 * spiking models. It has no network: its answer is pure IEEE double arithmetic with {@link StrictMath} in a fixed
 * order, so it is a function of (model bytes, input bytes) on every JVM, but it runs on no spiking backend.
 *
 * <p>{@code fallbacks} (issue 13: "a model that loses to a baseline is not served as the default"): cell key
 * {@code "<dao>:<asset> <inflow|outflow> <h>d"} -> a baseline method. For a query whose dao, asset, flow and horizon
 * match, that baseline alone (with the ensemble's kind of bounds, {@link #alone}) answers instead of the ensemble.
 * The keys are those of {@code eval treasury}'s per-cell choice, where a series is named by its data folder and asset
 * (so {@code dcl:MANA} is the query dao {@code dcl}, asset {@code MANA}). Empty (every artifact before it): the ensemble everywhere.
 */
public record TreasuryEnsembleModel(String description, TreasuryEnsemble ensemble, int[] horizonsDays,
                                    Map<String, String> training, Map<String, Double> metrics,
                                    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> fallbacks) implements ForecastModel {
    public static final String KIND = "treasury-ensemble";
    /** The two flows a fallback key names, in the order every treasury answer and evaluation uses. */
    public static final List<String> FLOWS = List.of("inflow", "outflow");

    public TreasuryEnsembleModel {
        if (ensemble == null) throw new IllegalArgumentException("treasury ensemble: ensemble is required");
        if (horizonsDays == null || horizonsDays.length == 0) throw new IllegalArgumentException("treasury ensemble: horizonsDays is required");
        for (int h : horizonsDays) if (h < 1 || h > 366) throw new IllegalArgumentException("treasury ensemble: horizon " + h + " days out of 1..366");
        horizonsDays = horizonsDays.clone();
        training = training == null ? Map.of() : Map.copyOf(training);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        fallbacks = fallbacks == null ? Map.of() : Map.copyOf(fallbacks);
        for (var e : fallbacks.entrySet()) {
            if (!e.getKey().matches("\\S+:\\S+ (inflow|outflow) \\d+d")) throw new IllegalArgumentException("fallbacks: key '" + e.getKey() + "' is not '<dao>:<asset> <inflow|outflow> <h>d'");
            if (!FlowMethods.BASELINES.contains(e.getValue())) throw new IllegalArgumentException("fallbacks." + e.getKey() + ": a baseline, one of " + FlowMethods.BASELINES + ", got '" + e.getValue() + "'");
        }
    }

    /** Without fallbacks: the ensemble answers every query. */
    public TreasuryEnsembleModel(String description, TreasuryEnsemble ensemble, int[] horizonsDays, Map<String, String> training, Map<String, Double> metrics) {
        this(description, ensemble, horizonsDays, training, metrics, Map.of());
    }

    /** Written by hand: artifacts before {@code fallbacks} lack it, and the artifact reader refuses missing creator properties. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TreasuryEnsembleModel fromJson(JsonNode n) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException("treasury ensemble: an object");
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("description", "ensemble", "horizonsDays", "training", "metrics", "fallbacks").contains(f)) throw new IllegalArgumentException("treasury ensemble." + f + ": unknown field");
        }
        for (String f : List.of("description", "ensemble", "horizonsDays", "training", "metrics"))
            if (!n.has(f)) throw new IllegalArgumentException("treasury ensemble." + f + ": required");
        ObjectMapper om = new ObjectMapper();
        try {
            return new TreasuryEnsembleModel(n.get("description").isNull() ? null : n.get("description").asText(), TreasuryEnsemble.fromJson(n.get("ensemble")),
                    om.convertValue(n.get("horizonsDays"), int[].class), om.convertValue(n.get("training"), new TypeReference<Map<String, String>>() {}),
                    om.convertValue(n.get("metrics"), new TypeReference<Map<String, Double>>() {}),
                    n.has("fallbacks") ? om.convertValue(n.get("fallbacks"), new TypeReference<Map<String, String>>() {}) : Map.of());
        } catch (IllegalArgumentException e) {
            throw e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException ? new IllegalArgumentException("treasury ensemble: " + e.getCause().getMessage(), e) : e;
        }
    }

    /** One method alone with {@code served}'s kind of 80% bounds (a baseline served where the ensemble lost). */
    public static TreasuryEnsemble alone(TreasuryEnsemble served, String method) {
        boolean conformal = served.interval().equals("conformal");
        TreasuryEnsemble one = new TreasuryEnsemble(List.of(method), "median", served.backtestDays(), served.intervalDays(),
                conformal ? "tracker" : served.interval(), served.interval().equals("log1p") ? 0 : served.trackerStep());
        return conformal ? one.withConformal(served.conformalDays(), served.conformalHalfLifeDays()) : one;
    }

    /** What answers {@code flow} at {@code horizonDays} for this dao and asset: a fallback baseline alone, or the ensemble. */
    public TreasuryEnsemble forCell(String dao, String asset, String flow, int horizonDays) {
        String m = fallbacks.get(dao + ":" + asset + " " + flow + " " + horizonDays + "d");
        return m == null ? ensemble : alone(ensemble, m);
    }

    @Override public String kind() { return KIND; }

    @Override public String family() { return "treasury"; }

    /** No spiking network. */
    @Override public Reservoir reservoir() { return null; }

    @Override public boolean equals(Object o) { return o == this; }

    @Override public int hashCode() { return System.identityHashCode(this); }
}
