package org.neuroracle.adapters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** board:emulator against the cpu reference: digests (spikes and final integer state) must be identical. */
class BoardEmulatorTest {
    private static String digest(Backend backend, Network network, int steps) {
        try (Simulation sim = backend.compile(network, Options.defaults().withThreads(1))) {
            sim.run(steps);
            return Digest.of(sim);
        }
    }

    @Test void emulatorIsFoundByServiceLoader() {
        Backend b = Backends.byName("board:emulator");
        assertTrue(b.available(), b.unavailableReason());
    }

    @Test void cubaFixedDigestEqualsCpu() {
        Network net = BuiltinNetworks.byName("cuba-fixed", 7);
        String cpu = digest(Backends.byName("cpu"), net, 300);
        assertEquals(cpu, digest(Backends.byName("board:emulator"), net, 300));
    }

    @ParameterizedTest @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void randomFixedNetworkDigestEqualsCpu(long seed) {
        Network net = RandomNetworks.fixed(seed);
        try (Simulation cpu = Backends.byName("cpu").compile(net, Options.defaults().withThreads(1));
             Simulation board = Backends.byName("board:emulator").compile(net, Options.defaults())) {
            cpu.run(150);
            board.run(150);
            assertEquals(Digest.of(cpu), Digest.of(board), () -> BoardConformance.whereDifferent(net, cpu, board));
            assertArrayEquals(cpu.counters().synapticOps(), board.counters().synapticOps());
            assertArrayEquals(cpu.counters().membraneUpdates(), board.counters().membraneUpdates());
            assertTrue(cpu.spikes().size() > 0, "the random network should spike at all");
        }
    }

    @Test void openErrorCarriesTheBoardsMessage() {
        try (BoardLibrary lib = BoardLibrary.load(EmulatorLibrary.path())) {
            BoardException e = assertThrows(BoardException.class, () -> lib.open("cores=3"));
            assertTrue(e.getMessage().contains("unknown config key 'cores'"), e.getMessage());
        }
    }

    @Test void callErrorsCarryTheBoardsMessage() {
        try (BoardLibrary lib = BoardLibrary.load(EmulatorLibrary.path()); NativeBoard b = lib.open("")) {
            BoardException e = assertThrows(BoardException.class, () -> b.run(3));
            assertEquals(BoardLibrary.E_STATE, e.status());
            assertTrue(e.getMessage().contains("no network is loaded"), e.getMessage());
        }
    }

    @Test void closedBoardRefusesCalls() {
        try (BoardLibrary lib = BoardLibrary.load(EmulatorLibrary.path())) {
            NativeBoard b = lib.open("");
            b.close();
            b.close(); // idempotent
            assertThrows(BoardException.class, () -> b.run(1));
        }
    }

    @Test void closingTheLibraryClosesItsOpenBoardsFirst() {
        BoardLibrary lib = BoardLibrary.load(EmulatorLibrary.path());
        NativeBoard a = lib.open(""), b = lib.open("name=second");
        a.close();
        assertEquals(1, lib.openBoardCount());
        lib.close();
        assertFalse(b.isOpen(), "the library closed its open board (nrb_close through the board's arena) before unloading");
        assertEquals(0, lib.openBoardCount());
        BoardException e = assertThrows(BoardException.class, () -> b.run(1));
        assertTrue(e.getMessage().contains("board is closed"), e.getMessage());
        BoardException reopen = assertThrows(BoardException.class, () -> lib.open(""));
        assertTrue(reopen.getMessage().contains("is closed"), reopen.getMessage());
        lib.close(); // idempotent
    }

    @Test void failedOpenLeavesNothingTracked() {
        try (BoardLibrary lib = BoardLibrary.load(EmulatorLibrary.path())) {
            assertThrows(BoardException.class, () -> lib.open("cores=3"));
            assertEquals(0, lib.openBoardCount());
        }
    }

