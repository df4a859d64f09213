package org.neuroracle.forecast.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Differential privacy for fitted statistics: each statistic is a mean of per-unit values clipped to [lo, hi]
 * (a unit is one proposal or one day), released with the Laplace mechanism at its share of the total epsilon.
 * Sensitivity of a clipped mean over n units is (hi - lo) / n when one unit changes. Shares add up to the total
 * (sequential composition), and every release is recorded so the budget is reported, not just assumed.
 */
public final class PrivacyBudget {
    private final double totalEpsilon;
    private final int releases;
    private final SplittableRandom rnd;
    private final List<Map<String, Object>> ledger = new ArrayList<>();
    private double spent;

    /** {@code totalEpsilon} <= 0 or infinite means no privacy (exact statistics). */
    public PrivacyBudget(double totalEpsilon, int releases, long seed) {
        if (releases < 1) throw new IllegalArgumentException("releases must be >= 1");
        this.totalEpsilon = totalEpsilon;
        this.releases = releases;
        this.rnd = new SplittableRandom(seed);
    }

    public boolean enabled() { return totalEpsilon > 0 && Double.isFinite(totalEpsilon); }

    /** Releases the clipped mean of {@code values}, noised when enabled. */
    public double mean(String name, double[] values, double lo, double hi) {
        double s = 0;
        for (double v : values) s += Math.max(lo, Math.min(hi, v));
        int n = Math.max(1, values.length);
        double exact = s / n;
        if (!enabled()) return exact;
        double eps = totalEpsilon / releases;
        double sensitivity = (hi - lo) / n;
        double b = sensitivity / eps;
        double u = rnd.nextDouble() - 0.5;
        double noise = -b * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
        spent += eps;
        if (spent > totalEpsilon * (1 + 1e-9)) throw new IllegalStateException("privacy budget exceeded: " + spent + " > " + totalEpsilon);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("statistic", name);
        e.put("epsilon", eps);
        e.put("clip", List.of(lo, hi));
        e.put("units", n);
        e.put("laplace_scale", b);
        ledger.add(e);
        return Math.max(lo, Math.min(hi, exact + noise));
    }

    public double spent() { return spent; }

    public double total() { return enabled() ? totalEpsilon : 0; }

    public List<Map<String, Object>> ledger() { return List.copyOf(ledger); }
}
