package org.neuroracle.forecast.train;

import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Outcome;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.Vote;
import org.neuroracle.forecast.encode.HistoryEncoder;
import org.neuroracle.forecast.encode.InputSpikes;
import org.neuroracle.forecast.history.DaoHistory;
import org.neuroracle.forecast.history.HistoryContext;
import org.neuroracle.forecast.encode.VoteEncoder;
import org.neuroracle.forecast.model.Reservoir;
import org.neuroracle.forecast.model.VoteModel;
import org.neuroracle.forecast.model.VoteObservation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Training and evaluation samples: one per (decided proposal with at least one vote, checkpoint fraction), with
 * the spiking features (the network run on what was known at that checkpoint), the early tally features the
 * baselines use, and the targets. Proposals without any recorded vote are left out (the DAOstack export is
 * truncated at 6,000 votes, so many of its proposals have none).
 */
public final class VoteSamples {
    private VoteSamples() {}

    /** Checkpoints trained on; evaluation uses 0, 10, 25, 50 and 75% among them. */
    public static final double[] TRAIN_FRACTIONS = {0, 0.05, 0.10, 0.175, 0.25, 0.375, 0.50, 0.625, 0.75, 0.875};

    public record Sample(Proposal proposal, double fraction, int[] features, double[] early, double[] history, boolean ruleSaysPass,
                         int label, double finalShare, double logTurnout, double currentShare, double shareAnchor,
                         double turnoutAnchor, double scale,
                         long synapticOps, long membraneUpdates, long spikes) {}

    /** Names of the early tally features, in order (logistic-regression baseline). */
    public static final List<String> EARLY = List.of("elapsed", "current_for_share", "log10_1p_for_over_scale",
            "log10_1p_against_over_scale", "log10_1p_votes", "for_meets_quorum", "has_quorum");

    public static List<Proposal> usable(GovernanceData data) {
        Map<String, List<Vote>> byP = data.votesByProposal();
        return data.proposals().stream().filter(p -> p.outcome().decided() && byP.containsKey(p.key())).toList();
    }

    /** Sample features from the data's own history (each proposal sees only proposals ended before its start). */
    public static List<Sample> build(GovernanceData data, VoteEncoder enc, HistoryEncoder hist, Reservoir res, double[] fractions, int threads) {
        return build(data, DaoHistory.of(data), enc, hist, res, fractions, threads);
    }

    public static List<Sample> build(GovernanceData data, DaoHistory past, VoteEncoder enc, HistoryEncoder hist, Reservoir res, double[] fractions, int threads) {
        return build(data, usable(data), past, null, enc, hist, res, fractions, threads);
    }

    /**
     * Samples of the proposals {@code ps} (usable ones of {@code data}), their history contexts built with DAO
     * {@code excludedFromPooled} (null: none) left out of the pooled rate.
     */
    public static List<Sample> build(GovernanceData data, List<Proposal> ps, DaoHistory past, String excludedFromPooled, VoteEncoder enc, HistoryEncoder hist,
                                     Reservoir res, double[] fractions, int threads) {
        Map<String, List<Vote>> byP = data.votesByProposal();
        int t = Math.max(1, threads);
        List<Sample> out = new ArrayList<>();
        try (ExecutorService ex = Executors.newFixedThreadPool(t)) {
            List<Future<List<Sample>>> fs = new ArrayList<>();
            for (int k = 0; k < t; k++) {
                int part = k;
                fs.add(ex.submit(() -> {
                    List<Sample> l = new ArrayList<>();
                    try (Reservoir.Runner runner = new Reservoir.Runner(res, "cpu")) {
                        for (int i = part; i < ps.size(); i += t) {
                            Proposal p = ps.get(i);
                            HistoryContext ctx = past.at(p.dao(), p.proposalId(), p.proposer(), p.voteStart(), excludedFromPooled);
                            for (double f : fractions) l.add(sample(p, byP.get(p.key()), f, enc, hist, ctx, res, runner));
                        }
                    }
                    return l;
                }));
            }
            for (var f : fs) out.addAll(f.get());
        } catch (Exception e) {
            throw new IllegalStateException("feature extraction failed: " + e.getMessage(), e);
        }
        out.sort(ORDER);
        return out;
    }

