package org.neuroracle.forecast.model;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link DaoRecalibration#at} for a service that asks the same model again and again: the fitted map depends only on
 * the DAO, how many of its proposals had ended and the checkpoint, so each (DAO, ended proposals, checkpoint) is
 * fitted once (12 Newton steps with step halving over every past proposal) and kept. A pure function of the model,
 * bounded by it (at most (proposals + 1) x checkpoints entries per DAO), whatever the traffic. Thread-safe.
 */
public final class RecalibrationMemo {
    private final DaoRecalibration table;
    private final ConcurrentHashMap<Long, DaoRecalibration.Map2> maps = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder(), misses = new LongAdder();

    /** {@code table} may be null (a model without recalibration: every map is the identity). */
    public RecalibrationMemo(DaoRecalibration table) { this.table = table; }

    /** Equal to {@code model.recalibrationAt(dao, voteStart, elapsed)} for the model whose table this is. */
    public DaoRecalibration.Map2 at(VoteModel model, String dao, long voteStart, double elapsed) {
        if (table == null) return DaoRecalibration.Map2.IDENTITY;
        int k = model.nearestCheckpoint(elapsed);
        if (k < 0 || k >= table.checkpoints() || table.checkpoints() > 255) return table.at(dao, voteStart, k); // its error, or no key room
        if (dao == null) return DaoRecalibration.Map2.IDENTITY;
        List<DaoRecalibration.Dao> daos = table.daos();
        for (int d = 0; d < daos.size(); d++) {
            DaoRecalibration.Dao x = daos.get(d);
            if (!x.name().equals(dao)) continue;
            int n = x.pastCount(voteStart);
            if (n == 0) return DaoRecalibration.Map2.IDENTITY;
            long key = ((long) d << 40) | ((long) n << 8) | k;
            DaoRecalibration.Map2 m = maps.get(key);
            if (m != null) { hits.increment(); return m; }
            misses.increment();
            return maps.computeIfAbsent(key, q -> table.fitted(x, n, k));
        }
        return DaoRecalibration.Map2.IDENTITY;
    }

    public long hits() { return hits.sum(); }

    public long misses() { return misses.sum(); }
}
