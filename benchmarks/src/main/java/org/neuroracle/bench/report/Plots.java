package org.neuroracle.bench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuroracle.bench.runner.RunResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PNG plots with XChart: speed per backend ({@code speed.png}: simulated seconds per wall second;
 * {@code events.png}: synaptic events per second), and for the first seed of every (network, simulator) a spike
 * raster ({@code raster-NET-SIM.png}, one second after the warm-up) and a histogram of per-neuron rates
 * ({@code rates-NET-SIM.png}).
 */
public final class Plots {
    private Plots() {}

    public static List<Path> write(List<RunResult> runs, Path dir) {
        System.setProperty("java.awt.headless", "true");
        List<Path> out = new ArrayList<>();
        out.add(save(speedChart(runs, false), dir.resolve("speed.png")));
        out.add(save(speedChart(runs, true), dir.resolve("events.png")));
        Set<String> done = new LinkedHashSet<>();
        for (RunResult r : runs) {
            String key = r.network() + "-" + r.backend();
            if (!done.add(key)) continue;
            out.add(save(raster(r), dir.resolve("raster-" + key + ".png")));
            out.add(save(rateHistogram(r), dir.resolve("rates-" + key + ".png")));
        }
        return out;
    }

    /** Mean over seeds, per network (x) and simulator (series). */
    static CategoryChart speedChart(List<RunResult> runs, boolean events) {
        List<String> networks = new ArrayList<>(new LinkedHashSet<>(runs.stream().map(RunResult::network).toList()));
        Map<String, double[]> sums = new LinkedHashMap<>(), counts = new LinkedHashMap<>();
        for (RunResult r : runs) {
            double[] s = sums.computeIfAbsent(r.backend(), k -> new double[networks.size()]);
            double[] c = counts.computeIfAbsent(r.backend(), k -> new double[networks.size()]);
            int i = networks.indexOf(r.network());
            s[i] += events ? r.synapticEventsPerSecond() : r.bioSeconds() / r.wallSeconds();
            c[i]++;
        }
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500)
                .title(events ? "Synaptic events per wall-clock second" : "Speed: simulated seconds per wall-clock second")
                .xAxisTitle("network").yAxisTitle(events ? "synaptic events / s" : "simulated s / wall s (higher is faster)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (var e : sums.entrySet()) {
            double[] c = counts.get(e.getKey());
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < networks.size(); i++) y.add(c[i] == 0 ? 0.0 : e.getValue()[i] / c[i]);
            chart.addSeries(e.getKey(), networks, y);
        }
        return chart;
    }

    static XYChart raster(RunResult r) {
        RunResult.SpikeSample s = r.raster();
        XYChart chart = new XYChartBuilder().width(900).height(500)
                .title("Spike raster: " + r.network() + " on " + r.backend() + " (seed " + r.seed() + ")")
                .xAxisTitle("time (ms)").yAxisTitle("neuron").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(2);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        int[] starts = s.populationStarts();
        for (int p = 0; p + 1 < starts.length; p++) {
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            for (int k = 0; k < s.neuron().length; k++)
                if (s.neuron()[k] >= starts[p] && s.neuron()[k] < starts[p + 1]) { x.add((double) s.timeMs()[k]); y.add((double) s.neuron()[k]); }
            if (x.isEmpty()) continue;
            chart.addSeries(s.populationNames().get(p), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        if (chart.getSeriesMap().isEmpty()) chart.addSeries("no spikes", new double[]{0}, new double[]{0});
        return chart;
    }

    static CategoryChart rateHistogram(RunResult r) {
        RunResult.SpikeSample s = r.raster();
        double max = 0;
        for (double v : s.neuronRatesHz()) max = Math.max(max, v);
        max = max <= 0 ? 1 : max * 1.0001;
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500)
                .title("Per-neuron firing rates: " + r.network() + " on " + r.backend())
                .xAxisTitle("rate (Hz)").yAxisTitle("neurons").build();
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setXAxisDecimalPattern("0.#");
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        int[] starts = s.populationStarts();
        for (int p = 0; p + 1 < starts.length; p++) {
            if (starts[p + 1] == starts[p]) continue;
            List<Double> v = new ArrayList<>();
            for (int i = starts[p]; i < starts[p + 1]; i++) v.add(s.neuronRatesHz()[i]);
            Histogram h = new Histogram(v, 30, 0, max);
            chart.addSeries(s.populationNames().get(p), h.getxAxisData(), h.getyAxisData());
        }
        return chart;
    }

    private static Path save(Chart<?, ?> chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file + ": " + e.getMessage(), e);
        }
    }
}
