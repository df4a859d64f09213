package org.neuroracle.forecast.eval;

import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.history.DaoHistory;
import org.neuroracle.forecast.model.AdaptiveRecency;
import org.neuroracle.forecast.model.DaoRecalibration;
import org.neuroracle.forecast.model.LinearReadout;
import org.neuroracle.forecast.model.ModelArtifact;
import org.neuroracle.forecast.model.VoteModel;
import org.neuroracle.forecast.service.EnergyEstimator;
import org.neuroracle.forecast.train.Calibration;
import org.neuroracle.forecast.train.Nd4jFit;
import org.neuroracle.forecast.train.RecalibrationChoice;
import org.neuroracle.forecast.train.VoteSamples;
import org.neuroracle.forecast.train.VoteTrainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Vote evaluation. The spiking architecture (encoders + reservoir) comes from the model; its readouts and its
 * calibration map are refitted on each split's training part (by the configured scheme: proposal folds inside it, or DAO folds, nested leave-DAO-out), so no split
 * ever scores on data its readout or map saw. History features come from the evaluated data itself, each proposal
 * seeing only proposals that ended before its start. Splits:
 * <ul>
 *   <li>rolling origin: proposals sorted by vote start; at the 60/70/80/90% quantiles of start time, train on
 *   proposals whose vote ENDED before the origin, test on those starting in [origin, next origin);</li>
 *   <li>leave-one-DAO-out: for each DAO with at least {@code minDaoProposals} decided proposals and both outcomes
 *   among those with votes, train on all other DAOs, test on it.</li>
 * </ul>
 * Every method is scored on the same test samples at checkpoints 0, 10, 25, 50, 75% of the window.
 */
public final class VoteEval {
    public static final double[] CHECKPOINTS = {0, 0.10, 0.25, 0.50, 0.75};
    /**
     * spiking = the served model; logistic = logistic regression on early tally features (no history, uncalibrated,
     * the project's old baseline); logistic_history = plain logistic regression on the same tally and history
     * features the spiking model gets as spikes, calibrated the same way; tally = current-tally rule; base_rate =
     * the training split's pass rate; dao_prior = the DAO's own past pass rate shrunk towards the pooled rate.
     * With the online per-DAO recalibration on (the default), spiking and logistic_history go through it and
     * spiking_pooled_map / logistic_history_pooled_map are the same readouts through the pooled map alone (the
     * model before the recalibration): before and after on the same splits and readouts.
     */
    public static final List<String> METHODS = List.of("spiking", "spiking_recal20", "spiking_recency", "spiking_adaptive", "spiking_pooled_map", "logistic", "logistic_history", "logistic_history_recal20",
            "logistic_history_pooled_map", "tally", "base_rate", "dao_prior");
    /** Methods whose goal cells are counted (the served one first). */
    public static final List<String> GOAL_METHODS = List.of("spiking", "spiking_recal20", "spiking_recency", "spiking_adaptive", "spiking_pooled_map", "logistic_history", "logistic_history_recal20", "logistic_history_pooled_map");
    /** The fixed pseudo-count reported beside a cross-validated one (the previous served model's). */
    static final int FIXED_PSEUDO = VoteTrainer.Config.DEFAULT_RECALIBRATION;

    /**
     * @param heldOut the DAOs held out in leave-one-DAO-out (every one must be eligible); empty = every eligible
     *                DAO. With a subset the rolling-origin split is skipped (a quick look at a few DAOs; their
     *                rows are those of a full run, since each DAO's fold does not depend on the others).
     */
    public record Config(int threads, int minDaoProposals, VoteTrainer.Config train, java.util.Set<String> heldOut) {
        public Config {
            heldOut = java.util.Set.copyOf(heldOut);
        }

        public Config(int threads, int minDaoProposals, VoteTrainer.Config train) { this(threads, minDaoProposals, train, java.util.Set.of()); }

        public static Config defaults() { return new Config(Math.max(1, Runtime.getRuntime().availableProcessors()), 30, VoteTrainer.Config.defaults()); }

