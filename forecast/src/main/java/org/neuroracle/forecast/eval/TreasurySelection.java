package org.neuroracle.forecast.eval;

import org.neuroracle.forecast.model.FlowMethods;
import org.neuroracle.forecast.model.TreasuryEnsemble;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model selection that does not peek at its own test: each series' rolling origins are cut at their middle date;
 * the combination rule is chosen on the first half only (most cells meeting the goal, then most cells beating the
 * best baseline, then the lowest geometric mean of MAE over the best baseline, over the cells where that ratio is
 * finite) and confirmed on the held-out second half. "Best baseline" is chosen per cell and per half after the fact among all {@link FlowMethods#BASELINES}
 * (naive, seasonal naive, mean 7/28 d, SES, damped Holt, Croston), which is the strictest comparator. A cell is
 * scored when its outcomes are not all zero, and also, for a rule that forecast a flow there, when they are (then
 * the best baseline is exact and the rule loses); where the best baseline is exact, any error is a loss.
 */
public final class TreasurySelection {
    private TreasurySelection() {}

    static final int[] GOAL_HORIZONS_DAYS = {7, 30};
    static final String[] HALVES = {"first", "second"};

    /** One series x flow x horizon x half: MAE and 80% coverage per method, on the same origins. */
    record Cell(String series, String flow, int horizonDays, String half, double scale, boolean flat, String bestBaseline,
                Map<String, double[]> maeCov) {
        boolean scored() { return !flat; }

        /** Whether the cell counts for {@code method}: outcomes not all zero, or all zero and the method still forecast a flow (a loss). */
        boolean counts(String method) { return !flat || maeCov.get(method)[0] > 0; }

        /** MAE over the best baseline's; where the best baseline is exact (MAE 0), 1 for another exact method, else infinite (a loss). */
        double ratio(String method) {
            double m = maeCov.get(method)[0], b = maeCov.get(bestBaseline)[0];
            return b > 0 ? m / b : m > 0 ? Double.POSITIVE_INFINITY : 1;
        }

        double coverage(String method) { return maeCov.get(method)[1]; }

        boolean met(String method) { double c = coverage(method); return counts(method) && ratio(method) < 1 && c >= 0.75 && c <= 0.85; }
    }

    /**
     * The combination rules scored beside the served one: the median of all candidates and five error-driven
     * rules (select the best, mean of the best two, inverse-MAE over the best three or all, median or best), each
     * with a 90- or 365-day backtest, and each with bounds from log1p backtest-error percentiles or from quantile
     * trackers (step 0.05 or 0.2 of the mean error, over 730 days).
     */
    public static List<TreasuryEnsemble> grid() {
        List<TreasuryEnsemble> out = new ArrayList<>();
        List<TreasuryEnsemble> points = new ArrayList<>();
        points.add(new TreasuryEnsemble(FlowMethods.EXTENDED, "median", 180, 365));
        for (String s : List.of("select", "top2", "top3", "inverse_mae", "median_or_best"))
            for (int bt : new int[]{90, 365}) points.add(new TreasuryEnsemble(FlowMethods.EXTENDED, s, bt, 365));
        // The gate (issue 13): the median unless one candidate's recent backtest error is clearly lower.
        for (int hl : new int[]{90, 365})
            for (double g : new double[]{0.6, 0.75, 0.9}) points.add(TreasuryEnsemble.gate(FlowMethods.EXTENDED, 365, 365, hl, g));
        for (TreasuryEnsemble p : points) {
            out.add(p);
            TreasuryEnsemble wide = new TreasuryEnsemble(p.candidates(), p.strategy(), p.backtestDays(), 730, "log1p", 0, p.halfLifeDays(), p.gateRatio());
            out.add(wide.withTracker(0.05));
            out.add(wide.withTracker(0.2));
        }
        return out;
    }

    static String name(TreasuryEnsemble v) {
        if (v.candidates().size() == 1 && v.strategy().equals("median")) return TreasuryPerCell.SINGLE + v.candidates().getFirst();
        return "ensemble_" + v.strategy() + "_bt" + v.backtestDays() + (v.strategy().equals("median_gate") ? "_hl" + v.halfLifeDays() + "_g" + v.gateRatio() : "")
                + (v.candidates().equals(FlowMethods.EXTENDED) ? "" : "_c" + v.candidates().size())
                + (v.interval().equals("tracker") ? "_tracker" + v.trackerStep()
                : v.interval().equals("balanced_tracker") ? "_iv" + v.intervalDays() + "_balanced" + v.trackerStep()
                : v.interval().equals("conformal") ? "_conformal" + v.conformalDays() + "_hl" + v.conformalHalfLifeDays() : "_log1p");
    }

    /**
     * The served point rule and tracker with conformal bounds over the last 90, 180, 365 or 730 days of past
     * residuals, equally weighted or with a 90- or 365-day half-life, and with balanced trackers (the two sides
     * share the 20% miss budget) over 365 or 730 days, step 0.05 to 0.3 (issue 13: interval calibration); and gates
     * with a 30- or 60-day half-life and ratio 0.75 or 0.9 with the balanced tracker (730 days, step 0.2).
     */
    public static List<TreasuryEnsemble> calibrationGrid(TreasuryEnsemble served) {
        List<TreasuryEnsemble> out = new ArrayList<>();
        for (int d : new int[]{90, 180, 365, 730})
            for (int hl : new int[]{0, 90, 365}) if (d <= served.intervalDays()) out.add(served.withConformal(d, hl));
        for (int iv : new int[]{365, 730})
            for (double step : new double[]{0.05, 0.1, 0.2, 0.3}) out.add(served.withBalancedTracker(iv, step));
        // Point rules that hand over sooner (issue 13: Axie's boom favours smoothing, Cardano's 7-day inflow the trend), with the balanced tracker.
        for (int hl : new int[]{30, 60})
            for (double g : new double[]{0.75, 0.9})
                out.add(TreasuryEnsemble.gate(served.candidates(), served.backtestDays(), 730, hl, g).withBalancedTracker(730, 0.2));
        return out;
    }

    /** The cells of one series; {@code split} = the first origin date of the second half (ISO, compared as text). */
    static List<Cell> cells(FlowSeries s, List<TreasuryEval.Row> rows, double[] scaleByFlow, String split) {
        List<Cell> out = new ArrayList<>();
        for (int k = 0; k < TreasuryEval.FLOWS.length; k++)
            for (int hd : GOAL_HORIZONS_DAYS)
                for (String half : HALVES) {
                    String flow = TreasuryEval.FLOWS[k];
                    boolean firstHalf = half.equals("first");
                    List<TreasuryEval.Row> rs = rows.stream().filter(r -> r.flow().equals(flow) && r.horizonDays() == hd
                            && (r.date().compareTo(split) < 0) == firstHalf).toList();
                    if (rs.isEmpty()) continue;
                    Map<String, List<TreasuryEval.Row>> byMethod = new LinkedHashMap<>();
                    for (TreasuryEval.Row r : rs) byMethod.computeIfAbsent(r.method(), x -> new ArrayList<>()).add(r);
                    Map<String, double[]> mc = new LinkedHashMap<>();
                    for (var e : byMethod.entrySet()) {
                        List<TreasuryEval.Row> x = e.getValue();
                        double[] y = x.stream().mapToDouble(TreasuryEval.Row::actual).toArray();
                        double mae = Metrics.mae(x.stream().mapToDouble(TreasuryEval.Row::p50).toArray(), y);
                        double cov = Double.isNaN(x.getFirst().p10()) ? Double.NaN
                                : Metrics.coverage(x.stream().mapToDouble(TreasuryEval.Row::p10).toArray(), x.stream().mapToDouble(TreasuryEval.Row::p90).toArray(), y);
                        mc.put(e.getKey(), new double[]{mae, cov, x.size()});
                    }
                    String best = FlowMethods.BASELINES.stream().filter(mc::containsKey).min((a, b) -> Double.compare(mc.get(a)[0], mc.get(b)[0])).orElseThrow();
                    boolean flat = rs.stream().allMatch(r -> r.actual() == 0);
                    out.add(new Cell(s.name(), flow, hd, half, scaleByFlow[k], flat, best, mc));
                }
        return out;
    }

    /** Scores of every combination rule on each half, and the rule chosen on the first half. */
    static Map<String, Object> select(List<Cell> cells) {
        List<String> rules = cells.isEmpty() ? List.of() : cells.getFirst().maeCov().keySet().stream().filter(m -> m.startsWith("ensemble")).toList();
        Map<String, Object> table = new LinkedHashMap<>();
        String chosen = null;
        double[] bestKey = null;
        for (String rule : rules) {
            Map<String, Object> byHalf = new LinkedHashMap<>();
            for (String half : HALVES) {
                int scored = 0, met = 0, beats = 0, covOk = 0, finite = 0;
                double logSum = 0;
                for (Cell c : cells) {
                    if (!c.half().equals(half) || !c.maeCov().containsKey(rule) || !c.counts(rule)) continue;
                    scored++;
                    double r = c.ratio(rule), cov = c.coverage(rule);
                    if (r < 1) beats++;
                    if (cov >= 0.75 && cov <= 0.85) covOk++;
                    if (c.met(rule)) met++;
                    if (Double.isFinite(r)) { logSum += Math.log(r); finite++; }
                }
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("cells", scored);
                h.put("goal_met", met);
                h.put("beats_best_baseline", beats);
                h.put("coverage_in_75_85", covOk);
                h.put("geomean_ratio", finite == 0 ? Double.NaN : VoteEval.round(Math.exp(logSum / finite)));
                h.put("infinite_ratio_cells", scored - finite);
                // Per cell: MAE over the best baseline's and 80% coverage, so a rule's wins and misses can be traced.
                Map<String, String> perCell = new LinkedHashMap<>();
                for (Cell c : cells)
                    if (c.half().equals(half) && c.maeCov().containsKey(rule) && c.counts(rule))
                        perCell.put(c.series() + " " + c.flow() + " " + c.horizonDays() + "d", String.format(java.util.Locale.ROOT, "ratio %.3f cov %.3f%s", c.ratio(rule), c.coverage(rule), c.met(rule) ? " met" : ""));
                h.put("cells_detail", perCell);
                byHalf.put(half, h);
                if (half.equals("first")) {
                    double[] key = {met, beats, finite == 0 ? 0 : -logSum / finite};
                    if (bestKey == null || compare(key, bestKey) > 0) { bestKey = key; chosen = rule; }
                }
            }
            table.put(rule, byHalf);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", "origins of each series cut at their middle date; rule chosen on the first half by (goal cells, cells beating the best baseline, "
                + "-geomean MAE ratio), confirmed on the second half; best baseline per cell and half among " + FlowMethods.BASELINES);
        m.put("chosen_on_first_half", chosen);
        m.put("rules", table);
        return m;
    }

    private static int compare(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) if (a[i] != b[i]) return Double.compare(a[i], b[i]);
        return 0;
    }
}