    /**
     * The training samples of a leave-one-DAO-out split as if DAO {@code excluded} were absent: its outcomes leave
     * the pooled rate behind every other DAO's prior (history features 0 and 2). The result equals
     * {@code build(data, <their proposals>, past, excluded, ...)} sample for sample, but only proposals whose prior
     * or proposer feature lands in another bin (different input spikes) are run through the network again; the
     * others keep their spike counts and get the new feature values (which the plain logistic readout reads).
     * {@code samples} must hold whole proposals (all fractions, consecutive), none of DAO {@code excluded}.
     */
    public static Rebuilt withoutInPooled(List<Sample> samples, String excluded, GovernanceData data, DaoHistory past, VoteEncoder enc,
                                               HistoryEncoder hist, Reservoir res, double[] fractions, int threads) {
        List<Sample> out = new ArrayList<>(samples.size());
        List<Proposal> rerun = new ArrayList<>();
        java.util.Set<String> rerunKeys = new java.util.HashSet<>();
        int i = 0;
        while (i < samples.size()) {
            Proposal p = samples.get(i).proposal();
            if (p.dao().equals(excluded)) throw new IllegalArgumentException("withoutInPooled: a sample of the excluded DAO " + excluded);
            int j = i;
            while (j < samples.size() && samples.get(j).proposal().key().equals(p.key())) j++;
            double[] pf = past.pooledDependentFeatures(p.dao(), p.proposalId(), p.proposer(), p.voteStart(), excluded);
            boolean same = true;
            for (int k = i; k < j && same; k++) {
                double[] h = samples.get(k).history();
                same = hist.bin(0, h[0]) == hist.bin(0, pf[0]) && hist.bin(2, h[2]) == hist.bin(2, pf[1]);
            }
            if (same) {
                for (int k = i; k < j; k++) {
                    Sample s = samples.get(k);
                    double[] h = s.history().clone();
                    h[0] = pf[0];
                    h[2] = pf[1];
                    out.add(new Sample(s.proposal(), s.fraction(), s.features(), s.early(), h, s.ruleSaysPass(), s.label(), s.finalShare(), s.logTurnout(),
                            s.currentShare(), s.shareAnchor(), s.turnoutAnchor(), s.scale(), s.synapticOps(), s.membraneUpdates(), s.spikes()));
                }
            } else if (rerunKeys.add(p.key())) rerun.add(p);
            i = j;
        }
        out.addAll(build(data, rerun, past, excluded, enc, hist, res, fractions, threads));
        out.sort(ORDER);
        return new Rebuilt(out, rerun.size());
    }

    /** Samples rebuilt by {@link #withoutInPooled} and how many proposals went through the network again. */
    public record Rebuilt(List<Sample> samples, int rerunProposals) {}

    /** The order samples are kept in: DAO, vote start, proposal id, fraction. */
    static final java.util.Comparator<Sample> ORDER = java.util.Comparator.comparing((Sample s) -> s.proposal().dao()).thenComparingLong(s -> s.proposal().voteStart())
            .thenComparing(s -> s.proposal().proposalId()).thenComparingDouble(Sample::fraction);

    static Sample sample(Proposal p, List<Vote> votes, double fraction, VoteEncoder enc, HistoryEncoder hist, HistoryContext ctx,
                         Reservoir res, Reservoir.Runner runner) {
        long asOf = VoteObservation.asOfAt(p, fraction);
        VoteObservation obs = VoteObservation.of(p, votes, asOf);
        InputSpikes in = VoteModel.encode(enc, hist, obs, ctx);
        double[] history = ctx.features(obs);
        Reservoir.Run run = runner.run(in);
        int[] x = VoteModel.features(in, run, res.inputs(), res.neurons());
        BigDecimal scale = obs.scale();
        BigDecimal forW = obs.total(Choice.FOR), againstW = obs.total(Choice.AGAINST);
        double fs = scaleOf(forW, scale), as = scaleOf(againstW, scale);
        double cur = forW.add(againstW).signum() == 0 ? 0.5 : forW.divide(forW.add(againstW), MathContext.DECIMAL64).doubleValue();
        boolean meets = p.quorum() != null && forW.compareTo(p.quorum()) >= 0;
        double[] early = {obs.elapsedFraction(), cur, Math.log10(1 + fs), Math.log10(1 + as), Math.log10(1 + obs.votes().size()), meets ? 1 : 0, p.quorum() != null ? 1 : 0};
        boolean rule = forW.compareTo(againstW) > 0 && (p.quorum() == null || meets);
        BigDecimal fFor = BigDecimal.ZERO, fAgainst = BigDecimal.ZERO, fAll = BigDecimal.ZERO;
        for (Vote v : votes) {
            fAll = fAll.add(v.weight());
            if (v.choice() == Choice.FOR) fFor = fFor.add(v.weight());
            else if (v.choice() == Choice.AGAINST) fAgainst = fAgainst.add(v.weight());
        }
        double finalShare = fFor.add(fAgainst).signum() == 0 ? Double.NaN : fFor.divide(fFor.add(fAgainst), MathContext.DECIMAL64).doubleValue();
        double logTurnout = fAll.signum() == 0 ? Double.NaN : Math.log10(scaleOf(fAll, scale));
        double shareAnchor = obs.shareAnchor(), turnoutAnchor = obs.turnoutAnchor();
        var c = run.counters();
        return new Sample(p, fraction, x, early, history, rule, p.outcome() == Outcome.PASSED ? 1 : 0, finalShare, logTurnout, cur, shareAnchor, turnoutAnchor,
                scale.doubleValue(), c.totalSynapticOps(), c.totalMembraneUpdates(), c.totalSpikes() + in.size());
    }

    private static double scaleOf(BigDecimal w, BigDecimal scale) { return w.divide(scale, MathContext.DECIMAL64).doubleValue(); }
}
