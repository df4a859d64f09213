package org.neuroracle.forecast.model;

import org.neuroracle.forecast.encode.HistoryEncoder;
import org.neuroracle.forecast.encode.VoteEncoder;
import org.neuroracle.forecast.history.DaoHistory;
import org.neuroracle.forecast.train.TreasuryTraining;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small untrained models with seeded readouts: enough to test serving, artifacts and determinism in milliseconds. */
public final class TinyModels {
    private TinyModels() {}

    static LinearReadout readout(int n, SplittableRandom r, double scale) {
        long[] w = new long[n];
        for (int i = 0; i < n; i++) w[i] = (long) ((r.nextDouble() - 0.5) * scale * 65536);
        return new LinearReadout(w, 1 << 15);
    }

    public static VoteModel vote() {
        VoteEncoder enc = VoteEncoder.defaults();
        HistoryEncoder hist = HistoryEncoder.defaults();
        Reservoir res = Reservoir.random(VoteModel.inputChannels(enc, hist), 40, 0.2, 64, 0.1, 8, 150, 3);
        int f = VoteModel.featureCount(enc, hist, res);
        SplittableRandom r = new SplittableRandom(5);
        List<LinearReadout> bag = new ArrayList<>();
        for (int i = 0; i < 3; i++) bag.add(readout(f, r, 0.1));
        double[] cps = {0, 0.5};
        return new VoteModel("tiny vote", enc, hist, DaoHistory.empty(), res, readout(f, r, 0.1), new double[]{1, 0}, null, bag, readout(f, r, 0.01), readout(f, r, 0.01), cps,
                new double[][]{{-0.1, 0.1}, {-0.05, 0.05}}, new double[][]{{-0.3, 0.3}, {-0.2, 0.2}}, Map.of("note", "untrained"), Map.of("in_sample_brier", 0.25));
    }

    public static TreasuryModel treasury() {
        TreasuryModel shape = TreasuryTraining.shape(3);
        int f = TreasuryModel.featureCount(shape.reservoir());
        SplittableRandom r = new SplittableRandom(6);
        List<List<LinearReadout>> ro = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            List<LinearReadout> l = new ArrayList<>();
            for (int h = 0; h < 3; h++) l.add(readout(f, r, 0.001));
            ro.add(l);
        }
        double[][][] q = new double[2][3][];
        for (int s = 0; s < 2; s++) for (int h = 0; h < 3; h++) q[s][h] = new double[]{-0.5, 0.5, -1, 1};
        return new TreasuryModel("tiny treasury", shape.encoder(), shape.windowDays(), shape.reservoir(), shape.horizonsDays(), ro, q, Map.of(), Map.of());
    }
}
