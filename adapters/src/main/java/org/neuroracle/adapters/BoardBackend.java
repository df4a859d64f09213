package org.neuroracle.adapters;

import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.BackendException;
import org.neuroracle.snn.backend.Capabilities;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NumericMode;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Backends {@code board:<name>}: a library implementing neuroracle_board.h, bound through FFM. The no-argument
 * constructor (found by {@link java.util.ServiceLoader}) is {@code board:emulator}, the reference C emulator
 * built by this module. Any backend instance runs another library when {@code Options.extra("lib")} names it;
 * {@code Options.extra("config")} is passed to {@code nrb_open}.
 */
public final class BoardBackend implements Backend {
    public static final String EMULATOR = "board:emulator";
    private final String name;
    private final Path library;

    public BoardBackend() { this(EMULATOR, null); }

    /** A board backend for one library ({@code null}: the emulator). */
    public BoardBackend(String name, Path library) {
        if (!name.startsWith("board:")) throw new IllegalArgumentException("board backend names start with 'board:', got '" + name + "'");
        this.name = name;
        this.library = library;
    }

    @Override public String name() { return name; }

    /** Any other {@code board:<name>} runs the library given with {@code --option lib=PATH}. */
    @Override public Backend variant(String other) {
        return other.startsWith("board:") && other.length() > "board:".length() ? new BoardBackend(other, null) : null;
    }

    @Override public boolean available() { return library != null || EmulatorLibrary.available(); }

    @Override public String unavailableReason() {
        return available() ? "" : "the board emulator library was not built (needs a C compiler, cc, at build time)";
    }

    @Override public Capabilities capabilities() {
        // The ABI reports features per board at open time; these are the emulator's, and the compile step
        // re-checks against the opened board's own feature mask.
        return capabilitiesFor(BoardLibrary.FEATURE_DELAYS | BoardLibrary.FEATURE_MULTI_CHANNEL | BoardLibrary.FEATURE_REFRACTORY
                | BoardLibrary.FEATURE_SPIKE_SOURCES | BoardLibrary.FEATURE_POISSON_SOURCES | BoardLibrary.FEATURE_BACKGROUND | BoardLibrary.FEATURE_CURRENT_INPUT
                | BoardLibrary.FEATURE_INJECTION);
    }

    /** The {@link Capabilities} a board's {@code NRB_CAP_FEATURES} mask stands for. */
    public static Capabilities capabilitiesFor(long mask) {
        Set<String> f = new TreeSet<>();
        if ((mask & BoardLibrary.FEATURE_DELAYS) != 0) f.add(Capabilities.DELAYS);
        if ((mask & BoardLibrary.FEATURE_MULTI_CHANNEL) != 0) f.add(Capabilities.MULTI_CHANNEL);
        if ((mask & BoardLibrary.FEATURE_REFRACTORY) != 0) f.add(Capabilities.REFRACTORY);
        if ((mask & BoardLibrary.FEATURE_SPIKE_SOURCES) != 0) f.add(Capabilities.SPIKE_SOURCES);
        if ((mask & BoardLibrary.FEATURE_POISSON_SOURCES) != 0) f.add(Capabilities.POISSON_SOURCES);
        if ((mask & BoardLibrary.FEATURE_BACKGROUND) != 0) f.add(Capabilities.BACKGROUND_INPUT);
        if ((mask & BoardLibrary.FEATURE_CURRENT_INPUT) != 0) f.add(Capabilities.CURRENT_INPUT);
        if ((mask & BoardLibrary.FEATURE_INJECTION) != 0) f.add(Capabilities.RUNTIME_INJECTION);
        return new Capabilities(Set.of(CubaLifFixed.ID), Set.of(NumericMode.FIXED), f);
    }

    @Override public Simulation compile(Network network, Options options) {
        String lib = options.extra("lib", null);
        if (lib == null && library == null && !name.equals(EMULATOR))
            throw new BackendException("backend '" + name + "' needs its board library: add --option lib=PATH (a library implementing adapters/board-abi/neuroracle_board.h)");
        Path path = lib != null ? Path.of(lib) : library != null ? library : EmulatorLibrary.path();
        capabilities().check(network, name);
        BoardLibrary library = BoardLibrary.load(path);
        NativeBoard board = null;
        try {
            board = library.open(options.extra("config", ""));
            capabilitiesFor(board.capability(BoardLibrary.CAP_FEATURES)).check(network, name + " (" + path.getFileName() + ")");
            return new BoardSimulation(network, board, library);
        } catch (RuntimeException e) {
            if (board != null) board.close();
            library.close();
            throw e;
        }
    }
}
