package org.neuroracle.forecast.history;

import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Outcome;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.Vote;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the vote forecaster knows of each DAO's past: its decided proposals (window, outcome, proposer, final
 * turnout and turnout curve) and, for every address that voted at least twice, its votes (proposal, choice, weight
 * as a share of that proposal's final turnout). It is part of the model artifact, so a served forecast stays a pure
 * function of (model bytes, input bytes); {@link #at} only ever looks at proposals whose vote ended before the
 * asked proposal's start, so training, evaluation and serving see the same, strictly past, history.
 */
public record DaoHistory(List<Dao> daos) {
    /** Points of the stored turnout curve: share of final turnout cast by 5%, 10%, ..., 100% of the window. */
    public static final int CURVE_POINTS = 20;

    /**
     * One DAO. Proposal arrays are parallel and sorted by end; curve is CURVE_POINTS ppm values per proposal,
     * flattened. Voter arrays: votes of voter v are voteProposal/voteChoice/voteShare[voteStart[v] .. voteStart[v+1]).
     * Shares are ppm of the proposal's final turnout; choice is the {@link Choice} ordinal.
     */
    public record Dao(String name, String[] proposalIds, long[] starts, long[] ends, boolean[] passed, String[] proposers,
                      double[] turnouts, int[] curvePpm, String[] voters, int[] voteStart, int[] voteProposal,
                      byte[] voteChoice, int[] voteSharePpm) {
        public Dao {
            int n = proposalIds.length;
            if (starts.length != n || ends.length != n || passed.length != n || proposers.length != n || turnouts.length != n || curvePpm.length != n * CURVE_POINTS)
                throw new IllegalArgumentException("history." + name + ": proposal arrays differ in length");
            if (voteStart.length != voters.length + 1 || voteProposal.length != voteChoice.length || voteProposal.length != voteSharePpm.length
                    || voteStart[voters.length] != voteProposal.length)
                throw new IllegalArgumentException("history." + name + ": voter arrays are inconsistent");
            for (int k = 0; k < voteProposal.length; k++)
                if (voteProposal[k] < 0 || voteProposal[k] >= n || voteChoice[k] < 0 || voteChoice[k] > 2)
                    throw new IllegalArgumentException("history." + name + ": vote " + k + " is out of range");
            for (int i = 1; i < n; i++) if (ends[i] < ends[i - 1]) throw new IllegalArgumentException("history." + name + ": proposals are not sorted by end");
        }

        /** Number of proposals whose vote ended before (at most at) time t. */
        public int pastCount(long t) {
            int lo = 0, hi = ends.length;
            while (lo < hi) { int m = (lo + hi) >>> 1; if (ends[m] <= t) lo = m + 1; else hi = m; }
            return lo;
        }
    }

    public static DaoHistory empty() { return new DaoHistory(List.of()); }

    public DaoHistory { daos = List.copyOf(daos); }

    public Dao dao(String name) {
        for (Dao d : daos) if (d.name().equals(name)) return d;
        return null;
    }

    /** Builds the history of every DAO in the data (decided proposals with at least one vote). */
    public static DaoHistory of(GovernanceData data) {
        Map<String, List<Vote>> byP = data.votesByProposal();
        Map<String, List<Proposal>> byDao = new TreeMap<>();
        for (Proposal p : data.proposals())
            if (p.outcome().decided() && byP.containsKey(p.key())) byDao.computeIfAbsent(p.dao(), k -> new ArrayList<>()).add(p);
        List<Dao> out = new ArrayList<>();
        for (var e : byDao.entrySet()) out.add(build(e.getKey(), e.getValue(), byP));
        return new DaoHistory(out);
    }

    private static Dao build(String name, List<Proposal> ps, Map<String, List<Vote>> byP) {
        ps = ps.stream().sorted(java.util.Comparator.comparingLong(Proposal::voteEnd).thenComparing(Proposal::proposalId)).toList();
        int n = ps.size();
        String[] ids = new String[n], proposers = new String[n];
        long[] starts = new long[n], ends = new long[n];
        boolean[] passed = new boolean[n];
        double[] turnouts = new double[n];
        int[] curve = new int[n * CURVE_POINTS];
        Map<String, List<int[]>> votesOf = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            Proposal p = ps.get(i);
            ids[i] = p.proposalId();
            proposers[i] = p.proposer() == null ? "" : p.proposer().toLowerCase(Locale.ROOT);
            starts[i] = p.voteStart();
            ends[i] = p.voteEnd();
            passed[i] = p.outcome() == Outcome.PASSED;
            List<Vote> vs = byP.get(p.key());
            BigDecimal total = BigDecimal.ZERO;
            for (Vote v : vs) total = total.add(v.weight());
            turnouts[i] = total.doubleValue();
            // Turnout curve: share of the final weight cast by each 5% of the window (votes are in time order).
            BigDecimal cum = BigDecimal.ZERO;
            int k = 0;
            long w = p.windowSeconds();
            for (int c = 0; c < CURVE_POINTS; c++) {
                long until = p.voteStart() + (long) Math.floor((c + 1) / (double) CURVE_POINTS * w);
                while (k < vs.size() && vs.get(k).timestamp() <= until) cum = cum.add(vs.get(k++).weight());
                if (c == CURVE_POINTS - 1) cum = total; // votes logged after the end still count in the final tally
                curve[i * CURVE_POINTS + c] = total.signum() == 0 ? 1_000_000 : cum.multiply(BigDecimal.valueOf(1_000_000)).divide(total, MathContext.DECIMAL64).intValue();
            }
            Map<String, int[]> latest = new HashMap<>();
            for (Vote v : vs) {
                // One record per voter and proposal (the last one counts, as on Snapshot).
                int share = total.signum() == 0 ? 0 : v.weight().multiply(BigDecimal.valueOf(1_000_000)).divide(total, MathContext.DECIMAL64).intValue();
                latest.put(v.voter().toLowerCase(Locale.ROOT), new int[]{i, v.choice().ordinal(), share});
            }
            for (var le : latest.entrySet()) votesOf.computeIfAbsent(le.getKey(), x -> new ArrayList<>()).add(le.getValue());
        }
        List<String> voters = new ArrayList<>();
        List<int[]> flat = new ArrayList<>();
        List<Integer> starts2 = new ArrayList<>();
        for (var e : votesOf.entrySet()) {
            if (e.getValue().size() < 2) continue; // a one-time voter says nothing about who will vote next time
            voters.add(e.getKey());
            starts2.add(flat.size());
            e.getValue().sort(java.util.Comparator.comparingInt(a -> a[0]));
            flat.addAll(e.getValue());
        }
        starts2.add(flat.size());
        int m = flat.size();
        int[] vp = new int[m], vsh = new int[m];
        byte[] vc = new byte[m];
        for (int k = 0; k < m; k++) { vp[k] = flat.get(k)[0]; vc[k] = (byte) flat.get(k)[1]; vsh[k] = flat.get(k)[2]; }
        return new Dao(name, ids, starts, ends, passed, proposers, turnouts, curve, voters.toArray(String[]::new),
                starts2.stream().mapToInt(Integer::intValue).toArray(), vp, vc, vsh);
    }

    /** Pooled pass rate of every other DAO's proposals ended by t, Laplace-smoothed (0.5 with none). */
    public double pooledOthers(String dao, long t) { return pooledOthers(dao, t, null); }

    /**
     * As {@link #pooledOthers(String, long)}, also leaving out DAO {@code excluded} (null: none): the training DAOs'
     * view when {@code excluded} is held out, so its outcomes never reach a readout trained for it.
     */
    public double pooledOthers(String dao, long t, String excluded) {
        long pass = 0, n = 0;
        for (Dao d : daos) {
            if (d.name().equals(dao) || d.name().equals(excluded)) continue;
            int c = d.pastCount(t);
            n += c;
            for (int i = 0; i < c; i++) if (d.passed()[i]) pass++;
        }
        return (pass + 1.0) / (n + 2.0);
    }

    /** The context of a proposal of {@code dao} starting at {@code voteStart}: only proposals ended by then. */
    public HistoryContext at(String dao, String proposalId, String proposer, long voteStart) {
        return at(dao, proposalId, proposer, voteStart, null);
    }

    /** The context with DAO {@code excludedFromPooled} (null: none) left out of the pooled rate. */
    public HistoryContext at(String dao, String proposalId, String proposer, long voteStart, String excludedFromPooled) {
        return HistoryContext.of(dao(dao), pooledOthers(dao, voteStart, excludedFromPooled), proposalId, proposer, voteStart);
    }

    /**
     * The two history features that depend on the pooled rate (prior_logit and proposer_logit_delta, features 0
     * and 2), computed as {@link #at} would with DAO {@code excludedFromPooled} left out of it, without building the
     * rest of the context.
     */
    public double[] pooledDependentFeatures(String dao, String proposalId, String proposer, long voteStart, String excludedFromPooled) {
        return HistoryContext.priorFeatures(dao(dao), pooledOthers(dao, voteStart, excludedFromPooled), proposalId, proposer, voteStart);
    }
}
