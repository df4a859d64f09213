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
        sb.append("## Runway (30-day horizon, served model) against realised balances\n\n");
        sb.append("| series | origins | realised runway within 10-90% bounds | realised balance within 10-90% band | origins with median runway < 100 y | median of those (days) | balance reached zero |\n|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : (List<Map<String, Object>>) root.get("runway"))
            sb.append("| ").append(r.get("series")).append(" | ").append(r.get("origins")).append(" | ").append(num(r.get("realised_runway_within_10_90")))
                    .append(" | ").append(num(r.get("realised_balance_within_10_90"))).append(" | ").append(r.get("origins_with_median_runway_under_100y"))
                    .append(" | ").append(num(r.get("median_of_those_runways_days"))).append(" | ").append(r.get("balance_reached_zero")).append(" |\n");
        sb.append("\nRuntime: ").append(root.get("runtime_seconds")).append(" s.\n");
        return sb.toString();
    }

    static String num(Object o) {
        if (o instanceof Double d) return Double.isNaN(d) ? "n/a" : Double.isInfinite(d) ? "inf" : String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : "%.3f", d);
        return String.valueOf(o);
    }
}