    @Test void endNetworkFailureDiscardsTheNetwork() {
        try (BoardLibrary lib = BoardLibrary.load(EmulatorLibrary.path()); NativeBoard b = lib.open("max_neurons=2")) {
            b.beginNetwork(1, 1);
            b.addLifPopulation(3, new int[]{100}, 100, 10, 0, 0, 0, true);
            BoardException e = assertThrows(BoardException.class, b::endNetwork);
            assertEquals(BoardLibrary.E_CAPACITY, e.status());
            assertTrue(e.getMessage().contains("the network was discarded"), e.getMessage());
            BoardException again = assertThrows(BoardException.class, b::endNetwork);
            assertEquals(BoardLibrary.E_STATE, again.status(), "not left half-built: " + again.getMessage());
            assertEquals(BoardLibrary.E_STATE, assertThrows(BoardException.class, () -> b.run(1)).status());
            b.beginNetwork(1, 1);
            b.addLifPopulation(2, new int[]{100}, 100, 10, 0, 0, 0, true);
            b.endNetwork();
            b.run(3);
            assertEquals(3, b.currentStep());
        }
    }

    @Test void missingLibraryIsAClearError() {
        BoardException e = assertThrows(BoardException.class, () -> BoardLibrary.load(Path.of("target/none/libnothing.so")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test void libOptionSelectsAnotherLibraryAndConfigIsPassed() {
        Network net = RandomNetworks.fixed(4);
        Options o = new Options(0, null, Map.of("lib", EmulatorLibrary.path().toString(), "config", "max_neurons=3"));
        BoardException e = assertThrows(BoardException.class, () -> new BoardBackend("board:custom", null).compile(net, o));
        assertEquals(BoardLibrary.E_CAPACITY, e.status());
        assertTrue(e.getMessage().contains("at most 3"), e.getMessage());
    }

    /** The fixed network with every mantissa widened to up to 16 bits (exponents kept), as the NIR converter writes for wide boards. */
    static Network widened(Network net, long seed) {
        java.util.Random r = new java.util.Random(seed);
        java.util.List<org.neuroracle.snn.model.Projection> out = new java.util.ArrayList<>();
        for (var pr : net.projections()) {
            int[] m = pr.weightMantissas().clone();
            for (int k = 0; k < m.length; k++) m[k] = Math.max(-32768, Math.min(32767, m[k] * 197 + r.nextInt(-300, 300)));
            out.add(new org.neuroracle.snn.model.Projection(pr.name(), pr.pre(), pr.post(), pr.channel(), pr.rowPtr(), pr.targets(), null, m,
                    Math.min(pr.weightExp(), 4), pr.delaySteps()));
        }
        return new Network(net.name() + "-wide", net.dtMs(), net.seed(), net.populations(), out, net.backgroundInputs(), net.currentInputs(),
                net.spikeProbes(), net.stateProbes());
    }

    @ParameterizedTest @ValueSource(longs = {1, 2, 3, 4})
    void wideMantissasRunBitExactOnABoardThatDeclaresThem(long seed) {
        Network net = widened(RandomNetworks.fixed(seed), seed);
        Options wide = new Options(0, null, Map.of("lib", EmulatorLibrary.path().toString(), "config", "weight_bits=16"));
        try (Simulation cpu = Backends.byName("cpu").compile(net, Options.defaults().withThreads(1));
             Simulation board = new BoardBackend("board:custom", null).compile(net, wide)) {
            cpu.run(150);
            board.run(150);
            assertEquals(Digest.of(cpu), Digest.of(board), () -> BoardConformance.whereDifferent(net, cpu, board));
            assertTrue(cpu.spikes().size() > 0, "the widened network should spike at all");
        }
        // the default emulator declares 8-bit weights and refuses them
        BoardException e = assertThrows(BoardException.class, () -> Backends.byName("board:emulator").compile(net, Options.defaults()));
        assertEquals(BoardLibrary.E_CAPACITY, e.status());
        assertTrue(e.getMessage().contains("wider than this board's 8-bit weights"), e.getMessage());
    }
}
