package org.neuroracle.forecast.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recency half-life of a DAO's online recalibration ({@link DaoRecalibration#fittedRecent}), chosen per DAO and
 * checkpoint from that DAO's own resolved past, never its future and never another DAO.
 * <p>At a forecast whose DAO has n proposals ended by its start, each candidate half-life H is scored by its
 * prequential Brier over those n: proposal j (by end, j &lt; n) replayed at checkpoint k with the map fitted, at
 * half-life H, on the DAO's proposals that had ended by j's own start (what j's real forecast could use), against
 * its outcome. All n ended by the forecast's start, so the score uses only what was known then. The lowest sum
 * wins; with fewer than {@link #MIN_PAST} resolved proposals, or on a tie, no weighting (the served rule), then the
 * longer half-life.
 * <p>Why: the session 6 variant ({@code spiking_recency}) chose one half-life per split from the training DAOs, and
 * DAOs whose pass rate drifts (Decentraland: 0.54, 0.45, 0.30, 0.35 by quarters) got no weighting because the
 * DAOs standing in for them do not drift. Here the drifting DAO's own replay decides. An evaluation variant
 * ({@code spiking_adaptive}); the served model does not use it.
 * <p>Cost: per (DAO, checkpoint, half-life) N map fits of up to N points each (N = the DAO's proposals in the
 * table), done once on first use and kept. Thread-safe.
 */
public final class AdaptiveRecency {
    /** Candidate half-lives in proposals; 0 = no weighting. Ties go to the earlier entry (0 first, then longer). */
    public static final int[] HALF_LIVES = {0, 200, 100, 50, 25};
    /** Resolved proposals a DAO needs before its replay may choose a half-life other than none. */
    public static final int MIN_PAST = 30;

    private final DaoRecalibration table;
    private final Map<String, Map<String, Long>> voteStarts;
    private final Map<Key, double[]> prefix = new ConcurrentHashMap<>();

    private record Key(String dao, int checkpoint, int halfLife) {}

    /**
     * @param voteStarts DAO -> proposal id -> vote start, for every proposal of {@code table} (the table keeps ends
     *                   only; the replay needs each proposal's start to know what had ended by then)
     */
    public AdaptiveRecency(DaoRecalibration table, Map<String, Map<String, Long>> voteStarts) {
        this.table = table;
        this.voteStarts = Map.copyOf(voteStarts);
        for (DaoRecalibration.Dao d : table.daos())
            for (String id : d.proposalIds())
                if (voteStarts.getOrDefault(d.name(), Map.of()).get(id) == null)
                    throw new IllegalArgumentException("adaptive recency: no vote start for proposal " + d.name() + "/" + id);
    }

    /** The half-life chosen for a proposal of {@code dao} starting at {@code voteStart}, at checkpoint k. */
    public int halfLife(String dao, long voteStart, int checkpoint) {
        table.checkCheckpoint(checkpoint);
        DaoRecalibration.Dao d = table.dao(dao);
        return d == null ? 0 : chosen(d, d.pastCount(voteStart), checkpoint);
    }

    /** The recalibration map for that proposal: {@link DaoRecalibration#fittedRecent} at the chosen half-life. */
    public DaoRecalibration.Map2 at(String dao, long voteStart, int checkpoint) {
        table.checkCheckpoint(checkpoint);
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

    /**
     * Prefix sums of the replayed squared errors: element j is the sum over proposals 0..j-1, proposal i replayed
     * with the map fitted on the proposals ended by its own start (at most 0..i-1, since the table is sorted by end).
     */
    double[] prefixBrier(DaoRecalibration.Dao d, int checkpoint, int halfLife) {
        return prefix.computeIfAbsent(new Key(d.name(), checkpoint, halfLife), key -> {
            int n = d.proposalIds().length;
            Map<String, Long> starts = voteStarts.get(d.name());
            double[] sums = new double[n + 1];
            for (int j = 0; j < n; j++) {
                double u = DaoRecalibration.dequantise(d.logitFix()[j * table.checkpoints() + checkpoint]);
                int known = Math.min(j, d.pastCount(starts.get(d.proposalIds()[j])));
                double p = table.fittedRecent(d, known, checkpoint, halfLife).apply(u);
                double e = p - (d.passed()[j] ? 1 : 0);
                sums[j + 1] = sums[j] + e * e;
            }
            return sums;
        });
    }
}
