package org.neuroracle.forecast.model;

import org.neuroracle.forecast.encode.InputSpikes;
import org.neuroracle.forecast.encode.SigmaDeltaEncoder;

import java.util.List;
import java.util.Map;

/**
 * The treasury forecaster: the last {@code windowDays} days of log1p(inflow) and log1p(outflow) -> sigma-delta
 * spikes -> fixed-point {@link Reservoir} -> integer readouts. Features: the decoded level of each series at the
 * last day and summed over the last 7 and 28 days (exact integer functions of the spike train: the sigma-delta
 * decoder), the day-of-week neuron of the last day, and each reservoir neuron's spike count over the last 7 days.
 * Readout [series][horizon] predicts log1p(mean daily flow over the next h days); quantiles add the 10th/90th
 * percentile of training residuals, so the median is the readout itself.
 */
public record TreasuryModel(String description, SigmaDeltaEncoder encoder, int windowDays, Reservoir reservoir,
                            int[] horizonsDays, List<List<LinearReadout>> readouts, double[][][] residualQ,
                            Map<String, String> training, Map<String, Double> metrics) implements ForecastModel {
    public static final int SERIES = 2;

    public TreasuryModel {
        if (encoder == null || reservoir == null || readouts == null || residualQ == null || horizonsDays == null)
            throw new IllegalArgumentException("treasury model: encoder, reservoir, horizons and readouts are required");
        if (encoder.seriesCount() != SERIES) throw new IllegalArgumentException("treasury model: encoder must have 2 series (inflow, outflow)");
        if (windowDays < 28 || windowDays > 3650) throw new IllegalArgumentException("treasury model: windowDays must be 28..3650, got " + windowDays);
        if (reservoir.inputs() != encoder.channelCount()) throw new IllegalArgumentException("treasury model: reservoir inputs differ from encoder channels");
        int f = featureCount(reservoir);
        if (readouts.size() != SERIES || residualQ.length != SERIES) throw new IllegalArgumentException("treasury model: one readout list per series");
        for (int s = 0; s < SERIES; s++) {
            if (readouts.get(s).size() != horizonsDays.length || residualQ[s].length != horizonsDays.length)
                throw new IllegalArgumentException("treasury model: one readout per horizon");
            for (LinearReadout r : readouts.get(s)) if (r.size() != f) throw new IllegalArgumentException("treasury model: readout has " + r.size() + " weights, expected " + f);
        }
        readouts = readouts.stream().map(List::copyOf).toList();
        training = training == null ? Map.of() : Map.copyOf(training);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    @Override public String kind() { return "treasury"; }

    public static int featureCount(Reservoir r) { return SERIES * 3 + 7 + r.neurons(); }

    /** Encodes one window: flows[series][day] in tokens, the last day being "today". */
    public InputSpikes encode(double[][] flows, int dayOfWeek0) {
        int days = flows[0].length;
        double[][] v = new double[SERIES][days];
        for (int s = 0; s < SERIES; s++) for (int d = 0; d < days; d++) v[s][d] = StrictMath.log1p(Math.max(0, flows[s][d]));
        return encoder.encode(v, days, dayOfWeek0);
    }

    public int[] features(InputSpikes in, Reservoir.Run run) {
        int days = in.totalSteps() / encoder.stepsPerDay();
        int[] f = new int[featureCount(reservoir)];
        for (int s = 0; s < SERIES; s++) {
            int[] net = new int[days];
            for (int k = 0; k < in.size(); k++) {
                int n = in.neurons()[k], d = in.steps()[k] / encoder.stepsPerDay();
                if (n >= encoder.upBase(s) && n < encoder.upBase(s) + encoder.maxSpikesPerDay()) net[d]++;
                else if (n >= encoder.downBase(s) && n < encoder.downBase(s) + encoder.maxSpikesPerDay()) net[d]--;
            }
            int level = 0, sum7 = 0, sum28 = 0;
            for (int d = 0; d < days; d++) {
                level += net[d];
                if (d >= days - 7) sum7 += level;
                if (d >= days - 28) sum28 += level;
            }
            f[s * 3] = level;
            f[s * 3 + 1] = sum7;
            f[s * 3 + 2] = sum28;
        }
        int lastDayStep = (days - 1) * encoder.stepsPerDay();
        for (int k = 0; k < in.size(); k++) {
            int n = in.neurons()[k];
            if (in.steps()[k] >= lastDayStep && n >= encoder.dayOfWeekBase()) f[SERIES * 3 + n - encoder.dayOfWeekBase()] = 1;
        }
        int from = Math.max(0, days - 7) * encoder.stepsPerDay();
        var r = run.raster();
        for (int k = 0; k < r.size(); k++)
            if (r.population(k) == 1 && r.step(k) >= from) f[SERIES * 3 + 7 + r.neuron(k)]++;
        return f;
    }

    /** Quantiles of the mean daily flow over the horizon, [series][horizon][p10, p50, p90], in tokens per day. */
    public double[][][] predict(int[] x) {
        double[][][] out = new double[SERIES][horizonsDays.length][3];
        for (int s = 0; s < SERIES; s++)
            for (int h = 0; h < horizonsDays.length; h++) {
                double m = readouts.get(s).get(h).apply(x);
                out[s][h][0] = Math.max(0, StrictMath.expm1(m + residualQ[s][h][0]));
                out[s][h][1] = Math.max(0, StrictMath.expm1(m));
                out[s][h][2] = Math.max(0, StrictMath.expm1(m + residualQ[s][h][1]));
            }
        return out;
    }

    public int horizonIndex(int days) {
        for (int i = 0; i < horizonsDays.length; i++) if (horizonsDays[i] == days) return i;
        throw new IllegalArgumentException("horizonsDays: the model has no " + days + "-day horizon");
    }

    @Override public boolean equals(Object o) { return o == this; }

    @Override public int hashCode() { return System.identityHashCode(this); }
}
