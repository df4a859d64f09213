package org.neuroracle.daoserver;

import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Checkpoints the journal's WAL on its own thread and connection, so the writer's commits never copy pages into the
 * database file or fsync it (the writer runs with {@code wal_autocheckpoint=0}).
 *
 * <p>Every {@code intervalMs} it runs a PASSIVE checkpoint: it syncs the WAL, copies the committed frames no reader
 * needs into the database file and syncs that, all without blocking the writer. Under sustained load the writer
 * appends frames during every pass, so a pass never finds the WAL fully copied and SQLite never restarts it from the
 * beginning: the file would grow without bound. So when the WAL file passes {@code capBytes} the next pass is a quiet
 * one: it takes the writer's transaction lock (the writer finishes its current commit, then waits), copies the few
 * frames written since the last pass, and lets go; the writer's next transaction then restarts the WAL and its
 * commit truncates the file to {@code journal_size_limit} (the cap). The writer waits only for that short pass, once
 * per cap's worth of WAL, instead of a whole checkpoint every 1,000 pages.
 *
 * <p>That bound needs this thread to get a core. Where it does not (a starved JVM, a loaded machine), the writer
 * itself runs the cycle once the WAL passes {@link #BACKSTOP_CAPS} caps ({@link #afterCommit}), so the WAL can never
 * grow without bound, however the threads are scheduled.
 */
final class JournalCheckpointer implements AutoCloseable {
    private final Path wal;
    private final Connection conn;
    private final ReentrantLock writerLock;
    private final long capBytes;
    private final long intervalMs;
    private final Thread thread;
    /** Odd while a pass runs; the writer compares it around a commit to tell its own file writes from ours. */
    private final AtomicLong activity = new AtomicLong();
    private final LongAdder passes = new LongAdder();
    private final LongAdder quietPasses = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder writerCycles = new LongAdder();
    /** WAL size, in caps, past which the writer runs a cycle itself; while the thread runs the WAL stays near one cap. */
    static final int BACKSTOP_CAPS = 4;
    private volatile long maxPassNanos;
    private volatile long maxQuietNanos;
    private volatile long maxWalBytes;
    private volatile boolean closing;

    /** {@code intervalMs <= 0}: no thread; passes run only through {@link #cycle()} (tests). */
    JournalCheckpointer(Path db, String synchronous, ReentrantLock writerLock, long capBytes, long intervalMs) throws SQLException {
        this.wal = Path.of(db + "-wal");
        this.writerLock = writerLock;
        this.capBytes = capBytes;
        this.intervalMs = intervalMs;
        this.conn = DriverManager.getConnection("jdbc:sqlite:" + db);
        try (Statement s = conn.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            // The checkpoint's fsyncs follow this connection's setting; NORMAL and FULL both sync at checkpoints.
            s.execute("PRAGMA synchronous=" + synchronous);
        }
        this.thread = intervalMs <= 0 ? null
                : Thread.ofPlatform().name("neuroracle-journal-checkpointer").daemon(true).unstarted(this::loop);
        if (thread != null) thread.start();
    }

    private void loop() {
        while (!closing) {
            try {
                TimeUnit.MILLISECONDS.sleep(intervalMs);
                cycle();
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                failures.increment(); // a failed pass is retried at the next interval; the WAL keeps every frame meanwhile
            }
        }
    }

    /** One pass, and a quiet one after it when the WAL file is over the cap. */
    synchronized void cycle() throws SQLException {
        long size = walBytes();
        if (size > maxWalBytes) maxWalBytes = size;
        pass(false);
        if (walBytes() > capBytes) pass(true);
    }

    private void pass(boolean quiet) throws SQLException {
        if (quiet) writerLock.lock();
        long t0 = System.nanoTime();
        activity.incrementAndGet();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
        } finally {
            activity.incrementAndGet();
            long dt = System.nanoTime() - t0;
            if (quiet) {
                writerLock.unlock();
                quietPasses.increment();
                if (dt > maxQuietNanos) maxQuietNanos = dt;
            } else {
                passes.increment();
                if (dt > maxPassNanos) maxPassNanos = dt;
            }
        }
    }

    /**
     * Called by the writer after each commit, holding no lock (the quiet pass takes the writer's lock): runs a cycle
     * on the writer's thread when the WAL is past {@link #BACKSTOP_CAPS} caps, that is when this thread has fallen
     * behind. Never the case while it keeps up, so in normal running this is one file-size read per commit. A failed
     * cycle counts as the thread's do ({@code failures}): the rows are committed, and the next commit tries again.
     */
    void afterCommit() {
        if (walBytes() <= BACKSTOP_CAPS * capBytes) return;
        try {
            cycle();
            writerCycles.increment();
        } catch (Throwable t) {
            failures.increment();
        }
    }

    long activity() { return activity.get(); }
    long walBytes() {
        try { return Files.size(wal); } catch (Exception e) { return 0; }
    }
    long maxWalBytes() { return Math.max(maxWalBytes, walBytes()); }
    long quietPasses() { return quietPasses.sum(); }
    long passes() { return passes.sum(); }
    long writerCycles() { return writerCycles.sum(); }

    JsonObject json() {
        return new JsonObject().put("passes", passes.sum()).put("quietPasses", quietPasses.sum()).put("failures", failures.sum())
                .put("writerCycles", writerCycles.sum())
                .put("maxPassMs", Math.round(maxPassNanos / 1e4) / 100.0).put("maxWriterWaitMs", Math.round(maxQuietNanos / 1e4) / 100.0)
                .put("walBytes", walBytes()).put("maxWalBytes", maxWalBytes()).put("capBytes", capBytes);
    }

    /** Stops the thread (the writer has stopped by now) and truncates the WAL to zero bytes. */
    @Override public void close() {
        closing = true;
        if (thread != null) {
            thread.interrupt();
            try { thread.join(30_000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        synchronized (this) {
            try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                rs.next();
            } catch (SQLException ignored) {
                // the last connection's close checkpoints too
            }
            try { conn.close(); } catch (SQLException ignored) { /* closing anyway */ }
        }
    }
}
