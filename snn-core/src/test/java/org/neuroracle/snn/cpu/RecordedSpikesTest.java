package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The block log of recorded spikes gives back exactly what was added: across many block changes (records of one
 * spike up to records longer than the largest block), per partition, after clear (as drainSpikes does) and with
 * new records after it.
 */
class RecordedSpikesTest {
    private static final Network NET = BuiltinNetworks.coba(1); // only its (absent) spike probes are read

    /** Adds random records to both the log and a plain list of (step, population, neuron). */
    private static void addRandom(RecordedSpikes log, IntList[] expected, Random rnd, int fromStep, int steps, int threads) {
        IntList out = new IntList(4);
        for (int t = fromStep; t < fromStep + steps; t++)
            for (int k = 0; k < threads; k++)
                for (int p = 0; p < 2; p++) {
                    int n = rnd.nextInt(10) == 0 ? 0 : rnd.nextInt(1500) == 0 ? RecordedSpikes.MAX_BLOCK - 2 + rnd.nextInt(5) : 1 + rnd.nextInt(12);
                    if (n == 0) continue;
                    out.clear();
                    out.reserve(n);
                    for (int i = 0; i < n; i++) out.a[i] = k * 1_000_000 + i * 3 + rnd.nextInt(3);
                    out.size = n;
                    log.add(k, t, p, out, n);
                    for (int i = 0; i < n; i++) { expected[0].add(t); expected[1].add(p); expected[2].add(out.a[i]); }
                }
    }

    private static void assertRaster(IntList[] expected, SpikeRaster r) {
        SpikeRaster want = SpikeRaster.sorted(expected[0].a, expected[1].a, expected[2].a, expected[0].size);
        assertEquals(want.size(), r.size(), "spike count");
        assertEquals(-1, want.firstDifference(r), "first differing spike");
    }

    private static IntList[] lists() { return new IntList[]{new IntList(1024), new IntList(1024), new IntList(1024)}; }

    @Test void everyRecordComesBackAcrossBlocksAndPartitions() {
        for (int threads : new int[]{1, 3}) {
            RecordedSpikes log = new RecordedSpikes(NET, threads);
            IntList[] expected = lists();
            addRandom(log, expected, new Random(7 + threads), 0, 3000, threads);
            assertRaster(expected, log.raster());
            assertRaster(expected, log.raster()); // reading does not consume
        }
    }

    @Test void clearDropsEverythingAndTheLogKeepsRecording() {
        RecordedSpikes log = new RecordedSpikes(NET, 2);
        IntList[] expected = lists();
        addRandom(log, expected, new Random(11), 0, 2000, 2);
        log.clear();
        assertEquals(0, log.raster().size());
        expected = lists();
        addRandom(log, expected, new Random(12), 2000, 500, 2);
        assertRaster(expected, log.raster());
    }
}
