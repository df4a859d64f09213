package org.neuroracle.forecast.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recency half-life of a DAO's online recalibration ({@link DaoRecalibration#fittedRecent}), chosen per DAO and
 * checkpoint from that DAO's own resolved past, never its future and never another DAO.
 * <p>At a forecast whose DAO has n proposals ended by its start, each candidate half-life H is scored by its
 * prequential Brier over those n: proposal j (by end, j &lt; n) forecast at checkpoint k with the map fitted, at
 * half-life H, on proposals 0..j-1, against its outcome. All of them ended by the forecast's start, so the score uses
 * only what was known then. (Proposal j's own forecast could only have used the proposals ended by j's start, a
 * subset of 0..j-1; the table keeps no starts, so the replay is slightly better informed than j's real forecast was.
 * That affects the choice alike for every H and never reaches past the forecast's start.) The lowest sum wins; with
 * fewer than {@link #MIN_PAST} resolved proposals, or on a tie, no weighting (the served rule), then the longer
 * half-life.
 * <p>Why: the session 6 variant ({@code spiking_recency}) chose one half-life per split from the training DAOs, and
 * DAOs whose pass rate drifts (Decentraland: 0.54, 0.45, 0.30, 0.35 by quarters) got no weighting because the
 * DAOs standing in for them do not drift. Here the drifting DAO's own replay decides. An evaluation variant
 * ({@code spiking_adaptive}); the served model does not use it.
 * <p>Cost: O(N^2) map fits per DAO, checkpoint and candidate (N = the DAO's proposals in the table), computed once per
 * (DAO, checkpoint, half-life) on first use and kept. Thread-safe.
 */
public final class AdaptiveRecency {
    /** Candidate half-lives in proposals; 0 = no weighting. Ties go to the earlier entry (0 first, then longer). */
    public static final int[] HALF_LIVES = {0, 200, 100, 50, 25};
    /** Resolved proposals a DAO needs before its replay may choose a half-life other than none. */
    public static final int MIN_PAST = 30;

    private final DaoRecalibration table;
    private final Map<Key, double[]> prefix = new ConcurrentHashMap<>();

    private record Key(String dao, int checkpoint, int halfLife) {}

    public AdaptiveRecency(DaoRecalibration table) { this.table = table; }

    /** The half-life chosen for a proposal of {@code dao} starting at {@code voteStart}, at checkpoint k. */
    public int halfLife(String dao, long voteStart, int checkpoint) {
        DaoRecalibration.Dao d = table.dao(dao);
        return d == null ? 0 : chosen(d, d.pastCount(voteStart), checkpoint);
    }

    /** The recalibration map for that proposal: {@link DaoRecalibration#fittedRecent} at the chosen half-life. */
    public DaoRecalibration.Map2 at(String dao, long voteStart, int checkpoint) {
        if (checkpoint < 0 || checkpoint >= table.checkpoints())
            throw new IllegalArgumentException("recalibration: checkpoint " + checkpoint + " out of 0.." + (table.checkpoints() - 1));
        DaoRecalibration.Dao d = table.dao(dao);
        if (d == null) return DaoRecalibration.Map2.IDENTITY;
        int n = d.pastCount(voteStart);
        return table.fittedRecent(d, n, checkpoint, chosen(d, n, checkpoint));
    }

    /** The half-life with the lowest prequential Brier over the first n proposals of d (see the class comment). */
    int chosen(DaoRecalibration.Dao d, int n, int checkpoint) {
        if (n < MIN_PAST) return 0;
        int best = HALF_LIVES[0];
        double bestScore = Double.POSITIVE_INFINITY;
        for (int h : HALF_LIVES) {
            double s = prefixBrier(d, checkpoint, h)[n];
            if (s < bestScore) { bestScore = s; best = h; }
        }
        return best;
    }

    /** Prefix sums of the replayed squared errors: element j is the sum over proposals 0..j-1. */
    double[] prefixBrier(DaoRecalibration.Dao d, int checkpoint, int halfLife) {
        return prefix.computeIfAbsent(new Key(d.name(), checkpoint, halfLife), key -> {
            int n = d.proposalIds().length;
            double[] sums = new double[n + 1];
            for (int j = 0; j < n; j++) {
                double u = DaoRecalibration.dequantise(d.logitFix()[j * table.checkpoints() + checkpoint]);
                double p = table.fittedRecent(d, j, checkpoint, halfLife).apply(u);
                double e = p - (d.passed()[j] ? 1 : 0);
                sums[j + 1] = sums[j] + e * e;
            }
            return sums;
        });
    }
}
