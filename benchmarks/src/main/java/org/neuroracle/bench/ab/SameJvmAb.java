package org.neuroracle.bench.ab;

import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntToLongFunction;

/**
 * Same-JVM A/B of two builds of snn-core: each build (a classes directory or jar) is loaded in its own class
 * loader, both run the same built-in network on the cpu backend, and chunks of steps alternate between them
 * (order swapped every round), timed in the thread's CPU time. The result is the median of the per-round ratios
 * B/A. On the shared 2-core machine separate processes of identical code differ by 10-40 %, while A/A ratios
 * here stay within a few percent, so this decides single-thread changes; digests tell whether the bits changed.
 * <pre>java -cp benchmarks/target/classes org.neuroracle.bench.ab.SameJvmAb coba /tmp/main-classes snn-core/target/classes 60 2000</pre>
 * Two networks on one build, {@code A:B} (e.g. {@code cuba-fixed:cuba} with the same build twice), compare their
 * steps the same way: the one JVM, alternated chunks and CPU time that make build A/Bs decidable make the
 * integer-against-float comparison decidable too (separate processes of one network differ by 10 % and more).
 * A name may carry a thread count, {@code coba@2} ({@code coba@1:coba@2}: does a second thread cost anything?); the
 * times are then the calling thread's CPU time only, so use it for networks whose schedule keeps them serial.
 */
public final class SameJvmAb {
    private SameJvmAb() {}

    /** Per-step CPU microseconds (median and minimum over rounds) of each side, the B/A ratio quartiles, digests. */
    public record Result(String network, int rounds, int chunkSteps, double aMedianUs, double aMinUs, double bMedianUs,
                         double bMinUs, double ratioMedian, double ratioQ1, double ratioQ3, String digestA, String digestB) {
        public boolean sameBits() { return digestA.equals(digestB); }

        /** Whether both sides ran one network ({@code network} without {@code A:B}), so that their bits must agree. */
        public boolean sameNetwork() { return network.indexOf(':') < 0; }

        @Override public String toString() {
            return String.format(Locale.ROOT, "%s, %d rounds of %d steps: A %.2f us/step CPU (min %.2f), B %.2f (min %.2f); B/A median %.3f [quartiles %.3f, %.3f]; %s",
                    network, rounds, chunkSteps, aMedianUs, aMinUs, bMedianUs, bMinUs, ratioMedian, ratioQ1, ratioQ3,
                    !sameNetwork() ? "two networks, digests A " + digestA + ", B " + digestB
                            : sameBits() ? "same digest " + digestA : "DIGESTS DIFFER: A " + digestA + ", B " + digestB);
        }
    }

    public static Result run(String network, Path buildA, Path buildB, int rounds, int chunkSteps, int warmupChunks) {
        if (rounds < 4) throw new IllegalArgumentException("rounds: at least 4 (quartiles), got " + rounds);
        if (chunkSteps < 1) throw new IllegalArgumentException("chunk steps: at least 1, got " + chunkSteps);
        final int colon = network.indexOf(':');
        final String networkA = colon < 0 ? network : network.substring(0, colon), networkB = network.substring(colon + 1);
        if (networkA.isEmpty() || networkB.isEmpty() || networkB.indexOf(':') >= 0)
            throw new IllegalArgumentException("network: NAME or A:B (two names), got '" + network + "'");
        IntToLongFunction a = contender(buildA, networkA), b = contender(buildB, networkB);
        for (int w = 0; w < warmupChunks; w++) { a.applyAsLong(chunkSteps); b.applyAsLong(chunkSteps); }
        long[] ta = new long[rounds], tb = new long[rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            if ((r & 1) == 0) { ta[r] = a.applyAsLong(chunkSteps); tb[r] = b.applyAsLong(chunkSteps); }
            else { tb[r] = b.applyAsLong(chunkSteps); ta[r] = a.applyAsLong(chunkSteps); }
            ratio[r] = (double) tb[r] / Math.max(1, ta[r]);
        }
        Arrays.sort(ta);
        Arrays.sort(tb);
        Arrays.sort(ratio);
        double perStep = 1e3 * chunkSteps;
        return new Result(network, rounds, chunkSteps, ta[rounds / 2] / perStep, ta[0] / perStep, tb[rounds / 2] / perStep,
                tb[0] / perStep, ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4], digest(a), digest(b));
    }

    private static String digest(IntToLongFunction sim) {
        String s = sim.toString();
        return s.substring(0, s.indexOf(' '));
    }

    /** A fresh class loader over the build and the location of {@link AbSimulation}, parent the platform loader. */
    private static IntToLongFunction contender(Path build, String network) {
        if (!Files.exists(build)) throw new IllegalArgumentException("build " + build + ": no such classes directory or jar");
        try {
            URL self = AbSimulation.class.getProtectionDomain().getCodeSource().getLocation();
            URLClassLoader loader = new URLClassLoader(new URL[]{build.toUri().toURL(), self}, ClassLoader.getPlatformClassLoader());
            Class<?> c = loader.loadClass(AbSimulation.class.getName());
            if (c.getClassLoader() != loader) throw new IllegalStateException("AbSimulation was not loaded by the contender's loader");
            return (IntToLongFunction) c.getConstructor(String.class).newInstance(network);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("build " + build + ": " + e.getMessage(), e);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("build " + build + ": cannot start a " + network + " simulation: " + cause, cause);
        }
    }

    public static void main(String[] args) throws URISyntaxException {
        if (args.length < 3) {
            System.err.println("usage: SameJvmAb NETWORK|NETWORK_A:NETWORK_B BUILD_A BUILD_B [ROUNDS=60] [CHUNK_STEPS=2000] [WARMUP_CHUNKS=10]");
            System.exit(2);
        }
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        int chunk = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        int warm = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        System.out.println(run(args[0], Path.of(args[1]), Path.of(args[2]), rounds, chunk, warm));
    }
}
