package org.neuroracle.forecast.train;

import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.encode.HistoryEncoder;
import org.neuroracle.forecast.encode.VoteEncoder;
import org.neuroracle.forecast.history.DaoHistory;
import org.neuroracle.forecast.eval.Metrics;
import org.neuroracle.forecast.model.LinearReadout;
import org.neuroracle.forecast.model.Reservoir;
import org.neuroracle.forecast.model.VoteModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The whole vote training pipeline: fixed architecture (encoder, seeded reservoir), ND4J-fitted readouts. */
public final class VoteTraining {
    private VoteTraining() {}

    /** Reservoir size and connectivity, chosen so the reservoir is input-driven (silent without input). */
    public static final int NEURONS = 160;

    public static Reservoir reservoir(VoteEncoder enc, HistoryEncoder hist, long seed) {
        return Reservoir.random(VoteModel.inputChannels(enc, hist), NEURONS, 0.2, 64, 0.1, 8, 150, seed);
    }

    public static VoteModel train(GovernanceData data, long seed, int threads) { return train(data, seed, threads, VoteTrainer.Config.defaults()); }

    public static VoteModel train(GovernanceData data, long seed, int threads, VoteTrainer.Config cfg) {
        VoteEncoder enc = VoteEncoder.defaults();
        HistoryEncoder hist = HistoryEncoder.defaults();
        Reservoir res = reservoir(enc, hist, seed);
        DaoHistory past = DaoHistory.of(data);
        List<VoteSamples.Sample> s = VoteSamples.build(data, past, enc, hist, res, VoteSamples.TRAIN_FRACTIONS, threads);
        if (s.isEmpty()) throw new IllegalArgumentException("train vote: no decided proposals with votes in the data");
        List<Proposal> usable = VoteSamples.usable(data);
        Map<String, String> training = new LinkedHashMap<>();
        training.put("daos", String.join(" ", data.daos()));
        training.put("proposals", Integer.toString(usable.size()));
        training.put("samples", Integer.toString(s.size()));
        training.put("first_vote_start", Long.toString(usable.stream().mapToLong(Proposal::voteStart).min().orElse(0)));
        training.put("last_vote_end", Long.toString(usable.stream().mapToLong(Proposal::voteEnd).max().orElse(0)));
        training.put("pass_rate", String.format(java.util.Locale.ROOT, "%.4f", usable.stream().filter(p -> p.outcome().label().equals("passed")).count() / (double) usable.size()));
        training.put("seed", Long.toString(seed));
        String desc = "spiking reservoir (" + NEURONS + " cuba-lif-fixed) vote forecaster on tally and DAO-history spikes, Platt-calibrated on held-out proposal folds"
                + (cfg.recalibrationPseudoCount() > 0 ? ", then recalibrated per DAO on its own resolved past (pseudo-count " + cfg.recalibrationPseudoCount() + ")"
                : cfg.recalibrationPseudoCount() == VoteTrainer.Config.CROSS_VALIDATED ? ", then recalibrated per DAO on its own resolved past (pseudo-count chosen by nested leave-DAO-out)" : "");
        VoteModel m = VoteTrainer.train(s, enc, hist, past, res, cfg, desc, training, Map.of());
        // In-sample, pooled map only (the online recalibration needs each proposal's past, see eval vote).
        double[] p = s.stream().mapToDouble(x -> Calibration.apply(m.calibration(), m.checkpoints(), m.pass().apply(x.features()), x)).toArray();
        int[] y = s.stream().mapToInt(VoteSamples.Sample::label).toArray();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("in_sample_brier", Math.round(Metrics.brier(p, y) * 1e5) / 1e5);
        metrics.put("in_sample_auc", Math.round(Metrics.auc(p, y) * 1e5) / 1e5);
        metrics.put("calibration_slope", m.calibration()[0]);
        metrics.put("calibration_intercept", m.calibration()[1]);
        return new VoteModel(m.description(), enc, hist, past, res, m.pass(), m.calibration(), m.recalibration(), m.passBag(), m.share(), m.turnout(), m.checkpoints(),
                m.shareResidualQ(), m.turnoutResidualQ(), m.training(), metrics);
    }
}
