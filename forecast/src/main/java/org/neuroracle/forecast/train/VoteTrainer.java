package org.neuroracle.forecast.train;

import org.neuroracle.forecast.encode.HistoryEncoder;
import org.neuroracle.forecast.encode.VoteEncoder;
import org.neuroracle.forecast.history.DaoHistory;
import org.neuroracle.forecast.model.DaoRecalibration;
import org.neuroracle.forecast.model.LinearReadout;
import org.neuroracle.forecast.model.Reservoir;
import org.neuroracle.forecast.model.VoteModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Fits the vote readouts (ND4J) on samples and assembles a {@link VoteModel}. */
public final class VoteTrainer {
    /**
     * Training settings: L2 strengths, gradient steps, bootstrap readouts for the P(pass) bounds, seed, calibration
     * scheme, and the pseudo-count of the online per-DAO recalibration ({@code model.DaoRecalibration}; 0 = none).
     */
    public record Config(double passL2, int iterations, double ridgeL2, int bagCount, long seed, Calibration.Scheme calibration, int recalibrationPseudoCount) {
        /**
         * The default pseudo-count: the pooled map weighs as much as 20 of the DAO's own resolved proposals. Fixed
         * before any held-out result with it was seen (twice the DAO prior's 10, since the map has two parameters).
         */
        public static final int DEFAULT_RECALIBRATION = 20;
        /**
         * {@code recalibrationPseudoCount} value meaning: choose it on the training part by nested leave-DAO-out
         * ({@link RecalibrationChoice}).
         */
        public static final int CROSS_VALIDATED = -1;

        public Config {
            if (recalibrationPseudoCount < CROSS_VALIDATED)
                throw new IllegalArgumentException("recalibrationPseudoCount: must be >= 0 (0 = none) or " + CROSS_VALIDATED + " (chosen by nested leave-DAO-out)");
            if (calibration == null) throw new IllegalArgumentException("calibration: required");
            if (passL2 < 0 || ridgeL2 < 0) throw new IllegalArgumentException("l2: must be >= 0");
            if (iterations < 1) throw new IllegalArgumentException("iterations: must be >= 1");
            if (bagCount < 0 || bagCount > 64) throw new IllegalArgumentException("bagCount: must be 0..64");
        }

        public static Config defaults() { return new Config(0.01, 8, 0.01, 5, 7, Calibration.Scheme.PROPOSAL_FOLDS, DEFAULT_RECALIBRATION); }

        public Config withCalibration(Calibration.Scheme scheme) { return new Config(passL2, iterations, ridgeL2, bagCount, seed, scheme, recalibrationPseudoCount); }

        public Config withRecalibration(int pseudoCount) { return new Config(passL2, iterations, ridgeL2, bagCount, seed, calibration, pseudoCount); }
    }

    public static double[][] x(List<VoteSamples.Sample> s) {
        double[][] x = new double[s.size()][];
        for (int i = 0; i < x.length; i++) x[i] = Arrays.stream(s.get(i).features()).asDoubleStream().toArray();
        return x;
    }

    /** The logistic P(pass) readout alone (evaluation folds need no bounds). */
    public static Nd4jFit.Fit passFit(List<VoteSamples.Sample> s, Config c) {
        double[] y = s.stream().mapToDouble(VoteSamples.Sample::label).toArray();
        return Nd4jFit.logistic(x(s), y, c.passL2(), c.iterations());
    }

    public static Nd4jFit.Fit shareFit(List<VoteSamples.Sample> s, Config c) {
        List<VoteSamples.Sample> f = s.stream().filter(x -> !Double.isNaN(x.finalShare())).toList();
        return Nd4jFit.ridge(x(f), f.stream().mapToDouble(v -> v.finalShare() - v.shareAnchor()).toArray(), c.ridgeL2());
    }

    public static Nd4jFit.Fit turnoutFit(List<VoteSamples.Sample> s, Config c) {
        List<VoteSamples.Sample> f = s.stream().filter(x -> !Double.isNaN(x.logTurnout())).toList();
        return Nd4jFit.ridge(x(f), f.stream().mapToDouble(v -> v.logTurnout() - v.turnoutAnchor()).toArray(), c.ridgeL2());
    }

    /** The calibration map of the pass readout, by the config's scheme ({@link Calibration}). */
    public static double[] passCalibration(List<VoteSamples.Sample> s, Config c, Nd4jFit.Fit full) {
        return passCalibrationFitted(s, c, full).map();
    }

    /** The calibration map with the cross-fitted readout values it was fitted on. */
    public static Calibration.Fitted passCalibrationFitted(List<VoteSamples.Sample> s, Config c, Nd4jFit.Fit full) {
        return Calibration.fitted(c.calibration(), s, VoteSamples.TRAIN_FRACTIONS, train -> {
            double[] y = train.stream().mapToDouble(VoteSamples.Sample::label).toArray();
            LinearReadout r = Nd4jFit.logistic(x(train), y, c.passL2(), FOLD_ITERATIONS, full).readout();
            return x -> r.apply(x.features());
        });
    }

