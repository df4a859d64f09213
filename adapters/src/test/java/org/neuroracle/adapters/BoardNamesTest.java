package org.neuroracle.adapters;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.BackendException;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.cpu.CpuBackend;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Any {@code board:<name>} resolves through the SPI and runs the library named with {@code --option lib=PATH}. */
class BoardNamesTest {
    @Test void anyBoardNameNeedsItsLibrary() {
        Backend b = Backends.byName("board:mychip");
        assertEquals("board:mychip", b.name());
        BackendException e = assertThrows(BackendException.class, () -> b.compile(BuiltinNetworks.cubaFixed(1), Options.defaults()).close());
        assertTrue(e.getMessage().contains("--option lib=PATH"), e.getMessage());
    }

    @Test void anyBoardNameRunsTheGivenLibrary() {
        Assumptions.assumeTrue(EmulatorLibrary.available(), "the emulator library was not built (no C compiler)");
        Network net = BuiltinNetworks.cubaFixed(3);
        String expected, got;
        try (Simulation sim = new CpuBackend().compile(net, Options.defaults())) {
            sim.run(300);
            expected = Digest.of(sim);
        }
        Options lib = new Options(0, null, Map.of("lib", EmulatorLibrary.path().toString()));
        try (Simulation sim = Backends.byName("board:mychip").compile(net, lib)) {
            sim.run(300);
            got = Digest.of(sim);
        }
        assertEquals(expected, got);
    }

    @Test void unknownNonBoardNamesStillFail() {
        assertThrows(BackendException.class, () -> Backends.byName("warp-drive"));
    }
}
