package org.neuroracle.daoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.Vote;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The forecast worker's CPU per request, this build against another build's jars in one JVM ({@link WorkerPathDriver}
 * loaded twice, each in its own class loader), alternating which goes first; every served body and attestation must
 * be equal byte for byte. Not a test (no assertion on time). From the repository root, after
 * {@code ./mvnw -pl cli -am package -DskipTests} here and in the other checkout, and a daoserver test compile:
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp "cli/target/dist/lib/*:daoserver/target/test-classes" \
 *   org.neuroracle.daoserver.ForecastCpuAb OTHER/cli/target/dist/lib WARM N [bench|DATA_DIR[,DATA_DIR...]]
 * </pre>
 * {@code bench}: the wrk script's bodies (a new 20-vote proposal each time, a DAO the model has no history of).
 * A canonical data folder ({@code neuroracle data import}'s proposals.csv + votes.csv): an oracle's traffic, each
 * proposal asked at 10%, 25%, 50%, 75% and 90% of its window with the votes cast by then, in a shuffled order.
 */
public final class ForecastCpuAb {
    public static void main(String[] args) throws Exception {
        Path other = Path.of(args[0]);
        int warm = Integer.parseInt(args[1]), n = Integer.parseInt(args[2]);
        String source = args.length > 3 ? args[3] : "bench";
        List<String> bodies = source.equals("bench") ? null : replay(source);
        Path self = Path.of(WorkerPathDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String[] names = {"this build", other.toString()};
        Object[] drivers = {driver(jars(Path.of("cli/target/dist/lib")), self), driver(jars(other), self)};
        var run = drivers[0].getClass().getMethod("run", String.class, long[].class);
        var run1 = drivers[1].getClass().getMethod("run", String.class, long[].class);
        long[][] ns = new long[2][2];
        long[] scratch = new long[2];
        SplittableRandom rnd = new SplittableRandom(1);
        int differ = 0;
        for (int i = 0; i < warm + n; i++) {
            String body = bodies != null ? bodies.get(i % bodies.size()) : ForecastCpuSplit.body(i, rnd);
            byte[][][] out = new byte[2][][];
            for (int pass = 0; pass < 2; pass++) {
                int k = (pass == 0) == (i % 2 == 0) ? 0 : 1;
                Arrays.fill(scratch, 0);
                Thread.currentThread().setContextClassLoader(drivers[k].getClass().getClassLoader()); // ServiceLoader looks there
                out[k] = (byte[][]) (k == 0 ? run : run1).invoke(drivers[k], body, scratch);
                if (i >= warm) { ns[k][0] += scratch[0]; ns[k][1] += scratch[1]; }
            }
            if (!Arrays.equals(out[0][0], out[1][0]) || !Arrays.equals(out[0][1], out[1][1])) {
                if (differ++ == 0) System.out.println("DIFFERENT answers at " + i + ":\n  " + new String(out[0][0]) + "\n  " + new String(out[1][0]));
            }
        }
        System.out.printf("%d warm-up + %d measured %s forecasts, one thread, alternating; answers differ: %d%n", warm, n,
                bodies == null ? "distinct 20-vote (wrk script)" : "replayed (" + bodies.size() + " distinct bodies from " + source + ")", differ);
        for (int k = 0; k < 2; k++)
            System.out.printf("  %-40s engine.vote %7.1f us   SignedForecast.of + bytes %6.1f us   worker total %7.1f us%n", names[k],
                    ns[k][0] / 1e3 / n, ns[k][1] / 1e3 / n, (ns[k][0] + ns[k][1]) / 1e3 / n);
        for (int k = 0; k < 2; k++) {
            Object service = drivers[k].getClass().getMethod("forecastService").invoke(drivers[k]);
            try {
                long[] c = (long[]) service.getClass().getMethod("historyMemoCounts").invoke(service);
                System.out.printf("  %-40s history memo over all %d requests: DAO context %d hits / %d misses (%.1f%% hits), recalibration %d / %d (%.1f%%)%n",
                        names[k], warm + n, c[0], c[1], 100.0 * c[0] / Math.max(1, c[0] + c[1]), c[2], c[3], 100.0 * c[2] / Math.max(1, c[2] + c[3]));
            } catch (NoSuchMethodException e) {
                System.out.printf("  %-40s (no history memo)%n", names[k]);
            }
        }
        if (differ > 0) System.exit(1);
    }

    private static Object driver(URL[] jars, Path testClasses) throws Exception {
        URL[] urls = Arrays.copyOf(jars, jars.length + 1);
        urls[jars.length] = testClasses.toUri().toURL();
        ClassLoader l = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(l); // the backends are found with ServiceLoader
        return l.loadClass(WorkerPathDriver.class.getName()).getConstructor().newInstance();
    }

    private static URL[] jars(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            List<URL> out = new ArrayList<>();
            for (Path p : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) out.add(p.toUri().toURL());
            if (out.isEmpty()) throw new IllegalArgumentException(dir + ": no jars (build the distribution first)");
            return out.toArray(URL[]::new);
        }
    }

    /** Every decided or pending proposal with a quorum-or-not window, asked at five checkpoints, shuffled (seed 7). */
    static List<String> replay(String dirs) {
        GovernanceData data = GovernanceData.readAll(Arrays.stream(dirs.split(",")).map(Path::of).toList());
        Map<String, List<Vote>> byP = data.votes().stream().collect(Collectors.groupingBy(v -> v.dao() + "/" + v.proposalId()));
        List<String> out = new ArrayList<>();
        for (Proposal p : data.proposals()) {
            List<Vote> vs = byP.getOrDefault(p.dao() + "/" + p.proposalId(), List.of());
            for (double f : new double[]{0.1, 0.25, 0.5, 0.75, 0.9}) {
                long asOf = p.voteStart() + (long) Math.floor(f * (p.voteEnd() - p.voteStart()));
                JsonArray votes = new JsonArray();
                for (Vote v : vs)
                    if (v.timestamp() >= p.voteStart() && v.timestamp() <= asOf)
                        votes.add(new JsonObject().put("timestamp", v.timestamp()).put("voter", v.voter()).put("choice", v.choice().label())
                                .put("weight", v.weight().toPlainString()));
                JsonObject b = new JsonObject().put("dao", p.dao()).put("proposalId", p.proposalId()).put("voteStart", p.voteStart())
                        .put("voteEnd", p.voteEnd()).put("asOf", asOf).put("votes", votes);
                if (p.quorum() != null) b.put("quorum", p.quorum().toPlainString());
                out.add(b.encode());
            }
        }
        java.util.Collections.shuffle(out, new java.util.Random(7));
        return out;
    }
}
