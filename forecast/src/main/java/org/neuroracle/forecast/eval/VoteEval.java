package org.neuroracle.forecast.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.model.LinearReadout;
import org.neuroracle.forecast.model.ModelArtifact;
import org.neuroracle.forecast.model.VoteModel;
import org.neuroracle.forecast.service.EnergyEstimator;
import org.neuroracle.forecast.train.Nd4jFit;
import org.neuroracle.forecast.train.VoteSamples;
import org.neuroracle.forecast.train.VoteTrainer;

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
import java.util.TreeMap;

/**
 * Vote evaluation. The spiking architecture (encoder + reservoir) comes from the model; its readouts are refitted
 * on each split's training part, so no split ever scores on data its readout saw. Splits:
 * <ul>
 *   <li>rolling origin: proposals sorted by vote start; at the 60/70/80/90% quantiles of start time, train on
 *   proposals whose vote ENDED before the origin, test on those starting in [origin, next origin);</li>
 *   <li>leave-one-DAO-out: for each DAO with at least {@code minDaoProposals} usable proposals and both outcomes,
 *   train on all other DAOs, test on it.</li>
 * </ul>
 * Every method is scored on the same test samples at checkpoints 0, 10, 25, 50, 75% of the window.
 */
public final class VoteEval {
    public static final double[] CHECKPOINTS = {0, 0.10, 0.25, 0.50, 0.75};
    public static final List<String> METHODS = List.of("spiking", "logistic", "tally", "base_rate");

    public record Config(int threads, int minDaoProposals, VoteTrainer.Config train) {
        public static Config defaults() { return new Config(Math.max(1, Runtime.getRuntime().availableProcessors()), 30, VoteTrainer.Config.defaults()); }
    }

    /** One scored prediction. */
    public record Row(String split, String fold, Proposal proposal, double checkpoint, String method, double pPass,
                      double forShare, double turnout, int label, double finalShare) {}

    public record Result(List<Row> rows, Map<String, Object> metrics, String report) {}

