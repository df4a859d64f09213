package org.neuroracle.forecast.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.neuroracle.forecast.eval.VoteEval.CHECKPOINTS;
import static org.neuroracle.forecast.eval.VoteEval.METHODS;
import static org.neuroracle.forecast.eval.VoteEval.pct;

/**
 * Scores of a vote evaluation: pooled and per-DAO tables (Brier, log-loss, ECE, ROC-AUC), paired bootstrap
 * intervals of Brier differences, the goal check, the monotonicity check, and the files (predictions.csv,
 * metrics.json, report.md, PNG plots).
 */
final class VoteReport {
    private VoteReport() {}

    static final int BOOTSTRAP = 2000;
    /** A Brier rise from one checkpoint to the next larger than this is reported as non-monotone. */
    static final double RISE_TOLERANCE = 0.002;
    /** Smallest number of test proposals for a per-DAO row of the rolling split. */
    static final int MIN_ROLLING_TEST = 10;
    static final List<String> COMPARED = List.of("base_rate", "logistic", "logistic_history", "dao_prior", "spiking_pooled_map", "spiking_recal20", "spiking_recency", "spiking_adaptive");
    /** ECE bins (10 equal-width bins on [0, 1], the last closed) and the goal's ECE bound. */
    static final int ECE_BINS = 10;
    static final double ECE_GOAL = 0.05;
    /** Outcome draws of the perfectly calibrated forecaster per cell. */
    static final int PERFECT_DRAWS = 2000;
    /**
     * A cell is unreachable at its sample size when a perfectly calibrated forecaster with the same predictions
     * would meet ECE <= ECE_GOAL in fewer than this share of draws.
     */
    static final double REACHABLE_SHARE = 0.05;

    static Map<String, Object> scores(List<VoteEval.Row> rs) {
        double[] p = rs.stream().mapToDouble(VoteEval.Row::pPass).toArray();
        int[] y = rs.stream().mapToInt(VoteEval.Row::label).toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", rs.size());
        m.put("brier", round(Metrics.brier(p, y)));
        m.put("log_loss", round(Metrics.logLoss(p, y)));
        m.put("roc_auc", round(Metrics.auc(p, y)));
        m.put("ece", round(Metrics.ece(p, y, ECE_BINS)));
        m.put("for_share_mae", round(Metrics.mae(rs.stream().mapToDouble(VoteEval.Row::forShare).toArray(), rs.stream().mapToDouble(VoteEval.Row::finalShare).toArray())));
        return m;
    }

