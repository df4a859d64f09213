package org.neuroracle.forecast.history;

import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.model.VoteObservation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A DAO's past as seen from one proposal's start: the prior from past outcomes, the proposer's record, the usual
 * turnout and turnout curve, and the regular voters (participation rate, typical share of turnout, for-rate).
 * Built once per proposal; {@link #features} then adds what is known at a checkpoint (who has voted so far).
 */
public final class HistoryContext {
    /** Pseudo-count of the pooled rate in the DAO prior, and of the DAO prior in the proposer's record. */
    public static final double PRIOR_WEIGHT = 10, PROPOSER_WEIGHT = 3;
    /** Past proposals the usual turnout and the turnout curve are taken over (the latest ones: DAOs drift). */
    public static final int RECENT = 30;
    /** Regular voters kept (by expected mass) and large holders watched. */
    public static final int REGULARS = 64, LARGE = 10;

    /** Names of {@link #features}, in order. */
    public static final List<String> NAMES = List.of("prior_logit", "log1p_past_proposals", "proposer_logit_delta",
            "log1p_proposer_past", "usual_turnout_share_by_now", "log10_cast_over_usual_turnout", "regular_mass_to_come",
            "projected_for_share", "log10_projected_for_over_quorum", "large_holders_to_vote", "large_holders_lean");

    record Regular(String voter, double rate, double share, double forRate) {}

    private final String dao;           // the DAO's name in the history; null for a DAO it has not seen
    private final int past;
    private final double prior, pooled;
    private final int proposerPast;
    private final double proposerRate;
    private final double usualTurnout; // tokens; NaN without history
    private final double[] curve;       // median share of final turnout by 5% steps; null without history
    private final List<Regular> regulars, large;

    private HistoryContext(String dao, int past, double prior, double pooled, int proposerPast, double proposerRate, double usualTurnout,
                           double[] curve, List<Regular> regulars, List<Regular> large) {
        this.dao = dao; this.past = past; this.prior = prior; this.pooled = pooled; this.proposerPast = proposerPast; this.proposerRate = proposerRate;
        this.usualTurnout = usualTurnout; this.curve = curve; this.regulars = regulars; this.large = large;
    }

    public int pastProposals() { return past; }

    /** The DAO this context belongs to, as the history names it; null where the history has not seen it. */
    public String dao() { return dao; }

    public double prior() { return prior; }

    public double pooled() { return pooled; }

    /** The clamped logit of the shrunk prior: history feature 0 and the calibration map's offset. */
    public double priorLogit() { return new Prior(past, prior, proposerPast, proposerRate).priorLogit(); }

    /** The DAO prior and the proposer's record at a proposal's start: all of the context the pooled rate reaches. */
    private record Prior(int past, double prior, int proposerPast, double proposerRate) {
        static Prior of(DaoHistory.Dao d, double pooled, String proposalId, String proposer, long voteStart) {
            if (d == null) return new Prior(0, pooled, 0, pooled);
            int n = d.pastCount(voteStart);
            int passes = 0;
            for (int i = 0; i < n; i++) if (d.passed()[i]) passes++;
            double prior = (passes + PRIOR_WEIGHT * pooled) / (n + PRIOR_WEIGHT);
            String who = proposer != null && !proposer.isBlank() ? proposer.toLowerCase(Locale.ROOT) : null;
            if (who == null) for (int i = 0; i < d.proposalIds().length; i++)
                if (d.proposalIds()[i].equals(proposalId) && !d.proposers()[i].isEmpty()) { who = d.proposers()[i]; break; }
            int pc = 0, pp = 0;
            if (who != null) for (int i = 0; i < n; i++) if (d.proposers()[i].equals(who)) { pc++; if (d.passed()[i]) pp++; }
            return new Prior(n, prior, pc, (pp + PROPOSER_WEIGHT * prior) / (pc + PROPOSER_WEIGHT));
        }

        double priorLogit() { return clamp(logit(prior), -4, 4); }

        double proposerDelta() { return proposerPast == 0 ? 0 : clamp(logit(proposerRate) - logit(prior), -2, 2); }
    }

    /** Features 0 and 2 (prior_logit, proposer_logit_delta), the only ones the pooled rate changes. */
    static double[] priorFeatures(DaoHistory.Dao d, double pooled, String proposalId, String proposer, long voteStart) {
        Prior pr = Prior.of(d, pooled, proposalId, proposer, voteStart);
        return new double[]{pr.priorLogit(), pr.proposerDelta()};
    }

    static HistoryContext of(DaoHistory.Dao d, double pooled, String proposalId, String proposer, long voteStart) {
        return of(d, pooled, proposalId, proposer, voteStart, Past::of);
    }

    /**
     * As {@link #of(DaoHistory.Dao, double, String, String, long)}, with the part that depends only on the DAO and
     * how many of its proposals had ended ({@link Past}) taken from {@code past} (a memo, {@link ContextMemo}).
     */
    static HistoryContext of(DaoHistory.Dao d, double pooled, String proposalId, String proposer, long voteStart,
                             java.util.function.BiFunction<DaoHistory.Dao, Integer, Past> past) {
        Prior pr = Prior.of(d, pooled, proposalId, proposer, voteStart);
        if (d == null) return new HistoryContext(null, 0, pooled, pooled, 0, pooled, Double.NaN, null, List.of(), List.of());
        int n = pr.past(), pc = pr.proposerPast();
        double prior = pr.prior(), pRate = pr.proposerRate();
        if (n == 0) return new HistoryContext(d.name(), 0, prior, pooled, pc, pRate, Double.NaN, null, List.of(), List.of());
        Past p = past.apply(d, n);
        return new HistoryContext(d.name(), n, prior, pooled, pc, pRate, p.usual(), p.curve(), p.regulars(), p.large());
    }

    /**
     * What a DAO's first n ended proposals say whoever asks: the usual turnout, the turnout curve, the regular voters
     * and the large holders. The costly part of a context (every voter of the DAO is scanned and sorted twice), the
     * same for every proposal that starts after the same n proposals ended. Immutable (curve is never written).
     */
    record Past(double usual, double[] curve, List<Regular> regulars, List<Regular> large) {
        static Past of(DaoHistory.Dao d, int n) {
            int from = Math.max(0, n - RECENT);
            double[] t = Arrays.copyOfRange(d.turnouts(), from, n);
            double usual = median(t);
            double[] curve = new double[DaoHistory.CURVE_POINTS];
            double[] col = new double[n - from];
            for (int c = 0; c < curve.length; c++) {
                for (int i = from; i < n; i++) col[i - from] = d.curvePpm()[i * DaoHistory.CURVE_POINTS + c] / 1e6;
                curve[c] = median(col);
            }
            List<Regular> regs = new ArrayList<>();
            for (int v = 0; v < d.voters().length; v++) {
                int count = 0, first = -1, fors = 0, againsts = 0;
                double share = 0;
                for (int k = d.voteStart()[v]; k < d.voteStart()[v + 1]; k++) {
                    int i = d.voteProposal()[k];
                    if (i >= n) break; // sorted by proposal index = by end
                    if (first < 0) first = i;
                    count++;
                    share += d.voteSharePpm()[k] / 1e6;
                    if (d.voteChoice()[k] == Choice.FOR.ordinal()) fors++;
                    else if (d.voteChoice()[k] == Choice.AGAINST.ordinal()) againsts++;
                }
                if (count < 2) continue;
                regs.add(new Regular(d.voters()[v], count / (double) (n - first), share / count, (fors + 1.0) / (fors + againsts + 2.0)));
            }
            List<Regular> bySize = new ArrayList<>(regs);
            bySize.sort(Comparator.comparingDouble((Regular r) -> -r.share()).thenComparing(Regular::voter));
            regs.sort(Comparator.comparingDouble((Regular r) -> -r.rate() * r.share()).thenComparing(Regular::voter));
            return new Past(usual, curve, List.copyOf(regs.subList(0, Math.min(REGULARS, regs.size()))),
                    List.copyOf(bySize.subList(0, Math.min(LARGE, bySize.size()))));
        }
    }

    /** Median share of final turnout cast by elapsed fraction e (linear between the 5% points, 0 at the start). */
    double curveAt(double e) {
        if (curve == null) return Double.NaN;
        double pos = e * DaoHistory.CURVE_POINTS;
        int k = (int) Math.floor(pos);
        if (k >= DaoHistory.CURVE_POINTS) return curve[DaoHistory.CURVE_POINTS - 1];
        double lo = k == 0 ? 0 : curve[k - 1], hi = curve[k];
        return lo + (pos - k) * (hi - lo);
    }

    /** The history features at an observation (NaN where unknown: no history, no quorum). */
    public double[] features(VoteObservation obs) {
        double[] f = new double[NAMES.size()];
        Arrays.fill(f, Double.NaN);
        Prior pr = new Prior(past, prior, proposerPast, proposerRate);
        f[0] = pr.priorLogit();
        f[1] = Math.log1p(past);
        f[2] = pr.proposerDelta();
        f[3] = Math.log1p(proposerPast);
        if (past == 0) return f;
        Set<String> voted = new HashSet<>();
        double forW = 0, againstW = 0, cast = 0;
        for (VoteObservation.Cast c : obs.votes()) {
            voted.add(c.voter().toLowerCase(Locale.ROOT));
            double w = c.weight().doubleValue();
            cast += w;
            if (c.choice() == Choice.FOR) forW += w;
            else if (c.choice() == Choice.AGAINST) againstW += w;
        }
        double e = obs.elapsedFraction();
        double by = curveAt(e);
        f[4] = by;
        double u = usualTurnout;
        if (!(u > 0)) return f;
        f[5] = cast > 0 ? clamp(StrictMath.log10(cast / u), -3, 1) : -3;
        double regFor = 0, regAgainst = 0, mass = 0;
        for (Regular r : regulars) {
            if (voted.contains(r.voter())) continue;
            double m = r.rate() * r.share();
            mass += m;
            regFor += m * r.forRate();
            regAgainst += m * (1 - r.forRate());
        }
        f[6] = clamp(mass, 0, 2);
        double remaining = Math.max(0, u * (1 - by));
        double reg = (regFor + regAgainst) * u;
        double scaleReg = reg > remaining && reg > 0 ? remaining / reg : 1;
        double other = Math.max(0, remaining - reg);
        double s = forW + againstW > 0 ? forW / (forW + againstW) : 0.5;
        double pf = forW + regFor * u * scaleReg + other * s, pa = againstW + regAgainst * u * scaleReg + other * (1 - s);
        f[7] = pf + pa > 0 ? pf / (pf + pa) : 0.5;
        BigDecimal q = obs.quorum();
        if (q != null && q.signum() > 0) f[8] = pf > 0 ? clamp(StrictMath.log10(pf / q.doubleValue()), -2, 1) : -2;
        double toVote = 0, lean = 0;
        for (Regular r : large) {
            if (voted.contains(r.voter())) continue;
            toVote += r.rate();
            lean += r.rate() * r.share() * (2 * r.forRate() - 1);
        }
        f[9] = toVote / LARGE;
        f[10] = clamp(lean, -1, 1);
        return f;
    }

    static double logit(double p) {
        double q = Math.max(1e-4, Math.min(1 - 1e-4, p));
        return StrictMath.log(q / (1 - q));
    }

    static double clamp(double v, double lo, double hi) { return Math.max(lo, Math.min(hi, v)); }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