    /**
     * Out-of-DAO readout values of the training samples: whole DAOs dealt into {@link Calibration#FOLDS} folds, the
     * pass readout refitted without each (warm-started from {@code full}); what {@link RecalibrationChoice} scores.
     */
    public static double[] passOutOfDaoZ(List<VoteSamples.Sample> s, Config c, Nd4jFit.Fit full) {
        return Calibration.fittedDaoFolds(s, VoteSamples.TRAIN_FRACTIONS, train -> {
            double[] y = train.stream().mapToDouble(VoteSamples.Sample::label).toArray();
            LinearReadout r = Nd4jFit.logistic(x(train), y, c.passL2(), FOLD_ITERATIONS, full).readout();
            return x -> r.apply(x.features());
        }).z();
    }

    /** The recalibration pseudo-count a config asks for on these samples (chosen when it says CROSS_VALIDATED). */
    public static RecalibrationChoice.Choice recalibrationChoice(List<VoteSamples.Sample> s, Config c, Nd4jFit.Fit full, double[] map) {
        if (c.recalibrationPseudoCount() != Config.CROSS_VALIDATED) return new RecalibrationChoice.Choice(c.recalibrationPseudoCount(), Map.of(), 0);
        return RecalibrationChoice.choose(s, map, passOutOfDaoZ(s, c, full), VoteSamples.TRAIN_FRACTIONS);
    }

    /** Newton steps of a calibration fold's readout, warm-started from the full fit. */
    static final int FOLD_ITERATIONS = 3;

    public static VoteModel train(List<VoteSamples.Sample> s, VoteEncoder enc, HistoryEncoder hist, DaoHistory past, Reservoir res, Config c,
                                  String description, Map<String, String> training, Map<String, Double> metrics) {
        Nd4jFit.Fit pass = passFit(s, c);
        Calibration.Fitted cal = passCalibrationFitted(s, c, pass);
        double[] calibration = cal.map();
        // Each training proposal's past forecast for the online recalibration is its cross-fitted value: what the
        // readout says of a proposal it was not fitted on, as it will of the next proposal it is asked about.
        RecalibrationChoice.Choice choice = recalibrationChoice(s, c, pass, calibration);
        int pseudo = choice.pseudoCount();
        if (c.recalibrationPseudoCount() == Config.CROSS_VALIDATED) {
            training = new java.util.LinkedHashMap<>(training);
            training.put("recalibration_pseudo_count", choice.describe() + ", chosen by nested leave-DAO-out (RecalibrationChoice)");
        }
        DaoRecalibration recal = pseudo == 0 ? null : Calibration.table(pseudo, calibration, VoteSamples.TRAIN_FRACTIONS, s, cal.z());
        List<LinearReadout> bag = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(c.seed());
        for (int b = 0; b < c.bagCount(); b++) {
            List<VoteSamples.Sample> boot = new ArrayList<>(s.size());
            for (int i = 0; i < s.size(); i++) boot.add(s.get(rnd.nextInt(s.size())));
            bag.add(passFit(boot, c).readout());
        }
        Nd4jFit.Fit share = shareFit(s, c), turnout = turnoutFit(s, c);
        double[] cps = VoteSamples.TRAIN_FRACTIONS.clone();
        double[][] shareQ = new double[cps.length][], turnQ = new double[cps.length][];
        for (int k = 0; k < cps.length; k++) {
            double f = cps[k];
            List<VoteSamples.Sample> at = s.stream().filter(x -> x.fraction() == f).toList();
            shareQ[k] = residualQ(at.stream().filter(x -> !Double.isNaN(x.finalShare())).mapToDouble(x -> x.finalShare() - x.shareAnchor() - share.predict(dbl(x.features()))).toArray());
            turnQ[k] = residualQ(at.stream().filter(x -> !Double.isNaN(x.logTurnout())).mapToDouble(x -> x.logTurnout() - x.turnoutAnchor() - turnout.predict(dbl(x.features()))).toArray());
        }
        return new VoteModel(description, enc, hist, past, res, pass.readout(), calibration, recal, bag, share.readout(), turnout.readout(), cps, shareQ, turnQ, training, metrics);
    }

    static double[] dbl(int[] a) { return Arrays.stream(a).asDoubleStream().toArray(); }

    /** The 10th and 90th percentile of residuals, rounded to 1e-6 so the artifact text is stable. */
    static double[] residualQ(double[] r) {
        if (r.length == 0) return new double[]{0, 0};
        double[] s = r.clone();
        Arrays.sort(s);
        return new double[]{round6(quantile(s, 0.1)), round6(quantile(s, 0.9))};
    }

    public static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    static double round6(double v) { return Math.round(v * 1e6) / 1e6; }
}
