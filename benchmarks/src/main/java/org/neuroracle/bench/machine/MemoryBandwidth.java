package org.neuroracle.bench.machine;

/**
 * A STREAM-like copy measured from Java, to put a memory-bandwidth ceiling beside measured synaptic events/s.
 * Event-driven propagation streams each spike's CSR row (target, weight, delay) and does a read-modify-write of
 * the target's ring-buffer slot, so one synaptic event moves about {@link #BYTES_PER_SYNAPTIC_EVENT} bytes when
 * nothing is cached: the bound is bandwidth / that. It is an upper bound for large networks, not a prediction:
 * small networks live in cache and can beat it.
 */
public final class MemoryBandwidth {
    /** int32 target + float32/int32 weight + int32 delay + 4-byte ring read + 4-byte ring write. */
    public static final int BYTES_PER_SYNAPTIC_EVENT = 20;
    private static final int WORDS = 1 << 23; // 64 MiB per array: well past the last-level cache

    private MemoryBandwidth() {}

    /** Measured copy bandwidth and the synaptic-event bound derived from it. */
    public record Estimate(double copyBytesPerSecond, int bytesPerSynapticEvent, double synapticEventsPerSecondBound) {}

    public static Estimate measure() {
        double bw = copyBytesPerSecond(5);
        return new Estimate(bw, BYTES_PER_SYNAPTIC_EVENT, bw / BYTES_PER_SYNAPTIC_EVENT);
    }

    /** Best of {@code repeats} copies of a 64 MiB array, counting bytes read plus bytes written (STREAM's convention). */
    public static double copyBytesPerSecond(int repeats) {
        long[] a = new long[WORDS], b = new long[WORDS];
        for (int i = 0; i < WORDS; i++) a[i] = i;
        long best = Long.MAX_VALUE;
        long sink = 0;
        for (int r = 0; r < repeats + 2; r++) { // two untimed rounds warm the JIT and the pages
            long t0 = System.nanoTime();
            copy(a, b);
            long dt = System.nanoTime() - t0;
            sink += b[r];
            if (r >= 2) best = Math.min(best, dt);
        }
        if (sink == Long.MIN_VALUE) System.out.print(""); // keeps the copies observable to the JIT
        return 2.0 * WORDS * Long.BYTES / (best * 1e-9);
    }

    private static void copy(long[] from, long[] to) {
        for (int i = 0; i < from.length; i++) to[i] = from[i];
    }
}
