package org.neuroracle.bench.brian2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.neuroracle.bench.BenchException;
import org.neuroracle.snn.model.Network;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs an exported network in Brian2's C++ standalone mode through the bundled driver script
 * ({@code run_brian2.py}) and reads back its spikes and timings. The Python interpreter is the first of
 * {@code $NEURORACLE_PYTHON}, {@code /usr/bin/python3} (Debian's {@code python3-brian} installs there) and
 * {@code python3} on the PATH that can import brian2.
 */
public final class Brian2Runner {
    private static final String SCRIPT = "run_brian2.py";

    /**
     * What Brian2 did.
     *
     * @param simulationSeconds time of the network run inside the compiled binary (Brian2's own timer)
     * @param binaryWallSeconds wall time of the binary, including loading its arrays and writing results
     * @param binaryCpuSeconds  CPU time (user + system) of the binary
     * @param buildSeconds      code generation and C++ compilation
     */
    public record Result(String version, int threads, double simulationSeconds, double binaryWallSeconds,
                         double binaryCpuSeconds, double buildSeconds, int[] populations, int[] neurons, int[] steps) {}

    private Brian2Runner() {}

    /** The interpreter that can import brian2, or empty with nothing installed. */
    public static Optional<String> findPython() {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("NEURORACLE_PYTHON");
        if (env != null && !env.isBlank()) candidates.add(env);
        candidates.add("/usr/bin/python3");
        candidates.add("python3");
        for (String c : candidates) {
            try {
                Process p = new ProcessBuilder(c, "-c", "import brian2").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return Optional.of(c);
                p.destroyForcibly();
            } catch (IOException e) {
                // not installed under this name: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Exports {@code net} to {@code exportDir}, builds and runs it in Brian2 with the project in
     * {@code exportDir/cpp_standalone}, and returns its spikes and timings.
     *
     * @throws BenchException when brian2 is not importable or the Brian2 run fails (log tail included)
     */
    public static Result run(Network net, int steps, Path exportDir, int threads) {
        String python = findPython().orElseThrow(() -> new BenchException(
                "--compare brian2: no Python with brian2 found (tried $NEURORACLE_PYTHON, /usr/bin/python3, python3); install it with: apt-get install python3-brian"));
        Brian2Export.write(net, steps, exportDir);
        try {
            Path script = exportDir.resolve(SCRIPT);
            try (InputStream in = Brian2Runner.class.getResourceAsStream(SCRIPT)) {
                if (in == null) throw new IllegalStateException("resource " + SCRIPT + " missing from the benchmarks jar");
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Path log = exportDir.resolve("brian2.log");
            Path project = exportDir.resolve("cpp_standalone");
            Process p = new ProcessBuilder(python, script.toString(), exportDir.toString(), project.toString(), Integer.toString(threads))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int rc = p.waitFor();
            if (rc != 0) throw new BenchException("Brian2 run failed (exit " + rc + "); last log lines from " + log + ": " + tail(log, 6));
            JsonNode r = new ObjectMapper().readTree(exportDir.resolve("brian2_result.json").toFile());
            List<String> lines = Files.readAllLines(exportDir.resolve("brian2_spikes.tsv"));
            int n = lines.size();
            int[] pops = new int[n], neurons = new int[n], st = new int[n];
            for (int k = 0; k < n; k++) {
                String[] f = lines.get(k).split("\t");
                pops[k] = Integer.parseInt(f[0]);
                neurons[k] = Integer.parseInt(f[1]);
                st[k] = Integer.parseInt(f[2]);
            }
            return new Result(r.path("brian2_version").asText(), r.path("threads").asInt(), r.path("simulation_seconds").asDouble(Double.NaN),
                    r.path("binary_wall_seconds").asDouble(Double.NaN), r.path("binary_cpu_seconds").asDouble(Double.NaN), r.path("build_seconds").asDouble(Double.NaN), pops, neurons, st);
        } catch (IOException e) {
            throw new UncheckedIOException("Brian2 comparison in " + exportDir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while Brian2 was running", e);
        }
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
