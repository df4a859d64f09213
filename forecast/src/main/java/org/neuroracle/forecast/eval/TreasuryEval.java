package org.neuroracle.forecast.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.neuroracle.forecast.model.FlowMethods;
import org.neuroracle.forecast.model.ModelArtifact;
import org.neuroracle.forecast.model.TreasuryEnsemble;
import org.neuroracle.forecast.model.TreasuryEnsembleModel;
import org.neuroracle.forecast.model.TreasuryModel;
import org.neuroracle.forecast.train.TreasurySamples;
import org.neuroracle.forecast.train.TreasuryTraining;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolling-origin evaluation of treasury flow forecasts, per series (source, asset, inflow/outflow). Every period t
 * from 60% of the series on is an origin: each method sees f[0..t] only (parameters refitted at every origin) and
 * forecasts the mean flow per period over the next h days, rounded up to whole periods (a 7-day horizon on 5-day
 * epochs is 2 epochs). Methods: the {@link FlowMethods} baselines, the served {@link TreasuryEnsemble} and its
 * variants, and, on daily series, the spiking model (readouts refitted every 30 days on windows of the same asset
 * whose targets end before the origin). MASE = MAE / the in-sample mean absolute one-period change before the first
 * origin (Hyndman); all methods are scored on the same points, so "beats the best baseline" is a ratio of MAEs.
 */
public final class TreasuryEval {
    public static final int[] HORIZONS_DAYS = {1, 7, 30};
    static final String[] FLOWS = TreasuryEnsembleModel.FLOWS.toArray(String[]::new);
    static final double FIRST_ORIGIN = 0.6;

    public record Source(String label, org.neuroracle.forecast.data.TreasuryData data) {}

    public record Row(String series, String flow, String date, int horizonDays, int horizonPeriods, String method,
                      double p10, double p50, double p90, double actual) {}

    public record Result(List<Row> rows, Map<String, Object> metrics, String report) {}

    /** Baselines, the served ensemble ("ensemble"), other ensemble strategies ("ensemble_&lt;strategy&gt;"), and "spiking" when a model is given. */
    public static Result run(List<Source> sources, ModelArtifact.Loaded spiking, TreasuryEnsemble served, boolean withVariants, Path out) {
        return run(sources, spiking, served, withVariants ? TreasurySelection.grid() : List.of(), false, out);
    }

