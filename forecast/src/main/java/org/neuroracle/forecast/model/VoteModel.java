package org.neuroracle.forecast.model;

import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.encode.HistoryEncoder;
import org.neuroracle.forecast.encode.InputSpikes;
import org.neuroracle.forecast.history.DaoHistory;
import org.neuroracle.forecast.history.HistoryContext;
import org.neuroracle.forecast.encode.VoteEncoder;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The vote forecaster: vote events -> {@link VoteEncoder} spikes, plus the DAO's past ({@link DaoHistory}, carried
 * in the artifact) -> {@link HistoryEncoder} spikes -> fixed-point {@link Reservoir} -> integer readouts over the
 * spike counts of every input and reservoir neuron.
 * <ul>
 *   <li>{@code pass}: logistic readout, P(pass) = sigmoid(a_k value + b_k + c_k prior_logit) at the nearest
 *   checkpoint k (the map fitted on out-of-DAO readout values, {@code train.Calibration}), then, where the artifact
 *   has one, the DAO's online recalibration ({@link DaoRecalibration}: fitted on the DAO's proposals that ended
 *   before this one's start; pooled map for a DAO without such history); {@code passBag}: the same readout trained on bootstrap resamples, whose spread
 *   (through the same maps) gives the P(pass) bounds;</li>
 *   <li>{@code share}: final for/(for+against) minus the current share (ridge); {@code turnout}: log10(final total
 *   weight / scale) minus log10 of the weight cast so far (ridge). Both readouts learn corrections to the tally as
 *   it stands; bounds come from the 10th/90th percentile of training residuals at the nearest checkpoint.</li>
 * </ul>
 */
