package org.neuroracle.forecast.train;

import org.neuroracle.forecast.data.TreasuryData;
import org.neuroracle.forecast.data.TreasuryRow;
import org.neuroracle.forecast.encode.InputSpikes;
import org.neuroracle.forecast.model.Reservoir;
import org.neuroracle.forecast.model.TreasuryModel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Treasury samples: for each asset and each day t with a full window behind it, the spiking features of the
 * window ending at t, and the targets log1p(mean daily flow over t+1..t+h) for each horizon (NaN when the series
 * ends before t+h). Gaps in a series are filled with zero-flow days.
 */
public final class TreasurySamples {
    private TreasurySamples() {}

    public record Series(String asset, LocalDate start, double[] inflow, double[] outflow) {
        public int days() { return inflow.length; }
    }

    public record Sample(String asset, int day, LocalDate date, int[] features, double[][] target, long synapticOps,
                         long membraneUpdates, long spikes) {}

    public static List<Series> series(TreasuryData data) {
        List<Series> out = new ArrayList<>();
        for (Map.Entry<String, List<TreasuryRow>> e : data.byAsset().entrySet()) {
            List<TreasuryRow> rows = e.getValue();
            LocalDate start = rows.getFirst().date();
            int n = (int) (rows.getLast().date().toEpochDay() - start.toEpochDay()) + 1;
            double[] in = new double[n], out2 = new double[n];
            for (TreasuryRow r : rows) {
                int d = (int) (r.date().toEpochDay() - start.toEpochDay());
                in[d] = r.inflow().doubleValue();
                out2[d] = r.outflow().doubleValue();
            }
            out.add(new Series(e.getKey(), start, in, out2));
        }
        return out;
    }

    public static List<Sample> build(TreasuryModel shape, List<Series> all) {
        List<Sample> out = new ArrayList<>();
        int w = shape.windowDays();
        try (Reservoir.Runner runner = new Reservoir.Runner(shape.reservoir(), "cpu")) {
            for (Series s : all)
                for (int t = w - 1; t < s.days(); t++) out.add(sample(shape, s, t, runner));
        }
        return out;
    }

    public static Sample sample(TreasuryModel shape, Series s, int t, Reservoir.Runner runner) {
        int w = shape.windowDays();
        double[][] flows = new double[2][w];
        for (int d = 0; d < w; d++) {
            flows[0][d] = s.inflow()[t - w + 1 + d];
            flows[1][d] = s.outflow()[t - w + 1 + d];
        }
        LocalDate first = s.start().plusDays(t - w + 1);
        InputSpikes in = shape.encode(flows, first.getDayOfWeek().getValue() - 1);
        Reservoir.Run run = runner.run(in);
        int[] hs = shape.horizonsDays();
        double[][] target = new double[2][hs.length];
        for (int h = 0; h < hs.length; h++) {
            if (t + hs[h] >= s.days()) { target[0][h] = Double.NaN; target[1][h] = Double.NaN; continue; }
            double a = 0, b = 0;
            for (int k = 1; k <= hs[h]; k++) { a += s.inflow()[t + k]; b += s.outflow()[t + k]; }
            target[0][h] = Math.log1p(a / hs[h]);
            target[1][h] = Math.log1p(b / hs[h]);
        }
        var c = run.counters();
        return new Sample(s.asset(), t, s.start().plusDays(t), shape.features(in, run), target, c.totalSynapticOps(), c.totalMembraneUpdates(), c.totalSpikes() + in.size());
    }
}
