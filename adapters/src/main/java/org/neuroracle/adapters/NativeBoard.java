package org.neuroracle.adapters;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.OptionalDouble;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One open board handle ({@code nrb_board*}). The handle is a segment of this board's own arena whose destructor is
 * {@code nrb_close}: closing the board (or the library it came from, which closes its boards first) closes the arena
 * and so the handle, exactly once. Every call that returns a negative status throws {@link BoardException} carrying
 * the board's {@code nrb_last_error} string. Argument arrays live in a confined arena for the duration of one call
 * (the ABI says the board copies what it keeps). Not thread-safe: one thread at a time.
 */
public final class NativeBoard implements AutoCloseable {
    private static final int ERROR_CAPACITY = 1024;
    private final BoardLibrary lib;
    private final Arena arena;
    private MemorySegment handle;

    NativeBoard(BoardLibrary lib, String config) {
        this.lib = lib;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment err = a.allocate(ERROR_CAPACITY);
            MemorySegment h = (MemorySegment) lib.open.invokeExact(a.allocateFrom(config), err, (long) ERROR_CAPACITY);
            if (h.equals(MemorySegment.NULL)) {
                String msg = err.getString(0);
                throw new BoardException("board open failed (config '" + config + "'): " + (msg.isEmpty() ? "no message" : msg), BoardLibrary.E_ARGUMENT);
            }
            arena = Arena.ofShared();
            MethodHandle nrbClose = lib.close;
            handle = h.reinterpret(arena, raw -> destroy(nrbClose, raw));
        } catch (BoardException e) {
            throw e;
        } catch (Throwable t) {
            throw new BoardException("board open: " + t, 0);
        }
    }

    private MemorySegment h() {
        if (handle == null) throw new BoardException("board is closed", BoardLibrary.E_STATE);
        return handle;
    }

    private void check(int status, String call) {
        if (status < 0) throw new BoardException(call + ": " + lastError() + " (status " + status + ")", status);
    }

    /** The board's last error message ("" when none). */
    public String lastError() {
        try {
            MemorySegment s = (MemorySegment) lib.lastError.invokeExact(h());
            return s.equals(MemorySegment.NULL) ? "" : s.reinterpret(ERROR_CAPACITY * 4L).getString(0);
        } catch (Throwable t) {
            throw rethrow(t, "nrb_last_error");
        }
    }

    public String name() {
        try {
            MemorySegment s = (MemorySegment) lib.boardName.invokeExact(h());
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw rethrow(t, "nrb_board_name");
        }
    }

    public long capability(int key) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check((int) lib.capability.invokeExact(h(), key, out), "nrb_capability(" + key + ")");
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw rethrow(t, "nrb_capability");
        }
    }

    public void beginNetwork(int maxDelaySteps, long seed) {
        try {
            check((int) lib.beginNetwork.invokeExact(h(), maxDelaySteps, seed), "nrb_begin_network");
        } catch (Throwable t) {
            throw rethrow(t, "nrb_begin_network");
        }
    }

    public int addLifPopulation(int size, int[] du, int dv, int vth, int biasMant, int biasExp, int refractorySteps, boolean record) {
        try (Arena a = Arena.ofConfined()) {
            int r = (int) lib.addLif.invokeExact(h(), size, du.length, a.allocateFrom(JAVA_INT, du), dv, vth, biasMant, biasExp, refractorySteps, record ? 1 : 0);
            check(r, "nrb_add_lif_population");
            return r;
        } catch (Throwable t) {
            throw rethrow(t, "nrb_add_lif_population");
        }
    }

    public int addSpikeSource(int size, int[] steps, int[] neurons, boolean record) {
        try (Arena a = Arena.ofConfined()) {
            int r = (int) lib.addSpikeSource.invokeExact(h(), size, steps.length, array(a, steps), array(a, neurons), record ? 1 : 0);
            check(r, "nrb_add_spike_source");
            return r;
        } catch (Throwable t) {
            throw rethrow(t, "nrb_add_spike_source");
        }
    }

    public int addPoissonSource(int size, int stream, int threshold, boolean record) {
        try {
            int r = (int) lib.addPoisson.invokeExact(h(), size, stream, threshold, record ? 1 : 0);
            check(r, "nrb_add_poisson_source");
            return r;
        } catch (Throwable t) {
            throw rethrow(t, "nrb_add_poisson_source");
        }
    }

    public void setInitial(int population, String variable, int[] values) {
        try (Arena a = Arena.ofConfined()) {
            check((int) lib.setInitial.invokeExact(h(), population, a.allocateFrom(variable), values.length, array(a, values)), "nrb_set_initial");
        } catch (Throwable t) {
            throw rethrow(t, "nrb_set_initial");
        }
    }

    public int addProjection(int pre, int post, int channel, int[] rowPtr, int[] targets, int[] mantissas, int weightExp, int[] delays) {
        try (Arena a = Arena.ofConfined()) {
            int r = (int) lib.addProjection.invokeExact(h(), pre, post, channel, rowPtr.length - 1, array(a, rowPtr),
                    array(a, targets), array(a, mantissas), weightExp, array(a, delays));
            check(r, "nrb_add_projection");
            return r;
        } catch (Throwable t) {
            throw rethrow(t, "nrb_add_projection");
        }
    }

    public void addBackground(int population, int channel, int stream, int weight, int[] thresholds) {
        try (Arena a = Arena.ofConfined()) {
            check((int) lib.addBackground.invokeExact(h(), population, channel, stream, weight, thresholds.length, array(a, thresholds)), "nrb_add_background");
        } catch (Throwable t) {
            throw rethrow(t, "nrb_add_background");
        }
    }

    public void addCurrent(int population, int channel, int fromStep, int toStep, int amplitude) {
        try {
            check((int) lib.addCurrent.invokeExact(h(), population, channel, fromStep, toStep, amplitude), "nrb_add_current");
        } catch (Throwable t) {
            throw rethrow(t, "nrb_add_current");
        }
    }

    public void endNetwork() { simple(lib.endNetwork, "nrb_end_network"); }

    public void inject(int population, int[] neurons, int[] steps) {
        try (Arena a = Arena.ofConfined()) {
            check((int) lib.inject.invokeExact(h(), population, neurons.length, array(a, neurons), array(a, steps)), "nrb_inject");
        } catch (Throwable t) {
            throw rethrow(t, "nrb_inject");
        }
    }

    public void run(int steps) {
        try {
            check((int) lib.run.invokeExact(h(), steps), "nrb_run");
        } catch (Throwable t) {
            throw rethrow(t, "nrb_run");
        }
    }

    public long currentStep() { return longOut(lib.currentStep, "nrb_current_step"); }

    public long spikeCount() { return longOut(lib.spikeCount, "nrb_spike_count"); }

    /** Recorded spikes [offset, offset + count) as three arrays {steps, populations, neurons}. */
    public int[][] readSpikes(long offset, int count) {
        try (Arena a = Arena.ofConfined()) {
            long bytes = Math.max(1, count) * 4L;
            MemorySegment s = a.allocate(bytes, 4), p = a.allocate(bytes, 4), n = a.allocate(bytes, 4);
            check((int) lib.readSpikes.invokeExact(h(), offset, (long) count, s, p, n), "nrb_read_spikes");
            return new int[][]{copy(s, count), copy(p, count), copy(n, count)};
        } catch (Throwable t) {
            throw rethrow(t, "nrb_read_spikes");
        }
    }

    public int[] readState(int population, String variable, int size) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(Math.max(1, size) * 4L, 4);
            check((int) lib.readState.invokeExact(h(), population, a.allocateFrom(variable), size, out), "nrb_read_state");
            return copy(out, size);
        } catch (Throwable t) {
            throw rethrow(t, "nrb_read_state");
        }
    }

    /** {spikes, synaptic ops, membrane updates} of one population. */
    public long[] readCounters(int population) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(JAVA_LONG), o = a.allocate(JAVA_LONG), u = a.allocate(JAVA_LONG);
            check((int) lib.readCounters.invokeExact(h(), population, s, o, u), "nrb_read_counters");
            return new long[]{s.get(JAVA_LONG, 0), o.get(JAVA_LONG, 0), u.get(JAVA_LONG, 0)};
        } catch (Throwable t) {
            throw rethrow(t, "nrb_read_counters");
        }
    }

    /** Measured energy in joules, or empty when the board has no meter (NRB_E_UNSUPPORTED). */
    public OptionalDouble readEnergy() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_DOUBLE);
            int r = (int) lib.readEnergy.invokeExact(h(), out);
            if (r == BoardLibrary.E_UNSUPPORTED) return OptionalDouble.empty();
            check(r, "nrb_read_energy");
            return OptionalDouble.of(out.get(JAVA_DOUBLE, 0));
        } catch (Throwable t) {
            throw rethrow(t, "nrb_read_energy");
        }
    }

    public void reset() { simple(lib.reset, "nrb_reset"); }

    public boolean isOpen() { return handle != null; }

    /** Close the board: its arena closes and runs nrb_close on the handle. Idempotent. */
    @Override public void close() {
        if (handle == null) return;
        handle = null;
        try {
            arena.close();
        } finally {
            lib.closed(this);
        }
    }

    /** The arena's destructor for the handle. */
    private static void destroy(MethodHandle nrbClose, MemorySegment raw) {
        try {
            nrbClose.invokeExact(raw);
        } catch (Throwable t) {
            throw new BoardException("nrb_close: " + t, 0);
        }
    }

    private void simple(MethodHandle mh, String call) {
        try {
            check((int) mh.invokeExact(h()), call);
        } catch (Throwable t) {
            throw rethrow(t, call);
        }
    }

    private long longOut(MethodHandle mh, String call) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check((int) mh.invokeExact(h(), out), call);
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw rethrow(t, call);
        }
    }

    private static MemorySegment array(Arena a, int[] values) {
        return values.length == 0 ? a.allocate(4, 4) : a.allocateFrom(JAVA_INT, values);
    }

    private static int[] copy(MemorySegment seg, int count) {
        int[] out = new int[count];
        MemorySegment.copy(seg, JAVA_INT, 0, out, 0, count);
        return out;
    }

    private static RuntimeException rethrow(Throwable t, String call) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new BoardException(call + ": " + t, 0);
    }
}