public record VoteModel(String description, VoteEncoder encoder, HistoryEncoder history, DaoHistory past, Reservoir reservoir,
                        LinearReadout pass, double[] calibration,
                        @JsonInclude(JsonInclude.Include.NON_NULL) DaoRecalibration recalibration,
                        List<LinearReadout> passBag, LinearReadout share, LinearReadout turnout,
                        double[] checkpoints, double[][] shareResidualQ, double[][] turnoutResidualQ,
                        Map<String, String> training, Map<String, Double> metrics) implements ForecastModel {

    public VoteModel {
        if (encoder == null || history == null || past == null || reservoir == null || pass == null || share == null || turnout == null || passBag == null)
            throw new IllegalArgumentException("vote model: encoders, history, reservoir and readouts are required");
        if (reservoir.inputs() != inputChannels(encoder, history))
            throw new IllegalArgumentException("vote model: reservoir has " + reservoir.inputs() + " inputs but the encoders make " + inputChannels(encoder, history) + " channels");
        int f = featureCount(encoder, history, reservoir);
        for (LinearReadout r : concat(List.of(pass, share, turnout), passBag))
            if (r.size() != f) throw new IllegalArgumentException("vote model: a readout has " + r.size() + " weights, expected " + f);
        if (checkpoints == null || shareResidualQ == null || turnoutResidualQ == null || checkpoints.length == 0
                || shareResidualQ.length != checkpoints.length || turnoutResidualQ.length != checkpoints.length)
            throw new IllegalArgumentException("vote model: residual quantiles must be given per checkpoint");
        checkCalibration(calibration, checkpoints.length);
        if (recalibration != null && recalibration.checkpoints() != checkpoints.length)
            throw new IllegalArgumentException("vote model: recalibration has " + recalibration.checkpoints() + " checkpoints, the model " + checkpoints.length);
        calibration = calibration.clone();
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

    public static int inputChannels(VoteEncoder e, HistoryEncoder h) { return e.channelCount() + h.channelCount(); }

    public static int featureCount(VoteEncoder e, HistoryEncoder h, Reservoir r) { return inputChannels(e, h) + r.neurons(); }

    /** The history of this proposal's DAO as of its start (pooled prior only, for a DAO the model has not seen). */
    public HistoryContext context(String dao, String proposalId, String proposer, long voteStart) {
        return past.at(dao, proposalId, proposer, voteStart);
    }

    /** All input spikes: the votes so far, then the history features at this checkpoint. */
    public InputSpikes encode(VoteObservation obs, HistoryContext ctx) { return encode(encoder, history, obs, ctx); }

    public static InputSpikes encode(VoteEncoder encoder, HistoryEncoder history, VoteObservation obs, HistoryContext ctx) {
        InputSpikes votes = obs.encode(encoder);
        // The same "last observed step" as the tally codes of VoteEncoder.
        int asOfStep = (int) Math.max(0, Math.min(encoder.steps(), Math.floorDiv((obs.asOf() - obs.voteStart()) * (long) encoder.steps(), obs.windowSeconds())));
        int last = Math.max(0, asOfStep - 1);
        InputSpikes h = history.encode(ctx.features(obs), last, encoder.steps(), encoder.channelCount(), inputChannels(encoder, history));
        return votes.with(h, inputChannels(encoder, history));
    }

    /**
     * The calibration map is either the legacy [slope, intercept] (Platt on proposal folds) or, per checkpoint k,
     * [a_k, b_k, c_k]: p = sigmoid(a_k z + b_k + c_k prior_logit) (fitted out of DAO, see train.Calibration).
     */
    static void checkCalibration(double[] c, int checkpoints) {
        if (c == null || (c.length != 2 && c.length != 3 * checkpoints))
            throw new IllegalArgumentException("vote model: calibration must be [slope, intercept] or [slope, intercept, prior weight] per checkpoint (" + 3 * checkpoints + " values)");
        int stride = c.length == 2 ? 2 : 3;
        for (int i = 0; i < c.length; i++) {
            if (!Double.isFinite(c[i])) throw new IllegalArgumentException("vote model: calibration[" + i + "] is not finite");
            if (i % stride == 0 && c[i] <= 0) throw new IllegalArgumentException("vote model: calibration[" + i + "] (a slope) must be > 0");
        }
    }

    /** The calibrated probability for a raw readout value, the DAO's prior logit and the elapsed fraction. */
    public double calibrated(double z, double priorLogit, double elapsed) { return calibrate(calibration, checkpoints, z, priorLogit, elapsed); }

    /** The map applied in StrictMath (via {@link LinearReadout#sigmoid}), identical on every JVM and backend. */
    public static double calibrate(double[] map, double[] checkpoints, double z, double priorLogit, double elapsed) {
        return LinearReadout.sigmoid(calibratedLogit(map, checkpoints, z, priorLogit, elapsed));
    }

    /** The pooled map's logit (before the sigmoid): what {@link DaoRecalibration} stores and maps. */
    public static double calibratedLogit(double[] map, double[] checkpoints, double z, double priorLogit, double elapsed) {
        if (map.length == 2) return map[0] * z + map[1];
        int k = 3 * nearest(checkpoints, elapsed);
        return map[k] * z + map[k + 1] + map[k + 2] * priorLogit;
    }

    /** The DAO's online recalibration for a proposal starting at voteStart (identity without one or without history). */
    public DaoRecalibration.Map2 recalibrationAt(String dao, long voteStart, double elapsed) {
        return recalibration == null ? DaoRecalibration.Map2.IDENTITY : recalibration.at(dao, voteStart, nearest(checkpoints, elapsed));
    }

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

    public Answer forecast(VoteObservation obs, HistoryContext ctx, Reservoir.Runner runner) {
        return forecast(obs, ctx, recalibrationAt(ctx.dao(), obs.voteStart(), obs.elapsedFraction()), runner);
    }

    /** As above, with the DAO's recalibration map {@code own} given (equal to {@link #recalibrationAt}; a service keeps them). */
    public Answer forecast(VoteObservation obs, HistoryContext ctx, DaoRecalibration.Map2 own, Reservoir.Runner runner) {
        InputSpikes in = encode(obs, ctx);
        Reservoir.Run run = runner.run(in);
        int[] x = features(in, run, reservoir.inputs(), reservoir.neurons());
        double elapsed = obs.elapsedFraction();
        int c = nearestCheckpoint(elapsed);

        double prior = ctx.priorLogit();
        double p = own.apply(calibratedLogit(calibration, checkpoints, pass.apply(x), prior, elapsed));
        double lo = p, hi = p;
        for (LinearReadout b : passBag) {
            double pb = own.apply(calibratedLogit(calibration, checkpoints, b.apply(x), prior, elapsed));
            lo = Math.min(lo, pb);
            hi = Math.max(hi, pb);
        }

        BigDecimal forW = obs.total(Choice.FOR), againstW = obs.total(Choice.AGAINST);
        double s = clamp01(obs.shareAnchor() + share.apply(x));
        double sLo = clamp01(s + shareResidualQ[c][0]), sHi = clamp01(s + shareResidualQ[c][1]);
        // The final share can only move as far as the weight still to come allows; the readout knows that only
        // statistically, so a bound is never tighter than the estimate itself.
        sLo = Math.min(sLo, s);
        sHi = Math.max(sHi, s);

        double scale = obs.scale().doubleValue();
        double cast = forW.add(againstW).add(obs.total(Choice.ABSTAIN)).doubleValue();
        double t = obs.turnoutAnchor() + turnout.apply(x);
        double tv = Math.max(cast, StrictMath.pow(10, t) * scale);
        double tLo = Math.max(cast, StrictMath.pow(10, t + turnoutResidualQ[c][0]) * scale);
        double tHi = Math.max(tv, StrictMath.pow(10, t + turnoutResidualQ[c][1]) * scale);
        tLo = Math.min(tLo, tv);
        return new Answer(elapsed, new Interval3(p, lo, hi), new Interval3(s, sLo, sHi), new Interval3(tv, tLo, tHi), in, run);
    }

    public int nearestCheckpoint(double elapsed) { return nearest(checkpoints, elapsed); }

    static int nearest(double[] checkpoints, double elapsed) {
        int best = 0;
        for (int i = 1; i < checkpoints.length; i++)
            if (Math.abs(checkpoints[i] - elapsed) < Math.abs(checkpoints[best] - elapsed)) best = i;
        return best;
    }

    private static double clamp01(double v) { return Math.max(0, Math.min(1, v)); }

    @Override public boolean equals(Object o) {
        return o instanceof VoteModel m && description.equals(m.description) && encoder.equals(m.encoder) && history.equals(m.history)
                && Arrays.equals(calibration, m.calibration) && java.util.Objects.equals(recalibration, m.recalibration) && Arrays.deepEquals(shareResidualQ, m.shareResidualQ);
    }

    @Override public int hashCode() { return description.hashCode(); }
}
