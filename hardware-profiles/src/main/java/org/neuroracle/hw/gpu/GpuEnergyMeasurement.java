package org.neuroracle.hw.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Energy per forecast from a cumulative board counter: the counter is read around blocks of many repeated forecasts
 * (a block lasts seconds, so the counter's refresh interval of tens of milliseconds is a small error), and around an
 * idle window of the same process, so the board's idle power is known too. Per block: energy / forecasts; the
 * result is the pooled mean, with the lowest and highest block as its bounds.
 *
 * @param forecasts   forecasts run in the measured blocks
 * @param runSeconds  wall time of the measured blocks
 * @param runJoules   counter increase over the measured blocks
 * @param idleSeconds wall time of the idle window (0 when none was measured)
 * @param idleJoules  counter increase over the idle window
 * @param blockJoulesPerForecast per block, energy / forecasts (the spread gives the bounds)
 */
public record GpuEnergyMeasurement(long forecasts, double runSeconds, double runJoules, double idleSeconds, double idleJoules,
                                   List<Double> blockJoulesPerForecast) {
    public GpuEnergyMeasurement { blockJoulesPerForecast = List.copyOf(blockJoulesPerForecast); }

    public double joulesPerForecast() { return runJoules / forecasts; }

    public double lowerJoulesPerForecast() { return blockJoulesPerForecast.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN); }

    public double upperJoulesPerForecast() { return blockJoulesPerForecast.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN); }

    public double secondsPerForecast() { return runSeconds / forecasts; }

    public double averageWatts() { return runJoules / runSeconds; }

    /** Board power with nothing running (NaN when no idle window was measured). */
    public double idleWatts() { return idleSeconds > 0 ? idleJoules / idleSeconds : Double.NaN; }

    /** Energy per forecast above the idle draw: what the work itself added. */
    public double joulesAboveIdlePerForecast() { return (runJoules - idleWatts() * runSeconds) / forecasts; }

    /**
     * Measures: {@code warmup} forecasts unmeasured (JIT, program build, caches), then an idle window of
     * {@code idleNanos}, then {@code blocks} blocks of at least {@code minForecastsPerBlock} forecasts and at
     * least {@code minNanosPerBlock} each.
     *
     * @param forecast one forecast (reset, inject, run its steps, read its answer)
     * @param sleeper  waits the given nanoseconds (Thread.sleep in use; a test advances a fake clock)
     */
    public static GpuEnergyMeasurement measure(EnergyCounter counter, LongSupplier nanoClock, Runnable forecast, Sleeper sleeper,
                                               int warmup, long idleNanos, int blocks, long minForecastsPerBlock, long minNanosPerBlock) {
        if (blocks < 1 || minForecastsPerBlock < 1) throw new IllegalArgumentException("blocks and forecasts per block must be >= 1");
        for (int i = 0; i < warmup; i++) forecast.run();
        double idleJ = 0, idleS = 0;
        if (idleNanos > 0) {
            double e0 = counter.joules();
            long t0 = nanoClock.getAsLong();
            sleeper.sleepNanos(idleNanos);
            idleJ = counter.joules() - e0;
            idleS = (nanoClock.getAsLong() - t0) / 1e9;
        }
        long n = 0;
        double runJ = 0, runS = 0;
        List<Double> perBlock = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            double e0 = counter.joules();
            long t0 = nanoClock.getAsLong();
            long k = 0;
            while (k < minForecastsPerBlock || nanoClock.getAsLong() - t0 < minNanosPerBlock) {
                forecast.run();
                k++;
            }
            double j = counter.joules() - e0;
            runS += (nanoClock.getAsLong() - t0) / 1e9;
            runJ += j;
            n += k;
            perBlock.add(j / k);
        }
        return new GpuEnergyMeasurement(n, runS, runJ, idleS, idleJ, perBlock);
    }

    /** Waits; a functional interface so a test can advance a fake clock instead. */
    @FunctionalInterface
    public interface Sleeper { void sleepNanos(long nanos); }

    /** The lines to paste into the profile: energy per step (static included) and the step time, both measured. */
    public String profileLines(String device, String method, long stepsPerForecast) {
        double perStep = joulesPerForecast() / stepsPerForecast;
        double stepUs = secondsPerForecast() / stepsPerForecast * 1e6;
        String src = method + String.format(Locale.ROOT, " (%d forecasts of %d steps in %.1f s; blocks %.4g to %.4g J per forecast; idle %.1f W over %.0f s)",
                forecasts, stepsPerForecast, runSeconds, lowerJoulesPerForecast(), upperJoulesPerForecast(), idleWatts(), idleSeconds);
        return String.format(Locale.ROOT, "timing:%n  time_step: {value: %.4g, unit: us, kind: measured, source: 'measured: %s, %s'}%n"
                        + "energy:%n  per_step: {value: %.4g, unit: mJ, kind: measured, boundary: board, source: 'measured: %s, %s'}%n"
                        + "  static_power: {value: %.4g, unit: W, kind: measured, boundary: board, source: 'measured: %s, %s: idle window of the same process before the forecasts'}%n",
                stepUs, device, src, perStep * 1e3, device, src, idleWatts(), device, method);
    }
}
