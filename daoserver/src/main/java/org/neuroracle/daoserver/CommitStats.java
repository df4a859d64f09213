package org.neuroracle.daoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * How long the journal writer's commits took, and how many of them wrote the database file (a checkpoint ran
 * inside the commit, so every answer waiting on it waited for the page copy and the fsyncs too). Written by the
 * writer thread only; read from any thread.
 */
final class CommitStats {
    /** Upper bounds of the histogram's buckets in ms (powers of two); the last bucket counts everything above. */
    static final long[] BOUNDS_MS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS_MS.length + 1);
    private final LongAdder count = new LongAdder();
    private final LongAdder checkpointing = new LongAdder();
    private volatile long maxNanos;
    private volatile long maxCheckpointingNanos;
    private volatile long lastMaxEpochMs;

    void record(long nanos, boolean checkpointed) {
        count.increment();
        long ms = nanos / 1_000_000;
        int b = 0;
        while (b < BOUNDS_MS.length && ms >= BOUNDS_MS[b]) b++;
        buckets.incrementAndGet(b);
        if (nanos > maxNanos) { maxNanos = nanos; lastMaxEpochMs = System.currentTimeMillis(); }
        if (checkpointed) {
            checkpointing.increment();
            if (nanos > maxCheckpointingNanos) maxCheckpointingNanos = nanos;
        }
    }

    long commits() { return count.sum(); }
    /** Commits during which the database file changed with no checkpointer pass running: a checkpoint inside the commit. */
    long checkpointingCommits() { return checkpointing.sum(); }
    double maxMs() { return maxNanos / 1e6; }

    JsonObject json() {
        JsonArray h = new JsonArray();
        for (int i = 0; i < buckets.length(); i++) h.add(buckets.get(i));
        return new JsonObject().put("count", count.sum()).put("maxMs", round(maxNanos)).put("maxAtEpochMs", lastMaxEpochMs)
                .put("withCheckpoint", checkpointing.sum()).put("withCheckpointMaxMs", round(maxCheckpointingNanos))
                .put("histogramBoundsMs", new JsonArray(java.util.Arrays.stream(BOUNDS_MS).boxed().toList())).put("histogram", h);
    }

    private static double round(long nanos) { return Math.round(nanos / 1e4) / 100.0; }
}
