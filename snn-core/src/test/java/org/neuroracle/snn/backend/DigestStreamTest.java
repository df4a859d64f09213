package org.neuroracle.snn.backend;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.neuroracle.snn.cpu.CpuBackend;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestStreamTest {
    private static final Backend CPU = new CpuBackend();

    /**
     * v2 hashes exactly v1's fields, moved: taking v1's bytes of a run apart (header, step count, spike count,
     * spikes, state) and putting them back in v2's order gives bytes whose SHA-256 is {@link Digest#of}. So a v2
     * digest identifies the same (steps, raster, final state) a v1 digest did.
     */
    @ParameterizedTest(name = "{0}, {1} steps")
    @CsvSource({"cuba-fixed, 1500", "coba, 600", "cuba, 600"})
    void v2IsTheV1FieldsReordered(String network, int steps) {
        try (Simulation sim = CPU.compile(BuiltinNetworks.byName(network, 3), Options.defaults().withThreads(1))) {
            sim.run(steps);
            SpikeRaster r = sim.spikes();
            assertTrue(r.size() > 100, network + " spikes");
            byte[] v1 = DigestV1.preimage(sim, r);
            int h = DigestV1.VERSION_LINE.length, spikesFrom = h + 16, spikesTo = spikesFrom + 12 * r.size();
            ByteArrayOutputStream v2 = new ByteArrayOutputStream();
            v2.writeBytes(DigestStream.VERSION_LINE);
            v2.writeBytes(Arrays.copyOfRange(v1, spikesFrom, spikesTo));   // the spikes
            v2.writeBytes(Arrays.copyOfRange(v1, h, spikesFrom));          // step count, spike count
            v2.writeBytes(Arrays.copyOfRange(v1, spikesTo, v1.length));    // the final state
            assertEquals(DigestV1.sha256Hex(v2.toByteArray()), Digest.of(sim, r));
            assertNotEquals(DigestV1.sha256Hex(v1), Digest.of(sim, r), "the version line keeps v1 and v2 apart");
        }
    }

    /** Drained every 37 steps (threads 1 and 2), the streamed digest is the whole raster's, and no chunk is kept. */
    @ParameterizedTest(name = "{0} thread(s)")
    @CsvSource({"1", "2"})
    void streamedRunEqualsTheWholeRaster(int threads) {
        var net = BuiltinNetworks.byName("cuba-fixed", 5);
        SpikeRaster whole;
        String expected;
        try (Simulation sim = CPU.compile(net, Options.defaults().withThreads(1))) {
            sim.run(2000);
            whole = sim.spikes();
            expected = Digest.of(sim, whole);
        }
        try (Simulation sim = CPU.compile(net, Options.defaults().withThreads(threads))) {
            DigestStream d = new DigestStream();
            int largestChunk = 0, at = 0;
            for (int done = 0; done < 2000; done += 37) {
                SpikeRaster chunk = sim.drainSpikes();
                assertEquals(0, chunk.size(), "drained before this chunk ran");
                sim.run(Math.min(37, 2000 - done));
                chunk = sim.drainSpikes();
                for (int k = 0; k < chunk.size(); k++, at++)
                    assertEquals(whole.step(at) + "/" + whole.neuron(at), chunk.step(k) + "/" + chunk.neuron(k), "spike " + at);
                largestChunk = Math.max(largestChunk, chunk.size());
                d.accept(chunk);
            }
            assertEquals(whole.size(), at);
            assertEquals(whole.size(), d.spikeCount());
            assertEquals(sim.counters().totalSpikes(), d.spikeCount(), "the counters still count drained spikes");
            assertTrue(largestChunk < whole.size() / 10, "one chunk holds " + largestChunk + " of " + whole.size() + " spikes");
            assertEquals(expected, d.finish(sim));
        }
    }

    @Test void chunkOutOfOrderIsRefused() {
        DigestStream d = new DigestStream();
        d.accept(new SpikeRaster(new int[]{5, 6}, new int[]{0, 0}, new int[]{1, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.accept(new SpikeRaster(new int[]{6}, new int[]{0}, new int[]{2})));
        assertTrue(e.getMessage().contains("out of canonical order"), e.getMessage());
        d.accept(new SpikeRaster(new int[]{6}, new int[]{1}, new int[]{0})); // a later population of the same step is fine
        assertEquals(3, d.spikeCount());
    }

    @Test void finishedStreamRefusesMore() {
        try (Simulation sim = CPU.compile(BuiltinNetworks.byName("cuba-fixed", 1), Options.defaults().withThreads(1))) {
            DigestStream d = new DigestStream();
            d.finish(sim);
            assertThrows(IllegalStateException.class, () -> d.accept(new SpikeRaster(new int[]{1}, new int[]{0}, new int[]{0})));
            assertThrows(IllegalStateException.class, () -> d.finish(sim));
        }
    }
}