    /**
     * As above with the given variants; {@code firstHalfOnly}: only the origins before each series' middle date (the
     * half that choices are made on), so a selection run shows nothing of the held-out half.
     */
    public static Result run(List<Source> sources, ModelArtifact.Loaded spiking, TreasuryEnsemble served, List<TreasuryEnsemble> variants, boolean firstHalfOnly, Path out) {
        long t0 = System.nanoTime();
        // Every method is computed once per origin; the ensembles combine the rows of their candidates.
        List<String> base = FlowMethods.EXTENDED;
        // Each method alone with the served bounds: the options of the per-cell choice (TreasuryPerCell).
        variants = new ArrayList<>(variants);
        for (TreasuryEnsemble one : TreasuryPerCell.singles(served)) if (!variants.contains(one)) variants.add(one);
        List<Row> rows = new ArrayList<>();
        List<TreasurySelection.Cell> cells = new ArrayList<>();
        Map<String, Object> seriesMetrics = new LinkedHashMap<>();
        List<Map<String, Object>> runway = new ArrayList<>();
        for (Source src : sources)
            for (FlowSeries s : FlowSeries.of(src.label(), src.data())) {
                int n = s.periods(), p = s.periodDays();
                int first = Math.max((int) Math.ceil(FIRST_ORIGIN * n), 2 * FlowMethods.ceilDiv(28, p) + 1);
                if (first + FlowMethods.ceilDiv(30, p) >= n) continue;
                List<Row> mine = new ArrayList<>();
                boolean[] known = originsKnown(s);
                // The halves: origins of the 30-day horizon cut at their middle, the same date for every flow and horizon.
                int lastOrigin = n - 1 - FlowMethods.ceilDiv(30, p);
                String split = s.date(first + (lastOrigin - first + 1) / 2).toString();
                if (firstHalfOnly) for (int t = 0; t < n; t++) if (s.date(t).toString().compareTo(split) >= 0) known[t] = false;
                // [flow][horizon][t] ensemble p10/p50/p90 for the runway check
                double[][][][] q = new double[2][HORIZONS_DAYS.length][][];
                for (int k = 0; k < 2; k++) {
                    double[] f = s.flow(FLOWS[k]);
                    for (int hi = 0; hi < HORIZONS_DAYS.length; hi++) {
                        int hd = HORIZONS_DAYS[hi], hp = FlowMethods.ceilDiv(hd, p);
                        q[k][hi] = new double[n][];
                        // Methods without a fitted parameter give the same out[t] from any history that holds t: one pass serves every origin.
                        double[][] once = new double[base.size()][];
                        for (int i = 0; i < base.size(); i++) if (FlowMethods.causal(base.get(i))) once[i] = FlowMethods.forecast(base.get(i), f, hp, p);
                        for (int t = first; t + hp < n; t++) {
                            if (!known[t]) continue;
                            double[] hist = Arrays.copyOf(f, t + 1);
                            double y = 0;
                            for (int j = 1; j <= hp; j++) y += f[t + j];
                            y /= hp;
                            double[][] fc = new double[base.size()][];
                            for (int i = 0; i < base.size(); i++) fc[i] = once[i] != null ? once[i] : FlowMethods.forecast(base.get(i), hist, hp, p);
                            String date = s.date(t).toString();
                            for (int i = 0; i < base.size(); i++)
                                mine.add(new Row(s.name(), FLOWS[k], date, hd, hp, base.get(i), Double.NaN, fc[i][t], Double.NaN, y));
                            TreasuryEnsemble.Forecast e = served.combine(hist, rowsOf(fc, base, served.candidates()), hp, p);
                            mine.add(new Row(s.name(), FLOWS[k], date, hd, hp, "ensemble", e.p10(), e.p50(), e.p90(), y));
                            q[k][hi][t] = new double[]{e.p10(), e.p50(), e.p90()};
                            for (TreasuryEnsemble v : variants) {
                                if (v.equals(served)) continue;
                                TreasuryEnsemble.Forecast ev = v.combine(hist, rowsOf(fc, base, v.candidates()), hp, p);
                                mine.add(new Row(s.name(), FLOWS[k], date, hd, hp, TreasurySelection.name(v), ev.p10(), ev.p50(), ev.p90(), y));
                            }
                        }
                    }
                }
                if (spiking != null && p == 1) mine.addAll(spikingRows(s, (TreasuryModel) spiking.model(), first).stream().filter(r -> known[(int) ((java.time.LocalDate.parse(r.date()).toEpochDay() - s.start().toEpochDay()) / p)]).toList());
                cells.addAll(TreasurySelection.cells(s, mine, new double[]{scale(s.inflow(), first), scale(s.outflow(), first)}, split));
                // Variant rows are scored here and not kept: with the grid they are most of the rows.
                List<Row> kept = mine.stream().filter(r -> !r.method().startsWith("ensemble_")).toList();
                rows.addAll(kept);
                Map<String, Object> sm = seriesMetrics(s, kept, first);
                sm.put("second_half_from", split);
                seriesMetrics.put(s.name(), sm);
                if (Arrays.stream(s.balance()).anyMatch(b -> !Double.isNaN(b))) runway.add(runwayCheck(s, q, first));
            }
        if (rows.isEmpty()) throw new IllegalArgumentException("eval treasury: no series is long enough (need 60% history plus 30 days)");
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kind", "treasury");
        root.put("served", Map.of("method", "ensemble", "strategy", served.strategy(), "backtestDays", served.backtestDays(), "intervalDays", served.intervalDays(), "candidates", served.candidates()));
        if (spiking != null) root.put("spiking_model", spiking.modelId());
        root.put("protocol", "rolling origin at every period from " + (int) (FIRST_ORIGIN * 100) + "% of each series; target = mean flow per period over ceil(h / period) periods"
                + (firstHalfOnly ? "; first half of the origins only (before each series' middle date)" : ""));
        root.put("series", seriesMetrics);
        root.put("selection", TreasurySelection.select(cells.stream().map(TreasuryEval::withoutSingles).toList()));
        root.put("per_cell", TreasuryPerCell.score(cells));
        root.put("halves", halvesTable(cells));
        root.put("runway", runway);
        root.put("runtime_seconds", VoteEval.round((System.nanoTime() - t0) / 1e9));
        String report = TreasuryReport.markdown(root);
        write(out, rows, root, report);
        return new Result(rows, root, report);
    }

