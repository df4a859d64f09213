package org.neuroracle.forecast.synth;

import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Outcome;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.Vote;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded synthetic governance data. Per proposal: a number of voters (log-normal), each with a weight relative to
 * the quorum drawn from a two-part log-normal (many small holders, a few whales), a support level drawn from a
 * Beta around the DAO's mean support, each voter choosing for with that probability (abstain with a fixed share),
 * arriving at a Beta-distributed fraction of the window. The outcome follows the Governor rule: passed iff
 * for > against and for >= quorum. {@link #fit} estimates these statistics from canonical data, optionally with
 * differential privacy ({@link PrivacyBudget}) whose unit is the voter: each voter's votes are first bounded to
 * {@code maxProposalsPerVoter} proposals ({@link VoterBound}), so one voter changes at most that many per-proposal
 * values, and the noise of each voter-dependent statistic is calibrated to that many records. Proposals (their
 * existence, quorum and times) are public on chain, so window and gap statistics are released exactly.
 */
public final class GovernanceSynth {
    /** The generator's statistics (all means over proposals, or over votes pooled per proposal first). */
    public record Stats(double meanLogVoters, double sdLogVoters, double meanLog10Weight, double sdLog10Weight,
                        double whaleShare, double whaleLog10Weight, double meanSupport, double supportConcentration,
                        double abstainShare, double arrivalMean, double arrivalVar, double windowDays, double gapDays) {
        public Stats {
            if (!(sdLogVoters >= 0 && sdLog10Weight > 0 && whaleShare >= 0 && whaleShare < 1 && meanSupport > 0 && meanSupport < 1
                    && supportConcentration > 0 && abstainShare >= 0 && abstainShare < 1 && arrivalMean > 0 && arrivalMean < 1
                    && arrivalVar > 0 && arrivalVar < arrivalMean * (1 - arrivalMean) && windowDays > 0 && gapDays > 0))
                throw new IllegalArgumentException("synthetic governance statistics out of range: " + this);
        }

        public static Stats defaults() { return new Stats(Math.log(40), 0.8, -3.0, 1.2, 0.03, -0.5, 0.8, 6, 0.03, 0.35, 0.06, 3, 5); }
    }

    public static GovernanceData generate(Stats s, String dao, int proposals, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Proposal> ps = new ArrayList<>();
        List<Vote> vs = new ArrayList<>();
        BigDecimal quorum = new BigDecimal("400000");
        long t = 1_600_000_000L;
        double aArr = s.arrivalMean() * (s.arrivalMean() * (1 - s.arrivalMean()) / s.arrivalVar() - 1);
        double bArr = (1 - s.arrivalMean()) * (s.arrivalMean() * (1 - s.arrivalMean()) / s.arrivalVar() - 1);
        for (int i = 0; i < proposals; i++) {
            t += (long) (-Math.log(1 - r.nextDouble()) * s.gapDays() * 86400);
            long window = (long) (s.windowDays() * 86400);
            int n = (int) Math.max(1, Math.min(MAX_VOTERS, Math.round(Math.exp(s.meanLogVoters() + s.sdLogVoters() * gauss(r)))));
            double support = beta(r, s.meanSupport() * s.supportConcentration(), (1 - s.meanSupport()) * s.supportConcentration());
            BigDecimal forW = BigDecimal.ZERO, againstW = BigDecimal.ZERO;
            String id = Integer.toString(i + 1);
            for (int k = 0; k < n; k++) {
                boolean whale = r.nextDouble() < s.whaleShare();
                double l10 = whale ? s.whaleLog10Weight() + 0.3 * gauss(r) : s.meanLog10Weight() + s.sdLog10Weight() * gauss(r);
                BigDecimal w = quorum.multiply(BigDecimal.valueOf(Math.pow(10, l10)), MathContext.DECIMAL64).setScale(6, RoundingMode.HALF_EVEN);
                double u = r.nextDouble();
                Choice c = u < s.abstainShare() ? Choice.ABSTAIN : r.nextDouble() < support ? Choice.FOR : Choice.AGAINST;
                if (c == Choice.FOR) forW = forW.add(w);
                if (c == Choice.AGAINST) againstW = againstW.add(w);
                long at = t + (long) (beta(r, aArr, bArr) * window);
                vs.add(new Vote(dao, id, at, String.format("0x%040x", (long) k * 7919 + i), c, w));
            }
            Outcome o = forW.compareTo(againstW) > 0 && forW.compareTo(quorum) >= 0 ? Outcome.PASSED : Outcome.DEFEATED;
            ps.add(new Proposal(dao, id, t - 86400, t, t + window, quorum, o));
        }
        return new GovernanceData(ps, vs);
    }

    /** Voter-level bound used when none is given: a voter counts in at most this many proposals. */
    public static final int DEFAULT_MAX_PROPOSALS_PER_VOTER = 8;

    /** {@link #fit(GovernanceData, PrivacyBudget, int)} with {@link #DEFAULT_MAX_PROPOSALS_PER_VOTER}. */
    public static Stats fit(GovernanceData d, PrivacyBudget dp) { return fit(d, dp, DEFAULT_MAX_PROPOSALS_PER_VOTER); }

    /**
     * Statistics of canonical data with the privacy budget applied. The records are the proposals with a quorum
     * (public); with privacy on, each voter's votes are first bounded to {@code maxProposalsPerVoter} proposals and a
     * proposal left without votes contributes neutral values. Without privacy, all votes count and proposals without
     * votes are skipped (the exact statistics of the data).
     */
    public static Stats fit(GovernanceData d, PrivacyBudget dp, int maxProposalsPerVoter) {
        int k = dp.enabled() ? maxProposalsPerVoter : Integer.MAX_VALUE;
        GovernanceData bounded = dp.enabled() ? VoterBound.bound(d, maxProposalsPerVoter).data() : d;
        Map<String, List<Vote>> byP = bounded.votesByProposal();
        List<double[]> per = new ArrayList<>();
        for (Proposal p : bounded.proposals()) {
            List<Vote> vs = byP.get(p.key());
            if (p.quorum() == null || p.quorum().signum() == 0) continue;
            if (vs == null || vs.isEmpty()) {
                // The record set must not depend on votes under voter-level privacy: neutral values, not a skip.
                if (dp.enabled()) per.add(new double[]{0, -3, 1, 0, -0.5, 0.5, 0, 0.5, 0.05, p.windowSeconds() / 86400.0});
                continue;
            }
            double q = p.quorum().doubleValue();
            double sumL = 0, sumL2 = 0, whales = 0, whaleL = 0, forW = 0, fa = 0, abst = 0, arr = 0, arr2 = 0;
            int small = 0;
            for (Vote v : vs) {
                double l = Math.log10(Math.max(1e-12, v.weight().doubleValue() / q));
                if (l > WHALE_LOG10) { whales++; whaleL += l; }
                else { small++; sumL += l; sumL2 += l * l; }
                if (v.choice() == Choice.FOR) forW++;
                if (v.choice() != Choice.ABSTAIN) fa++; else abst++;
                double f = Math.max(0, Math.min(1, (v.timestamp() - p.voteStart()) / (double) p.windowSeconds()));
                arr += f;
                arr2 += f * f;
            }
            int n = vs.size();
            double mL = small == 0 ? -3 : sumL / small;
            per.add(new double[]{Math.log(n), mL, small < 2 ? 1 : Math.sqrt(Math.max(0, sumL2 / small - mL * mL)), whales / n,
                    whales == 0 ? -0.5 : whaleL / whales, fa == 0 ? 0.5 : forW / fa, abst / n, arr / n, Math.max(1e-4, arr2 / n - (arr / n) * (arr / n)),
                    p.windowSeconds() / 86400.0});
        }
        if (per.size() < 5) throw new IllegalArgumentException("synth --fit: need at least 5 proposals with a quorum and votes, found " + per.size());
        double[][] c = new double[10][per.size()];
        for (int i = 0; i < per.size(); i++) for (int j = 0; j < 10; j++) c[j][i] = per.get(i)[j];
        double mLogN = dp.mean("mean_log_voters", c[0], 0, 9, k);
        double m2 = dp.mean("mean_sq_log_voters", square(c[0]), 0, 81, k);
        // Post-processing (free under DP): a noisy second moment can imply an absurd spread; cap it.
        double sdLogN = Math.min(1.5, Math.sqrt(Math.max(0.01, m2 - mLogN * mLogN)));
        double mW = dp.mean("mean_log10_weight", c[1], -8, 1, k);
        double sdW = Math.max(0.05, dp.mean("sd_log10_weight", c[2], 0, 4, k));
        double whale = Math.min(0.5, dp.mean("whale_share", c[3], 0, 1, k));
        double whaleL = dp.mean("whale_log10_weight", c[4], WHALE_LOG10, 1, k);
        double support = Math.max(0.01, Math.min(0.99, dp.mean("mean_support", c[5], 0, 1, k)));
        double supportSq = dp.mean("mean_sq_support", square(c[5]), 0, 1, k);
        double varS = Math.max(1e-4, supportSq - support * support);
        double conc = Math.max(0.5, Math.min(200, support * (1 - support) / varS - 1));
        double abst = Math.min(0.5, dp.mean("abstain_share", c[6], 0, 1, k));
        double arrM = Math.max(0.02, Math.min(0.98, dp.mean("arrival_mean", c[7], 0, 1, k)));
        double arrV = Math.max(1e-4, Math.min(arrM * (1 - arrM) * 0.95, dp.mean("arrival_var", c[8], 0, 0.25, k)));
        double win = Math.max(0.01, dp.mean("window_days", c[9], 0, 14, 0));
        // Gaps between consecutive vote starts, also released through the budget (not read off the raw span).
        long[] starts = d.proposals().stream().mapToLong(Proposal::voteStart).sorted().toArray();
        double[] gaps = new double[Math.max(1, starts.length - 1)];
        for (int i = 1; i < starts.length; i++) gaps[i - 1] = (starts[i] - starts[i - 1]) / 86400.0;
        double gap = Math.max(0.1, dp.mean("gap_days", gaps, 0, 30, 0));
        return new Stats(mLogN, sdLogN, mW, sdW, whale, whaleL, support, conc, abst, arrM, arrV, win, gap);
    }

    /** Voters per generated proposal are capped here (the largest real DAO votes have a few thousand). */
    static final int MAX_VOTERS = 20_000;

    /** A vote above 10% of the quorum counts as a whale's when fitting (the split biases the small-holder mean slightly). */
    static final double WHALE_LOG10 = -1.0;

    /** The number of voter-dependent statistics {@link #fit} releases (its privacy budget is split over these). */
    public static final int RELEASES = 11;

    private static double[] square(double[] a) {
        double[] s = new double[a.length];
        for (int i = 0; i < a.length; i++) s[i] = a[i] * a[i];
        return s;
    }

    static double gauss(SplittableRandom r) {
        double u1 = 1 - r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double gamma(SplittableRandom r, double k) {
        if (k < 1) return gamma(r, k + 1) * Math.pow(r.nextDouble(), 1 / k);
        double d = k - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = gauss(r), v = Math.pow(1 + c * x, 3);
            if (v <= 0) continue;
            double u = r.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
        }
    }

    static double beta(SplittableRandom r, double a, double b) {
        double x = gamma(r, a), y = gamma(r, b);
        return x / (x + y);
    }
}
