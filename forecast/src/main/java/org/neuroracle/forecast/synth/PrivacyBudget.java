package org.neuroracle.forecast.synth;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Differential privacy for fitted statistics, with the privacy unit stated and its contribution bounded.
 * Each statistic is the mean over n public records (proposals, days) of per-record values clipped to [lo, hi].
 * The caller says how many of those records one unit can change ({@code recordsPerUnit}): 1 when the unit is the
 * record itself (a day of a treasury), K when the unit is a voter whose votes were bounded to K proposals
 * ({@link VoterBound}), 0 for public facts (proposal times) that no unit changes. Values are put on a grid of
 * {@value #GRID} steps over [lo, hi], so the sum is an integer with L1 sensitivity recordsPerUnit x GRID, and it
 * is released with the discrete Laplace (geometric) mechanism at its share of epsilon: exactly epsilon-DP, with
 * integer noise from a {@link SecureRandom} ({@link DiscreteLaplace}); the mean, rescaled and clipped afterwards, is
 * post-processing. Shares add up to the total (sequential composition) and every release is in the ledger.
 */
public final class PrivacyBudget {
    /** Grid steps over a statistic's clip range: quantisation moves a mean by at most (hi - lo) / (2 GRID). */
    public static final long GRID = 1 << 12;
    /** Epsilon is used as a rational with this denominator, rounded down (never more budget than stated). */
    static final long EPSILON_DENOMINATOR = 1_000_000;

    /** Where the integer noise comes from; tests substitute one that records the exact sums. */
    interface Noise { long sample(long s, long t, String statistic, long exactSum, long sensitivity); }

    private final double totalEpsilon;
    private final int releases;
    private final Noise noise;
    private final List<Map<String, Object>> ledger = new ArrayList<>();
    private double spent;

    /** {@code totalEpsilon} <= 0 or infinite means no privacy (exact statistics); noise from a SecureRandom. */
    public PrivacyBudget(double totalEpsilon, int releases) {
        this(totalEpsilon, releases, secure());
    }

    PrivacyBudget(double totalEpsilon, int releases, Noise noise) {
        if (releases < 1) throw new IllegalArgumentException("releases must be >= 1");
        if (Double.isNaN(totalEpsilon)) throw new IllegalArgumentException("epsilon: not a number");
        this.totalEpsilon = totalEpsilon;
        this.releases = releases;
        this.noise = noise;
    }

    private static Noise secure() {
        DiscreteLaplace d = new DiscreteLaplace();
        return (s, t, name, sum, sens) -> d.sample(s, t);
    }

    public boolean enabled() { return totalEpsilon > 0 && Double.isFinite(totalEpsilon); }

    /** The epsilon of one release as a rational num / {@link #EPSILON_DENOMINATOR}, rounded down. */
    long epsilonNumerator() {
        long num = BigDecimal.valueOf(totalEpsilon).multiply(BigDecimal.valueOf(EPSILON_DENOMINATOR))
                .divide(BigDecimal.valueOf(releases), 0, RoundingMode.FLOOR).longValueExact();
        if (num < 1) throw new IllegalArgumentException("epsilon: " + totalEpsilon + " over " + releases + " releases is below 1e-6 per release");
        return num;
    }

    /** A statistic of records each of which one unit can change (the unit is the record). */
    public double mean(String name, double[] values, double lo, double hi) { return mean(name, values, lo, hi, 1); }

    /** Releases the clipped mean of {@code values}, noised for a unit that can change {@code recordsPerUnit} of them. */
    public double mean(String name, double[] values, double lo, double hi, int recordsPerUnit) {
        if (!(hi > lo)) throw new IllegalArgumentException(name + ": clip range must have hi > lo");
        if (recordsPerUnit < 0) throw new IllegalArgumentException(name + ": recordsPerUnit must be >= 0");
        int n = Math.max(1, values.length);
        if (!enabled() || recordsPerUnit == 0) {
            if (enabled()) ledger.add(entry(name, 0, lo, hi, n, recordsPerUnit, 0, "public: no unit changes it, released exactly"));
            double exact = 0;
            for (double v : values) exact += Math.max(lo, Math.min(hi, v));
            return exact / n;
        }
        double step = (hi - lo) / GRID;
        long sum = 0;
        for (double v : values) sum += Math.round((Math.max(lo, Math.min(hi, v)) - lo) / step);
        long sensitivity = Math.multiplyExact((long) Math.min(recordsPerUnit, n), GRID);
        long epsNum = epsilonNumerator();
        // P(z) ~ exp(-|z| eps / sensitivity) with eps = epsNum / D: s = epsNum, t = sensitivity * D.
        long z = noise.sample(epsNum, Math.multiplyExact(sensitivity, EPSILON_DENOMINATOR), name, sum, sensitivity);
        double eps = (double) epsNum / EPSILON_DENOMINATOR;
        spent += eps;
        if (spent > totalEpsilon * (1 + 1e-9)) throw new IllegalStateException("privacy budget exceeded: " + spent + " > " + totalEpsilon);
        ledger.add(entry(name, eps, lo, hi, n, recordsPerUnit, sensitivity / eps * step / n,
                "discrete Laplace on the integer sum, L1 sensitivity " + sensitivity + " grid steps"));
        return Math.max(lo, Math.min(hi, lo + (sum + z) * step / n));
    }

    private static Map<String, Object> entry(String name, double eps, double lo, double hi, int n, int perUnit, double scaleOfMean, String mechanism) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("statistic", name);
        e.put("epsilon", eps);
        e.put("clip", List.of(lo, hi));
        e.put("records", n);
        e.put("records_per_unit", perUnit);
        e.put("laplace_scale_of_mean", scaleOfMean);
        e.put("mechanism", mechanism);
        return e;
    }

    public double spent() { return spent; }

    public double total() { return enabled() ? totalEpsilon : 0; }

    public List<Map<String, Object>> ledger() { return List.copyOf(ledger); }
}