    /**
     * Which periods may be origins. A series with balances but a gap in its snapshots (Decentraland: 167 days)
     * has the change to the next snapshot spread evenly over the gap, so a day inside a gap "knows" a flow that is
     * only learnt at the snapshot ending it: an origin there would see its own future (naive then forecasts the
     * spread value exactly). Origins are therefore the periods whose balance is known; a series with no balance at
     * all (flows only) uses every period.
     */
    static boolean[] originsKnown(FlowSeries s) {
        double[] b = s.balance();
        boolean any = Arrays.stream(b).anyMatch(x -> !Double.isNaN(x));
        boolean[] ok = new boolean[b.length];
        for (int t = 0; t < b.length; t++) ok[t] = !any || !Double.isNaN(b[t]);
        return ok;
    }

    /** MASE scale: the in-sample mean absolute one-period change before the first origin (Hyndman). */
    static double scale(double[] f, int first) {
        double sc = 0;
        for (int t = 1; t < first; t++) sc += Math.abs(f[t] - f[t - 1]);
        return sc / (first - 1);
    }

    /** The combination-rule table leaves out the single methods (they are per-cell options, not rules). */
    private static TreasurySelection.Cell withoutSingles(TreasurySelection.Cell c) {
        Map<String, double[]> m = new LinkedHashMap<>(c.maeCov());
        m.keySet().removeIf(k -> k.startsWith(TreasuryPerCell.SINGLE));
        return new TreasurySelection.Cell(c.series(), c.flow(), c.horizonDays(), c.half(), c.scale(), c.flat(), c.bestBaseline(), m);
    }

