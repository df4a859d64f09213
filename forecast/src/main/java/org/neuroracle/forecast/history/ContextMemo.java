package org.neuroracle.forecast.history;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link DaoHistory#at(String, String, String, long)} for a service that asks it again and again about the same
 * model: equal contexts, computed with two shortcuts. The pooled pass rate counts passes from per-DAO running sums
 * instead of walking every other DAO's proposals; and the part of a context that depends only on the DAO and on how
 * many of its proposals had ended ({@link HistoryContext.Past}: usual turnout, turnout curve, regular voters and
 * large holders, which scans and sorts every voter of the DAO) is computed once per (DAO, ended proposals) and
 * kept. That part is a pure function of the model's history, so a kept value is the value; the memo holds at most one
 * entry per proposal of the history (plus one per DAO), a bound set by the model, not by the traffic. An oracle
 * asks about live proposals, which start after the last ended one, so all its requests about a DAO share one entry.
 * Thread-safe.
 */
public final class ContextMemo {
    private final DaoHistory history;
    /** passes[d][i]: passed proposals among DAO d's first i (by end). */
    private final int[][] passes;
    private final ConcurrentHashMap<Long, HistoryContext.Past> pasts = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder(), misses = new LongAdder();

    public ContextMemo(DaoHistory history) {
        this.history = history;
        List<DaoHistory.Dao> daos = history.daos();
        passes = new int[daos.size()][];
        for (int d = 0; d < passes.length; d++) {
            boolean[] p = daos.get(d).passed();
            int[] c = new int[p.length + 1];
            for (int i = 0; i < p.length; i++) c[i + 1] = c[i] + (p[i] ? 1 : 0);
            passes[d] = c;
        }
    }

    public DaoHistory history() { return history; }

    /** Equal to {@code history().at(dao, proposalId, proposer, voteStart)}. */
    public HistoryContext at(String dao, String proposalId, String proposer, long voteStart) {
        List<DaoHistory.Dao> daos = history.daos();
        int index = -1;
        for (int d = 0; d < daos.size(); d++) if (daos.get(d).name().equals(dao)) { index = d; break; }
        final int di = index;
        return HistoryContext.of(di < 0 ? null : daos.get(di), pooledOthers(dao, voteStart), proposalId, proposer, voteStart, (d, n) -> {
            long key = ((long) di << 32) | n;
            HistoryContext.Past p = pasts.get(key);
            if (p != null) { hits.increment(); return p; }
            misses.increment();
            return pasts.computeIfAbsent(key, k -> HistoryContext.Past.of(d, n));
        });
    }

    /** {@link DaoHistory#pooledOthers(String, long)} from the running sums: the same integers, so the same double. */
    double pooledOthers(String dao, long t) {
        long pass = 0, n = 0;
        List<DaoHistory.Dao> daos = history.daos();
        for (int d = 0; d < daos.size(); d++) {
            DaoHistory.Dao x = daos.get(d);
            if (x.name().equals(dao)) continue;
            int c = x.pastCount(t);
            n += c;
            pass += passes[d][c];
        }
        return (pass + 1.0) / (n + 2.0);
    }

    /** Contexts of a known DAO with ended proposals that found their DAO part kept / had to compute it. */
    public long hits() { return hits.sum(); }

    public long misses() { return misses.sum(); }

    /** Kept DAO parts. */
    public int size() { return pasts.size(); }
}
