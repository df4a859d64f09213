package org.neuroracle.forecast.train;

import org.neuroracle.forecast.data.TreasuryData;
import org.neuroracle.forecast.encode.SigmaDeltaEncoder;
import org.neuroracle.forecast.model.LinearReadout;
import org.neuroracle.forecast.model.Reservoir;
import org.neuroracle.forecast.model.TreasuryModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The treasury training pipeline: sigma-delta encoder, seeded reservoir, ridge readouts per series and horizon (ND4J). */
public final class TreasuryTraining {
    private TreasuryTraining() {}

    public static final int NEURONS = 128;
    public static final int WINDOW_DAYS = 56;
    public static final int[] HORIZONS = {1, 7, 30};
    public static final double RIDGE_L2 = 1.0;

    /** The architecture with all-zero readouts: what sample extraction needs before any fit. */
    public static TreasuryModel shape(long seed) {
        SigmaDeltaEncoder enc = SigmaDeltaEncoder.defaults();
        Reservoir res = Reservoir.random(enc.channelCount(), NEURONS, 0.1, 64, 0.1, 8, 150, seed);
        int f = TreasuryModel.featureCount(res);
        List<List<LinearReadout>> zero = new ArrayList<>();
        double[][][] q = new double[2][HORIZONS.length][4];
        for (int s = 0; s < 2; s++) {
            List<LinearReadout> l = new ArrayList<>();
            for (int h = 0; h < HORIZONS.length; h++) l.add(new LinearReadout(new long[f], 0));
            zero.add(l);
        }
        return new TreasuryModel("untrained", enc, WINDOW_DAYS, res, HORIZONS.clone(), zero, q, Map.of(), Map.of());
    }

    /** Fits readouts on samples (targets must be known) and returns the trained model. */
    public static TreasuryModel fit(TreasuryModel shape, List<TreasurySamples.Sample> samples, Map<String, String> training) {
        List<List<LinearReadout>> readouts = new ArrayList<>();
        double[][][] q = new double[2][HORIZONS.length][];
        for (int s = 0; s < 2; s++) {
            List<LinearReadout> l = new ArrayList<>();
            for (int h = 0; h < HORIZONS.length; h++) {
                int ss = s, hh = h;
                List<TreasurySamples.Sample> ok = samples.stream().filter(x -> !Double.isNaN(x.target()[ss][hh])).toList();
                if (ok.size() < 10) throw new IllegalArgumentException("train treasury: fewer than 10 complete windows for the " + HORIZONS[h] + "-day horizon");
                double[][] x = ok.stream().map(v -> Arrays.stream(v.features()).asDoubleStream().toArray()).toArray(double[][]::new);
                // The decoded levels are the anchors, not inputs: a constant column gets weight 0 when folded.
                for (double[] row : x) for (int k = 0; k < 2; k++) row[k * 3] = 0;
                // Targets relative to the anchor (last day's decoded level): the readout learns corrections to naive.
                double[] y = ok.stream().mapToDouble(v -> v.target()[ss][hh] - shape.anchor(v.features(), ss)).toArray();
                Nd4jFit.Fit fit = Nd4jFit.ridge(x, y, RIDGE_L2);
                LinearReadout r = fit.readout();
                l.add(r);
                double[] res = new double[ok.size()];
                for (int i = 0; i < res.length; i++) res[i] = y[i] - r.apply(ok.get(i).features());
                Arrays.sort(res);
                q[s][h] = new double[]{VoteTrainer.round6(VoteTrainer.quantile(res, 0.10)), VoteTrainer.round6(VoteTrainer.quantile(res, 0.90)),
                        VoteTrainer.round6(VoteTrainer.quantile(res, 0.025)), VoteTrainer.round6(VoteTrainer.quantile(res, 0.975))};
            }
            readouts.add(l);
        }
        return new TreasuryModel("spiking reservoir (" + NEURONS + " cuba-lif-fixed) treasury forecaster, sigma-delta input",
                shape.encoder(), shape.windowDays(), shape.reservoir(), shape.horizonsDays(), readouts, q, training, Map.of());
    }

    /** Trains on every complete window whose targets end on or before {@code lastTargetEpochDay}. */
    public static TreasuryModel train(TreasuryData data, long seed, long lastTargetEpochDay) {
        TreasuryModel shape = shape(seed);
        var series = TreasurySamples.series(data);
        List<TreasurySamples.Sample> s = TreasurySamples.build(shape, series).stream()
                .filter(x -> x.date().toEpochDay() + 30 <= lastTargetEpochDay).toList();
        Map<String, String> training = new LinkedHashMap<>();
        training.put("assets", String.join(" ", series.stream().map(TreasurySamples.Series::asset).toList()));
        training.put("days", Integer.toString(series.stream().mapToInt(TreasurySamples.Series::days).sum()));
        training.put("windows", Integer.toString(s.size()));
        training.put("seed", Long.toString(seed));
        if (!s.isEmpty()) {
            training.put("first_day", s.getFirst().date().toString());
            training.put("last_window_end", s.getLast().date().toString());
        }
        return fit(shape, s, training);
    }
}
