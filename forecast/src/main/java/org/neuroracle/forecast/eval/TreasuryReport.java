package org.neuroracle.forecast.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown report of {@link TreasuryEval}: one MASE table per series, the goal check, and the runway check. */
final class TreasuryReport {
    private TreasuryReport() {}

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> root) {
        StringBuilder sb = new StringBuilder("# Treasury forecast evaluation\n\n");
        sb.append("Served: ").append(root.get("served")).append(". Protocol: ").append(root.get("protocol")).append(".\n\n");
        sb.append("MASE (MAE / in-sample mean absolute one-period change; lower is better) per method, flow and horizon; ")
                .append("`cov80` = empirical coverage of the 80% interval; the best baseline of each column is in bold.\n\n");
        List<String> summary = new ArrayList<>();
        Map<String, Object> series = (Map<String, Object>) root.get("series");
        for (var se : series.entrySet()) {
            Map<String, Object> s = (Map<String, Object>) se.getValue();
            sb.append("### ").append(se.getKey()).append(" (period ").append(s.get("period_days")).append(" d, ").append(s.get("periods"))
                    .append(" periods, origins from ").append(s.get("first_origin")).append(")\n\n");
            List<String[]> cols = new ArrayList<>();
            for (String flow : TreasuryEval.FLOWS)
                for (int hd : TreasuryEval.HORIZONS_DAYS) cols.add(new String[]{flow, hd + "d"});
            sb.append("| method |");
            for (String[] c : cols) {
                Map<String, Object> h = (Map<String, Object>) ((Map<String, Object>) s.get(c[0])).get(c[1]);
                int hp = (int) h.get("horizon_periods");
                sb.append(' ').append(c[0]).append(' ').append(c[1]).append((int) s.get("period_days") > 1 ? " (" + hp + "p)" : "").append(" |");
            }
            sb.append("\n|---|").append("---|".repeat(cols.size())).append('\n');
            Map<String, Object> any = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) s.get("inflow")).get("7d")).get("methods");
            for (String method : any.keySet()) {
                sb.append("| ").append(method).append(" |");
                for (String[] c : cols) {
                    Map<String, Object> h = (Map<String, Object>) ((Map<String, Object>) s.get(c[0])).get(c[1]);
                    Map<String, Object> mm = (Map<String, Object>) ((Map<String, Object>) h.get("methods")).get(method);
                    if (mm == null) { sb.append(" |"); continue; }
                    String v = num(mm.get("mase"));
                    if (method.equals(h.get("best_baseline"))) v = "**" + v + "**";
                    if (mm.containsKey("coverage_80")) v += " (cov80 " + num(mm.get("coverage_80")) + ")";
                    sb.append(' ').append(v).append(" |");
                }
                sb.append('\n');
            }
            sb.append("| ensemble / best baseline (MAE) |");
            for (String[] c : cols) {
                Map<String, Object> h = (Map<String, Object>) ((Map<String, Object>) s.get(c[0])).get(c[1]);
                sb.append(' ').append(Boolean.TRUE.equals(h.get("flat")) ? "flat" : num(h.get("ensemble_vs_best_baseline"))).append(" |");
            }
            sb.append("\n\n");
            for (String flow : TreasuryEval.FLOWS)
                for (String hd : List.of("7d", "30d")) {
                    Map<String, Object> h = (Map<String, Object>) ((Map<String, Object>) s.get(flow)).get(hd);
                    summary.add("| " + se.getKey() + " | " + flow + " | " + hd + " | " + h.get("best_baseline") + " | "
                            + (Boolean.TRUE.equals(h.get("flat")) ? "flat (all zero)" : num(h.get("ensemble_vs_best_baseline"))) + " | "
                            + num(((Map<String, Object>) ((Map<String, Object>) h.get("methods")).get("ensemble")).get("coverage_80")) + " | "
                            + (h.containsKey("spiking_vs_best_baseline") ? num(h.get("spiking_vs_best_baseline")) : "n/a") + " | "
                            + (Boolean.TRUE.equals(h.get("flat")) ? "n/a" : Boolean.TRUE.equals(h.get("goal_met")) ? "yes" : "**no**") + " |");
                }
        }
        StringBuilder head = new StringBuilder("## Goal: the served model beats the best baseline (MAE ratio < 1) with 80% coverage in [0.75, 0.85]\n\n");
        head.append("| series | flow | horizon | best baseline | served / best (MAE) | served cov80 | spiking / best | met |\n|---|---|---|---|---|---|---|---|\n");
        for (String l : summary) head.append(l).append('\n');
        head.append('\n');
        sb.append(head);
        sb.append(halves(root));
        sb.append("## Runway (30-day horizon, served model) against realised balances\n\n");
        sb.append("| series | origins | realised runway within 10-90% bounds | realised balance within 10-90% band | origins with median runway < 100 y | median of those (days) | balance reached zero |\n|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : (List<Map<String, Object>>) root.get("runway"))
            sb.append("| ").append(r.get("series")).append(" | ").append(r.get("origins")).append(" | ").append(num(r.get("realised_runway_within_10_90")))
                    .append(" | ").append(num(r.get("realised_balance_within_10_90"))).append(" | ").append(r.get("origins_with_median_runway_under_100y"))
                    .append(" | ").append(num(r.get("median_of_those_runways_days"))).append(" | ").append(r.get("balance_reached_zero")).append(" |\n");
        sb.append("\nRuntime: ").append(root.get("runtime_seconds")).append(" s.\n");
        return sb.toString();
    }

    /** The served model per cell on each half, and every scored combination rule's totals (the selection). */
    @SuppressWarnings("unchecked")
    static String halves(Map<String, Object> root) {
        StringBuilder sb = new StringBuilder("## Served model on each half of the test origins (first half = where rules are chosen, second = held out)\n\n");
        sb.append("| series | flow | horizon | half | origins | best baseline | its MASE | served MASE | served / best | served cov80 | met |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> c : (List<Map<String, Object>>) root.get("halves"))
            sb.append("| ").append(c.get("series")).append(" | ").append(c.get("flow")).append(" | ").append(c.get("horizon_days")).append("d | ").append(c.get("half"))
                    .append(" | ").append(c.get("origins")).append(" | ").append(c.get("best_baseline")).append(" | ").append(sig(c.get("best_baseline_mase")))
                    .append(" | ").append(sig(c.get("served_mase"))).append(" | ").append(Boolean.TRUE.equals(c.get("scored")) ? num(c.get("served_vs_best")) : "not scored")
                    .append(" | ").append(num(c.get("served_coverage_80"))).append(" | ")
                    .append(Boolean.TRUE.equals(c.get("scored")) ? (Boolean.TRUE.equals(c.get("goal_met")) ? "yes" : "**no**") : "n/a").append(" |\n");
        Map<String, Object> sel = (Map<String, Object>) root.get("selection");
        sb.append("\n### Combination rules (").append(sel.get("protocol")).append(")\n\nChosen on the first half: `").append(sel.get("chosen_on_first_half")).append("`.\n\n");
        sb.append("| rule | 1st: cells | 1st: goal met | 1st: beats best | 1st: cov ok | 1st: geomean ratio | 2nd: cells | 2nd: goal met | 2nd: beats best | 2nd: cov ok | 2nd: geomean ratio |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (var e : ((Map<String, Object>) sel.get("rules")).entrySet()) {
            sb.append("| ").append(e.getKey());
            for (String half : TreasurySelection.HALVES) {
                Map<String, Object> h = (Map<String, Object>) ((Map<String, Object>) e.getValue()).get(half);
                sb.append(" | ").append(h.get("cells")).append(" | ").append(h.get("goal_met")).append(" | ").append(h.get("beats_best_baseline"))
                        .append(" | ").append(h.get("coverage_in_75_85")).append(" | ").append(num(h.get("geomean_ratio")));
            }
            sb.append(" |\n");
        }
        return sb.append('\n').append(perCell(root)).toString();
    }

    /** The per-cell choices (fallback to the first-half best baseline; lowest first-half MAE) and their held-out cells. */
    @SuppressWarnings("unchecked")
    static String perCell(Map<String, Object> root) {
        Map<String, Object> pc = (Map<String, Object>) root.get("per_cell");
        if (pc == null) return "";
        StringBuilder sb = new StringBuilder("### Per-cell choice (").append(pc.get("protocol")).append(")\n\n");
        sb.append("| rule | 1st: cells | 1st: goal met | 1st: beats best | 1st: cov ok | 2nd: cells | 2nd: goal met | 2nd: beats best | 2nd: cov ok | 2nd: not the ensemble |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (String rule : TreasuryPerCell.RULES) {
            Map<String, Object> r = (Map<String, Object>) pc.get(rule);
            sb.append("| ").append(rule);
            for (String half : TreasurySelection.HALVES) {
                Map<String, Object> h = (Map<String, Object>) r.get(half);
                sb.append(" | ").append(h.get("cells")).append(" | ").append(h.get("goal_met")).append(" | ").append(h.get("beats_best_baseline")).append(" | ").append(h.get("coverage_in_75_85"));
            }
            sb.append(" | ").append(((Map<String, Object>) r.get("second")).get("not_ensemble")).append(" |\n");
        }
        sb.append("\n| cell (second half) | fallback | lowest |\n|---|---|---|\n");
        Map<String, String> a = (Map<String, String>) ((Map<String, Object>) ((Map<String, Object>) pc.get("fallback")).get("second")).get("cells_detail");
        Map<String, String> b = (Map<String, String>) ((Map<String, Object>) ((Map<String, Object>) pc.get("lowest")).get("second")).get("cells_detail");
        for (var e : a.entrySet()) sb.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" | ").append(b.getOrDefault(e.getKey(), "")).append(" |\n");
        return sb.append('\n').toString();
    }

    /** Small MASE values (a scale set by a busier past) keep three significant digits instead of printing 0.000. */
    static String sig(Object o) {
        if (o instanceof Double d && d != 0 && Double.isFinite(d) && Math.abs(d) < 0.01) return String.format(Locale.ROOT, "%.2e", d);
        return num(o);
    }

    static String num(Object o) {
        if (o instanceof Double d) return Double.isNaN(d) ? "n/a" : Double.isInfinite(d) ? "inf" : String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : "%.3f", d);
        return String.valueOf(o);
    }
}
