package org.neuroracle.forecast.model;

import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.encode.InputSpikes;
import org.neuroracle.forecast.history.DaoHistory;
import org.neuroracle.forecast.service.ForecastService;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.SpikeRaster;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The served vote model's reservoir (one-channel {@code cuba-lif-fixed}, 160 neurons) gives the same spikes and
 * counters on the cpu backend's scalar path and on its Vector API kernel ({@code FixedLifVectorKernel}, chosen
 * when the JVM resolved {@code jdk.incubator.vector}): 128 distinct forecasts, DAOs of the bundled history,
 * 1-25 votes at four points of the vote, hashed (spikes in the raster's order, then membrane updates, synaptic
 * operations and spike counts per population). The hash is pinned: recorded with the scalar path, whose code is
 * that of main before the kernel was added. A change to the bundled vote model moves it on purpose (re-record it
 * then, as ServedAnswerBytesTest's constants are).
 */
class VoteReservoirPathsTest {
    static final String RUNS_SHA256 = "f1b13f38a0533f0fd678aed3cbb1c276c8b0bcd9faf6f638fa1b76b4cb3a6514";

    static VoteModel model() {
        return (VoteModel) ForecastService.bundledArtifacts().stream().filter(a -> a.model().kind().equals("vote")).findFirst().orElseThrow().model();
    }

    static List<InputSpikes> inputs(VoteModel m) {
        List<InputSpikes> in = new ArrayList<>();
        for (DaoHistory.Dao dao : m.past().daos()) {
            int last = dao.proposalIds().length - 1;
            long start = dao.ends()[last] + 86_400, end = start + 7 * 86_400;
            for (int nv = 1; nv <= 25; nv += 8)
                for (double f : new double[]{0.05, 0.3, 0.6, 0.95}) {
                    List<VoteObservation.Cast> votes = new ArrayList<>();
                    for (int v = 0; v < nv; v++)
                        votes.add(new VoteObservation.Cast(start + 3_600L * (v + 1), "0x" + Integer.toHexString(0x1000 + v * 7919 + nv),
                                v % 3 == 0 ? Choice.AGAINST : (v % 5 == 0 ? Choice.ABSTAIN : Choice.FOR), new BigDecimal(1000 + 37L * v * nv)));
                    VoteObservation o = new VoteObservation(start, end, new BigDecimal("500000"), start + (long) (f * (end - start)), votes);
                    in.add(m.encode(o, m.context(dao.name(), "new", null, start)));
                }
            if (in.size() >= 120) break;
        }
        return in;
    }

    /** SHA-256 of every run of the inputs on a reservoir built with the vector kernel on or off; also the spike total. */
    private static String runs(VoteModel m, List<InputSpikes> in, boolean vector, long[] spikes) throws Exception {
        String before = System.getProperty("neuroracle.cpu.vector");
        System.setProperty("neuroracle.cpu.vector", Boolean.toString(vector)); // read when the states are built
        Reservoir.Runner r;
        try {
            r = new Reservoir.Runner(m.reservoir().network("vote-forecaster"), "cpu");
        } finally {
            if (before == null) System.clearProperty("neuroracle.cpu.vector");
            else System.setProperty("neuroracle.cpu.vector", before);
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (r) {
            for (InputSpikes x : in) {
                Reservoir.Run run = r.run(x);
                SpikeRaster s = run.raster();
                ByteBuffer b = ByteBuffer.allocate(12 * s.size() + 4);
                b.putInt(s.size());
                for (int k = 0; k < s.size(); k++) b.putInt(s.step(k)).putInt(s.population(k)).putInt(s.neuron(k));
                sha.update(b.array());
                Counters c = run.counters();
                ByteBuffer cb = ByteBuffer.allocate(8 * (1 + 3 * c.spikes().length));
                cb.putLong(c.steps());
                for (int p = 0; p < c.spikes().length; p++) cb.putLong(c.spikes()[p]).putLong(c.synapticOps()[p]).putLong(c.membraneUpdates()[p]);
                sha.update(cb.array());
                spikes[0] += s.size();
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test void scalarAndVectorPathsGiveThePinnedRuns() throws Exception {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "run forecast's tests with --add-modules jdk.incubator.vector (forecast/pom.xml), else both runs take the scalar path");
        VoteModel m = model();
        List<InputSpikes> in = inputs(m);
        assertEquals(128, in.size()); // 16 per DAO, until 120 are reached
        long[] scalarSpikes = {0}, vectorSpikes = {0};
        String scalar = runs(m, in, false, scalarSpikes), vector = runs(m, in, true, vectorSpikes);
        assertTrue(scalarSpikes[0] > 1000, "the inputs must drive the reservoir: " + scalarSpikes[0] + " spikes");
        assertEquals(RUNS_SHA256, scalar, "scalar path");
        assertEquals(RUNS_SHA256, vector, "vector kernel (" + vectorSpikes[0] + " spikes, scalar " + scalarSpikes[0] + ")");
    }
}
