package org.neuroracle.daoserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SQLite journal of requests and their answers ({@code dataDir/journal.db}, WAL mode).
 *
 * <p>Durability: {@link #append} completes only after the transaction holding the row has committed, and the
 * service acknowledges a request only then, so a killed process loses nothing it acknowledged. In WAL mode a
 * commit with {@code synchronous=NORMAL} has written the WAL frames to the operating system before returning,
 * so it survives a killed process (the case the journal test checks with {@code kill -9}); only an OS crash or
 * power loss can undo the last commits, because the WAL is fsynced at checkpoints only. {@code FULL} fsyncs the WAL
 * on every commit and closes that gap at the cost of one fsync per group commit.
 *
 * <p>Throughput: one writer thread owns the write connection and commits whatever has queued up in one
 * transaction (group commit), so the commit cost is shared by every request that arrived meanwhile. Readers use
 * their own connection; WAL lets them run beside the writer.
 */
public final class Journal implements AutoCloseable {
    /** A row to write. {@code modelId}, {@code inputHash}, {@code attestation} may be null (simulations). */
    public record Entry(long receivedEpochMs, String endpoint, byte[] request, int status, byte[] response,
                        String modelId, String inputHash, String attestation) {}

    /** A committed row. */
    public record Row(long id, long receivedEpochMs, String endpoint, byte[] request, int status, byte[] response,
                      String modelId, String inputHash, String attestation) {}

    private record Pending(Entry entry, CompletableFuture<Long> done) {}

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS journal (
              id          INTEGER PRIMARY KEY,
              received_ms INTEGER NOT NULL,
              endpoint    TEXT    NOT NULL,
              request     BLOB    NOT NULL,
              status      INTEGER NOT NULL,
              response    BLOB    NOT NULL,
              model_id    TEXT,
              input_hash  TEXT,
              attestation TEXT)""";
    private static final String INDEX = "CREATE INDEX IF NOT EXISTS journal_endpoint ON journal(endpoint, id)";

    private final Path file;
    private final int batchMax;
    private final BlockingQueue<Pending> queue;
    private final Connection writeConn;
    private final Connection readConn;
    private final Thread writer;
    private final LongAdder committedRows = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private volatile boolean closing;
    private long nextId;

    private Journal(Path file, String synchronous, int batchMax) throws SQLException {
        this.file = file;
        this.batchMax = batchMax;
        this.queue = new ArrayBlockingQueue<>(Math.max(1024, batchMax * 8));
        this.writeConn = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = writeConn.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=" + synchronous);
            s.execute("PRAGMA busy_timeout=10000");
            s.execute(SCHEMA);
            s.execute(INDEX);
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
        this.writer = Thread.ofPlatform().name("neuroracle-journal-writer").daemon(true).unstarted(this::writeLoop);
        writer.start();
    }

    /** Opens (creating when absent) {@code dataDir/journal.db}. */
    public static Journal open(Path dataDir, String synchronous, int batchMax) {
        Path file = dataDir.resolve("journal.db");
        try {
            Files.createDirectories(dataDir);
            return new Journal(file, synchronous, batchMax);
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
        try (PreparedStatement ins = writeConn.prepareStatement(
                "INSERT INTO journal(id, received_ms, endpoint, request, status, response, model_id, input_hash, attestation) VALUES (?,?,?,?,?,?,?,?,?)")) {
            while (true) {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) return;
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchMax - 1);
                long firstId = nextId;
                try {
                    long id = firstId;
                    for (Pending p : batch) {
                        Entry e = p.entry();
                        ins.setLong(1, id++);
                        ins.setLong(2, e.receivedEpochMs());
                        ins.setString(3, e.endpoint());
                        ins.setBytes(4, e.request());
                        ins.setInt(5, e.status());
                        ins.setBytes(6, e.response());
                        ins.setString(7, e.modelId());
                        ins.setString(8, e.inputHash());
                        ins.setString(9, e.attestation());
                        ins.addBatch();
                    }
                    ins.executeBatch();
                    writeConn.commit();
                    nextId = id;
                    committedRows.add(batch.size());
                    commits.increment();
                    id = firstId;
                    for (Pending p : batch) p.done().complete(id++);
                } catch (SQLException e) {
                    try { writeConn.rollback(); } catch (SQLException ignored) { /* the original error is reported */ }
                    IllegalStateException err = new IllegalStateException(file + ": journal write failed: " + e.getMessage(), e);
                    for (Pending p : batch) p.done().completeExceptionally(err);
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // Cannot even prepare the insert: fail whatever is queued so no caller waits forever.
            closing = true;
            Pending p;
            while ((p = queue.poll()) != null) p.done().completeExceptionally(new IllegalStateException(file + ": " + e.getMessage(), e));
        }
    }

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
    public synchronized List<Row> recent(String endpoint, int limit) {
        String sql = endpoint == null ? "SELECT * FROM journal ORDER BY id DESC LIMIT ?"
                : "SELECT * FROM journal WHERE endpoint = ? ORDER BY id DESC LIMIT ?";
        try (PreparedStatement q = readConn.prepareStatement(sql)) {
            int k = 1;
            if (endpoint != null) q.setString(k++, endpoint);
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

    /** Rows committed by this process. */
    public long committedRows() { return committedRows.sum(); }
    /** Transactions committed by this process (rows / commits = mean group size). */
    public long commits() { return commits.sum(); }
    public int queued() { return queue.size(); }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("received_ms"), rs.getString("endpoint"), rs.getBytes("request"),
                rs.getInt("status"), rs.getBytes("response"), rs.getString("model_id"), rs.getString("input_hash"),
                rs.getString("attestation"));
    }

    /** Drains what is queued, then closes both connections. */
    @Override public void close() {
        closing = true;
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
