package org.neuroracle.forecast.eval;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** PNG plots for eval reports (XChart, headless). */
public final class Plots {
    private Plots() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Reliability diagram: per method, observed pass rate against mean predicted P(pass) per bin, with the diagonal. */
    public static void reliability(Path file, String title, Map<String, double[][]> byMethod) {
        XYChart c = new XYChartBuilder().width(700).height(600).title(title).xAxisTitle("predicted P(pass)").yAxisTitle("observed pass rate").build();
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        XYSeries d = c.addSeries("perfect", new double[]{0, 1}, new double[]{0, 1});
        d.setMarker(SeriesMarkers.NONE);
        d.setLineColor(Color.GRAY);
        for (var e : byMethod.entrySet()) {
            List<double[]> pts = java.util.Arrays.stream(e.getValue()).filter(b -> b[2] > 0).toList();
            if (pts.isEmpty()) continue;
            c.addSeries(e.getKey(), pts.stream().mapToDouble(b -> b[0]).toArray(), pts.stream().mapToDouble(b -> b[1]).toArray());
        }
        save(c, file);
    }

    /** One line per method of a metric against the checkpoint (x in % of the voting window). */
    public static void lines(Path file, String title, String xTitle, String yTitle, double[] x, Map<String, double[]> series) {
        XYChart c = new XYChartBuilder().width(700).height(500).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        for (var e : series.entrySet()) c.addSeries(e.getKey(), x, e.getValue());
        save(c, file);
    }

    /** Fan chart: history, then the 10-90% band and median per forecast origin. */
    public static void fan(Path file, String title, double[] histX, double[] histY, double[] fx, double[] p10, double[] p50, double[] p90, double[] actual) {
        XYChart c = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("day").yAxisTitle("flow").build();
        c.addSeries("history", histX, histY).setMarker(SeriesMarkers.NONE);
        XYSeries band = c.addSeries("10-90%", fx, p90, null);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        band.setMarker(SeriesMarkers.NONE);
        XYSeries lo = c.addSeries("10%", fx, p10, null);
        lo.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        lo.setFillColor(Color.WHITE);
        lo.setMarker(SeriesMarkers.NONE);
        c.addSeries("median", fx, p50).setMarker(SeriesMarkers.NONE);
        c.addSeries("actual", fx, actual).setMarker(SeriesMarkers.CIRCLE);
        save(c, file);
    }

    private static void save(XYChart c, Path file) {
        try {
            BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
