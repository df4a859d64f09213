package org.neuroracle.daoserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the {@code wrk} load generator (Debian {@code wrk}) with the bundled script {@code bench/distinct-votes.lua}
 * (every body a new vote forecast) and reads the summary line the script prints. wrk is open-loop per connection
 * in the sense that matters here: it measures each request's latency itself and does not hide a stalled server
 * behind a closed loop as badly as a one-request-per-connection client would.
 */
public final class WrkRunner {
    private WrkRunner() {}

    /** The bundled script, as a resource of this jar. */
    public static final String SCRIPT_RESOURCE = "/org/neuroracle/daoserver/bench/distinct-votes.lua";

    public record Result(long requests, double seconds, double perSecond, double p50Ms, double p90Ms, double p99Ms,
                         double maxMs, long non2xx, long socketErrors, String output) {
        public String summary() {
            return String.format("wrk: %d requests in %.1f s: %.0f/s, latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms, non-2xx %d, socket errors %d",
                    requests, seconds, perSecond, p50Ms, p90Ms, p99Ms, maxMs, non2xx, socketErrors);
        }
    }

    /** The wrk executable on PATH, or null. */
    public static Path find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "wrk");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** The bundled script written to {@code dir} (wrk reads scripts from files only). */
    public static Path writeScript(Path dir) throws IOException {
        try (InputStream in = WrkRunner.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) throw new IllegalStateException(SCRIPT_RESOURCE + " is missing from the class path");
            Path f = dir.resolve("distinct-votes.lua");
            Files.write(f, in.readAllBytes());
            return f;
        }
    }

    /** Runs {@code wrk -t threads -c connections -d seconds --latency -s script url}; wrk's output is kept in the result. */
    public static Result run(Path wrk, Path script, String url, int threads, int connections, int seconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(wrk.toString(), "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "--latency", "-s", script.toString(), url));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) throw new IllegalStateException("wrk exited with " + rc + ": " + out.strip());
        return parse(out);
    }

    private static final Pattern SUMMARY = Pattern.compile("wrk-summary (.*)");

    static Result parse(String out) {
        Matcher m = SUMMARY.matcher(out);
        if (!m.find()) throw new IllegalStateException("wrk printed no summary line (is it the bundled script?): " + out.strip());
        Map<String, String> kv = new java.util.HashMap<>();
        for (String part : m.group(1).trim().split(" ")) {
            int eq = part.indexOf('=');
            kv.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return new Result(Long.parseLong(kv.get("requests")), Double.parseDouble(kv.get("seconds")), Double.parseDouble(kv.get("per_second")),
                Double.parseDouble(kv.get("p50_ms")), Double.parseDouble(kv.get("p90_ms")), Double.parseDouble(kv.get("p99_ms")),
                Double.parseDouble(kv.get("max_ms")), Long.parseLong(kv.get("non2xx")), Long.parseLong(kv.get("socket_errors")), out);
    }
}
