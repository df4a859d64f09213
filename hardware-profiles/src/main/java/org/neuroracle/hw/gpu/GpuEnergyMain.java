package org.neuroracle.hw.gpu;

import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.io.NetworkFiles;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Measures a GPU's energy per forecast with NVML's total-energy counter (see hardware-profiles/README.md, "Measuring
 * a GPU"). Run from the GPU bundle:
 * {@code java -cp 'lib/*' org.neuroracle.hw.gpu.GpuEnergyMain --network cuba-fixed --steps 448 --backend opencl --device NVIDIA}.
 * Prints the measurement and the profile lines to paste into {@code nvidia-h100.yaml}; exits 1 with one line on
 * any error (no NVML, no such device or backend, bad option).
 */
public final class GpuEnergyMain {
    private GpuEnergyMain() {}

    public static void main(String[] args) {
        try {
            System.out.print(run(args));
        } catch (RuntimeException e) {
            System.err.println("gpu-energy: " + e.getMessage());
            System.exit(1);
        }
    }

    static String run(String[] args) { return run(args, NvmlEnergyCounter::new, GpuEnergyMain::sleep); }

    /** As {@link #run(String[])} with the counter (by NVML device index) and the idle wait given: tests pass fakes. */
    static String run(String[] args, java.util.function.IntFunction<EnergyCounter> counters, GpuEnergyMeasurement.Sleeper sleeper) {
        Map<String, String> o = parse(args);
        String networkName = o.getOrDefault("network", "cuba-fixed");
        int steps = positive(o, "steps", 448);
        String backend = o.getOrDefault("backend", "opencl");
        String device = o.getOrDefault("device", "NVIDIA");
        int gpu = (int) nonNegative(o, "gpu", 0);
        int warmup = (int) nonNegative(o, "warmup", 20);
        long idleS = nonNegative(o, "idle-seconds", 20);
        int blocks = positive(o, "blocks", 5);
        long blockS = nonNegative(o, "block-seconds", 6);
        long minForecasts = positive(o, "min-forecasts", 50);
        Network net = network(networkName, nonNegative(o, "seed", 1));
        Backend b = Backends.byName(backend);
        try (EnergyCounter counter = counters.apply(gpu);
             Simulation sim = b.compile(net, new Options(0, device, Map.of()))) {
            Runnable forecast = () -> { sim.reset(); sim.run(steps); sim.counters(); };
            GpuEnergyMeasurement m = GpuEnergyMeasurement.measure(counter, System::nanoTime, forecast, sleeper,
                    warmup, idleS * 1_000_000_000L, blocks, minForecasts, blockS * 1_000_000_000L);
            String method = String.format(Locale.ROOT, "this repository, hardware-profiles/README.md \"Measuring a GPU\": NVML total-energy counter on %s "
                    + "around repeated forecasts, network %s on backend %s device %s", counter.deviceName(), net.name(), backend, device);
            return String.format(Locale.ROOT, "gpu-energy: %s (NVML index %d), network %s, %d steps per forecast, backend %s device %s%n"
                            + "idle: %.1f s, %.3f J = %.2f W%n"
                            + "run: %d blocks, %d forecasts in %.2f s = %.4f ms per forecast (%.3f us per step), average %.2f W%n"
                            + "energy per forecast: %.4g J [%.4g, %.4g] (lowest and highest block), %.4g J above idle%n"
                            + "profile lines (measured; replace the unmeasured entries of nvidia-h100.yaml with them):%n%s",
                    counter.deviceName(), gpu, net.name(), steps, backend, device,
                    m.idleSeconds(), m.idleJoules(), m.idleWatts(),
                    m.blockJoulesPerForecast().size(), m.forecasts(), m.runSeconds(), m.secondsPerForecast() * 1e3,
                    m.secondsPerForecast() / steps * 1e6, m.averageWatts(),
                    m.joulesPerForecast(), m.lowerJoulesPerForecast(), m.upperJoulesPerForecast(), m.joulesAboveIdlePerForecast(),
                    m.profileLines(counter.deviceName(), method, steps));
        }
    }

    private static Network network(String name, long seed) {
        Path p = Path.of(name);
        if (Files.isRegularFile(p)) {
            try {
                return NetworkFiles.read(p);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("--network " + name + ": " + e.getMessage());
            }
        }
        return BuiltinNetworks.byName(name, seed);
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException("expected --option VALUE, got '" + args[i] + "'");
            o.put(args[i].substring(2), args[++i]);
        }
        for (String k : o.keySet())
            if (!java.util.Set.of("network", "steps", "backend", "device", "gpu", "warmup", "idle-seconds", "blocks", "block-seconds", "min-forecasts", "seed").contains(k))
                throw new IllegalArgumentException("unknown option --" + k);
        return o;
    }

    private static int positive(Map<String, String> o, String key, int fallback) {
        long v = nonNegative(o, key, fallback);
        if (v < 1 || v > Integer.MAX_VALUE) throw new IllegalArgumentException("--" + key + " must be a positive integer, got " + v);
        return (int) v;
    }

    private static long nonNegative(Map<String, String> o, String key, long fallback) {
        String s = o.get(key);
        if (s == null) return fallback;
        try {
            long v = Long.parseLong(s);
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a non-negative integer, got '" + s + "'");
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the idle window");
        }
    }
}