        public Config withHeldOut(java.util.Set<String> daos) { return new Config(threads, minDaoProposals, train, daos); }
    }

    /** One scored prediction. */
    public record Row(String split, String fold, Proposal proposal, double checkpoint, String method, double pPass,
                      double forShare, double turnout, int label, double finalShare) {}

    public record Result(List<Row> rows, Map<String, Object> metrics, String report) {}

    public static Result run(GovernanceData data, ModelArtifact.Loaded model, Config cfg, Path out, EnergyEstimator energy) {
        VoteModel m = (VoteModel) model.model();
        long t0 = System.nanoTime();
        List<Proposal> usable = VoteSamples.usable(data);
        if (usable.size() < 20) throw new IllegalArgumentException("eval vote: only " + usable.size() + " decided proposals with votes; need at least 20");
        // Leave one DAO out: every DAO with enough decided proposals (counted in the data, votes or not).
        Map<String, Long> decided = new TreeMap<>();
        for (Proposal p : data.proposals()) if (p.outcome().decided()) decided.merge(p.dao(), 1L, Long::sum);
        Map<String, List<Proposal>> byDao = new TreeMap<>();
        for (Proposal p : usable) byDao.computeIfAbsent(p.dao(), d -> new ArrayList<>()).add(p);
        java.util.Set<String> eligible = new java.util.TreeSet<>();
        for (var e : decided.entrySet()) {
            List<Proposal> ps = byDao.getOrDefault(e.getKey(), List.of());
            long pass = ps.stream().filter(p -> p.outcome().label().equals("passed")).count();
            if (e.getValue() >= cfg.minDaoProposals() && pass > 0 && pass < ps.size()) eligible.add(e.getKey());
        }
        for (String d : new java.util.TreeSet<>(cfg.heldOut()))
            if (!eligible.contains(d))
                throw new IllegalArgumentException("--daos: " + d + " is not a DAO held out in leave-one-DAO-out (needs >= " + cfg.minDaoProposals()
                        + " decided proposals and both outcomes among those with votes); eligible: " + String.join(",", eligible));
        DaoHistory past = DaoHistory.of(data);
        List<VoteSamples.Sample> all = VoteSamples.build(data, past, m.encoder(), m.history(), m.reservoir(), VoteSamples.TRAIN_FRACTIONS, cfg.threads());
        double featureSeconds = (System.nanoTime() - t0) / 1e9;
        List<Row> rows = new ArrayList<>();
        List<String> foldNotes = new ArrayList<>();

        // Rolling origin.
        long[] starts = usable.stream().mapToLong(Proposal::voteStart).sorted().toArray();
        double[] qs = {0.6, 0.7, 0.8, 0.9};
        for (int k = 0; k < qs.length && cfg.heldOut().isEmpty(); k++) {
            long origin = starts[(int) (qs[k] * (starts.length - 1))];
            long next = k + 1 < qs.length ? starts[(int) (qs[k + 1] * (starts.length - 1))] : Long.MAX_VALUE;
            List<VoteSamples.Sample> train = all.stream().filter(s -> s.proposal().voteEnd() < origin).toList();
            List<VoteSamples.Sample> test = all.stream().filter(s -> s.proposal().voteStart() >= origin && s.proposal().voteStart() < next).toList();
            String fold = "origin-" + java.time.Instant.ofEpochSecond(origin).toString().substring(0, 10);
            foldNotes.add("rolling " + fold + ": train " + train.size() / VoteSamples.TRAIN_FRACTIONS.length + " proposals, test " + test.size() / VoteSamples.TRAIN_FRACTIONS.length);
            score("rolling", fold, train, test, cfg, rows, foldNotes);
        }
        List<String> held = new ArrayList<>();
        double rebuildSeconds = 0;
        for (var e : decided.entrySet()) {
            if (e.getValue() < cfg.minDaoProposals()) continue;
            String dao = e.getKey();
            List<Proposal> ps = byDao.getOrDefault(dao, List.of());
            long pass = ps.stream().filter(p -> p.outcome().label().equals("passed")).count();
            if (pass == 0 || pass == ps.size()) {
                foldNotes.add("lodo " + dao + ": not held out: " + e.getValue() + " decided proposals but " + ps.size() + " with votes, " + pass + " passed (one outcome only)");
                continue;
            }
            if (!cfg.heldOut().isEmpty() && !cfg.heldOut().contains(dao)) continue;
            // The training DAOs' features as if the held-out DAO did not exist: its outcomes leave the pooled rate
            // behind their priors (otherwise a held-out outcome reaches the readouts trained for it).
            long r0 = System.nanoTime();
            VoteSamples.Rebuilt rebuilt = VoteSamples.withoutInPooled(all.stream().filter(s -> !s.proposal().dao().equals(dao)).toList(), dao, data, past,
                    m.encoder(), m.history(), m.reservoir(), VoteSamples.TRAIN_FRACTIONS, cfg.threads());
            rebuildSeconds += (System.nanoTime() - r0) / 1e9;
            List<VoteSamples.Sample> train = rebuilt.samples();
            List<VoteSamples.Sample> test = all.stream().filter(s -> s.proposal().dao().equals(dao)).toList();
            foldNotes.add("lodo " + dao + ": train " + train.size() / VoteSamples.TRAIN_FRACTIONS.length + " proposals (" + rebuilt.rerunProposals()
                    + " re-run through the network with " + dao + " left out of the pooled prior), test " + ps.size() + " (of " + e.getValue() + " decided)");
            held.add(dao);
            score("lodo", dao, train, test, cfg, rows, foldNotes);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kind", "vote");
        root.put("model", Map.of("modelId", model.modelId(), "description", m.description()));
        root.put("data", Map.of("proposals", data.proposals().size(), "votes", data.votes().size(), "usable_proposals", usable.size(), "daos", byDao.keySet().size()));
        root.put("protocol", Map.of("checkpoints", Arrays.stream(CHECKPOINTS).boxed().toList(), "folds", foldNotes,
                "readouts", "refitted per split (ND4J) on the model's fixed encoders and reservoir; calibration map refitted inside the training part: "
                        + (cfg.train().calibration() == Calibration.Scheme.DAO_FOLDS ? "per checkpoint, DAO prior as offset, on out-of-DAO readout values (5 DAO folds)" : "Platt map on 4 proposal folds")
                        + (cfg.train().recalibrationPseudoCount() > 0 ? "; then online per-DAO recalibration (pseudo-count " + cfg.train().recalibrationPseudoCount()
                        + ") on the DAO's proposals ended before each start (spiking, logistic_history; *_pooled_map without it)"
                        : cfg.train().recalibrationPseudoCount() == VoteTrainer.Config.CROSS_VALIDATED
                        ? "; then online per-DAO recalibration on the DAO's proposals ended before each start, pseudo-count chosen per split by nested leave-DAO-out on the training part (spiking, logistic_history; *_recal" + FIXED_PSEUDO
                          + " with the fixed pseudo-count " + FIXED_PSEUDO + ", *_pooled_map without recalibration)"
                        : "; no per-DAO recalibration"),
                "bootstrap", VoteReport.BOOTSTRAP + " paired resamples of the test proposals, 95% percentile interval"));
        root.put("metrics", VoteReport.pooled(rows));
        Map<String, Object> perDao = VoteReport.perDao(rows, decided, cfg.minDaoProposals());
        root.put("per_dao", perDao);
        root.put("goals", VoteReport.goals(perDao, held, "spiking"));
        Map<String, Object> others = new LinkedHashMap<>();
        for (String gm : GOAL_METHODS.subList(1, GOAL_METHODS.size()))
            if (rows.stream().anyMatch(r -> r.method().equals(gm))) others.put(gm, ((Map<?, ?>) VoteReport.goals(perDao, held, gm)).get("summary"));
        root.put("goals_other_methods", others);
        root.put("monotone", VoteReport.monotone(perDao));
        root.put("energy", EnergyReport.vote(m, all, energy));
        root.put("runtime_seconds", Map.of("features", VoteReport.round(featureSeconds), "lodo_feature_rebuild", VoteReport.round(rebuildSeconds), "total", VoteReport.round(seconds)));
        String report = VoteReport.markdown(root);
        VoteReport.write(out, rows, root, report);
        return new Result(rows, root, report);
    }

    /** Tally and history features for the plain logistic readout: NaN (unknown) becomes 0 beside a known flag. */
    static double[] plain(VoteSamples.Sample s) {
        double[] e = s.early(), h = s.history();
        double[] x = new double[e.length + 2 * h.length];
        System.arraycopy(e, 0, x, 0, e.length);
        for (int i = 0; i < h.length; i++) {
            boolean known = !Double.isNaN(h[i]);
            x[e.length + 2 * i] = known ? h[i] : 0;
            x[e.length + 2 * i + 1] = known ? 1 : 0;
        }
        return x;
    }

    static Nd4jFit.Fit plainFit(List<VoteSamples.Sample> train) {
        return Nd4jFit.logistic(train.stream().map(VoteEval::plain).toArray(double[][]::new), train.stream().mapToDouble(VoteSamples.Sample::label).toArray(), 0.001, 25);
    }

    private static void score(String split, String fold, List<VoteSamples.Sample> train, List<VoteSamples.Sample> test, Config cfg, List<Row> rows, List<String> notes) {
        if (train.isEmpty() || test.isEmpty()) return;
        Nd4jFit.Fit pass = VoteTrainer.passFit(train, cfg.train());
        Calibration.Fitted calFit = VoteTrainer.passCalibrationFitted(train, cfg.train(), pass);
        double[] cal = calFit.map();
        Nd4jFit.Fit share = VoteTrainer.shareFit(train, cfg.train());
        Nd4jFit.Fit turn = VoteTrainer.turnoutFit(train, cfg.train());
        LinearReadout passR = pass.readout(), shareR = share.readout(), turnR = turn.readout();
        double[][] early = train.stream().map(VoteSamples.Sample::early).toArray(double[][]::new);
        Nd4jFit.Fit lr = Nd4jFit.logistic(early, train.stream().mapToDouble(VoteSamples.Sample::label).toArray(), 0.001, 25);
        Nd4jFit.Fit plain = plainFit(train);
        Calibration.Fitted plainFit = Calibration.fitted(cfg.train().calibration(), train, VoteSamples.TRAIN_FRACTIONS, t -> { Nd4jFit.Fit f = plainFit(t); return x -> f.predict(plain(x)); });
        double[] plainCal = plainFit.map();
        // Online per-DAO recalibration: each proposal's past forecasts are the training proposals' cross-fitted
        // values and the test proposals' values from this split's readouts (which never saw them); a forecast
        // only ever uses the proposals of its DAO that ended before its start (DaoRecalibration.at).
        int pseudo = cfg.train().recalibrationPseudoCount();
        boolean cv = pseudo == VoteTrainer.Config.CROSS_VALIDATED;
        DaoRecalibration snnRecal = null, plainRecal = null, snnFixed = null, plainFixed = null;
        AdaptiveRecency adaptive = null;
        int recencyHalfLife = 0;
        if (pseudo != 0) {
            List<VoteSamples.Sample> both = new ArrayList<>(train);
            both.addAll(test);
            double[] zs = new double[both.size()], zp = new double[both.size()];
            for (int i = 0; i < both.size(); i++) {
                boolean tr = i < train.size();
                zs[i] = tr ? calFit.z()[i] : passR.apply(both.get(i).features());
                zp[i] = tr ? plainFit.z()[i] : plain.predict(plain(both.get(i)));
            }
            int snnPseudo = pseudo, plainPseudo = pseudo;
            if (cv) {
                // Chosen on the training part alone (its DAOs standing in for unseen ones), each readout for itself.
                double[] zOut = VoteTrainer.passOutOfDaoZ(train, cfg.train(), pass);
                RecalibrationChoice.Choice cs = RecalibrationChoice.choose(train, cal, zOut, VoteSamples.TRAIN_FRACTIONS);
                // spiking_recency: the served pseudo-count with recency weights, the half-life chosen the same way.
                RecalibrationChoice.HalfLifeChoice hl = RecalibrationChoice.chooseHalfLife(train, cal, zOut, VoteSamples.TRAIN_FRACTIONS, FIXED_PSEUDO);
                recencyHalfLife = hl.halfLife();
                double[] zPlainOut = Calibration.fitted(Calibration.Scheme.DAO_FOLDS, train, VoteSamples.TRAIN_FRACTIONS,
                        t -> { Nd4jFit.Fit f = plainFit(t); return x -> f.predict(plain(x)); }).z();
                RecalibrationChoice.Choice cp = RecalibrationChoice.choose(train, plainCal, zPlainOut, VoteSamples.TRAIN_FRACTIONS);
                snnPseudo = cs.pseudoCount();
                plainPseudo = cp.pseudoCount();
                notes.add(split + " " + fold + ": recalibration pseudo-count by nested leave-DAO-out: spiking " + cs.describe() + "; logistic_history " + cp.describe());
                notes.add(split + " " + fold + ": spiking_recency by nested leave-DAO-out: " + hl.describe());
                snnFixed = Calibration.table(FIXED_PSEUDO, cal, VoteSamples.TRAIN_FRACTIONS, both, zs);
                Map<String, Map<String, Long>> starts = new TreeMap<>();
                for (var x : both) starts.computeIfAbsent(x.proposal().dao(), d -> new TreeMap<>()).put(x.proposal().proposalId(), x.proposal().voteStart());
                adaptive = new AdaptiveRecency(snnFixed, starts);
                plainFixed = Calibration.table(FIXED_PSEUDO, plainCal, VoteSamples.TRAIN_FRACTIONS, both, zp);
            }
            snnRecal = Calibration.table(snnPseudo, cal, VoteSamples.TRAIN_FRACTIONS, both, zs);
            plainRecal = Calibration.table(plainPseudo, plainCal, VoteSamples.TRAIN_FRACTIONS, both, zp);
        }
        double base = train.stream().mapToInt(VoteSamples.Sample::label).average().orElse(0.5);
        double[] rulePass = new double[2], ruleN = new double[2];
        for (var s : train) { int r = s.ruleSaysPass() ? 1 : 0; rulePass[r] += s.label(); ruleN[r]++; }
        Map<String, Integer> adaptiveChoices = new TreeMap<>(); // "10% H" -> test proposals, for the notes
        double baseShare = train.stream().filter(s -> !Double.isNaN(s.finalShare())).mapToDouble(VoteSamples.Sample::finalShare).average().orElse(0.5);
        for (var s : test) {
            double cp = s.fraction();
            if (Arrays.stream(CHECKPOINTS).noneMatch(c -> c == cp)) continue;
            int k = checkpointIndex(cp);
            double u = Calibration.logit(cal, VoteSamples.TRAIN_FRACTIONS, passR.apply(s.features()), s);
            double up = Calibration.logit(plainCal, VoteSamples.TRAIN_FRACTIONS, plain.predict(plain(s)), s);
            double p = snnRecal == null ? LinearReadout.sigmoid(u) : snnRecal.at(s.proposal().dao(), s.proposal().voteStart(), k).apply(u);
            double ph = plainRecal == null ? LinearReadout.sigmoid(up) : plainRecal.at(s.proposal().dao(), s.proposal().voteStart(), k).apply(up);
            double sh = Math.max(0, Math.min(1, s.shareAnchor() + shareR.apply(s.features())));
            double to = StrictMath.pow(10, s.turnoutAnchor() + turnR.apply(s.features())) * s.scale();
            rows.add(new Row(split, fold, s.proposal(), cp, "spiking", p, sh, to, s.label(), s.finalShare()));
            rows.add(new Row(split, fold, s.proposal(), cp, "logistic", LinearReadout.sigmoid(lr.predict(s.early())), s.currentShare(), Double.NaN, s.label(), s.finalShare()));
            rows.add(new Row(split, fold, s.proposal(), cp, "logistic_history", ph, s.currentShare(), Double.NaN, s.label(), s.finalShare()));
            if (snnFixed != null) {
                rows.add(new Row(split, fold, s.proposal(), cp, "spiking_recal20", snnFixed.at(s.proposal().dao(), s.proposal().voteStart(), k).apply(u), sh, to, s.label(), s.finalShare()));
                rows.add(new Row(split, fold, s.proposal(), cp, "spiking_recency", snnFixed.atRecent(s.proposal().dao(), s.proposal().voteStart(), k, recencyHalfLife).apply(u), sh, to, s.label(), s.finalShare()));
                rows.add(new Row(split, fold, s.proposal(), cp, "spiking_adaptive", adaptive.at(s.proposal().dao(), s.proposal().voteStart(), k).apply(u), sh, to, s.label(), s.finalShare()));
                if (cp == 0.10 || cp == 0.25) {
                    int h = adaptive.halfLife(s.proposal().dao(), s.proposal().voteStart(), k);
                    adaptiveChoices.merge(pct(cp) + " " + (h == 0 ? "none" : h), 1, Integer::sum);
                }
                rows.add(new Row(split, fold, s.proposal(), cp, "logistic_history_recal20", plainFixed.at(s.proposal().dao(), s.proposal().voteStart(), k).apply(up), s.currentShare(), Double.NaN, s.label(), s.finalShare()));
            }
            if (pseudo != 0) {
                rows.add(new Row(split, fold, s.proposal(), cp, "spiking_pooled_map", LinearReadout.sigmoid(u), sh, to, s.label(), s.finalShare()));
                rows.add(new Row(split, fold, s.proposal(), cp, "logistic_history_pooled_map", LinearReadout.sigmoid(up), s.currentShare(), Double.NaN, s.label(), s.finalShare()));
            }
            int r = s.ruleSaysPass() ? 1 : 0;
            // Laplace-smoothed pass rate of the rule's answer in training: the rule as a probability.
            rows.add(new Row(split, fold, s.proposal(), cp, "tally", (rulePass[r] + 1) / (ruleN[r] + 2), s.currentShare(), Double.NaN, s.label(), s.finalShare()));
            rows.add(new Row(split, fold, s.proposal(), cp, "base_rate", base, baseShare, Double.NaN, s.label(), s.finalShare()));
            rows.add(new Row(split, fold, s.proposal(), cp, "dao_prior", LinearReadout.sigmoid(s.history()[0]), s.currentShare(), Double.NaN, s.label(), s.finalShare()));
        }
        if (!adaptiveChoices.isEmpty())
            notes.add(split + " " + fold + ": spiking_adaptive half-lives chosen from each DAO's own past (test proposals by checkpoint and half-life): " + adaptiveChoices);
    }

    /** Index of an evaluation checkpoint among the model's checkpoints (every one of them is one). */
    static int checkpointIndex(double cp) {
        for (int c = 0; c < VoteSamples.TRAIN_FRACTIONS.length; c++) if (VoteSamples.TRAIN_FRACTIONS[c] == cp) return c;
        throw new IllegalStateException("checkpoint " + cp + " is not a model checkpoint");
    }

    static String pct(double cp) { return Math.round(cp * 100) + "%"; }

    // Shared formatting helpers (the treasury evaluation and the energy report use them too).
    static double round(double v) { return VoteReport.round(v); }

    static String f(Object o) { return VoteReport.f(o); }

    static String num(double v) { return VoteReport.num(v); }

    static String csvq(String s) { return VoteReport.csvq(s); }
}
