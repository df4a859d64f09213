package org.neuroracle.cli;

import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.encode.InputSpikes;
import org.neuroracle.forecast.history.DaoHistory;
import org.neuroracle.forecast.model.Reservoir;
import org.neuroracle.forecast.model.VoteModel;
import org.neuroracle.forecast.model.VoteObservation;
import org.neuroracle.forecast.service.ForecastService;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.SpikeRaster;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled vote model's network, fed tally and DAO-history spikes, gives the same spikes and the same readout
 * values on every available backend (cpu, opencl where an OpenCL device exists, board:emulator where it was built).
 */
class VoteModelBackendsTest {
    static VoteModel model() {
        return (VoteModel) ForecastService.bundledArtifacts().stream().filter(a -> a.model().kind().equals("vote")).findFirst().orElseThrow().model();
    }

    /** One forecast asked of every backend: the observation and the DAO's history context. */
    record Case(VoteObservation obs, org.neuroracle.forecast.history.HistoryContext ctx) {}

    /** Inputs with history: the latest proposal of the bundled history's largest DAO, and an unknown DAO. */
    static List<InputSpikes> inputs(VoteModel m) {
        return cases(m).stream().map(c -> m.encode(c.obs(), c.ctx())).toList();
    }

    static List<Case> cases(VoteModel m) {
        DaoHistory.Dao big = m.past().daos().stream().max(java.util.Comparator.comparingInt(d -> d.proposalIds().length)).orElseThrow();
        int last = big.proposalIds().length - 1;
        long start = big.ends()[last] + 86_400, end = start + 7 * 86_400;
        List<VoteObservation.Cast> votes = new ArrayList<>();
        for (int v = 0; v < Math.min(12, big.voters().length); v++)
            votes.add(new VoteObservation.Cast(start + 3_600L * (v + 1), big.voters()[v], v % 3 == 0 ? Choice.AGAINST : Choice.FOR, new BigDecimal(1000 + 37 * v)));
        List<Case> in = new ArrayList<>();
        for (double f : new double[]{0.1, 0.5}) {
            VoteObservation o = new VoteObservation(start, end, new BigDecimal("500000"), start + (long) (f * (end - start)), votes);
            in.add(new Case(o, m.context(big.name(), "new", null, start)));
            in.add(new Case(o, m.context("never-seen-dao", "new", null, start)));
        }
        return in;
    }

    @Test void votesAndHistorySpikesRunBitExactOnEveryBackend() {
        VoteModel m = model();
        assertTrue(m.past().daos().size() > 1, "the bundled vote model carries DAO history");
        List<Case> cases = cases(m);
        if (m.recalibration() != null)
            assertTrue(m.recalibrationAt(cases.getFirst().ctx().dao(), cases.getFirst().obs().voteStart(), 0.1).past() > 0,
                    "the known DAO's forecast goes through its online recalibration");
        List<InputSpikes> in = inputs(m);
        List<int[]> reference = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        for (Backend b : Backends.all()) {
            if (!b.available()) continue;
            List<int[]> results = new ArrayList<>();
            try (Reservoir.Runner r = new Reservoir.Runner(m.reservoir().network("vote-forecaster"), b.name())) {
                for (InputSpikes x : in) {
                    Reservoir.Run run = r.run(x);
                    SpikeRaster s = run.raster();
                    // Spike order within a step is the backend's; the set of (step, population, neuron) is the contract.
                    long[] keys = new long[s.size()];
                    for (int k = 0; k < s.size(); k++) keys[k] = ((long) s.step(k) << 40) | ((long) s.population(k) << 32) | s.neuron(k);
                    java.util.Arrays.sort(keys);
                    int[] flat = new int[3 * s.size() + 1];
                    for (int k = 0; k < keys.length; k++) { flat[3 * k] = (int) (keys[k] >>> 40); flat[3 * k + 1] = (int) ((keys[k] >>> 32) & 0xff); flat[3 * k + 2] = (int) keys[k]; }
                    int[] feats = VoteModel.features(x, run, m.reservoir().inputs(), m.reservoir().neurons());
                    flat[flat.length - 1] = (int) (m.pass().apply(feats) * 65536);
                    results.add(flat);
                }
                // The whole served answer: pooled map, then the DAO's online recalibration (host doubles, StrictMath).
                for (Case c : cases) {
                    VoteModel.Answer a = m.forecast(c.obs(), c.ctx(), r);
                    long[] bits = {Double.doubleToRawLongBits(a.pPass().value()), Double.doubleToRawLongBits(a.pPass().lower()), Double.doubleToRawLongBits(a.pPass().upper())};
                    int[] flat = new int[2 * bits.length];
                    for (int k = 0; k < bits.length; k++) { flat[2 * k] = (int) (bits[k] >>> 32); flat[2 * k + 1] = (int) bits[k]; }
                    results.add(flat);
                }
            }
            ran.add(b.name());
            if (reference.isEmpty()) reference.addAll(results);
            else for (int i = 0; i < results.size(); i++) assertArrayEquals(reference.get(i), results.get(i), b.name() + " differs from " + ran.getFirst() + " on input " + i);
        }
        assertTrue(ran.contains("cpu"), ran.toString());
        assertTrue(reference.stream().anyMatch(r -> r.length > 100), "the inputs must drive the reservoir");
        assertEquals(in.size() + cases.size(), reference.size());
        System.out.println("vote model bit-exact on " + ran);
    }
}
