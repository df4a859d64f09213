package org.neuroracle.forecast.model;

import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.encode.InputSpikes;
import org.neuroracle.forecast.encode.VoteEncoder;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The vote forecaster: vote events -> {@link VoteEncoder} spikes -> fixed-point {@link Reservoir} -> integer
 * readouts over the spike counts of every input and reservoir neuron.
 * <ul>
 *   <li>{@code pass}: logistic readout, P(pass) = sigmoid(value); {@code passBag}: the same readout trained on
 *   bootstrap resamples, whose spread gives the P(pass) bounds;</li>
 *   <li>{@code share}: final for/(for+against) (ridge); {@code turnout}: log10(final total weight / scale) (ridge),
 *   with bounds from the 10th/90th percentile of training residuals at the nearest checkpoint.</li>
 * </ul>
 */
public record VoteModel(String description, VoteEncoder encoder, Reservoir reservoir, LinearReadout pass,
                        List<LinearReadout> passBag, LinearReadout share, LinearReadout turnout,
                        double[] checkpoints, double[][] shareResidualQ, double[][] turnoutResidualQ,
                        Map<String, String> training, Map<String, Double> metrics) implements ForecastModel {

    public VoteModel {
        if (encoder == null || reservoir == null || pass == null || share == null || turnout == null || passBag == null)
            throw new IllegalArgumentException("vote model: encoder, reservoir and readouts are required");
        if (reservoir.inputs() != encoder.channelCount())
            throw new IllegalArgumentException("vote model: reservoir has " + reservoir.inputs() + " inputs but the encoder makes " + encoder.channelCount() + " channels");
        int f = featureCount(encoder, reservoir);
        for (LinearReadout r : concat(List.of(pass, share, turnout), passBag))
            if (r.size() != f) throw new IllegalArgumentException("vote model: a readout has " + r.size() + " weights, expected " + f);
        if (checkpoints == null || shareResidualQ == null || turnoutResidualQ == null || checkpoints.length == 0
                || shareResidualQ.length != checkpoints.length || turnoutResidualQ.length != checkpoints.length)
            throw new IllegalArgumentException("vote model: residual quantiles must be given per checkpoint");
        training = training == null ? Map.of() : Map.copyOf(training);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        passBag = List.copyOf(passBag);
    }

    private static List<LinearReadout> concat(List<LinearReadout> a, List<LinearReadout> b) {
        var l = new java.util.ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    @Override public String kind() { return "vote"; }

    public static int featureCount(VoteEncoder e, Reservoir r) { return e.channelCount() + r.neurons(); }

    /** Input and reservoir spike counts of one run: the readout features. */
    public static int[] features(InputSpikes in, Reservoir.Run run, int inputs, int neurons) {
        int[] f = new int[inputs + neurons];
        for (int n : in.neurons()) f[n]++;
        var r = run.raster();
        for (int k = 0; k < r.size(); k++) if (r.population(k) == 1) f[inputs + r.neuron(k)]++;
        return f;
    }

    /** Everything a forecast computes, before formatting. */
    public record Answer(double elapsed, Interval3 pPass, Interval3 forShare, Interval3 turnout, InputSpikes input,
                         Reservoir.Run run) {}

    public record Interval3(double value, double lower, double upper) {}

    public Answer forecast(VoteObservation obs, Reservoir.Runner runner) {
        InputSpikes in = encoder.encode(obs.events(), obs.windowSeconds(), obs.asOf() - obs.voteStart());
        Reservoir.Run run = runner.run(in);
        int[] x = features(in, run, reservoir.inputs(), reservoir.neurons());
        double elapsed = obs.elapsedFraction();
        int c = nearestCheckpoint(elapsed);

        double p = LinearReadout.sigmoid(pass.apply(x));
        double lo = p, hi = p;
        for (LinearReadout b : passBag) {
            double pb = LinearReadout.sigmoid(b.apply(x));
            lo = Math.min(lo, pb);
            hi = Math.max(hi, pb);
        }

        BigDecimal forW = obs.total(Choice.FOR), againstW = obs.total(Choice.AGAINST);
        double s = clamp01(share.apply(x));
        double sLo = clamp01(s + shareResidualQ[c][0]), sHi = clamp01(s + shareResidualQ[c][1]);
        // The final share can only move as far as the weight still to come allows; the readout knows that only
        // statistically, so a bound is never tighter than the estimate itself.
        sLo = Math.min(sLo, s);
        sHi = Math.max(sHi, s);

        double scale = obs.scale().doubleValue();
        double cast = forW.add(againstW).add(obs.total(Choice.ABSTAIN)).doubleValue();
        double t = turnout.apply(x);
        double tv = Math.max(cast, StrictMath.pow(10, t) * scale);
        double tLo = Math.max(cast, StrictMath.pow(10, t + turnoutResidualQ[c][0]) * scale);
        double tHi = Math.max(tv, StrictMath.pow(10, t + turnoutResidualQ[c][1]) * scale);
        tLo = Math.min(tLo, tv);
        return new Answer(elapsed, new Interval3(p, lo, hi), new Interval3(s, sLo, sHi), new Interval3(tv, tLo, tHi), in, run);
    }

    public int nearestCheckpoint(double elapsed) {
        int best = 0;
        for (int i = 1; i < checkpoints.length; i++)
            if (Math.abs(checkpoints[i] - elapsed) < Math.abs(checkpoints[best] - elapsed)) best = i;
        return best;
    }

    private static double clamp01(double v) { return Math.max(0, Math.min(1, v)); }

    @Override public boolean equals(Object o) {
        return o instanceof VoteModel m && description.equals(m.description) && encoder.equals(m.encoder)
                && Arrays.deepEquals(shareResidualQ, m.shareResidualQ);
    }

    @Override public int hashCode() { return description.hashCode(); }
}