    static Map<String, Object> pooled(List<VoteEval.Row> rows) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String split : List.of("rolling", "lodo")) {
            Map<String, Object> bySplit = new LinkedHashMap<>();
            for (double cp : CHECKPOINTS) {
                Map<String, Object> byMethod = new LinkedHashMap<>();
                for (String method : METHODS) {
                    List<VoteEval.Row> rs = rows.stream().filter(r -> r.split().equals(split) && r.checkpoint() == cp && r.method().equals(method)).toList();
                    if (!rs.isEmpty()) byMethod.put(method, scores(rs));
                }
                bySplit.put(pct(cp), byMethod);
            }
            out.put(split, bySplit);
        }
        return out;
    }

    /** Per split, per DAO with >= minDecided decided proposals, per checkpoint: scores and bootstrap intervals. */
    static Map<String, Object> perDao(List<VoteEval.Row> rows, Map<String, Long> decided, int minDecided) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String split : List.of("lodo", "rolling")) {
            Map<String, Map<Double, Map<String, List<VoteEval.Row>>>> idx = new TreeMap<>();
            for (VoteEval.Row r : rows) {
                if (!r.split().equals(split)) continue;
                idx.computeIfAbsent(r.proposal().dao(), k -> new TreeMap<>()).computeIfAbsent(r.checkpoint(), k -> new TreeMap<>())
                        .computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
            }
            Map<String, Object> byDao = new LinkedHashMap<>();
            for (var de : idx.entrySet()) {
                String dao = de.getKey();
                if (decided.getOrDefault(dao, 0L) < minDecided) continue;
                Map<String, Object> byCp = new LinkedHashMap<>();
                for (var ce : de.getValue().entrySet()) {
                    Map<String, List<VoteEval.Row>> ms = ce.getValue();
                    List<VoteEval.Row> snn = ms.get("spiking");
                    if (snn == null || (split.equals("rolling") && snn.size() < MIN_ROLLING_TEST)) continue;
                    Map<String, Object> cell = new LinkedHashMap<>();
                    Map<String, Object> methods = new LinkedHashMap<>();
                    for (String m : METHODS) if (ms.containsKey(m)) methods.put(m, scores(ms.get(m)));
                    cell.put("methods", methods);
                    long seed = 1_000_003L * dao.hashCode() + Math.round(ce.getKey() * 100);
                    cell.put("spiking_ece_perfect", perfect(snn, seed));
                    for (String other : COMPARED)
                        if (ms.containsKey(other)) cell.put("brier_minus_" + other, bootstrap(snn, ms.get(other), seed));
                    // The other goal methods' own goal inputs (their ECE floor, their interval against the base rate).
                    if (split.equals("lodo"))
                        for (String gm : VoteEval.GOAL_METHODS.subList(1, VoteEval.GOAL_METHODS.size()))
                            if (ms.containsKey(gm)) {
                                cell.put(gm + "_ece_perfect", perfect(ms.get(gm), seed));
                                if (ms.containsKey("base_rate")) cell.put(gm + "_brier_minus_base_rate", bootstrap(ms.get(gm), ms.get("base_rate"), seed));
                            }
                    if (split.equals("rolling") && ms.containsKey("logistic_history")) cell.put("logistic_history_ece_perfect", perfect(ms.get("logistic_history"), seed));
                    byCp.put(pct(ce.getKey()), cell);
                }
                if (!byCp.isEmpty()) byDao.put(dao, byCp);
            }
            out.put(split, byDao);
        }
        return out;
    }

    /**
     * The ECE a perfectly calibrated forecaster would get with the same predictions (outcomes ~ Bernoulli(p)):
     * median, 95th percentile, and the share of draws meeting the goal's ECE bound.
     */
    static Map<String, Object> perfect(List<VoteEval.Row> rs, long seed) {
        double[] e = Metrics.ecePerfect(rs.stream().mapToDouble(VoteEval.Row::pPass).toArray(), ECE_BINS, PERFECT_DRAWS, seed);
        int meets = 0;
        for (double v : e) if (v <= ECE_GOAL) meets++;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50", round(org.neuroracle.forecast.train.VoteTrainer.quantile(e, 0.5)));
        m.put("p95", round(org.neuroracle.forecast.train.VoteTrainer.quantile(e, 0.95)));
        m.put("share_meeting_goal", round(meets / (double) e.length));
        return m;
    }

    /**
     * Paired bootstrap of mean(brier_a) - mean(brier_b) over the same proposals: resample proposals with
     * replacement; mean difference and the 2.5/97.5 percentiles.
     */
    static Map<String, Object> bootstrap(List<VoteEval.Row> a, List<VoteEval.Row> b, long seed) {
        Map<String, Double> bq = new java.util.HashMap<>();
        for (VoteEval.Row r : b) bq.put(r.fold() + "\u0000" + r.proposal().key(), (r.pPass() - r.label()) * (r.pPass() - r.label()));
        List<Double> d = new ArrayList<>();
        for (VoteEval.Row r : a) {
            Double other = bq.get(r.fold() + "\u0000" + r.proposal().key());
            if (other != null) d.add((r.pPass() - r.label()) * (r.pPass() - r.label()) - other);
        }
        int n = d.size();
        double[] diff = d.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = Arrays.stream(diff).average().orElse(Double.NaN);
        double[] boots = new double[BOOTSTRAP];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < BOOTSTRAP; k++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += diff[rnd.nextInt(n)];
            boots[k] = s / n;
        }
        Arrays.sort(boots);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n);
        m.put("mean", round(mean));
        m.put("lo", round(boots[(int) Math.floor(0.025 * (BOOTSTRAP - 1))]));
        m.put("hi", round(boots[(int) Math.ceil(0.975 * (BOOTSTRAP - 1))]));
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cell(Map<String, Object> perDao, String split, String dao, String cp) {
        Map<String, Object> s = (Map<String, Object>) perDao.get(split);
        Map<String, Object> d = s == null ? null : (Map<String, Object>) s.get(dao);
        return d == null ? null : (Map<String, Object>) d.get(cp);
    }

    @SuppressWarnings("unchecked")
    static double metric(Map<String, Object> cell, String method, String metric) {
        Map<String, Object> m = (Map<String, Object>) ((Map<String, Object>) cell.get("methods")).get(method);
        return m == null ? Double.NaN : ((Number) m.get(metric)).doubleValue();
    }

    /**
     * The goal of issue 13 per held-out DAO at 10% and 25%: spiking Brier at least 10% below the base rate, the
     * paired bootstrap interval of the difference excluding 0, and ECE <= 0.05.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> goals(Map<String, Object> perDao, List<String> held, String method) {
        String prefix = method.equals("spiking") ? "" : method + "_";
        Map<String, Object> g = new LinkedHashMap<>();
        boolean all = !held.isEmpty();
        int met = 0, cells = 0, brierMet = 0, ciMet = 0, eceMet = 0, eceWithinNoise = 0;
        List<String> unreachable = new ArrayList<>();
        for (String dao : held)
            for (String cp : List.of("10%", "25%")) {
                Map<String, Object> c = cell(perDao, "lodo", dao, cp);
                if (c == null) { all = false; continue; }
                double snn = metric(c, method, "brier"), base = metric(c, "base_rate", "brier"), ece = metric(c, method, "ece");
                Map<String, Object> ci = (Map<String, Object>) c.get(prefix + "brier_minus_base_rate");
                if (ci == null || Double.isNaN(snn)) { all = false; continue; }
                double hi = ((Number) ci.get("hi")).doubleValue();
                boolean tenPct = snn <= 0.9 * base, excl = hi < 0, calibrated = ece <= ECE_GOAL;
                Map<String, Object> perfect = (Map<String, Object>) c.get(method + "_ece_perfect");
                double p95 = ((Number) perfect.get("p95")).doubleValue(), share = ((Number) perfect.get("share_meeting_goal")).doubleValue();
                Map<String, Object> e = new LinkedHashMap<>();
                e.put(method + "_brier", snn);
                e.put("base_rate_brier", base);
                e.put("reduction", round(1 - snn / base));
                e.put("ci", List.of(ci.get("lo"), ci.get("hi")));
                e.put("ece", ece);
                e.put("ece_perfect_p95", p95);
                e.put("ece_perfect_share_meeting_goal", share);
                e.put("met", tenPct && excl && calibrated);
                all &= tenPct && excl && calibrated;
                cells++;
                if (tenPct && excl && calibrated) met++;
                if (tenPct) brierMet++;
                if (excl) ciMet++;
                if (calibrated) eceMet++;
                if (ece <= p95) eceWithinNoise++;
                if (share < REACHABLE_SHARE) unreachable.add(dao + " @" + cp);
                g.put(dao + " @" + cp, e);
            }
        Map<String, Object> sum = new LinkedHashMap<>();
        sum.put("method", method);
        sum.put("cells", cells);
        sum.put("met", met);
        sum.put("brier_10pct_below_base", brierMet);
        sum.put("interval_excludes_0", ciMet);
        sum.put("ece_at_most_goal", eceMet);
        sum.put("ece_within_perfect_p95", eceWithinNoise);
        sum.put("ece_goal_unreachable", unreachable);
        sum.put("ece_bins", ECE_BINS + " equal-width bins on [0, 1] (last closed), ECE = sum_b n_b/n |mean p_b - rate_b|; perfect = "
                + PERFECT_DRAWS + " draws of outcomes ~ Bernoulli(p); unreachable = a perfect forecaster meets ECE <= " + ECE_GOAL + " in < " + Math.round(REACHABLE_SHARE * 100) + "% of draws");
        g.put("summary", sum);
        g.put("all_met", all);
        return g;
    }

    /** Checkpoint-to-checkpoint Brier rises of the spiking model larger than RISE_TOLERANCE, per split and DAO. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> monotone(Map<String, Object> perDao) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> rises = new ArrayList<>();
        int checked = 0;
        for (var se : perDao.entrySet())
            for (var de : ((Map<String, Object>) se.getValue()).entrySet()) {
                Map<String, Object> byCp = (Map<String, Object>) de.getValue();
                double prev = Double.NaN;
                String prevCp = null;
                for (double cp : CHECKPOINTS) {
                    Map<String, Object> c = (Map<String, Object>) byCp.get(pct(cp));
                    if (c == null) continue;
                    double b = metric(c, "spiking", "brier");
                    checked++;
                    if (!Double.isNaN(prev) && b > prev + RISE_TOLERANCE)
                        rises.add(se.getKey() + " " + de.getKey() + ": " + prevCp + " " + f(prev) + " -> " + pct(cp) + " " + f(b));
                    prev = b;
                    prevCp = pct(cp);
                }
            }
        out.put("tolerance", RISE_TOLERANCE);
        out.put("cells_checked", checked);
        out.put("rises", rises);
        out.put("monotone", rises.isEmpty());
        return out;
    }

    static double round(double v) { return Double.isNaN(v) ? Double.NaN : Math.round(v * 1e5) / 1e5; }

    static String f(Object o) { return o instanceof Number d ? (Double.isNaN(d.doubleValue()) ? "n/a" : String.format(Locale.ROOT, "%.4f", d.doubleValue())) : String.valueOf(o); }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> root) {
        Map<String, Object> metrics = (Map<String, Object>) root.get("metrics");
        StringBuilder sb = new StringBuilder("# Vote forecast evaluation\n\n");
        sb.append("Model `").append(((Map<String, Object>) root.get("model")).get("modelId")).append("`: ")
                .append(((Map<String, Object>) root.get("model")).get("description")).append("\n\n");
        sb.append("Data: ").append(root.get("data")).append("\n\n");
        sb.append("Protocol: readouts and calibration refitted on each split's training part; checkpoints use only votes cast before them; history only proposals ended before the start.\n\n");
        Map<String, Object> perDao = (Map<String, Object>) root.get("per_dao");
        for (String split : List.of("lodo", "rolling")) {
            sb.append("## ").append(split.equals("rolling") ? "Rolling origin" : "Leave one DAO out").append(", per DAO\n\n");
            sb.append("Brier (lower is better); Δ = spiking minus the other, mean [95% paired bootstrap interval]. ECE over ").append(ECE_BINS)
                    .append(" equal-width bins; ECE perfect p95 = 95th percentile of the ECE a perfectly calibrated forecaster gets with the same predictions (")
                    .append(PERFECT_DRAWS).append(" draws of outcomes ~ Bernoulli(p)).\n\n");
            sb.append("| DAO | cp | n | spiking | spiking_recal20 | spiking_pooled_map | logistic_history | logistic_history_pooled_map | logistic | base_rate | dao_prior | Δ vs base_rate | Δ vs spiking_recal20 | Δ vs spiking_pooled_map | Δ vs logistic_history | log-loss | ECE | ECE recal20 | ECE pooled map | ECE logistic_history | ECE perfect p95 |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (var de : ((Map<String, Object>) perDao.get(split)).entrySet())
                for (var ce : ((Map<String, Object>) de.getValue()).entrySet()) {
                    Map<String, Object> c = (Map<String, Object>) ce.getValue();
                    Map<String, Object> snn = (Map<String, Object>) ((Map<String, Object>) c.get("methods")).get("spiking");
                    sb.append("| ").append(de.getKey()).append(" | ").append(ce.getKey()).append(" | ").append(snn.get("n"));
                    for (String m : List.of("spiking", "spiking_recal20", "spiking_pooled_map", "logistic_history", "logistic_history_pooled_map", "logistic", "base_rate", "dao_prior")) sb.append(" | ").append(f(metric(c, m, "brier")));
                    for (String o : List.of("base_rate", "spiking_recal20", "spiking_pooled_map", "logistic_history")) sb.append(" | ").append(ci((Map<String, Object>) c.get("brier_minus_" + o)));
                    Map<String, Object> perfect = (Map<String, Object>) c.get("spiking_ece_perfect");
                    sb.append(" | ").append(f(snn.get("log_loss"))).append(" | ").append(f(snn.get("ece"))).append(" | ").append(f(metric(c, "spiking_recal20", "ece")))
                            .append(" | ").append(f(metric(c, "spiking_pooled_map", "ece")))
                            .append(" | ").append(f(metric(c, "logistic_history", "ece"))).append(" | ").append(f(perfect.get("p95"))).append(" |\n");
                }
            sb.append('\n');
        }
        for (String split : List.of("rolling", "lodo")) {
            sb.append("## ").append(split.equals("rolling") ? "Rolling origin" : "Leave one DAO out").append(", pooled\n\n");
            sb.append("| checkpoint | method | n | Brier | log-loss | ROC-AUC | ECE | for-share MAE |\n|---|---|---|---|---|---|---|---|\n");
            Map<String, Object> bySplit = (Map<String, Object>) metrics.get(split);
            for (var cpE : bySplit.entrySet())
                for (var mE : ((Map<String, Object>) cpE.getValue()).entrySet()) {
                    Map<String, Object> m = (Map<String, Object>) mE.getValue();
                    sb.append("| ").append(cpE.getKey()).append(" | ").append(mE.getKey()).append(" | ").append(m.get("n")).append(" | ")
                            .append(f(m.get("brier"))).append(" | ").append(f(m.get("log_loss"))).append(" | ").append(f(m.get("roc_auc")))
                            .append(" | ").append(f(m.get("ece"))).append(" | ").append(f(m.get("for_share_mae"))).append(" |\n");
                }
            sb.append("\n![reliability](reliability_").append(split).append(".png)\n![brier](brier_").append(split).append(".png)\n\n");
        }
        sb.append("## Goal (leave one DAO out, 10% and 25%: Brier <= 0.9 x base rate, interval excluding 0, ECE <= 0.05)\n\n");
        for (var e : ((Map<String, Object>) root.get("goals")).entrySet()) sb.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        Object others = root.get("goals_other_methods");
        if (others instanceof Map<?, ?> om && !om.isEmpty()) {
            sb.append("\nSame goal, other methods (summary):\n\n");
            for (var e : om.entrySet()) sb.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        sb.append("\n## Brier by checkpoint (monotonicity)\n\n").append(root.get("monotone")).append("\n");
        sb.append("\n## Energy per forecast\n\n").append(EnergyReport.markdown((Map<String, Object>) root.get("energy"))).append('\n');
        sb.append("\nFolds:\n");
        for (Object f : (List<Object>) ((Map<String, Object>) root.get("protocol")).get("folds")) sb.append("- ").append(f).append('\n');
        return sb.toString();
    }

    static String ci(Map<String, Object> c) {
        if (c == null) return "";
        return String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f]", ((Number) c.get("mean")).doubleValue(), ((Number) c.get("lo")).doubleValue(), ((Number) c.get("hi")).doubleValue());
    }

    @SuppressWarnings("unchecked")
    static void write(Path out, List<VoteEval.Row> rows, Map<String, Object> root, String report) {
        try {
            Files.createDirectories(out);
            StringBuilder csv = new StringBuilder("split,fold,dao,proposal_id,checkpoint,method,p_pass,for_share,turnout,outcome\n");
            for (VoteEval.Row r : rows)
                csv.append(r.split()).append(',').append(csvq(r.fold())).append(',').append(csvq(r.proposal().dao())).append(',').append(csvq(r.proposal().proposalId()))
                        .append(',').append(pct(r.checkpoint())).append(',').append(r.method()).append(',').append(num(r.pPass())).append(',')
                        .append(num(r.forShare())).append(',').append(num(r.turnout())).append(',').append(r.proposal().outcome().label()).append('\n');
            Files.writeString(out.resolve("predictions.csv"), csv);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("metrics.json").toFile(), root);
            Files.writeString(out.resolve("report.md"), report);
            List<String> shown = List.of("spiking", "logistic_history", "logistic", "base_rate");
            for (String split : List.of("rolling", "lodo")) {
                Map<String, double[][]> rel = new LinkedHashMap<>();
                for (String method : shown) {
                    List<VoteEval.Row> rs = rows.stream().filter(r -> r.split().equals(split) && r.method().equals(method) && (r.checkpoint() == 0.10 || r.checkpoint() == 0.25)).toList();
                    if (!rs.isEmpty()) rel.put(method, Metrics.reliability(rs.stream().mapToDouble(VoteEval.Row::pPass).toArray(), rs.stream().mapToInt(VoteEval.Row::label).toArray(), 10));
                }
                if (!rel.isEmpty()) Plots.reliability(out.resolve("reliability_" + split + ".png"), "Reliability at 10% and 25% (" + split + ")", rel);
                Map<String, double[]> br = new LinkedHashMap<>();
                Map<String, Object> bySplit = (Map<String, Object>) ((Map<String, Object>) root.get("metrics")).get(split);
                for (String method : METHODS) {
                    double[] ys = new double[CHECKPOINTS.length];
                    boolean any = false;
                    for (int i = 0; i < CHECKPOINTS.length; i++) {
                        Map<String, Object> mm = (Map<String, Object>) ((Map<String, Object>) bySplit.get(pct(CHECKPOINTS[i]))).get(method);
                        ys[i] = mm == null ? Double.NaN : ((Number) mm.get("brier")).doubleValue();
                        any |= mm != null;
                    }
                    if (any) br.put(method, ys);
                }
                if (!br.isEmpty()) Plots.lines(out.resolve("brier_" + split + ".png"), "Brier score by checkpoint (" + split + ")", "checkpoint (% of voting window)", "Brier",
                        Arrays.stream(CHECKPOINTS).map(c -> c * 100).toArray(), br);
                // One reliability diagram per DAO with a per-DAO table row.
                for (String dao : ((Map<String, Object>) ((Map<String, Object>) root.get("per_dao")).get(split)).keySet()) {
                    Map<String, double[][]> d = new LinkedHashMap<>();
                    for (String method : shown) {
                        List<VoteEval.Row> rs = rows.stream().filter(r -> r.split().equals(split) && r.method().equals(method) && r.proposal().dao().equals(dao)
                                && (r.checkpoint() == 0.10 || r.checkpoint() == 0.25)).toList();
                        if (!rs.isEmpty()) d.put(method, Metrics.reliability(rs.stream().mapToDouble(VoteEval.Row::pPass).toArray(), rs.stream().mapToInt(VoteEval.Row::label).toArray(), 10));
                    }
                    if (!d.isEmpty()) Plots.reliability(out.resolve("reliability_" + split + "_" + dao.replaceAll("[^A-Za-z0-9._-]", "_") + ".png"),
                            dao + ": reliability at 10% and 25% (" + split + ")", d);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": " + e.getMessage(), e);
        }
    }

    static String num(double v) { return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v); }

    static String csvq(String s) { return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s; }
}
