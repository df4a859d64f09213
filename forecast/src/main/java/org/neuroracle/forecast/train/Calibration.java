package org.neuroracle.forecast.train;

import org.neuroracle.forecast.model.LinearReadout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Platt calibration fitted on held-out folds: the readout is refitted K times, each time without one fold of
 * proposals (all checkpoints of a proposal stay in one fold), and the map p = sigmoid(a z + b) is fitted on the
 * held-out readout values z. The map is two doubles, stored in the artifact.
 * <p>Folds of whole DAOs were tried first (to calibrate for unseen DAOs): on the shared data the held-out readout
 * values then carry DAO-level offsets a single (a, b) cannot undo (Decentraland passes 41%, the rest 80%), the
 * fitted slope collapsed to its floor and every forecast came out near the pooled rate (in-sample Brier 0.212
 * with an in-sample AUC of 0.94). Proposal folds calibrate the model for the DAOs it knows; leave-one-DAO-out scores show what
 * that costs on unseen ones.
 */
public final class Calibration {
    private Calibration() {}

    public static final int FOLDS = 4;

    /** Proposal key -> fold: proposals in (dao, vote start, id) order dealt round-robin into k folds. */
    public static Map<String, Integer> folds(List<VoteSamples.Sample> s, int k) {
        Map<String, Long> start = new TreeMap<>();
        for (var x : s) start.putIfAbsent(x.proposal().key(), x.proposal().voteStart());
        List<String> keys = new ArrayList<>(start.keySet());
        keys.sort(java.util.Comparator.comparing((String a) -> a.substring(0, a.indexOf('\u0000'))).thenComparingLong(start::get).thenComparing(a -> a));
        Map<String, Integer> f = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) f.put(keys.get(i), i % k);
        return f;
    }

    /**
     * Cross-fitted readout values: for each fold, {@code fit} trains on the other folds and returns a scorer that
     * is applied to the fold's samples. With fewer than two DAOs there is nothing to hold out: identity map.
     */
    public static double[] fit(List<VoteSamples.Sample> s, Function<List<VoteSamples.Sample>, ToDoubleFunction<VoteSamples.Sample>> fit) {
        Map<String, Integer> folds = folds(s, FOLDS);
        int k = (int) folds.values().stream().distinct().count();
        if (k < 2) return new double[]{1, 0};
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
        return platt(z, y);
    }

    /**
     * Maximum-likelihood (a, b) of p = sigmoid(a z + b): Newton steps with step halving until the log-likelihood
     * improves (plain Newton diverges when held-out readout values are far from 0), a kept positive; 6 decimals.
     */
    public static double[] platt(double[] z, int[] y) {
        double a = 1, b = 0, nll = nll(z, y, a, b);
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
                nn = nll(z, y, na, nb);
                if (nn <= nll) break;
            }
            if (!(nn <= nll) || na <= 1e-4) break;
            boolean done = nll - nn < 1e-12 * (1 + nll);
            a = na; b = nb; nll = nn;
            if (done) break;
        }
        return new double[]{Math.round(a * 1e6) / 1e6, Math.round(b * 1e6) / 1e6};
    }

    private static double nll(double[] z, int[] y, double a, double b) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            double u = a * z[i] + b;
            // log(1 + e^u) - y u, computed without overflow
            s += (u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u))) - y[i] * u;
        }
        return s;
    }

    public static double apply(double[] ab, double z) { return LinearReadout.sigmoid(ab[0] * z + ab[1]); }
}
