package org.neuroracle.daoserver;

import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SQLite journal of requests and their answers ({@code dataDir/journal.db}, WAL mode).
 *
 * <p>Durability: {@link #append} completes only after the transaction holding the row has committed, and the
 * service acknowledges a request only then, so a killed process loses nothing it acknowledged. In WAL mode a
 * commit with {@code synchronous=NORMAL} has written the WAL frames to the operating system before returning,
 * so it survives a killed process (the case the journal test checks with {@code kill -9}); only an OS crash or
 * power loss can undo commits, those made after the WAL's last fsync. With NORMAL the WAL is fsynced only by a
 * checkpoint. By default ({@link #checkpointInWriter}) that is SQLite's own, inside the commit that takes the WAL past
 * {@link #autocheckpointPages} pages (1,000 of 4 kB by default): under load the last ~4 MB of WAL may be lost, on a
 * quiet node the commits of up to the kernel's writeback delay (30 s by default). With {@code thread} checkpoints,
 * the {@link JournalCheckpointer}'s pass every {@link #CHECKPOINT_INTERVAL_MS} ms while new frames exist bounds that
 * to roughly the last interval plus one pass.
 * It never corrupts the journal. {@code FULL} fsyncs the WAL on every commit and closes that gap at the cost of one
 * fsync per group commit.
 *
 * <p>Throughput: one writer thread owns the write connection and commits whatever has queued up in one
 * transaction (group commit), so the commit cost is shared by every request that arrived meanwhile. Readers use
 * their own connection; WAL lets them run beside the writer.
 */
public final class Journal implements AutoCloseable {
    /**
     * A row to write. {@code modelId}, {@code inputHash}, {@code attestation} may be null (simulations).
     * {@code repeat}: the request was answered from the answer cache, so an earlier row holds the same bytes and
     * this one stores only their hash. {@code requestSha256}: the hex sha256 of {@code request} when the caller has it
     * already (the service computes it for its answer cache), else null and the writer computes it.
     */
    public record Entry(long receivedEpochMs, String endpoint, byte[] request, int status, byte[] response,
                        String modelId, String inputHash, String attestation, boolean repeat, String requestSha256) {
        public Entry(long receivedEpochMs, String endpoint, byte[] request, int status, byte[] response,
                     String modelId, String inputHash, String attestation, boolean repeat) {
            this(receivedEpochMs, endpoint, request, status, response, modelId, inputHash, attestation, repeat, null);
        }

        public Entry(long receivedEpochMs, String endpoint, byte[] request, int status, byte[] response,
                     String modelId, String inputHash, String attestation) {
            this(receivedEpochMs, endpoint, request, status, response, modelId, inputHash, attestation, false, null);
        }
    }

    /** How much of a request a row holds. */
    public enum Stored { FULL, PREFIX, HASH }

    /**
     * A committed row. {@code request} is the whole body when {@code stored} is FULL, its first bytes (PREFIX) or
     * empty (HASH); {@code requestSha256} and {@code requestBytes} always describe the whole body.
     */
    public record Row(long id, long receivedEpochMs, String endpoint, byte[] request, int status, byte[] response,
                      String modelId, String inputHash, String attestation, String requestSha256, long requestBytes,
                      Stored stored) {}

    /**
     * What the journal keeps: {@code maxRequestBytes} of a request body (a larger one, and any repeat, is stored as
     * its sha256 and at most {@link #PREFIX_BYTES} of its start); rows older than {@code retentionDays} (0: kept) and
     * beyond the newest {@code maxRows} (0: no limit) are deleted by the writer.
     */
    public record Policy(String synchronous, int batchMax, int maxRequestBytes, int retentionDays, long maxRows) {
        public static Policy of(ServerConfig c) {
            return new Policy(c.journalSynchronous(), c.journalBatchMax(), c.journalMaxRequestBytes(), c.journalRetentionDays(), c.journalMaxRows());
        }
    }

    /** Bytes of an over-cap request kept so a person can see what it was. */
    public static final int PREFIX_BYTES = 512;
    /** Retention looks for work after this many commits (and at the first commit). */
    private static final int RETENTION_EVERY_COMMITS = 256;
    /** Rows one retention transaction deletes at most; while more are due, one such batch follows every commit. */
    static final int RETENTION_BATCH = JournalRetention.BATCH;
    /** The checkpointer's period. */
    static final long CHECKPOINT_INTERVAL_MS = 100;
    /**
     * With {@code thread} checkpoints: the WAL file size past which the checkpointer pauses the writer for one short
     * pass so the WAL restarts. Each pause held the writer 50-130 ms at 64 MiB (every ~3 s at 4,100-5,500
     * forecasts/s) and 170-320 ms at 1 GiB (every ~40 s); neither kept p99 under 30 ms (daoserver/MEASUREMENTS.md,
     * "sixth round"). Idle nodes never reach it: a commit after a pass that copied everything restarts the WAL by itself.
     * {@code -Dneuroracle.journal.walCapMiB=N} for A/B runs.
     */
    static long walCapBytes() { return (long) intProperty("neuroracle.journal.walCapMiB", 64, 1, 65536) << 20; }
    /**
     * Where checkpoints run. {@code writer} (the default): SQLite's own, inside the writer's commits every 1,000
     * pages. {@code thread}: {@link JournalCheckpointer} on its own thread, the writer paused once per
     * {@link #walCapBytes} of WAL. Measured side by side in one quiet window (daoserver/MEASUREMENTS.md, "sixth
     * round"), the thread's pauses (50-300 ms each, its fsyncs under the writer's lock) put p99 at 39-165 ms,
     * against 26-30 ms with in-commit checkpoints (16-32 ms each, ~350 per 20 s run); so the default stays SQLite's.
     */
    static boolean checkpointInWriter() {
        String v = System.getProperty("neuroracle.journal.checkpoint", "writer");
        return switch (v) {
            case "writer" -> true;
            case "thread" -> false;
            default -> throw new IllegalArgumentException("neuroracle.journal.checkpoint: writer or thread, got '" + v + "'");
        };
    }

    /**
     * With in-commit checkpoints: the WAL pages past which a commit checkpoints ({@code wal_autocheckpoint}; SQLite's
     * default 1,000). {@code -Dneuroracle.journal.autocheckpointPages=N} for A/B runs.
     */
    static int autocheckpointPages() { return intProperty("neuroracle.journal.autocheckpointPages", 1000, 1, 1 << 20); }
    /** Page size of a journal created now ({@code -Dneuroracle.journal.pageSize}, a power of two 512..65536; A/B runs). */
    static int pageSize() {
        int v = intProperty("neuroracle.journal.pageSize", 4096, 512, 65536);
        if (Integer.bitCount(v) != 1) throw new IllegalArgumentException("neuroracle.journal.pageSize: a power of two, got " + v);
        return v;
    }

    private static int intProperty(String name, int dflt, int min, int max) {
        String v = System.getProperty(name, Integer.toString(dflt));
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // the message below names the property
        }
        throw new IllegalArgumentException(name + ": " + min + ".." + max + ", got '" + v + "'");
    }

    private record Pending(Entry entry, CompletableFuture<Long> done) {}

    private final Path file;
    private final Policy policy;
    private final JournalRetention retention;
    private final int batchMax;
    private final LongAdder writeFailures = new LongAdder();
    private final BlockingQueue<Pending> queue;
    private final Connection writeConn;
    private final Connection readConn;
    private final Thread writer;
    private final LongAdder committedRows = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private volatile boolean closing;
    private long nextId;
    /** Held by the writer for each transaction; the checkpointer's quiet pass takes it (fair: it is not starved). */
    private final ReentrantLock txLock = new ReentrantLock(true);
    private final JournalCheckpointer checkpointer;
    private final CommitStats commitStats = new CommitStats();
    private final int writerAutocheckpoint;

    private Journal(Path file, Policy policy) throws SQLException {
        this(file, policy, !checkpointInWriter(), walCapBytes(), CHECKPOINT_INTERVAL_MS);
    }

    /** {@code checkpointIntervalMs <= 0}: the checkpointer runs only when a test calls {@link #checkpointNow()}. */
    Journal(Path file, Policy policy, boolean backgroundCheckpoints, long walCapBytes, long checkpointIntervalMs) throws SQLException {
        this.file = file;
        this.policy = policy;
        this.retention = new JournalRetention(policy);
        this.batchMax = policy.batchMax();
        this.queue = new ArrayBlockingQueue<>(Math.max(1024, batchMax * 8));
        this.writeConn = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = writeConn.createStatement()) {
            // A new journal's page size; ignored by SQLite for an existing file (its pages keep their size).
            s.execute("PRAGMA page_size=" + pageSize());
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=" + policy.synchronous());
            s.execute("PRAGMA busy_timeout=10000");
            // 16 MiB of page cache (default 2 MiB): the request-key table takes a random leaf page per row, and with the
            // default cache those pages were read back from the file (pread) on most inserts once the journal grew.
            s.execute("PRAGMA cache_size=-16384");
            if (backgroundCheckpoints) {
                s.execute("PRAGMA wal_autocheckpoint=0");
                // At the WAL's restart the next commit truncates the file back to this size.
                s.execute("PRAGMA journal_size_limit=" + walCapBytes);
            } else {
                s.execute("PRAGMA wal_autocheckpoint=" + autocheckpointPages());
            }
            try (ResultSet rs = s.executeQuery("PRAGMA wal_autocheckpoint")) {
                rs.next();
                writerAutocheckpoint = rs.getInt(1);
            }
            JournalSchema.apply(writeConn);
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM journal")) {
                rs.next();
                nextId = rs.getLong(1) + 1;
            }
        }
        writeConn.setAutoCommit(false);
        this.readConn = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = readConn.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
        }
        this.checkpointer = backgroundCheckpoints
                ? new JournalCheckpointer(file, policy.synchronous(), txLock, walCapBytes, checkpointIntervalMs) : null;
        this.writer = Thread.ofPlatform().name("neuroracle-journal-writer").daemon(true).unstarted(this::writeLoop);
        writer.start();
    }

    /** Opens (creating when absent) {@code dataDir/journal.db}, storing whole requests of any size, keeping every row. */
    public static Journal open(Path dataDir, String synchronous, int batchMax) {
        return open(dataDir, new Policy(synchronous, batchMax, Integer.MAX_VALUE, 0, 0));
    }

    /** Opens (creating when absent) {@code dataDir/journal.db} with the given policy. */
    public static Journal open(Path dataDir, Policy policy) {
        return open(dataDir, policy, !checkpointInWriter(), walCapBytes(), CHECKPOINT_INTERVAL_MS);
    }

    /** With the checkpointer's settings (tests; {@code backgroundCheckpoints=false}: SQLite's in-commit default). */
    static Journal open(Path dataDir, Policy policy, boolean backgroundCheckpoints, long walCapBytes, long checkpointIntervalMs) {
        Path file = dataDir.resolve("journal.db");
        pageSize(); // the tuning properties the constructor reads: a bad one is an argument error, not "cannot open"
        autocheckpointPages();
        try {
            Files.createDirectories(dataDir);
            return new Journal(file, policy, backgroundCheckpoints, walCapBytes, checkpointIntervalMs);
        } catch (Exception e) {
            throw new IllegalStateException(file + ": cannot open the journal: " + e.getMessage(), e);
        }
    }

    public Path file() { return file; }

    /**
     * Queues a row; the future completes with its id once committed, or exceptionally when the write failed or the
     * journal is closing. Never blocks the caller: a full queue fails the future at once (the service answers 503).
     */
    public CompletableFuture<Long> append(Entry entry) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        if (closing) {
            done.completeExceptionally(new IllegalStateException("journal is closing"));
        } else if (!queue.offer(new Pending(entry, done))) {
            done.completeExceptionally(new JournalBusyException("journal queue is full (" + queue.size() + " rows waiting)"));
        }
        return done;
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(batchMax);
        PreparedStatement ins = null;
        long commitsSinceRetention = RETENTION_EVERY_COMMITS;
        boolean retentionDue = false;
        while (true) {
            Pending first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failQueued(new IllegalStateException(file + ": journal writer interrupted"));
                return;
            }
            if (first == null) {
                if (closing && queue.isEmpty()) break;
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, batchMax - 1);
            long firstId = nextId;
            // Any throwable (a driver error, an OutOfMemoryError binding a large row) fails this batch only: the
            // writer rolls back and goes on, so no later caller waits forever on a dead thread.
            txLock.lock();
            long act0 = checkpointer == null ? 0 : checkpointer.activity();
            long[] db0 = dbStamp();
            long t0 = System.nanoTime();
            try {
                if (ins == null) ins = writeConn.prepareStatement(
                        "INSERT INTO journal(id, received_ms, endpoint, request, status, response, model_id, input_hash, attestation,"
                                + " request_sha256, request_bytes, request_stored) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
                long id = firstId;
                for (Pending p : batch) bind(ins, id++, p.entry());
                ins.executeBatch();
                writeConn.commit();
                long dt = System.nanoTime() - t0;
                long act1 = checkpointer == null ? 0 : checkpointer.activity();
                // The database file is written only by checkpoints: changed with no checkpointer pass around = ours.
                commitStats.record(dt, act0 == act1 && (act0 & 1) == 0 && !Arrays.equals(db0, dbStamp()));
                nextId = id;
                committedRows.add(batch.size());
                commits.increment();
                id = firstId;
                for (Pending p : batch) p.done().complete(id++);
            } catch (Throwable t) {
                writeFailures.increment();
                try { writeConn.rollback(); } catch (Throwable ignored) { /* the original error is reported */ }
                try { if (ins != null) ins.clearBatch(); } catch (Throwable ignored) { /* re-prepared below */ }
                try { if (ins != null) ins.close(); } catch (Throwable ignored) { /* re-prepared on the next batch */ }
                ins = null;
                IllegalStateException err = new IllegalStateException(file + ": journal write failed: " + t, t);
                for (Pending p : batch) p.done().completeExceptionally(err);
            } finally {
                txLock.unlock();
            }
            batch.clear();
            if (checkpointer != null) checkpointer.afterCommit();
            if (++commitsSinceRetention >= RETENTION_EVERY_COMMITS || retentionDue) {
                if (commitsSinceRetention >= RETENTION_EVERY_COMMITS) commitsSinceRetention = 0;
                txLock.lock();
                try {
                    // A full batch means more may be due: another batch after the next commit, never one long DELETE.
                    retentionDue = applyRetention() == RETENTION_BATCH;
                } catch (Throwable t) {
                    retentionDue = false;
                    writeFailures.increment();
                    try { writeConn.rollback(); } catch (Throwable ignored) { /* retention is retried later */ }
                } finally {
                    txLock.unlock();
                }
            }
        }
        try { if (ins != null) ins.close(); } catch (SQLException ignored) { /* closing */ }
    }

    private void bind(PreparedStatement ins, long id, Entry e) throws SQLException {
        byte[] req = e.request();
        Stored stored = e.repeat() ? Stored.HASH : req.length > policy.maxRequestBytes() ? Stored.PREFIX : Stored.FULL;
        byte[] kept = switch (stored) {
            case FULL -> req;
            case PREFIX -> Arrays.copyOf(req, Math.min(req.length, Math.min(PREFIX_BYTES, policy.maxRequestBytes())));
            case HASH -> new byte[0];
        };
        ins.setLong(1, id);
        ins.setLong(2, e.receivedEpochMs());
        ins.setString(3, e.endpoint());
        ins.setBytes(4, kept);
        ins.setInt(5, e.status());
        ins.setBytes(6, e.response());
        ins.setString(7, e.modelId());
        ins.setString(8, e.inputHash());
        ins.setString(9, e.attestation());
        ins.setString(10, e.requestSha256() != null ? e.requestSha256() : sha256(req));
        ins.setLong(11, req.length);
        ins.setString(12, stored.name());
        ins.addBatch();
    }

    /** One retention batch in its own transaction on the writer's connection; returns what {@link JournalRetention#batch} does. */
    private int applyRetention() throws SQLException {
        if (!retention.enabled()) return 0;
        int n;
        try (Statement s = writeConn.createStatement()) {
            n = retention.batch(s, nextId - 1);
        }
        writeConn.commit();
        return n;
    }

    /** Size and modification time of the database file (which only checkpoints write). */
    private long[] dbStamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class); // one stat(2), not two
            return new long[]{a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS)};
        } catch (Exception e) {
            return new long[0];
        }
    }

    /** Runs retention now, batch after batch until none is due (tests; the writer runs it between commits). Blocking. */
    public synchronized void retainNow() {
        // Through the queue would need another kind of entry; the write connection is the writer's, so use a short
        // connection of our own (autocommit: a transaction per batch): SQLite serialises the two writers.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            long newest;
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM journal")) {
                rs.next();
                newest = rs.getLong(1);
            }
            while (retention.batch(s, newest) == RETENTION_BATCH) { /* next batch */ }
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    private void failQueued(RuntimeException err) {
        closing = true;
        Pending p;
        while ((p = queue.poll()) != null) p.done().completeExceptionally(err);
    }

    static String sha256(byte[] b) { return org.neuroracle.forecast.model.ModelArtifact.sha256(b); } // one digest per thread, no provider lookup

    /** The committed row with this id. Blocking (JDBC): call from a worker. */
    public synchronized Optional<Row> byId(long id) {
        try (PreparedStatement q = readConn.prepareStatement("SELECT * FROM journal WHERE id = ?")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    /** Newest rows first, optionally only one endpoint. Blocking (JDBC): call from a worker. */
    public List<Row> recent(String endpoint, int limit) { return recent(endpoint, limit, Long.MAX_VALUE); }

    /** Newest rows with an id below {@code beforeId} first (one page of a streamed read). Blocking (JDBC). */
    public synchronized List<Row> recent(String endpoint, int limit, long beforeId) {
        String sql = endpoint == null ? "SELECT * FROM journal WHERE id < ? ORDER BY id DESC LIMIT ?"
                : "SELECT * FROM journal WHERE endpoint = ? AND id < ? ORDER BY id DESC LIMIT ?";
        try (PreparedStatement q = readConn.prepareStatement(sql)) {
            int k = 1;
            if (endpoint != null) q.setString(k++, endpoint);
            q.setLong(k++, beforeId);
            q.setInt(k, limit);
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) out.add(row(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    /** The whole request body with this sha256 from the oldest row that stored it in full, if any. Blocking. */
    public synchronized Optional<byte[]> requestByHash(String endpoint, String sha256) {
        try (PreparedStatement q = readConn.prepareStatement(JournalSchema.REQUEST_BY_HASH)) {
            q.setString(1, sha256);
            q.setString(2, endpoint);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    /** Batches whose write failed (their callers got the error; the writer went on). */
    public long writeFailures() { return writeFailures.sum(); }
    /** Rows deleted by retention. */
    public long deletedRows() { return retention.deleted(); }
    /** Retention transactions run (each deleted at most {@link #RETENTION_BATCH} rows). */
    long retentionBatches() { return retention.batches(); }

    /** Rows committed by this process. */
    public long committedRows() { return committedRows.sum(); }
    /** Transactions committed by this process (rows / commits = mean group size). */
    public long commits() { return commits.sum(); }
    public int queued() { return queue.size(); }
    /** Commit latencies and in-commit checkpoints, and the checkpointer's passes and WAL size, for /health. */
    public JsonObject walJson() {
        JsonObject o = new JsonObject().put("commits", commitStats.json())
                .put("writerAutocheckpoint", writerAutocheckpoint);
        if (checkpointer != null) o.put("checkpointer", checkpointer.json());
        else o.put("walBytes", file.resolveSibling(file.getFileName() + "-wal").toFile().length());
        return o;
    }
    CommitStats commitStats() { return commitStats; }
    /** The writer connection's {@code wal_autocheckpoint}, read back at open: 0 when the checkpointer owns checkpoints. */
    int writerAutocheckpoint() { return writerAutocheckpoint; }
    JournalCheckpointer checkpointer() { return checkpointer; }
    /** One checkpointer cycle now (tests). */
    void checkpointNow() throws SQLException { checkpointer.cycle(); }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("received_ms"), rs.getString("endpoint"), rs.getBytes("request"),
                rs.getInt("status"), rs.getBytes("response"), rs.getString("model_id"), rs.getString("input_hash"),
                rs.getString("attestation"), rs.getString("request_sha256"), rs.getLong("request_bytes"),
                Stored.valueOf(rs.getString("request_stored")));
    }

    /** Drains what is queued, then closes both connections. */
    @Override public void close() {
        closing = true;
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (checkpointer != null) checkpointer.close();
        synchronized (this) {
            try { writeConn.close(); } catch (SQLException ignored) { /* closing anyway */ }
            try { readConn.close(); } catch (SQLException ignored) { /* closing anyway */ }
        }
    }

    /** The queue is full: the service sheds load with 503 rather than queueing without bound. */
    public static final class JournalBusyException extends RuntimeException {
        public JournalBusyException(String message) { super(message); }
    }
}
