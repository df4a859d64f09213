package org.neuroracle.forecast.train;

import org.neuroracle.forecast.model.DaoRecalibration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses the pseudo-count of the online per-DAO recalibration ({@link DaoRecalibration}) by nested
 * leave-DAO-out on the training part alone, so that a held-out DAO never takes part in choosing how its own
 * forecasts are recalibrated.
 * <p>The training DAOs stand in for unseen ones: each training sample's readout value comes from a readout
 * refitted without its whole DAO fold ({@link Calibration#FOLDS} folds of DAOs), mapped through the pooled map,
 * and recalibrated with each candidate pseudo-count on its own DAO's proposals that ended by its start (exactly
 * the online rule that serving and evaluation apply). The score of a candidate is the mean, over the training DAOs
 * with at least {@link #MIN_DAO_PROPOSALS} proposals (each DAO weighing the same, as in the goal), of the DAO's
 * Brier score at the goal checkpoints 10% and 25%; the lowest score wins, a tie goes to the larger pseudo-count
 * (the smaller departure from the pooled map).
 * <p>What this does not do: the pooled map the candidates start from is the split's own (fitted on proposal
 * folds of all training DAOs), not refitted per DAO fold, so the stand-ins' pooled map has seen their DAO; that
 * flatters every candidate alike and is a second-order effect on the choice.
 */
public final class RecalibrationChoice {
    private RecalibrationChoice() {}

    /** Pseudo-counts tried, smallest first. */
    public static final int[] CANDIDATES = {5, 10, 20, 40, 80, 160};
    /** Model checkpoints scored (10% and 25% of the window, the goal's). */
    public static final double[] SCORED = {0.10, 0.25};
    /** Training DAOs scored; with none this large, every training DAO. */
    public static final int MIN_DAO_PROPOSALS = 30;

    /** The chosen pseudo-count, each candidate's score, and how many DAOs were scored. */
    public record Choice(int pseudoCount, Map<Integer, Double> scores, int daos) {
        public String describe() {
            StringBuilder sb = new StringBuilder().append(pseudoCount).append(" (mean per-DAO Brier at 10/25% over ").append(daos).append(" training DAOs:");
            for (var e : scores.entrySet()) sb.append(' ').append(e.getKey()).append('=').append(String.format(java.util.Locale.ROOT, "%.5f", e.getValue()));
            return sb.append(')').toString();
        }
    }

    /**
     * @param s training samples (all checkpoints of each proposal)
     * @param map the pooled calibration map
     * @param outOfDaoZ readout values parallel to {@code s}, each from a readout that did not see its DAO
     * @param checkpoints the model checkpoints
     */
    public static Choice choose(List<VoteSamples.Sample> s, double[] map, double[] outOfDaoZ, double[] checkpoints) {
        Scorer sc = new Scorer(s, map, outOfDaoZ, checkpoints);
        Map<Integer, Double> scores = new LinkedHashMap<>();
        int best = CANDIDATES[0];
        double bestScore = Double.POSITIVE_INFINITY;
        for (int cand : CANDIDATES) {
            double mean = sc.score(Calibration.table(cand, map, checkpoints, s, outOfDaoZ), 0);
            scores.put(cand, mean);
            if (mean <= bestScore) { bestScore = mean; best = cand; }
        }
        return new Choice(sc.scored.isEmpty() ? VoteTrainer.Config.DEFAULT_RECALIBRATION : best, scores, sc.scored.size());
    }

    /** Recency half-lives tried (in proposals of the DAO); 0 = no recency weighting (the served rule). */
    public static final int[] HALF_LIVES = {0, 25, 50, 100, 200, 400};

    /** The chosen recency half-life for a fixed pseudo-count, each candidate's score, how many DAOs were scored. */
    public record HalfLifeChoice(int pseudoCount, int halfLife, Map<Integer, Double> scores, int daos) {
        public String describe() {
            StringBuilder sb = new StringBuilder().append("half-life ").append(halfLife == 0 ? "none" : halfLife + " proposals").append(" at pseudo-count ").append(pseudoCount)
                    .append(" (mean per-DAO Brier at 10/25% over ").append(daos).append(" training DAOs:");
            for (var e : scores.entrySet()) sb.append(' ').append(e.getKey() == 0 ? "none" : e.getKey()).append('=').append(String.format(java.util.Locale.ROOT, "%.5f", e.getValue()));
            return sb.append(')').toString();
        }
    }

    /**
     * The recency half-life of the per-DAO recalibration ({@link DaoRecalibration#fittedRecent}) at a fixed
     * pseudo-count, chosen exactly as {@link #choose} chooses the pseudo-count (same stand-in DAOs, same score);
     * a tie goes to the longer half-life, and no weighting (0) counts as the longest.
     */
    public static HalfLifeChoice chooseHalfLife(List<VoteSamples.Sample> s, double[] map, double[] outOfDaoZ, double[] checkpoints, int pseudoCount) {
        Scorer sc = new Scorer(s, map, outOfDaoZ, checkpoints);
        DaoRecalibration table = Calibration.table(pseudoCount, map, checkpoints, s, outOfDaoZ);
        Map<Integer, Double> scores = new LinkedHashMap<>();
        int best = 0;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int h : HALF_LIVES) {
            double mean = sc.score(table, h);
            scores.put(h, mean);
            if (mean < bestScore) { bestScore = mean; best = h; }
        }
        return new HalfLifeChoice(pseudoCount, sc.scored.isEmpty() ? 0 : best, scores, sc.scored.size());
    }

    /** Mean per-DAO Brier at the scored checkpoints of the stand-in training DAOs under one recalibration rule. */
    private static final class Scorer {
        final List<VoteSamples.Sample> s;
        final double[] map, z, checkpoints;
        final int[] ks;
        final java.util.Set<String> scored = new java.util.TreeSet<>();

        Scorer(List<VoteSamples.Sample> s, double[] map, double[] outOfDaoZ, double[] checkpoints) {
            if (outOfDaoZ.length != s.size()) throw new IllegalArgumentException("recalibration choice: " + outOfDaoZ.length + " values for " + s.size() + " samples");
            this.s = s;
            this.map = map;
            this.z = outOfDaoZ;
            this.checkpoints = checkpoints;
            ks = new int[SCORED.length];
            for (int j = 0; j < SCORED.length; j++) {
                ks[j] = -1;
                for (int c = 0; c < checkpoints.length; c++) if (checkpoints[c] == SCORED[j]) ks[j] = c;
                if (ks[j] < 0) throw new IllegalArgumentException("recalibration choice: checkpoint " + SCORED[j] + " is not a model checkpoint");
            }
            Map<String, Integer> proposals = new TreeMap<>();
            for (var x : s) if (x.fraction() == checkpoints[0]) proposals.merge(x.proposal().dao(), 1, Integer::sum);
            boolean anyLarge = proposals.values().stream().anyMatch(n -> n >= MIN_DAO_PROPOSALS);
            for (var e : proposals.entrySet()) if (!anyLarge || e.getValue() >= MIN_DAO_PROPOSALS) scored.add(e.getKey());
        }

        double score(DaoRecalibration table, int halfLife) {
            Map<String, double[]> sums = new TreeMap<>();
            for (int i = 0; i < s.size(); i++) {
                var x = s.get(i);
                if (!scored.contains(x.proposal().dao())) continue;
                int k = -1;
                for (int j = 0; j < ks.length; j++) if (checkpoints[ks[j]] == x.fraction()) k = ks[j];
                if (k < 0) continue;
                double u = Calibration.logit(map, checkpoints, z[i], x);
                double p = table.atRecent(x.proposal().dao(), x.proposal().voteStart(), k, halfLife).apply(u);
                double[] a = sums.computeIfAbsent(x.proposal().dao(), d -> new double[2]);
                a[0] += (p - x.label()) * (p - x.label());
                a[1]++;
            }
            double mean = 0;
            for (double[] a : sums.values()) mean += a[0] / a[1];
            return sums.isEmpty() ? Double.NaN : mean / sums.size();
        }
    }
}
