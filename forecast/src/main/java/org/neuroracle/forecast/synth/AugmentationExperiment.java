package org.neuroracle.forecast.synth;

import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Outcome;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.Vote;
import org.neuroracle.forecast.eval.Metrics;
import org.neuroracle.forecast.model.LinearReadout;
import org.neuroracle.forecast.train.Nd4jFit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Does DP synthetic data help a DAO with little history? For every DAO with at least {@code minProposals} decided
 * proposals that have votes and a quorum: train on its first {@code historyProposals} (by vote start), test on the
 * rest, at a checkpoint of the voting window. A logistic regression on four early-tally features (for share by
 * weight; log10(1 + for / quorum), log10(1 + against / quorum), log10(1 + votes)) is trained
 * (a) on the DAO's own history only, (b) plus synthetic proposals from {@link GovernanceSynth} fitted with voter-level
 * DP at epsilon on the DAO's own history, (c) plus synthetic proposals fitted (same epsilon) on all OTHER DAOs pooled.
 * The base rate of the history is the reference. Held-out Brier per DAO, averaged over {@code repeats} noise draws.
 */
public final class AugmentationExperiment {
    private AugmentationExperiment() {}

    public record Config(int minProposals, int historyProposals, double checkpoint, double epsilon, int maxProposalsPerVoter,
                         int syntheticProposals, double syntheticWeight, int repeats) {}

    public record DaoResult(String dao, int history, int test, double baseRate, double own, double augmentedOwn,
                            double augmentedPooled, int repeats) {}

    public static List<DaoResult> run(GovernanceData all, Config c) {
        Map<String, List<Proposal>> byDao = new LinkedHashMap<>();
        Map<String, List<Vote>> votes = all.votesByProposal();
        for (Proposal p : all.proposals()) {
            if (p.outcome() != Outcome.PASSED && p.outcome() != Outcome.DEFEATED) continue;
            if (p.quorum() == null || p.quorum().signum() == 0 || !votes.containsKey(p.key())) continue;
            byDao.computeIfAbsent(p.dao(), k -> new ArrayList<>()).add(p);
        }
        List<DaoResult> out = new ArrayList<>();
        for (var e : byDao.entrySet()) {
            List<Proposal> ps = new ArrayList<>(e.getValue());
            if (ps.size() < c.minProposals()) continue;
            ps.sort(Comparator.comparingLong(Proposal::voteStart).thenComparing(Proposal::proposalId));
            List<Proposal> hist = ps.subList(0, c.historyProposals()), test = ps.subList(c.historyProposals(), ps.size());
            if (test.stream().map(Proposal::outcome).distinct().count() < 2) continue;
            double[][] xh = features(hist, votes, c.checkpoint()), xt = features(test, votes, c.checkpoint());
            double[] yh = labels(hist), yt = labels(test);
            double passes = 0;
            for (double y : yh) passes += y;
            double rate = (passes + 1) / (yh.length + 2);
            double[] base = new double[yt.length];
            java.util.Arrays.fill(base, rate);
            double own = brier(fit(xh, yh, new double[0][], new double[0], 0), xt, yt);
            // Synthetic data fitted on the DAO's own history, and on every other DAO pooled (voter-level DP, same epsilon).
            GovernanceData histData = subset(all, hist);
            List<Proposal> others = new ArrayList<>();
            for (var o : byDao.entrySet()) if (!o.getKey().equals(e.getKey())) others.addAll(o.getValue());
            GovernanceData otherData = subset(all, others);
            double sumOwn = 0, sumPooled = 0;
            for (int r = 0; r < c.repeats(); r++) {
                sumOwn += brier(augmented(xh, yh, histData, c, r), xt, yt);
                sumPooled += brier(augmented(xh, yh, otherData, c, 1000 + r), xt, yt);
            }
            out.add(new DaoResult(e.getKey(), hist.size(), test.size(), Metrics.brier(base, toInt(yt)), own, sumOwn / c.repeats(), sumPooled / c.repeats(), c.repeats()));
        }
        return out;
    }

    private static Nd4jFit.Fit augmented(double[][] xh, double[] yh, GovernanceData source, Config c, long seed) {
        GovernanceSynth.Stats s;
        try {
            s = GovernanceSynth.fit(source, new PrivacyBudget(c.epsilon(), GovernanceSynth.RELEASES), c.maxProposalsPerVoter());
        } catch (IllegalArgumentException ex) {
            // Noise can push a released statistic outside the generator's valid range: fall back to no augmentation.
            return fit(xh, yh, new double[0][], new double[0], 0);
        }
        GovernanceData syn = GovernanceSynth.generate(s, "syn", c.syntheticProposals(), seed);
        List<Proposal> sp = syn.proposals();
        return fit(xh, yh, features(sp, syn.votesByProposal(), c.checkpoint()), labels(sp), c.syntheticWeight());
    }

    /** Logistic fit on real rows plus synthetic rows replicated at a fractional weight (by subsampling: weight x count rows). */
    private static Nd4jFit.Fit fit(double[][] x, double[] y, double[][] xs, double[] ys, double weight) {
        int keep = (int) Math.round(weight * xs.length);
        double[][] X = new double[x.length + keep][];
        double[] Y = new double[x.length + keep];
        for (int i = 0; i < x.length; i++) { X[i] = x[i]; Y[i] = y[i]; }
        for (int i = 0; i < keep; i++) { X[x.length + i] = xs[i]; Y[x.length + i] = ys[i]; }
        return Nd4jFit.logistic(X, Y, 0.1, 25);
    }

    private static double brier(Nd4jFit.Fit f, double[][] x, double[] y) {
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) p[i] = LinearReadout.sigmoid(f.predict(x[i]));
        return Metrics.brier(p, toInt(y));
    }

    static double[][] features(List<Proposal> ps, Map<String, List<Vote>> votes, double checkpoint) {
        double[][] x = new double[ps.size()][];
        for (int i = 0; i < ps.size(); i++) {
            Proposal p = ps.get(i);
            long asOf = p.voteStart() + (long) (checkpoint * p.windowSeconds());
            double q = p.quorum().doubleValue(), f = 0, a = 0;
            int n = 0;
            for (Vote v : votes.getOrDefault(p.key(), List.of())) {
                if (v.timestamp() >= asOf) continue;
                n++;
                if (v.choice() == Choice.FOR) f += v.weight().doubleValue();
                else if (v.choice() == Choice.AGAINST) a += v.weight().doubleValue();
            }
            x[i] = new double[]{f + a > 0 ? f / (f + a) : 0.5, Math.log10(1 + f / q), Math.log10(1 + a / q), Math.log10(1 + n)};
        }
        return x;
    }

    private static double[] labels(List<Proposal> ps) {
        return ps.stream().mapToDouble(p -> p.outcome() == Outcome.PASSED ? 1 : 0).toArray();
    }

    private static int[] toInt(double[] y) {
        int[] o = new int[y.length];
        for (int i = 0; i < y.length; i++) o[i] = (int) y[i];
        return o;
    }

    private static GovernanceData subset(GovernanceData all, List<Proposal> ps) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Proposal p : ps) keys.add(p.key());
        return new GovernanceData(ps, all.votes().stream().filter(v -> keys.contains(v.dao() + "\u0000" + v.proposalId())).toList());
    }
}
