package org.neuroracle.forecast.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.neuroracle.forecast.data.TreasuryData;
import org.neuroracle.forecast.model.ModelArtifact;
import org.neuroracle.forecast.model.TreasuryModel;
import org.neuroracle.forecast.service.EnergyEstimator;
import org.neuroracle.forecast.train.TreasurySamples;
import org.neuroracle.forecast.train.TreasuryTraining;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Treasury evaluation on daily flows. Rolling origin: from 60% of each series on, every 30 days an origin o;
 * readouts are refitted (on the model's fixed encoder and reservoir) on windows whose 30-day targets end before o,
 * then every day t in [o, o + 30) is forecast at 1, 7 and 30 days. The target is the mean daily flow over the
 * horizon. Baselines on the same points: naive (last day), seasonal naive (same weekday a week earlier), drift
 * (line through the first and last day of the window), Holt (alpha 0.3, beta 0.05 on the history up to t).
 */
public final class TreasuryEval {
    public static final List<String> METHODS = List.of("spiking", "naive", "seasonal_naive", "drift", "holt");
    static final String[] SERIES = {"inflow", "outflow"};

    public record Row(String asset, String date, int horizon, String series, String method, double p10, double p50,
                      double p90, double p025, double p975, double actual) {}

    public record Result(List<Row> rows, Map<String, Object> metrics, String report) {}

    public static Result run(TreasuryData data, ModelArtifact.Loaded model, Path out, EnergyEstimator energy) {
        TreasuryModel m = (TreasuryModel) model.model();
        long t0 = System.nanoTime();
        List<TreasurySamples.Series> series = TreasurySamples.series(data);
        List<TreasurySamples.Sample> all = TreasurySamples.build(m, series);
        int[] hs = m.horizonsDays();
        List<Row> rows = new ArrayList<>();
        List<String> folds = new ArrayList<>();
        Map<String, Double> naiveScale = new LinkedHashMap<>();
        for (TreasurySamples.Series s : series) {
            int n = s.days();
            int firstOrigin = Math.max(m.windowDays() + 60, (int) (0.6 * n));
            if (firstOrigin + 31 > n) continue;
            // Hyndman's MASE scale: in-sample mean absolute one-day change of the inflow before the first origin.
            double sc = 0;
            for (int d = 1; d < firstOrigin; d++) sc += Math.abs(s.inflow()[d] - s.inflow()[d - 1]);
            naiveScale.put(s.asset(), sc / (firstOrigin - 1));
            for (int o = firstOrigin; o + 1 < n; o += 30) {
                int origin = o;
                List<TreasurySamples.Sample> train = all.stream().filter(x -> x.asset().equals(s.asset()) && x.day() + 30 < origin).toList();
                if (train.size() < 30) continue;
                TreasuryModel fitted = TreasuryTraining.fit(m, train, Map.of());
                folds.add(s.asset() + " origin " + s.start().plusDays(o) + ": " + train.size() + " training windows");
                for (TreasurySamples.Sample x : all) {
                    if (!x.asset().equals(s.asset()) || x.day() < o || x.day() >= o + 30) continue;
                    double[][][] pred = fitted.predict(x.features());
                    for (int h = 0; h < hs.length; h++)
                        for (int k = 0; k < 2; k++) {
                            if (Double.isNaN(x.target()[k][h])) continue;
                            double actual = Math.expm1(x.target()[k][h]);
                            double lo95 = fitted.flowAt(x.features(), k, h, fitted.residualQ()[k][h][2]);
                            double hi95 = fitted.flowAt(x.features(), k, h, fitted.residualQ()[k][h][3]);
                            rows.add(new Row(s.asset(), x.date().toString(), hs[h], SERIES[k], "spiking", pred[k][h][0], pred[k][h][1], pred[k][h][2], lo95, hi95, actual));
                            double[] f = k == 0 ? s.inflow() : s.outflow();
                            int t = x.day();
                            for (String b : List.of("naive", "seasonal_naive", "drift", "holt")) {
                                double v = baseline(b, f, t, hs[h], m.windowDays());
                                rows.add(new Row(s.asset(), x.date().toString(), hs[h], SERIES[k], b, Double.NaN, v, Double.NaN, Double.NaN, Double.NaN, actual));
                            }
                        }
                }
            }
        }
        if (rows.isEmpty()) throw new IllegalArgumentException("eval treasury: no series is long enough (need window + 90 days)");
        Map<String, Object> metrics = new LinkedHashMap<>();
        Map<String, Object> goals = new LinkedHashMap<>();
        for (String ser : SERIES)
            for (int h : hs) {
                Map<String, Object> byMethod = new LinkedHashMap<>();
                List<Row> naive = rows.stream().filter(r -> r.series().equals(ser) && r.horizon() == h && r.method().equals("naive")).toList();
                double naiveMae = Metrics.mae(naive.stream().mapToDouble(Row::p50).toArray(), naive.stream().mapToDouble(Row::actual).toArray());
                for (String method : METHODS) {
                    List<Row> rs = rows.stream().filter(r -> r.series().equals(ser) && r.horizon() == h && r.method().equals(method)).toList();
                    double[] y = rs.stream().mapToDouble(Row::actual).toArray(), p50 = rs.stream().mapToDouble(Row::p50).toArray();
                    double mae = Metrics.mae(p50, y);
                    Map<String, Object> mm = new LinkedHashMap<>();
                    mm.put("n", rs.size());
                    mm.put("mae", VoteEval.round(mae));
                    mm.put("mase_vs_naive", VoteEval.round(mae / naiveMae));
                    double scale = naiveScale.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                    if (ser.equals("inflow")) mm.put("mase_hyndman", VoteEval.round(mae / scale));
                    mm.put("pinball_50", VoteEval.round(Metrics.pinball(p50, y, 0.5)));
                    if (method.equals("spiking")) {
                        double[] p10 = rs.stream().mapToDouble(Row::p10).toArray(), p90 = rs.stream().mapToDouble(Row::p90).toArray();
                        mm.put("pinball_10", VoteEval.round(Metrics.pinball(p10, y, 0.1)));
                        mm.put("pinball_90", VoteEval.round(Metrics.pinball(p90, y, 0.9)));
                        mm.put("coverage_80", VoteEval.round(Metrics.coverage(p10, p90, y)));
                        mm.put("coverage_95", VoteEval.round(Metrics.coverage(rs.stream().mapToDouble(Row::p025).toArray(), rs.stream().mapToDouble(Row::p975).toArray(), y)));
                    }
                    byMethod.put(method, mm);
                }
                metrics.put(ser + "_" + h + "d", byMethod);
                if (ser.equals("inflow") && h != 1) {
                    @SuppressWarnings("unchecked") double mase = (double) ((Map<String, Object>) byMethod.get("spiking")).get("mase_vs_naive");
                    goals.put("inflow_" + h + "d_mase_below_1", Map.of("mase_vs_naive", mase, "met", mase < 1));
                }
            }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kind", "treasury");
        root.put("model", Map.of("modelId", model.modelId(), "description", m.description()));
        root.put("data", Map.of("assets", series.stream().map(TreasurySamples.Series::asset).toList(), "days", series.stream().mapToInt(TreasurySamples.Series::days).sum()));
        root.put("protocol", Map.of("target", "mean daily flow over the horizon", "folds", folds));
        root.put("metrics", metrics);
        root.put("goals", goals);
        double spikes = all.stream().mapToLong(TreasurySamples.Sample::spikes).average().orElse(0);
        double ops = all.stream().mapToLong(TreasurySamples.Sample::synapticOps).average().orElse(0);
        double upd = all.stream().mapToLong(TreasurySamples.Sample::membraneUpdates).average().orElse(0);
        root.put("energy", EnergyReport.build(m.reservoir(), (long) m.windowDays() * m.encoder().stepsPerDay(), spikes, ops, upd, energy, all.size()));
        root.put("runtime_seconds", VoteEval.round(seconds));
        String report = report(root, metrics);
        write(out, rows, root, report);
        return new Result(rows, root, report);
    }

    /** Mean daily flow over days t+1..t+h predicted by a baseline from the history up to t. */
    static double baseline(String b, double[] f, int t, int h, int window) {
        double sum = 0;
        switch (b) {
            case "naive" -> sum = h * f[t];
            case "seasonal_naive" -> { for (int k = 1; k <= h; k++) sum += f[t + k - 7 * ((k + 6) / 7)]; }
            case "drift" -> {
                int first = Math.max(0, t - window + 1);
                double slope = t == first ? 0 : (f[t] - f[first]) / (t - first);
                for (int k = 1; k <= h; k++) sum += Math.max(0, f[t] + k * slope);
            }
            case "holt" -> {
                double level = f[0], trend = 0, a = 0.3, bb = 0.05;
                for (int d = 1; d <= t; d++) {
                    double prev = level;
                    level = a * f[d] + (1 - a) * (level + trend);
                    trend = bb * (level - prev) + (1 - bb) * trend;
                }
                for (int k = 1; k <= h; k++) sum += Math.max(0, level + k * trend);
            }
            default -> throw new IllegalArgumentException(b);
        }
        return sum / h;
    }

    @SuppressWarnings("unchecked")
    private static String report(Map<String, Object> root, Map<String, Object> metrics) {
        StringBuilder sb = new StringBuilder("# Treasury forecast evaluation\n\n");
        sb.append("Model `").append(((Map<String, Object>) root.get("model")).get("modelId")).append("`: ").append(((Map<String, Object>) root.get("model")).get("description")).append("\n\n");
        sb.append("Data: ").append(root.get("data")).append(". Target: mean daily flow over the horizon; rolling origins every 30 days.\n\n");
        sb.append("| series | horizon | method | n | MAE | MASE vs naive | MASE (Hyndman) | pinball 10/50/90 | coverage 80% | coverage 95% |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (var e : metrics.entrySet())
            for (var me : ((Map<String, Object>) e.getValue()).entrySet()) {
                Map<String, Object> m = (Map<String, Object>) me.getValue();
                String[] k = e.getKey().split("_");
                sb.append("| ").append(k[0]).append(" | ").append(k[1]).append(" | ").append(me.getKey()).append(" | ").append(m.get("n")).append(" | ")
                        .append(VoteEval.f(m.get("mae"))).append(" | ").append(VoteEval.f(m.get("mase_vs_naive"))).append(" | ").append(m.containsKey("mase_hyndman") ? VoteEval.f(m.get("mase_hyndman")) : "")
                        .append(" | ").append(m.containsKey("pinball_10") ? VoteEval.f(m.get("pinball_10")) + " / " + VoteEval.f(m.get("pinball_50")) + " / " + VoteEval.f(m.get("pinball_90")) : VoteEval.f(m.get("pinball_50")))
                        .append(" | ").append(m.containsKey("coverage_80") ? VoteEval.f(m.get("coverage_80")) : "").append(" | ").append(m.containsKey("coverage_95") ? VoteEval.f(m.get("coverage_95")) : "").append(" |\n");
            }
        sb.append("\n![fan chart](fan_inflow_7d.png)\n\n## Goals\n\n");
        for (var e : ((Map<String, Object>) root.get("goals")).entrySet()) sb.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        sb.append("\n## Energy per forecast\n\n").append(EnergyReport.markdown((Map<String, Object>) root.get("energy"))).append('\n');
        return sb.toString();
    }

    private static void write(Path out, List<Row> rows, Map<String, Object> root, String report) {
        try {
            Files.createDirectories(out);
            StringBuilder csv = new StringBuilder("asset,date,horizon_days,series,method,p10,p50,p90,actual\n");
            for (Row r : rows)
                csv.append(VoteEval.csvq(r.asset())).append(',').append(r.date()).append(',').append(r.horizon()).append(',').append(r.series()).append(',').append(r.method())
                        .append(',').append(VoteEval.num(r.p10())).append(',').append(VoteEval.num(r.p50())).append(',').append(VoteEval.num(r.p90())).append(',').append(VoteEval.num(r.actual())).append('\n');
            Files.writeString(out.resolve("predictions.csv"), csv);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("metrics.json").toFile(), root);
            Files.writeString(out.resolve("report.md"), report);
            List<Row> fan = rows.stream().filter(r -> r.series().equals("inflow") && r.horizon() == 7 && r.method().equals("spiking")).toList();
            if (!fan.isEmpty()) {
                double[] x = new double[fan.size()];
                for (int i = 0; i < x.length; i++) x[i] = i;
                Plots.fan(out.resolve("fan_inflow_7d.png"), "Inflow, mean daily over the next 7 days (" + fan.getFirst().asset() + ", test days)",
                        new double[]{0}, new double[]{fan.getFirst().actual()}, x, fan.stream().mapToDouble(Row::p10).toArray(),
                        fan.stream().mapToDouble(Row::p50).toArray(), fan.stream().mapToDouble(Row::p90).toArray(), fan.stream().mapToDouble(Row::actual).toArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": " + e.getMessage(), e);
        }
    }

}