    public static Result run(GovernanceData data, ModelArtifact.Loaded model, Config cfg, Path out, EnergyEstimator energy) {
        VoteModel m = (VoteModel) model.model();
        long t0 = System.nanoTime();
        List<VoteSamples.Sample> all = VoteSamples.build(data, m.encoder(), m.reservoir(), VoteSamples.TRAIN_FRACTIONS, cfg.threads());
        double featureSeconds = (System.nanoTime() - t0) / 1e9;
        List<Proposal> usable = VoteSamples.usable(data);
        if (usable.size() < 20) throw new IllegalArgumentException("eval vote: only " + usable.size() + " decided proposals with votes; need at least 20");
        List<Row> rows = new ArrayList<>();
        List<String> foldNotes = new ArrayList<>();

        // Rolling origin.
        long[] starts = usable.stream().mapToLong(Proposal::voteStart).sorted().toArray();
        double[] qs = {0.6, 0.7, 0.8, 0.9};
        for (int k = 0; k < qs.length; k++) {
            long origin = starts[(int) (qs[k] * (starts.length - 1))];
            long next = k + 1 < qs.length ? starts[(int) (qs[k + 1] * (starts.length - 1))] : Long.MAX_VALUE;
            List<VoteSamples.Sample> train = all.stream().filter(s -> s.proposal().voteEnd() < origin).toList();
            List<VoteSamples.Sample> test = all.stream().filter(s -> s.proposal().voteStart() >= origin && s.proposal().voteStart() < next).toList();
            String fold = "origin-" + java.time.Instant.ofEpochSecond(origin).toString().substring(0, 10);
            foldNotes.add("rolling " + fold + ": train " + train.size() / VoteSamples.TRAIN_FRACTIONS.length + " proposals, test " + test.size() / VoteSamples.TRAIN_FRACTIONS.length);
            score("rolling", fold, train, test, cfg, rows);
        }
        // Leave one DAO out.
        Map<String, List<Proposal>> byDao = new TreeMap<>();
        for (Proposal p : usable) byDao.computeIfAbsent(p.dao(), d -> new ArrayList<>()).add(p);
        for (var e : byDao.entrySet()) {
            List<Proposal> ps = e.getValue();
            long pass = ps.stream().filter(p -> p.outcome().label().equals("passed")).count();
            if (ps.size() < cfg.minDaoProposals() || pass == 0 || pass == ps.size()) continue;
            String dao = e.getKey();
            List<VoteSamples.Sample> train = all.stream().filter(s -> !s.proposal().dao().equals(dao)).toList();
            List<VoteSamples.Sample> test = all.stream().filter(s -> s.proposal().dao().equals(dao)).toList();
            foldNotes.add("lodo " + dao + ": train " + train.size() / VoteSamples.TRAIN_FRACTIONS.length + " proposals, test " + ps.size());
            score("lodo", dao, train, test, cfg, rows);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> metrics = metrics(rows);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kind", "vote");
        root.put("model", Map.of("modelId", model.modelId(), "description", m.description()));
        root.put("data", Map.of("proposals", data.proposals().size(), "votes", data.votes().size(), "usable_proposals", usable.size(), "daos", byDao.keySet().size()));
        root.put("protocol", Map.of("checkpoints", Arrays.stream(CHECKPOINTS).boxed().toList(), "folds", foldNotes,
                "readouts", "refitted per split (ND4J) on the model's fixed encoder and reservoir"));
        root.put("metrics", metrics);
        root.put("goals", goals(metrics));
        Map<String, Object> en = EnergyReport.vote(m, all, energy);
        root.put("energy", en);
        root.put("runtime_seconds", Map.of("features", round(featureSeconds), "total", round(seconds)));
        String report = report(root, metrics);
        write(out, rows, root, report, metrics);
        return new Result(rows, root, report);
    }

    private static void score(String split, String fold, List<VoteSamples.Sample> train, List<VoteSamples.Sample> test, Config cfg, List<Row> rows) {
        if (train.isEmpty() || test.isEmpty()) return;
        Nd4jFit.Fit pass = VoteTrainer.passFit(train, cfg.train());
        Nd4jFit.Fit share = VoteTrainer.shareFit(train, cfg.train());
        Nd4jFit.Fit turn = VoteTrainer.turnoutFit(train, cfg.train());
        LinearReadout passR = pass.readout(), shareR = share.readout(), turnR = turn.readout();
        double[][] early = train.stream().map(VoteSamples.Sample::early).toArray(double[][]::new);
        Nd4jFit.Fit lr = Nd4jFit.logistic(early, train.stream().mapToDouble(VoteSamples.Sample::label).toArray(), 0.001, 25);
        double base = train.stream().mapToInt(VoteSamples.Sample::label).average().orElse(0.5);
        double[] rulePass = new double[2], ruleN = new double[2];
        for (var s : train) { int r = s.ruleSaysPass() ? 1 : 0; rulePass[r] += s.label(); ruleN[r]++; }
        double baseShare = train.stream().filter(s -> !Double.isNaN(s.finalShare())).mapToDouble(VoteSamples.Sample::finalShare).average().orElse(0.5);
        for (var s : test) {
            double cp = s.fraction();
            if (Arrays.stream(CHECKPOINTS).noneMatch(c -> c == cp)) continue;
            double p = LinearReadout.sigmoid(passR.apply(s.features()));
            double sh = Math.max(0, Math.min(1, s.shareAnchor() + shareR.apply(s.features())));
            double to = StrictMath.pow(10, s.turnoutAnchor() + turnR.apply(s.features())) * s.scale();
            rows.add(new Row(split, fold, s.proposal(), cp, "spiking", p, sh, to, s.label(), s.finalShare()));
            rows.add(new Row(split, fold, s.proposal(), cp, "logistic", LinearReadout.sigmoid(lr.predict(s.early())), s.currentShare(), Double.NaN, s.label(), s.finalShare()));
            int r = s.ruleSaysPass() ? 1 : 0;
            // Laplace-smoothed pass rate of the rule's answer in training: the rule as a probability.
            rows.add(new Row(split, fold, s.proposal(), cp, "tally", (rulePass[r] + 1) / (ruleN[r] + 2), s.currentShare(), Double.NaN, s.label(), s.finalShare()));
            rows.add(new Row(split, fold, s.proposal(), cp, "base_rate", base, baseShare, Double.NaN, s.label(), s.finalShare()));
        }
    }

    static Map<String, Object> metrics(List<Row> rows) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String split : List.of("rolling", "lodo")) {
            Map<String, Object> bySplit = new LinkedHashMap<>();
            for (double cp : CHECKPOINTS) {
                Map<String, Object> byMethod = new LinkedHashMap<>();
                for (String method : METHODS) {
                    List<Row> rs = rows.stream().filter(r -> r.split().equals(split) && r.checkpoint() == cp && r.method().equals(method)).toList();
                    if (rs.isEmpty()) continue;
                    double[] p = rs.stream().mapToDouble(Row::pPass).toArray();
                    int[] y = rs.stream().mapToInt(Row::label).toArray();
                    double[] share = rs.stream().mapToDouble(Row::forShare).toArray();
                    double[] shareY = rs.stream().mapToDouble(Row::finalShare).toArray();
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("n", rs.size());
                    m.put("brier", round(Metrics.brier(p, y)));
                    m.put("log_loss", round(Metrics.logLoss(p, y)));
                    m.put("roc_auc", round(Metrics.auc(p, y)));
                    m.put("ece", round(Metrics.ece(p, y, 10)));
                    m.put("for_share_mae", round(Metrics.mae(share, shareY)));
                    byMethod.put(method, m);
                }
                bySplit.put(pct(cp), byMethod);
            }
            out.put(split, bySplit);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> goals(Map<String, Object> metrics) {
        Map<String, Object> g = new LinkedHashMap<>();
        for (String split : List.of("rolling", "lodo"))
            for (double cp : new double[]{0.10, 0.25}) {
                Map<String, Object> byMethod = (Map<String, Object>) ((Map<String, Object>) metrics.get(split)).get(pct(cp));
                if (byMethod == null || !byMethod.containsKey("spiking")) continue;
                double snn = (double) ((Map<String, Object>) byMethod.get("spiking")).get("brier");
                double lr = (double) ((Map<String, Object>) byMethod.get("logistic")).get("brier");
                g.put(split + "_" + pct(cp), Map.of("spiking_brier", snn, "logistic_brier", lr, "met", snn < lr));
            }
        return g;
    }

    static String pct(double cp) { return Math.round(cp * 100) + "%"; }

    static double round(double v) { return Double.isNaN(v) ? Double.NaN : Math.round(v * 1e5) / 1e5; }

    @SuppressWarnings("unchecked")
    private static String report(Map<String, Object> root, Map<String, Object> metrics) {
        StringBuilder sb = new StringBuilder("# Vote forecast evaluation\n\n");
        sb.append("Model `").append(((Map<String, Object>) root.get("model")).get("modelId")).append("`: ")
                .append(((Map<String, Object>) root.get("model")).get("description")).append("\n\n");
        sb.append("Data: ").append(root.get("data")).append("\n\n");
        sb.append("Protocol: readouts refitted on each split's training part; checkpoints use only votes cast before them.\n\n");
        for (String split : List.of("rolling", "lodo")) {
            sb.append("## ").append(split.equals("rolling") ? "Rolling origin" : "Leave one DAO out").append("\n\n");
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
        sb.append("## Goals\n\n");
        for (var e : ((Map<String, Object>) root.get("goals")).entrySet()) sb.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        sb.append("\n## Energy per forecast\n\n").append(EnergyReport.markdown((Map<String, Object>) root.get("energy"))).append('\n');
        sb.append("\nFolds:\n");
        for (Object f : (List<Object>) ((Map<String, Object>) root.get("protocol")).get("folds")) sb.append("- ").append(f).append('\n');
        return sb.toString();
    }

    static String f(Object o) { return o instanceof Double d ? (Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.4f", d)) : String.valueOf(o); }

    private static void write(Path out, List<Row> rows, Map<String, Object> root, String report, Map<String, Object> metrics) {
        try {
            Files.createDirectories(out);
            StringBuilder csv = new StringBuilder("split,fold,dao,proposal_id,checkpoint,method,p_pass,for_share,turnout,outcome\n");
            for (Row r : rows)
                csv.append(r.split()).append(',').append(csvq(r.fold())).append(',').append(csvq(r.proposal().dao())).append(',').append(csvq(r.proposal().proposalId()))
                        .append(',').append(pct(r.checkpoint())).append(',').append(r.method()).append(',').append(num(r.pPass())).append(',')
                        .append(num(r.forShare())).append(',').append(num(r.turnout())).append(',').append(r.proposal().outcome().label()).append('\n');
            Files.writeString(out.resolve("predictions.csv"), csv);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("metrics.json").toFile(), root);
            Files.writeString(out.resolve("report.md"), report);
            for (String split : List.of("rolling", "lodo")) {
                Map<String, double[][]> rel = new LinkedHashMap<>();
                for (String method : METHODS) {
                    List<Row> rs = rows.stream().filter(r -> r.split().equals(split) && r.method().equals(method) && (r.checkpoint() == 0.10 || r.checkpoint() == 0.25)).toList();
                    if (!rs.isEmpty()) rel.put(method, Metrics.reliability(rs.stream().mapToDouble(Row::pPass).toArray(), rs.stream().mapToInt(Row::label).toArray(), 10));
                }
                if (!rel.isEmpty()) Plots.reliability(out.resolve("reliability_" + split + ".png"), "Reliability at 10% and 25% (" + split + ")", rel);
                Map<String, double[]> br = new LinkedHashMap<>();
                @SuppressWarnings("unchecked") Map<String, Object> bySplit = (Map<String, Object>) metrics.get(split);
                for (String method : METHODS) {
                    double[] ys = new double[CHECKPOINTS.length];
                    boolean any = false;
                    for (int i = 0; i < CHECKPOINTS.length; i++) {
                        @SuppressWarnings("unchecked") Map<String, Object> mm = (Map<String, Object>) ((Map<String, Object>) bySplit.get(pct(CHECKPOINTS[i]))).get(method);
                        ys[i] = mm == null ? Double.NaN : (double) mm.get("brier");
                        any |= mm != null;
                    }
                    if (any) br.put(method, ys);
                }
                if (!br.isEmpty()) Plots.lines(out.resolve("brier_" + split + ".png"), "Brier score by checkpoint (" + split + ")", "checkpoint (% of voting window)", "Brier",
                        Arrays.stream(CHECKPOINTS).map(c -> c * 100).toArray(), br);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": " + e.getMessage(), e);
        }
    }

    static String num(double v) { return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v); }

    static String csvq(String s) { return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s; }

}
