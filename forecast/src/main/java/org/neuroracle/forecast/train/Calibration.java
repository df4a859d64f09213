package org.neuroracle.forecast.train;

import org.neuroracle.forecast.model.LinearReadout;
import org.neuroracle.forecast.model.VoteModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The calibration map of the pass readout, fitted on out-of-DAO readout values so that it is calibrated for DAOs
 * the readout has not seen (nested leave-DAO-out): whole DAOs are dealt into {@link #FOLDS} folds, the readout is
 * refitted without each fold, and its values z on the held-out fold are what the map is fitted on. Per checkpoint
 * k of the model the map is p = sigmoid(a_k z + b_k + c_k prior_logit), where prior_logit is the DAO's own past
 * pass rate shrunk towards the pooled rate (history feature 0): an unseen DAO's base rate moves the forecast as its
 * history accumulates. The map is 3 doubles per checkpoint, stored in the artifact and applied in StrictMath after
 * the integer readout, so the served answer stays bit-exact on every backend.
 * <p>Why not proposal folds (the previous map, and still the legacy 2-value form [a, b]): they calibrate for DAOs
 * the readout was trained on; held out, Decentraland (rejects 59% where the training DAOs pass ~85%) got an ECE
 * of 0.23. Why the offset: DAO folds alone leave DAO-level offsets a single (a, b) cannot undo (the slope
 * collapsed to its floor when that was tried); the prior term carries the offset.
 */
public final class Calibration {
    private Calibration() {}

    /** How the map is fitted: on proposal folds (the legacy [a, b] map) or on DAO folds (per checkpoint, prior offset). */
    public enum Scheme { PROPOSAL_FOLDS, DAO_FOLDS }

    public static final int FOLDS = 5, PROPOSAL_FOLDS = 4;
    /** Ridge on (a, b, c), relative to the sample count: keeps a checkpoint's map finite when it separates. */
    static final double MAP_L2 = 1e-4;

    /** Proposal key -> fold: proposals in (dao, vote start, id) order dealt round-robin into k folds. */
    public static Map<String, Integer> proposalFolds(List<VoteSamples.Sample> s, int k) {
        Map<String, Long> start = new TreeMap<>();
        for (var x : s) start.putIfAbsent(x.proposal().key(), x.proposal().voteStart());
        List<String> keys = new ArrayList<>(start.keySet());
        keys.sort(java.util.Comparator.comparing((String a) -> a.substring(0, a.indexOf('\u0000'))).thenComparingLong(start::get).thenComparing(a -> a));
        Map<String, Integer> f = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) f.put(keys.get(i), i % k);
        return f;
    }

    /** Proposal key -> fold: whole DAOs, the largest first, each into the fold with the fewest samples so far. */
    public static Map<String, Integer> daoFolds(List<VoteSamples.Sample> s, int k) {
        Map<String, Integer> size = new TreeMap<>();
        for (var x : s) size.merge(x.proposal().dao(), 1, Integer::sum);
        List<String> daos = new ArrayList<>(size.keySet());
        daos.sort(Comparator.comparingInt((String d) -> -size.get(d)).thenComparing(d -> d));
        long[] load = new long[k];
        Map<String, Integer> daoFold = new HashMap<>();
        for (String d : daos) {
            int best = 0;
            for (int f = 1; f < k; f++) if (load[f] < load[best]) best = f;
            daoFold.put(d, best);
            load[best] += size.get(d);
        }
        Map<String, Integer> f = new HashMap<>();
        for (var x : s) f.put(x.proposal().key(), daoFold.get(x.proposal().dao()));
        return f;
    }

    /**
     * Cross-fitted readout values: for each DAO fold, {@code fit} trains on the other folds and returns a scorer
     * applied to the fold's samples; then the per-checkpoint map on them. With fewer than two DAOs there is nothing
     * to hold out: identity map.
     */
    public static double[] fit(List<VoteSamples.Sample> s, double[] checkpoints, Function<List<VoteSamples.Sample>, ToDoubleFunction<VoteSamples.Sample>> fit) {
        return fittedDaoFolds(s, checkpoints, fit).map();
    }

    /**
     * A fitted map and the cross-fitted readout values it was fitted on (z[i] for sample i, from a readout that
     * did not see sample i's fold): what the online per-DAO recalibration stores as each proposal's past forecast.
     */
    public record Fitted(double[] map, double[] z) {}

    static Fitted fittedDaoFolds(List<VoteSamples.Sample> s, double[] checkpoints, Function<List<VoteSamples.Sample>, ToDoubleFunction<VoteSamples.Sample>> fit) {
        Map<String, Integer> folds = daoFolds(s, FOLDS);
        int k = (int) folds.values().stream().distinct().count();
        if (k < 2) return new Fitted(identity(checkpoints.length), inSample(s, fit));
        double[] z = new double[s.size()];
        for (int f = 0; f < FOLDS; f++) {
            int fold = f;
            List<VoteSamples.Sample> train = s.stream().filter(x -> folds.get(x.proposal().key()) != fold).toList();
            if (train.isEmpty() || train.size() == s.size()) continue;
            ToDoubleFunction<VoteSamples.Sample> scorer = fit.apply(train);
            for (int i = 0; i < s.size(); i++)
                if (folds.get(s.get(i).proposal().key()) == fold) z[i] = scorer.applyAsDouble(s.get(i));
        }
        double[] map = new double[3 * checkpoints.length];
        for (int c = 0; c < checkpoints.length; c++) {
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) if (nearest(checkpoints, s.get(i).fraction()) == c) at.add(i);
            double[] zc = new double[at.size()], pc = new double[at.size()];
            int[] yc = new int[at.size()];
            for (int j = 0; j < at.size(); j++) {
                var x = s.get(at.get(j));
                zc[j] = z[at.get(j)];
                pc[j] = priorLogit(x);
                yc[j] = x.label();
            }
            double[] abc = zc.length == 0 ? new double[]{1, 0, 0} : platt(zc, pc, yc);
            System.arraycopy(abc, 0, map, 3 * c, 3);
        }
        return new Fitted(map, z);
    }

    /** With nothing to hold out, the values of a readout fitted on all samples. */
    private static double[] inSample(List<VoteSamples.Sample> s, Function<List<VoteSamples.Sample>, ToDoubleFunction<VoteSamples.Sample>> fit) {
        double[] z = new double[s.size()];
        if (s.isEmpty()) return z;
        ToDoubleFunction<VoteSamples.Sample> scorer = fit.apply(s);
        for (int i = 0; i < z.length; i++) z[i] = scorer.applyAsDouble(s.get(i));
        return z;
    }

    /**
     * Cross-fitted readout values: for each fold, {@code fit} trains on the other folds and returns a scorer that
     * is applied to the fold's samples. With fewer than two DAOs there is nothing to hold out: identity map.
     */
    public static double[] fitProposalFolds(List<VoteSamples.Sample> s, Function<List<VoteSamples.Sample>, ToDoubleFunction<VoteSamples.Sample>> fit) {
        return fittedProposalFolds(s, fit).map();
    }

    static Fitted fittedProposalFolds(List<VoteSamples.Sample> s, Function<List<VoteSamples.Sample>, ToDoubleFunction<VoteSamples.Sample>> fit) {
        Map<String, Integer> folds = proposalFolds(s, PROPOSAL_FOLDS);
        int k = (int) folds.values().stream().distinct().count();
        if (k < 2) return new Fitted(new double[]{1, 0}, inSample(s, fit));
        // (k counts folds that hold proposals; fewer than two proposals leave nothing to hold out.)
        double[] z = new double[s.size()];
        int[] y = new int[s.size()];
        for (int f = 0; f < k; f++) {
            int fold = f;
            List<VoteSamples.Sample> train = s.stream().filter(x -> folds.get(x.proposal().key()) != fold).toList();
            if (train.isEmpty()) continue;
            ToDoubleFunction<VoteSamples.Sample> scorer = fit.apply(train);
            for (int i = 0; i < s.size(); i++)
                if (folds.get(s.get(i).proposal().key()) == fold) z[i] = scorer.applyAsDouble(s.get(i));
        }
        for (int i = 0; i < s.size(); i++) y[i] = s.get(i).label();
        return new Fitted(platt(z, y), z);
    }

    /**
     * Maximum-likelihood (a, b) of p = sigmoid(a z + b): Newton steps with step halving until the log-likelihood
     * improves (plain Newton diverges when held-out readout values are far from 0), a kept positive; 6 decimals.
     */
    public static double[] platt(double[] z, int[] y) {
        double a = 1, b = 0, nll = nll2(z, y, a, b);
        for (int it = 0; it < 100; it++) {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (int i = 0; i < z.length; i++) {
                double p = LinearReadout.sigmoid(a * z[i] + b), r = p - y[i], w = p * (1 - p);
                ga += r * z[i]; gb += r;
                haa += w * z[i] * z[i]; hab += w * z[i]; hbb += w;
            }
            double det = haa * hbb - hab * hab;
            double da, db;
            if (det > 1e-12) { da = (hbb * ga - hab * gb) / det; db = (haa * gb - hab * ga) / det; }
            else { da = ga / haa; db = gb / hbb; }
            double t = 1, na = a, nb = b, nn = nll;
            for (int h = 0; h < 40; h++, t /= 2) {
                na = a - t * da; nb = b - t * db;
                if (na <= 1e-4) continue;
                nn = nll2(z, y, na, nb);
                if (nn <= nll) break;
            }
            if (!(nn <= nll) || na <= 1e-4) break;
            boolean done = nll - nn < 1e-12 * (1 + nll);
            a = na; b = nb; nll = nn;
            if (done) break;
        }
        return new double[]{Math.round(a * 1e6) / 1e6, Math.round(b * 1e6) / 1e6};
    }

    private static double nll2(double[] z, int[] y, double a, double b) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            double u = a * z[i] + b;
            // log(1 + e^u) - y u, computed without overflow
            s += (u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u))) - y[i] * u;
        }
        return s;
    }

    /** The map of the given scheme (checkpoints are used by DAO_FOLDS only). */
    public static double[] fit(Scheme scheme, List<VoteSamples.Sample> s, double[] checkpoints, Function<List<VoteSamples.Sample>, ToDoubleFunction<VoteSamples.Sample>> fit) {
        return fitted(scheme, s, checkpoints, fit).map();
    }

    /** The map of the given scheme with the cross-fitted readout values it was fitted on. */
    public static Fitted fitted(Scheme scheme, List<VoteSamples.Sample> s, double[] checkpoints, Function<List<VoteSamples.Sample>, ToDoubleFunction<VoteSamples.Sample>> fit) {
        return scheme == Scheme.DAO_FOLDS ? fittedDaoFolds(s, checkpoints, fit) : fittedProposalFolds(s, fit);
    }

    /** The pooled map's logit of a sample's readout value z (what the online per-DAO recalibration maps). */
    public static double logit(double[] map, double[] checkpoints, double z, VoteSamples.Sample x) {
        return VoteModel.calibratedLogit(map, checkpoints, z, priorLogit(x), x.fraction());
    }

    /**
     * The online recalibration table of samples (all checkpoints of each proposal present): each proposal's
     * pooled-map logit at every checkpoint, from the readout values {@code z} (parallel to {@code s}).
     */
    public static org.neuroracle.forecast.model.DaoRecalibration table(int pseudoCount, double[] map, double[] checkpoints, List<VoteSamples.Sample> s, double[] z) {
        if (z.length != s.size()) throw new IllegalArgumentException("recalibration table: " + z.length + " values for " + s.size() + " samples");
        Map<String, double[]> logits = new java.util.LinkedHashMap<>();
        Map<String, VoteSamples.Sample> first = new HashMap<>();
        for (int i = 0; i < s.size(); i++) {
            var x = s.get(i);
            int k = -1;
            for (int c = 0; c < checkpoints.length; c++) if (checkpoints[c] == x.fraction()) k = c;
            if (k < 0) continue;
            double[] l = logits.computeIfAbsent(x.proposal().key(), key -> { double[] a = new double[checkpoints.length]; java.util.Arrays.fill(a, Double.NaN); return a; });
            l[k] = logit(map, checkpoints, z[i], x);
            first.putIfAbsent(x.proposal().key(), x);
        }
        List<org.neuroracle.forecast.model.DaoRecalibration.Entry> entries = new ArrayList<>();
        for (var e : logits.entrySet()) {
            var p = first.get(e.getKey()).proposal();
            for (double v : e.getValue())
                if (Double.isNaN(v)) throw new IllegalArgumentException("recalibration table: proposal " + p.dao() + "/" + p.proposalId() + " lacks a checkpoint");
            entries.add(new org.neuroracle.forecast.model.DaoRecalibration.Entry(p.dao(), p.proposalId(), p.voteEnd(), first.get(e.getKey()).label() == 1, e.getValue()));
        }
        return org.neuroracle.forecast.model.DaoRecalibration.of(pseudoCount, checkpoints.length, entries);
    }

    public static double[] identity(int checkpoints) {
        double[] m = new double[3 * checkpoints];
        for (int c = 0; c < checkpoints; c++) m[3 * c] = 1;
        return m;
    }

    /** History feature 0 of a sample: the clamped logit of the DAO's shrunk past pass rate. */
    public static double priorLogit(VoteSamples.Sample x) { return x.history()[0]; }

    static int nearest(double[] cps, double f) {
        int best = 0;
        for (int i = 1; i < cps.length; i++) if (Math.abs(cps[i] - f) < Math.abs(cps[best] - f)) best = i;
        return best;
    }

    /**
     * Maximum-likelihood (a, b, c) of p = sigmoid(a z + b + c o) with a small ridge: Newton steps with step halving
     * until the penalised log-likelihood improves, a kept positive; 6 decimals.
     */
    public static double[] platt(double[] z, double[] o, int[] y) {
        double[] w = {1, 0, 0};
        double lam = MAP_L2 * z.length, nll = nll(z, o, y, w, lam);
        for (int it = 0; it < 100; it++) {
            double[] g = new double[3];
            double[][] h = new double[3][3];
            for (int i = 0; i < z.length; i++) {
                double[] v = {z[i], 1, o[i]};
                double p = LinearReadout.sigmoid(w[0] * v[0] + w[1] + w[2] * v[2]), r = p - y[i], q = p * (1 - p);
                for (int a = 0; a < 3; a++) {
                    g[a] += r * v[a];
                    for (int b = 0; b < 3; b++) h[a][b] += q * v[a] * v[b];
                }
            }
            for (int a = 0; a < 3; a++) { g[a] += lam * w[a]; h[a][a] += lam + 1e-9; }
            double[] d = Spd.solve(h, g);
            double t = 1, nn = nll;
            double[] nw = w.clone();
            for (int half = 0; half < 40; half++, t /= 2) {
                for (int a = 0; a < 3; a++) nw[a] = w[a] - t * d[a];
                if (nw[0] <= 1e-4) continue;
                nn = nll(z, o, y, nw, lam);
                if (nn <= nll) break;
            }
            if (!(nn <= nll) || nw[0] <= 1e-4) break;
            boolean done = nll - nn < 1e-12 * (1 + nll);
            w = nw;
            nll = nn;
            if (done) break;
        }
        return new double[]{round6(w[0]), round6(w[1]), round6(w[2])};
    }

    private static double round6(double v) { return Math.round(v * 1e6) / 1e6; }

    private static double nll(double[] z, double[] o, int[] y, double[] w, double lam) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            double u = w[0] * z[i] + w[1] + w[2] * o[i];
            // log(1 + e^u) - y u, computed without overflow
            s += (u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u))) - y[i] * u;
        }
        return s + 0.5 * lam * (w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
    }

    /** The calibrated probability of a sample's readout value z (through the model's own map form). */
    public static double apply(double[] map, double[] checkpoints, double z, VoteSamples.Sample x) {
        return VoteModel.calibrate(map, checkpoints, z, priorLogit(x), x.fraction());
    }
}
