package org.neuroracle.adapters;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A shared library implementing {@code adapters/board-abi/neuroracle_board.h}, bound with java.lang.foreign.
 * The library stays loaded while this object is open (its symbols live in a shared arena). Every board opened from
 * it is tracked: {@link #close()} closes the boards still open, then unloads the library, so no board can outlive
 * the code it runs on. Construction checks the ABI major version.
 */
public final class BoardLibrary implements AutoCloseable {
    /** The header's NRB_ABI_VERSION this binding was written against (major * 1000 + minor). */
    public static final int ABI_VERSION = 1000;

    // Status codes, capability keys and feature bits of neuroracle_board.h, each named as there without NRB_
    // (BoardAbiConstantsTest checks every #define of the header against these).
    public static final int OK = 0, E_ARGUMENT = -1, E_STATE = -2, E_CAPACITY = -3, E_UNSUPPORTED = -4, E_MEMORY = -5, E_DEVICE = -6;
    public static final int CAP_MAX_NEURONS = 1, CAP_MAX_SYNAPSES = 2, CAP_MAX_FAN_IN = 3, CAP_MAX_DELAY_STEPS = 4,
            CAP_WEIGHT_BITS = 5, CAP_MAX_CHANNELS = 6, CAP_MAX_POPULATIONS = 7, CAP_FEATURES = 8, CAP_HAS_ENERGY_METER = 9;
    public static final int FEATURE_DELAYS = 1, FEATURE_MULTI_CHANNEL = 2, FEATURE_REFRACTORY = 4, FEATURE_SPIKE_SOURCES = 8,
            FEATURE_POISSON_SOURCES = 16, FEATURE_BACKGROUND = 32, FEATURE_CURRENT_INPUT = 64, FEATURE_INJECTION = 128;

    private final Path path;
    private final Arena arena;
    final MethodHandle abiVersion, open, lastError, boardName, capability, beginNetwork, addLif, addSpikeSource,
            addPoisson, setInitial, addProjection, addBackground, addCurrent, endNetwork, inject, run, currentStep,
            spikeCount, readSpikes, readState, readCounters, readEnergy, reset, close;
    private final int libraryAbi;
    private final java.util.Set<NativeBoard> openBoards = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private BoardLibrary(Path path) {
        this.path = path;
        this.arena = Arena.ofShared();
        try {
            SymbolLookup lookup = SymbolLookup.libraryLookup(path, arena);
            Linker linker = Linker.nativeLinker();
            abiVersion = bind(linker, lookup, "nrb_abi_version", FunctionDescriptor.of(JAVA_INT));
            open = bind(linker, lookup, "nrb_open", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
            lastError = bind(linker, lookup, "nrb_last_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
            boardName = bind(linker, lookup, "nrb_board_name", FunctionDescriptor.of(ADDRESS, ADDRESS));
            capability = bind(linker, lookup, "nrb_capability", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
            beginNetwork = bind(linker, lookup, "nrb_begin_network", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG));
            addLif = bind(linker, lookup, "nrb_add_lif_population", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT,
                    ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
            addSpikeSource = bind(linker, lookup, "nrb_add_spike_source", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
            addPoisson = bind(linker, lookup, "nrb_add_poisson_source", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
            setInitial = bind(linker, lookup, "nrb_set_initial", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
            addProjection = bind(linker, lookup, "nrb_add_projection", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT,
                    JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
            addBackground = bind(linker, lookup, "nrb_add_background", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
            addCurrent = bind(linker, lookup, "nrb_add_current", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
            endNetwork = bind(linker, lookup, "nrb_end_network", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            inject = bind(linker, lookup, "nrb_inject", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
            run = bind(linker, lookup, "nrb_run", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
            currentStep = bind(linker, lookup, "nrb_current_step", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
            spikeCount = bind(linker, lookup, "nrb_spike_count", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
            readSpikes = bind(linker, lookup, "nrb_read_spikes", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS));
            readState = bind(linker, lookup, "nrb_read_state", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
            readCounters = bind(linker, lookup, "nrb_read_counters", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
            readEnergy = bind(linker, lookup, "nrb_read_energy", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
            reset = bind(linker, lookup, "nrb_reset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            close = bind(linker, lookup, "nrb_close", FunctionDescriptor.ofVoid(ADDRESS));
            libraryAbi = (int) abiVersion.invokeExact();
        } catch (BoardException e) {
            arena.close();
            throw e;
        } catch (Throwable e) {
            arena.close();
            throw new BoardException(path + ": " + e.getMessage(), 0);
        }
        if (libraryAbi / 1000 != ABI_VERSION / 1000) {
            arena.close();
            throw new BoardException(path + ": board ABI version " + libraryAbi + " is incompatible with this binding's " + ABI_VERSION
                    + " (major versions differ)", 0);
        }
    }

    /** Load a board library. Throws {@link BoardException} naming the file and the missing symbol or version. */
    public static BoardLibrary load(Path path) {
        if (!Files.isRegularFile(path)) throw new BoardException("board library " + path + " does not exist", 0);
        try {
            return new BoardLibrary(path.toAbsolutePath());
        } catch (IllegalArgumentException e) {
            throw new BoardException("cannot load board library " + path + ": " + e.getMessage(), 0);
        }
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor fd) {
        MemorySegment sym = lookup.find(name).orElseThrow(() -> new BoardException("board library lacks the ABI function " + name, 0));
        return linker.downcallHandle(sym, fd);
    }

    public Path path() { return path; }

    public int abiVersion() { return libraryAbi; }

    /** Open a board with a config string ({@code key=value;...}); the board's message is thrown on failure. */
    public NativeBoard open(String config) {
        if (closed) throw new BoardException("board library " + path + " is closed", E_STATE);
        NativeBoard b = new NativeBoard(this, config == null ? "" : config);
        openBoards.add(b);
        return b;
    }

    /** Boards opened from this library and not yet closed. */
    public int openBoardCount() { return openBoards.size(); }

    void closed(NativeBoard board) { openBoards.remove(board); }

    public boolean isOpen() { return !closed; }

    /** Close every board still open (each through its arena's nrb_close), then unload the library. Idempotent. */
    @Override public void close() {
        if (closed) return;
        closed = true;
        RuntimeException first = null;
        for (NativeBoard b : java.util.List.copyOf(openBoards)) {
            try {
                b.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        arena.close();
        if (first != null) throw first;
    }

}
