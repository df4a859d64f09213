package org.neuroracle.forecast.synth;

import org.neuroracle.forecast.data.Decimals;
import org.neuroracle.forecast.data.TreasuryData;
import org.neuroracle.forecast.data.TreasuryRow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic treasury: daily inflow = exp(level + weekly effect + noise) where the level drifts linearly and
 * jumps at shocks (a Bernoulli per day, log-normal size, either sign); outflow = a steady log-normal burn plus
 * grants (a Bernoulli per day, paid as one large outflow). Balance accumulates from an initial balance.
 * {@link #fit} estimates the statistics from a canonical series, with optional differential privacy.
 */
public final class TreasurySynth {
    public record Stats(double meanLogInflow, double sdLogInflow, double trendPerDay, double[] weekly, double shockRate,
                        double shockSd, double meanLogBurn, double grantRate, double meanLogGrant, double initialBalance) {
        public Stats {
            if (weekly == null || weekly.length != 7) throw new IllegalArgumentException("weekly: 7 day-of-week effects required");
            if (sdLogInflow < 0 || shockRate < 0 || shockRate > 1 || grantRate < 0 || grantRate > 1 || shockSd < 0)
                throw new IllegalArgumentException("synthetic treasury statistics out of range");
        }

        public static Stats defaults() {
            return new Stats(Math.log(50), 0.6, 0.002, new double[]{0.1, 0.05, 0, 0, -0.05, -0.15, -0.2}, 0.01, 0.5, Math.log(20), 0.02, Math.log(2000), 10_000);
        }
    }

    public static TreasuryData generate(Stats s, String asset, LocalDate start, int days, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TreasuryRow> rows = new ArrayList<>();
        double level = s.meanLogInflow(), balance = s.initialBalance();
        for (int d = 0; d < days; d++) {
            LocalDate date = start.plusDays(d);
            level += s.trendPerDay();
            if (r.nextDouble() < s.shockRate()) level += s.shockSd() * GovernanceSynth.gauss(r);
            double in = Math.exp(level + s.weekly()[date.getDayOfWeek().getValue() - 1] + s.sdLogInflow() * GovernanceSynth.gauss(r));
            double out = Math.exp(s.meanLogBurn() + 0.3 * GovernanceSynth.gauss(r));
            if (r.nextDouble() < s.grantRate()) out += Math.exp(s.meanLogGrant() + 0.5 * GovernanceSynth.gauss(r));
            BigDecimal inB = BigDecimal.valueOf(in).setScale(6, RoundingMode.HALF_EVEN), outB = BigDecimal.valueOf(out).setScale(6, RoundingMode.HALF_EVEN);
            balance += inB.doubleValue() - outB.doubleValue();
            rows.add(new TreasuryRow(date, asset, Decimals.canonical(inB), Decimals.canonical(outB), Decimals.canonical(BigDecimal.valueOf(balance).setScale(6, RoundingMode.HALF_EVEN))));
        }
        return new TreasuryData(rows);
    }

    public static final int RELEASES = 12;

    /** Statistics of the first asset's series (days with positive inflow for the inflow model). */
    public static Stats fit(TreasuryData data, PrivacyBudget dp) {
        var rows = data.byAsset().values().iterator().next();
        int n = rows.size();
        if (n < 28) throw new IllegalArgumentException("synth --fit: need at least 28 days of treasury data, found " + n);
        List<Double> logIn = new ArrayList<>();
        List<Integer> dow = new ArrayList<>(), idx = new ArrayList<>();
        List<Double> burns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TreasuryRow r = rows.get(i);
            double in = r.inflow().doubleValue(), out = r.outflow().doubleValue();
            if (in > 0) { logIn.add(Math.log(in)); dow.add(r.date().getDayOfWeek().getValue() - 1); idx.add(i); }
            if (out > 0) burns.add(Math.log(out));
        }
        if (logIn.size() < 14) throw new IllegalArgumentException("synth --fit: fewer than 14 days with inflow");
        // Trend by least squares of log inflow on day index; residual spread and weekday means around it.
        double mx = idx.stream().mapToInt(Integer::intValue).average().orElse(0), my = logIn.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sxy = 0, sxx = 0;
        for (int i = 0; i < logIn.size(); i++) { sxy += (idx.get(i) - mx) * (logIn.get(i) - my); sxx += (idx.get(i) - mx) * (idx.get(i) - mx); }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double[] resid = new double[logIn.size()];
        for (int i = 0; i < resid.length; i++) resid[i] = logIn.get(i) - (my + slope * (idx.get(i) - mx));
        double[] weekly = new double[7];
        for (int k = 0; k < 7; k++) {
            int kk = k;
            double[] v = java.util.stream.IntStream.range(0, resid.length).filter(i -> dow.get(i) == kk).mapToDouble(i -> resid[i]).toArray();
            weekly[k] = dp.mean("weekly_effect_" + k, v, -3, 3);
        }
        double[] abs = new double[resid.length];
        for (int i = 0; i < resid.length; i++) abs[i] = resid[i] * resid[i];
        double sd = Math.sqrt(dp.mean("inflow_residual_var", abs, 0, 25));
        double firstLevel = dp.mean("mean_log_inflow", logIn.stream().mapToDouble(Double::doubleValue).toArray(), -20, 30) - slope * mx;
        double[] slopes = new double[]{slope};
        double trend = dp.mean("trend_per_day", slopes, -0.05, 0.05);
        double burnMean = dp.mean("mean_log_outflow", burns.stream().mapToDouble(Double::doubleValue).toArray(), -20, 30);
        double[] outflowDays = rows.stream().mapToDouble(r -> r.outflow().signum() > 0 ? 1 : 0).toArray();
        double burnRate = dp.mean("outflow_day_share", outflowDays, 0, 1);
        // Shocks are not identifiable from one series next to the residual noise: a fixed 1% daily rate, residual-sized.
        double shockRate = 0.01, shockSd = Math.max(0.05, sd);
        // One number with no bounded sensitivity: under privacy the initial balance is not released at all.
        double init = dp.enabled() || rows.getFirst().balance() == null ? 0 : rows.getFirst().balance().doubleValue();
        // Outflows on only some days are modelled as grants: rate = share of days with an outflow.
        return new Stats(firstLevel, Math.max(0.01, sd), trend, weekly, shockRate, shockSd, burnRate > 0.5 ? burnMean : Math.log(1e-9), burnRate > 0.5 ? 0 : burnRate, burnMean, init);
    }
}