    /** Per cell and half: the served model's MASE and coverage beside the best baseline's MASE. */
    private static List<Map<String, Object>> halvesTable(List<TreasurySelection.Cell> cells) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TreasurySelection.Cell c : cells) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("series", c.series());
            m.put("flow", c.flow());
            m.put("horizon_days", c.horizonDays());
            m.put("half", c.half());
            m.put("origins", (int) c.maeCov().get("ensemble")[2]);
            m.put("scored", c.counts("ensemble"));
            m.put("best_baseline", c.bestBaseline());
            m.put("best_baseline_mase", c.scale() > 0 ? VoteEval.round(c.maeCov().get(c.bestBaseline())[0] / c.scale()) : Double.NaN);
            m.put("served_mase", c.scale() > 0 ? VoteEval.round(c.maeCov().get("ensemble")[0] / c.scale()) : Double.NaN);
            double ratio = c.counts("ensemble") ? c.ratio("ensemble") : Double.NaN;
            m.put("served_vs_best", Double.isFinite(ratio) ? VoteEval.round(ratio) : ratio);
            m.put("served_coverage_80", VoteEval.round(c.coverage("ensemble")));
            m.put("goal_met", c.met("ensemble"));
            out.add(m);
        }
        return out;
    }

    private static double[][] rowsOf(double[][] fc, List<String> all, List<String> wanted) {
        double[][] out = new double[wanted.size()][];
        for (int i = 0; i < out.length; i++) out[i] = fc[all.indexOf(wanted.get(i))];
        return out;
    }

    private static List<Row> spikingRows(FlowSeries s, TreasuryModel m, int first) {
        List<Row> out = new ArrayList<>();
        var ts = new TreasurySamples.Series(s.asset(), s.start(), s.inflow(), s.outflow());
        List<TreasurySamples.Sample> all = TreasurySamples.build(m, List.of(ts));
        int[] hs = m.horizonsDays();
        for (int o = first; o + 1 < s.periods(); o += 30) {
            int origin = o;
            List<TreasurySamples.Sample> train = all.stream().filter(x -> x.day() + 30 < origin).toList();
            if (train.size() < 30) continue;
            TreasuryModel fitted = TreasuryTraining.fit(m, train, Map.of());
            for (TreasurySamples.Sample x : all) {
                if (x.day() < o || x.day() >= o + 30) continue;
                double[][][] pred = fitted.predict(x.features());
                for (int h = 0; h < hs.length; h++)
                    for (int k = 0; k < 2; k++) {
                        if (Double.isNaN(x.target()[k][h])) continue;
                        out.add(new Row(s.name(), FLOWS[k], x.date().toString(), hs[h], hs[h], "spiking", pred[k][h][0], pred[k][h][1], pred[k][h][2], Math.expm1(x.target()[k][h])));
                    }
            }
        }
        return out;
    }

    /** Per flow and horizon, per method: n, MAE, MASE, 80% coverage (methods with intervals); and the goal check. */
    private static Map<String, Object> seriesMetrics(FlowSeries s, List<Row> rows, int first) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("period_days", s.periodDays());
        m.put("periods", s.periods());
        m.put("first_origin", s.date(first).toString());
        for (String flow : FLOWS) {
            double scale = scale(s.flow(flow), first);
            Map<String, Object> byH = new LinkedHashMap<>();
            for (int hd : HORIZONS_DAYS) {
                Map<String, Object> byMethod = new LinkedHashMap<>();
                List<Row> rs = rows.stream().filter(r -> r.flow().equals(flow) && r.horizonDays() == hd).toList();
                boolean flat = rs.stream().allMatch(r -> r.actual() == 0);
                List<String> methods = rs.stream().map(Row::method).distinct().toList();
                for (String method : methods) {
                    List<Row> x = rs.stream().filter(r -> r.method().equals(method)).toList();
                    double[] y = x.stream().mapToDouble(Row::actual).toArray(), p50 = x.stream().mapToDouble(Row::p50).toArray();
                    double mae = Metrics.mae(p50, y);
                    Map<String, Object> mm = new LinkedHashMap<>();
                    mm.put("n", x.size());
                    mm.put("mae", mae);
                    mm.put("mase", scale > 0 ? VoteEval.round(mae / scale) : Double.NaN);
                    if (!Double.isNaN(x.getFirst().p10()))
                        mm.put("coverage_80", VoteEval.round(Metrics.coverage(x.stream().mapToDouble(Row::p10).toArray(), x.stream().mapToDouble(Row::p90).toArray(), y)));
                    byMethod.put(method, mm);
                }
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("horizon_periods", FlowMethods.ceilDiv(hd, s.periodDays()));
                h.put("flat", flat);
                h.put("methods", byMethod);
                String best = FlowMethods.BASELINES.stream().filter(byMethod::containsKey)
                        .min((a, b) -> Double.compare(mae(byMethod, a), mae(byMethod, b))).orElseThrow();
                h.put("best_baseline", best);
                double ratio = mae(byMethod, "ensemble") / mae(byMethod, best);
                h.put("ensemble_vs_best_baseline", VoteEval.round(ratio));
                @SuppressWarnings("unchecked") double cov = (double) ((Map<String, Object>) byMethod.get("ensemble")).get("coverage_80");
                h.put("goal_met", !flat && ratio < 1 && cov >= 0.75 && cov <= 0.85);
                if (byMethod.containsKey("spiking") && !flat) h.put("spiking_vs_best_baseline", VoteEval.round(mae(byMethod, "spiking") / mae(byMethod, best)));
                byH.put(hd + "d", h);
            }
            m.put(flow, byH);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static double mae(Map<String, Object> byMethod, String method) { return (double) ((Map<String, Object>) byMethod.get(method)).get("mae"); }

    /**
     * Runway at the 30-day horizon from the ensemble's flow quantiles: median = balance / (median outflow - median
     * inflow) per day; 10% bound = balance / (outflow p90 - inflow p10), 90% bound = balance / (outflow p10 - inflow p90)
     * (infinite when that burn is not positive). Checked against the realised balance 30 days on: the realised runway
     * (balance / realised mean daily burn) falls within the bounds, and the realised balance within the balance band.
     */
    private static Map<String, Object> runwayCheck(FlowSeries s, double[][][][] q, int first) {
        int hi = HORIZONS_DAYS.length - 1, hp = FlowMethods.ceilDiv(30, s.periodDays());
        double days = hp * s.periodDays();
        int n = 0, inBounds = 0, balIn = 0, burning = 0, hitZero = 0, zeroWithinLow = 0;
        List<Double> finiteRunways = new ArrayList<>();
        for (int t = first; t + hp < s.periods(); t++) {
            double b = s.balance()[t], b2 = s.balance()[t + hp];
            double[] in = q[0][hi][t], out = q[1][hi][t];
            if (Double.isNaN(b) || Double.isNaN(b2) || in == null || out == null) continue;
            n++;
            double burn50 = (out[1] - in[1]) / s.periodDays(), burnHi = (out[2] - in[0]) / s.periodDays(), burnLo = (out[0] - in[2]) / s.periodDays();
            double r50 = burn50 > 0 ? b / burn50 : Double.POSITIVE_INFINITY;
            double r10 = burnHi > 0 ? b / burnHi : Double.POSITIVE_INFINITY, r90 = burnLo > 0 ? b / burnLo : Double.POSITIVE_INFINITY;
            double realBurn = (b - b2) / days, real = realBurn > 0 ? b / realBurn : Double.POSITIVE_INFINITY;
            if (real >= r10 && real <= r90) inBounds++;
            double lo = b + hp * (in[0] - out[2]), hiB = b + hp * (in[2] - out[0]);
            if (b2 >= lo && b2 <= hiB) balIn++;
            // A burn of a few wei a day is "finite" but means no zero in sight: count runways within 100 years.
            if (r50 <= 36_500) finiteRunways.add(r50);
            if (realBurn > 0) burning++;
            if (b2 <= 0 && b > 0) { hitZero++; if (r10 <= days) zeroWithinLow++; }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("series", s.name());
        m.put("origins", n);
        m.put("realised_runway_within_10_90", n == 0 ? Double.NaN : VoteEval.round((double) inBounds / n));
        m.put("realised_balance_within_10_90", n == 0 ? Double.NaN : VoteEval.round((double) balIn / n));
        m.put("origins_with_median_runway_under_100y", finiteRunways.size());
        double[] fr = finiteRunways.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        m.put("median_of_those_runways_days", fr.length == 0 ? Double.NaN : VoteEval.round(fr[fr.length / 2]));
        m.put("origins_with_realised_burn", burning);
        m.put("balance_reached_zero", hitZero);
        m.put("reached_zero_within_10pct_runway", zeroWithinLow);
        return m;
    }

    private static void write(Path out, List<Row> rows, Map<String, Object> root, String report) {
        try {
            Files.createDirectories(out);
            StringBuilder csv = new StringBuilder("series,flow,date,horizon_days,horizon_periods,method,p10,p50,p90,actual\n");
            for (Row r : rows)
                csv.append(VoteEval.csvq(r.series())).append(',').append(r.flow()).append(',').append(r.date()).append(',').append(r.horizonDays()).append(',').append(r.horizonPeriods())
                        .append(',').append(r.method()).append(',').append(VoteEval.num(r.p10())).append(',').append(VoteEval.num(r.p50())).append(',').append(VoteEval.num(r.p90()))
                        .append(',').append(VoteEval.num(r.actual())).append('\n');
            Files.writeString(out.resolve("predictions.csv"), csv);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("metrics.json").toFile(), root);
            Files.writeString(out.resolve("report.md"), report);
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": " + e.getMessage(), e);
        }
    }
}
