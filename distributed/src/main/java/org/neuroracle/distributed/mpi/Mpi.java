package org.neuroracle.distributed.mpi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * MPI_COMM_WORLD of this process, through Open MPI's C library. Initialised once per process ({@link #init()}),
 * finalised by {@link #close()}. Every call must come from the thread that called init (MPI_THREAD_SINGLE: the JVM's
 * own threads never call MPI). Collectives copy Java arrays into native memory of a call-local arena and back;
 * a failing call throws {@link MpiException} with MPI's error string (Open MPI's default error handler aborts
 * the job first, so in practice errors end the run with Open MPI's own message).
 */
public final class Mpi implements AutoCloseable {
    private static Mpi instance;

    private final MpiLibrary lib;
    private final Thread owner;
    private final int rank, size;
    private boolean closed;

    private Mpi(MpiLibrary lib) {
        this.lib = lib;
        this.owner = Thread.currentThread();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment flag = a.allocate(JAVA_INT);
            check("MPI_Initialized", (int) lib.initialized.invokeExact(flag));
            if (flag.get(JAVA_INT, 0) == 0) check("MPI_Init", (int) lib.init.invokeExact(MemorySegment.NULL, MemorySegment.NULL));
            MemorySegment out = a.allocate(JAVA_INT);
            check("MPI_Comm_rank", (int) lib.commRank.invokeExact(lib.commWorld, out));
            rank = out.get(JAVA_INT, 0);
            check("MPI_Comm_size", (int) lib.commSize.invokeExact(lib.commWorld, out));
            size = out.get(JAVA_INT, 0);
        } catch (MpiException e) {
            throw e;
        } catch (Throwable t) {
            throw new MpiException("MPI initialisation failed: " + t, t);
        }
    }

    /**
     * Whether this process was started by Open MPI's mpirun/mpiexec (its launcher sets OMPI_COMM_WORLD_SIZE):
     * only then is MPI initialised, so a plain single-process run never loads libmpi.
     */
    public static boolean launchedByMpirun() {
        return System.getenv("OMPI_COMM_WORLD_SIZE") != null;
    }

    /** MPI_Init (once per process) and the world communicator. */
    public static synchronized Mpi init() {
        if (instance != null) {
            if (instance.closed) throw new MpiException("MPI was already finalised in this process; it cannot be initialised twice");
            return instance;
        }
        instance = new Mpi(MpiLibrary.load());
        return instance;
    }

    public int rank() { return rank; }

    public int size() { return size; }

    public boolean isRoot() { return rank == 0; }

    /** MPI_Wtime: seconds since an arbitrary time in the past. */
    public double wtime() {
        ownerOnly();
        try {
            return (double) lib.wtime.invokeExact();
        } catch (Throwable t) {
            throw wrap("MPI_Wtime", t);
        }
    }

    public void barrier() {
        ownerOnly();
        try {
            check("MPI_Barrier", (int) lib.barrier.invokeExact(lib.commWorld));
        } catch (Throwable t) {
            throw wrap("MPI_Barrier", t);
        }
    }

    /** MPI_Allgather of one int per rank: element r of the result is rank r's value. */
    public int[] allgather(int value) {
        ownerOnly();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment send = a.allocate(JAVA_INT);
            send.set(JAVA_INT, 0, value);
            MemorySegment recv = a.allocate(JAVA_INT, size);
            check("MPI_Allgather", (int) lib.allgather.invokeExact(send, 1, lib.typeInt, recv, 1, lib.typeInt, lib.commWorld));
            return recv.toArray(JAVA_INT);
        } catch (Throwable t) {
            throw wrap("MPI_Allgather", t);
        }
    }

    /**
     * MPI_Allgatherv: every rank contributes {@code count} ints of {@code data}; the result, on every rank, is the
     * concatenation in rank order. {@code counts[r]} must be rank r's count (from {@link #allgather(int)}).
     */
    public int[] allgatherv(int[] data, int count, int[] counts) {
        ownerOnly();
        int total = checkCounts(counts, count);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment send = copyIn(a, data, count);
            MemorySegment recv = a.allocate(JAVA_INT, Math.max(1, total));
            MemorySegment cs = a.allocateFrom(JAVA_INT, counts), ds = a.allocateFrom(JAVA_INT, displacements(counts));
            check("MPI_Allgatherv", (int) lib.allgatherv.invokeExact(send, count, lib.typeInt, recv, cs, ds, lib.typeInt, lib.commWorld));
            return total == 0 ? new int[0] : recv.asSlice(0, (long) total * 4).toArray(JAVA_INT);
        } catch (Throwable t) {
            throw wrap("MPI_Allgatherv", t);
        }
    }

    /** MPI_Gatherv of ints to rank 0: the concatenation in rank order on rank 0, null on the other ranks. */
    public int[] gatherv(int[] data) { return (int[]) gathervTyped(MemorySegment.ofArray(data), data.length, JAVA_INT, lib.typeInt); }

    /** MPI_Gatherv of longs (MPI_LONG_LONG_INT) to rank 0: the concatenation on rank 0, null elsewhere. */
    public long[] gatherv(long[] data) { return (long[]) gathervTyped(MemorySegment.ofArray(data), data.length, JAVA_LONG, lib.typeLongLong); }

    /** MPI_Gatherv of doubles to rank 0: the concatenation on rank 0, null elsewhere. */
    public double[] gatherv(double[] data) { return (double[]) gathervTyped(MemorySegment.ofArray(data), data.length, JAVA_DOUBLE, lib.typeDouble); }

    private Object gathervTyped(MemorySegment data, int count, ValueLayout layout, MemorySegment type) {
        ownerOnly();
        int[] counts = gatherCount(count);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment send = a.allocate(layout, Math.max(1, count));
            MemorySegment.copy(data, 0, send, 0, count * layout.byteSize());
            MemorySegment recv = MemorySegment.NULL, cs = MemorySegment.NULL, ds = MemorySegment.NULL;
            long total = 0;
            if (isRoot()) {
                for (int c : counts) total += c;
                if (total > Integer.MAX_VALUE) throw new MpiException("MPI_Gatherv: " + total + " elements exceed an int count");
                recv = a.allocate(layout, Math.max(1, total));
                cs = a.allocateFrom(JAVA_INT, counts);
                ds = a.allocateFrom(JAVA_INT, displacements(counts));
            }
            check("MPI_Gatherv", (int) lib.gatherv.invokeExact(send, count, type, recv, cs, ds, type, 0, lib.commWorld));
            if (!isRoot()) return null;
            MemorySegment out = recv.asSlice(0, total * layout.byteSize());
            if (layout == JAVA_INT) return out.toArray(JAVA_INT);
            if (layout == JAVA_LONG) return out.toArray(JAVA_LONG);
            return out.toArray(JAVA_DOUBLE);
        } catch (Throwable t) {
            throw wrap("MPI_Gatherv", t);
        }
    }

    /** MPI_Gather of one int per rank to rank 0 (null on the other ranks). */
    private int[] gatherCount(int value) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment send = a.allocate(JAVA_INT);
            send.set(JAVA_INT, 0, value);
            MemorySegment recv = isRoot() ? a.allocate(JAVA_INT, size) : MemorySegment.NULL;
            check("MPI_Gather", (int) lib.gather.invokeExact(send, 1, lib.typeInt, recv, 1, lib.typeInt, 0, lib.commWorld));
            return isRoot() ? recv.toArray(JAVA_INT) : null;
        } catch (Throwable t) {
            throw wrap("MPI_Gather", t);
        }
    }

    /** MPI_Abort on the world: ends every rank with this exit code (used when one rank fails, so no rank waits forever). */
    public void abort(int exitCode) {
        try {
            int ignored = (int) lib.abort.invokeExact(lib.commWorld, exitCode); // does not return on success
        } catch (Throwable t) {
            throw wrap("MPI_Abort", t);
        }
    }

    /** MPI_Finalize. Every rank must call it (collective). */
    @Override public synchronized void close() {
        if (closed) return;
        ownerOnly();
        closed = true;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment flag = a.allocate(JAVA_INT);
            check("MPI_Finalized", (int) lib.finalized.invokeExact(flag));
            if (flag.get(JAVA_INT, 0) == 0) check("MPI_Finalize", (int) lib.finalizeCall.invokeExact());
        } catch (Throwable t) {
            throw wrap("MPI_Finalize", t);
        }
    }

    private void ownerOnly() {
        if (closed) throw new MpiException("MPI is finalised");
        if (Thread.currentThread() != owner)
            throw new MpiException("MPI is called from thread '" + Thread.currentThread().getName() + "' but was initialised on '" + owner.getName() + "' (MPI_THREAD_SINGLE)");
    }

    private static MemorySegment copyIn(Arena a, int[] data, int count) {
        MemorySegment s = a.allocate(JAVA_INT, Math.max(1, count));
        MemorySegment.copy(data, 0, s, JAVA_INT, 0, count);
        return s;
    }

    private int checkCounts(int[] counts, int mine) {
        if (counts.length != size) throw new MpiException("counts has " + counts.length + " entries for " + size + " ranks");
        if (counts[rank] != mine) throw new MpiException("counts[" + rank + "] = " + counts[rank] + " but this rank sends " + mine);
        long total = 0;
        for (int c : counts) total += c;
        if (total > Integer.MAX_VALUE) throw new MpiException(total + " elements exceed an int count");
        return (int) total;
    }

    private static int[] displacements(int[] counts) {
        int[] d = new int[counts.length];
        for (int r = 1; r < counts.length; r++) d[r] = d[r - 1] + counts[r - 1];
        return d;
    }

    private void check(String call, int rc) {
        if (rc != 0) throw new MpiException(call + " failed: " + errorString(rc) + " (MPI error " + rc + ")");
    }

    private String errorString(int code) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(MpiLibrary.MAX_ERROR_STRING), len = a.allocate(JAVA_INT);
            int rc = (int) lib.errorString.invokeExact(code, buf, len);
            if (rc != 0) return "unknown error";
            byte[] bytes = buf.asSlice(0, Math.max(0, Math.min(len.get(JAVA_INT, 0), MpiLibrary.MAX_ERROR_STRING))).toArray(ValueLayout.JAVA_BYTE);
            return new String(bytes, StandardCharsets.US_ASCII);
        } catch (Throwable t) {
            return "unknown error";
        }
    }

    private static MpiException wrap(String call, Throwable t) {
        if (t instanceof MpiException e) return e;
        if (t instanceof Error e) throw e;
        return new MpiException(call + " failed: " + t, t);
    }

}
