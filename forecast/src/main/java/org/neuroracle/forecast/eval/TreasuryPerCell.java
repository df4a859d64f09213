package org.neuroracle.forecast.eval;

import org.neuroracle.forecast.model.FlowMethods;
import org.neuroracle.forecast.model.TreasuryEnsemble;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-cell model choice (issue 13: "a model that loses to a baseline is not served as the default"). For each
 * series x flow x horizon the method is chosen from that cell's FIRST half of origins only, then scored on the
 * held-out second half. Two rules, written down before the run that scores them:
 * <ul>
 *   <li>{@code fallback} (the one to serve): the served ensemble when its first-half MAE is below the first-half best
 *   baseline's; otherwise that baseline, with the served model's kind of 80% bounds around it;</li>
 *   <li>{@code lowest} (reported, not served): whichever of the ensemble and every single method (baselines and
 *   candidates, each with the same bounds) had the lowest first-half MAE, ties to the ensemble.</li>
 * </ul>
 * The choice reads nothing but first-half cells ({@link #choose}); the second half only scores it.
 */
public final class TreasuryPerCell {
    private TreasuryPerCell() {}

    static final String SINGLE = "ensemble_only_";
    public static final List<String> RULES = List.of("fallback", "lowest");

    /** Every method alone, with the served model's bounds: a baseline can then be served with an interval. */
    public static List<TreasuryEnsemble> singles(TreasuryEnsemble served) {
        List<TreasuryEnsemble> out = new ArrayList<>();
        for (String m : FlowMethods.EXTENDED) out.add(org.neuroracle.forecast.model.TreasuryEnsembleModel.alone(served, m));
        return out;
    }

    static String key(TreasurySelection.Cell c) { return c.series() + " " + c.flow() + " " + c.horizonDays() + "d"; }

    /** rule -> cell key -> chosen method name (a row method of the evaluation), from first-half cells only. */
    static Map<String, Map<String, String>> choose(List<TreasurySelection.Cell> firstHalf) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String r : RULES) out.put(r, new LinkedHashMap<>());
        for (TreasurySelection.Cell c : firstHalf) {
            if (!c.half().equals("first")) throw new IllegalArgumentException("choose: first-half cells only, got " + c.half() + " for " + key(c));
            String best = c.bestBaseline();
            double ens = c.maeCov().get("ensemble")[0], bestMae = c.maeCov().get(best)[0];
            boolean baselinesAvailable = c.maeCov().containsKey(SINGLE + best);
            out.get("fallback").put(key(c), ens < bestMae || !baselinesAvailable ? "ensemble" : SINGLE + best);
            String low = "ensemble";
            for (String m : FlowMethods.EXTENDED)
                if (c.maeCov().containsKey(SINGLE + m) && c.maeCov().get(SINGLE + m)[0] < c.maeCov().get(low)[0]) low = SINGLE + m;
            out.get("lowest").put(key(c), low);
        }
        return out;
    }

    /** The rules' choices and their scores on each half (the first half is in-sample, the second held out). */
    static Map<String, Object> score(List<TreasurySelection.Cell> cells) {
        Map<String, Map<String, String>> choice = choose(cells.stream().filter(c -> c.half().equals("first")).toList());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("protocol", "per series x flow x horizon, chosen on the first half only: fallback = the ensemble if its first-half MAE is below the best "
                + "first-half baseline's, else that baseline with the same kind of bounds; lowest = the lowest first-half MAE among the ensemble and every single method");
        for (String rule : RULES) {
            Map<String, Object> byHalf = new LinkedHashMap<>();
            for (String half : TreasurySelection.HALVES) {
                int scored = 0, met = 0, beats = 0, covOk = 0, fellBack = 0;
                Map<String, String> detail = new LinkedHashMap<>();
                for (TreasurySelection.Cell c : cells) {
                    if (!c.half().equals(half)) continue;
                    String m = choice.get(rule).getOrDefault(key(c), "ensemble");
                    if (!c.maeCov().containsKey(m) || !c.counts(m)) continue;
                    scored++;
                    double r = c.ratio(m), cov = c.coverage(m);
                    if (r < 1) beats++;
                    if (cov >= 0.75 && cov <= 0.85) covOk++;
                    if (c.met(m)) met++;
                    if (!m.equals("ensemble")) fellBack++;
                    detail.put(key(c), String.format(Locale.ROOT, "%s ratio %.3f cov %.3f%s", m.equals("ensemble") ? "ensemble" : m.substring(SINGLE.length()), r, cov, c.met(m) ? " met" : ""));
                }
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("cells", scored);
                h.put("goal_met", met);
                h.put("beats_best_baseline", beats);
                h.put("coverage_in_75_85", covOk);
                h.put("not_ensemble", fellBack);
                h.put("cells_detail", detail);
                byHalf.put(half, h);
            }
            byHalf.put("choices", choice.get(rule));
            out.put(rule, byHalf);
        }
        return out;
    }

    /**
     * The served fallbacks in an {@code eval treasury} metrics.json, read back from what {@link #score} wrote: the
     * {@code fallback} rule's choices that are not the ensemble, as {@code "dcl:MANA outflow 30d" -> "croston"}.
     * Errors name the file and the field.
     */
    public static Map<String, String> servedFallbacks(java.nio.file.Path metrics) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(metrics.toFile());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(metrics + ": " + e.getMessage(), e);
        }
        var choices = root.path("per_cell").path(RULES.get(0)).path("choices");
        if (!choices.isObject()) throw new IllegalArgumentException(metrics + ": no per_cell.fallback.choices (not an `eval treasury` metrics.json of this version)");
        Map<String, String> out = new java.util.TreeMap<>();
        for (var it = choices.fields(); it.hasNext(); ) {
            var e = it.next();
            String v = e.getValue().asText();
            if (v.startsWith(SINGLE)) out.put(e.getKey(), v.substring(SINGLE.length()));
            else if (!v.equals("ensemble")) throw new IllegalArgumentException(metrics + ": per_cell.fallback.choices." + e.getKey() + ": unexpected '" + v + "'");
        }
        return out;
    }
}
