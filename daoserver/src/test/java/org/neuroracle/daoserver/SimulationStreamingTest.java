package org.neuroracle.daoserver;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Capabilities;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.backend.StateSamples;
import org.neuroracle.snn.io.NetworkFiles;
import org.neuroracle.snn.model.Network;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/simulations} without a raster streams its spikes into the digest (issue 14): the backend is a
 * cpu simulation wrapped to count the spikes it holds after every call, so the bound is checked by counting what is
 * retained, not by timing or heap figures. The node's kept-spike budget is lowered to 1,000,000 so that the 3,000,000
 * spikes of the bomb below would be refused if they were kept.
 */
class SimulationStreamingTest {
    /** 1,000 Poisson sources at 1 GHz (a spike every step) into 10 LIF neurons: 3,000,000 source spikes in 3,000 steps. */
    static final String BOMB = """
            {"format": "neuroracle-network/1", "name": "bomb", "dt_ms": 1.0, "seed": 3,
             "populations": [
               {"name": "in", "size": 1000, "model": {"type": "poisson-source", "rate_hz": 1e9}},
               {"name": "out", "size": 10, "model": {"type": "cuba-lif-fixed", "du": [80], "dv": 20, "vth": 10,
                "bias_mant": 0, "bias_exp": 0, "refractory_steps": 2}}],
             "projections": [
               {"name": "p", "pre": "in", "post": "out", "channel": 0,
                "connector": {"type": "fixed-fan-in", "fan_in": 2}, "weight": 3, "weight_exp": 4, "delay_steps": 1}]}""";
    static final long KEPT_BUDGET = 1_000_000;

    @TempDir Path dir;

    private ServerConfig config(Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("NEURORACLE_MAX_SIM_RECORDED_SPIKES", Long.toString(KEPT_BUDGET),
                "NEURORACLE_SIM_DEADLINE_MS", "600000")); // the loaded test machine must not cancel it
        env.putAll(more);
        return TestServers.config(dir, dir.resolve("no-index"), env);
    }

    private static JsonObject request(int steps, boolean record) {
        return new JsonObject().put("network", new JsonObject(BOMB)).put("steps", steps).put("record", record);
    }

    /** The digest and spike count of the whole raster, run on the cpu backend directly. */
    private static String[] direct(int steps) {
        Network net = NetworkFiles.parse(BOMB, "test", null, 1);
        try (Simulation sim = Backends.byName("cpu").compile(net, Options.defaults().withThreads(1))) {
            sim.run(steps);
            SpikeRaster r = sim.spikes();
            return new String[]{Digest.of(sim, r), Integer.toString(r.size())};
        }
    }

    @Test void withoutARasterSpikesStreamAndOneChunkIsKept() {
        Counting counting = new Counting(true);
        JsonObject o = new Simulations(config(Map.of()), name -> counting).run(request(3000, false), System.nanoTime());
        String[] whole = direct(3000);
        assertEquals(whole[0], o.getString("digest"), "the streamed digest is the digest of the whole raster");
        long spikes = Long.parseLong(whole[1]);
        assertTrue(spikes > 3 * KEPT_BUDGET, spikes + " spikes, over the kept-spike budget");
        assertEquals(spikes, counting.drained, "every spike went through the digest");
        assertTrue(counting.peakHeld <= Simulations.MAX_SPIKES_PER_STREAMED_CHUNK,
                "the backend held " + counting.peakHeld + " spikes at once, over one streamed chunk");
        assertTrue(counting.peakHeld * 10 < spikes, "held " + counting.peakHeld + " of " + spikes + " spikes at once");
        assertFalse(o.containsKey("raster"));
    }

    @Test void withTheRasterTheSameRequestIsChargedForKeptSpikes() {
        Counting counting = new Counting(true);
        Problem p = assertThrows(Problem.class, () -> new Simulations(config(Map.of()), name -> counting).run(request(3000, true), System.nanoTime()));
        assertEquals(422, p.status());
        assertEquals("network.populations[0]", p.field());
        assertTrue(p.getMessage().contains("maxSimRecordedSpikes"), p.getMessage());
        assertEquals(0, counting.compiled, "refused before compiling");
    }

    @Test void servedDigestIsTheSameWithAndWithoutTheRaster() {
        Simulations sims = new Simulations(config(Map.of("NEURORACLE_MAX_RASTER_SPIKES", "1000000")), Backends::byName);
        JsonObject kept = sims.run(request(600, true), System.nanoTime());
        JsonObject streamed = sims.run(request(600, false), System.nanoTime());
        String[] whole = direct(600);
        assertEquals(whole[0], kept.getString("digest"), "with the raster: the digest of the whole raster");
        assertEquals(whole[0], streamed.getString("digest"), "without: the same digest, streamed");
        assertEquals(Integer.parseInt(whole[1]), kept.getJsonObject("raster").getJsonArray("step").size());
        assertFalse(kept.getJsonObject("raster").getBoolean("truncated"));
        assertEquals(kept.getJsonObject("counters"), streamed.getJsonObject("counters"));
    }

    @Test void hashedSpikesStillHaveAWorkBudget() {
        Counting counting = new Counting(true);
        Problem p = assertThrows(Problem.class, () -> new Simulations(config(Map.of("NEURORACLE_MAX_SIM_DIGEST_SPIKES", "2000000")),
                name -> counting).run(request(3000, false), System.nanoTime()));
        assertEquals(422, p.status());
        assertEquals("network.populations[0]", p.field());
        assertTrue(p.getMessage().contains("maxSimDigestSpikes = 2000000"), p.getMessage());
        assertEquals(0, counting.compiled, "refused before compiling");
    }

    @Test void aBackendThatCannotDrainKeepsItsSpikesAndIsChargedForThem() {
        Counting counting = new Counting(false);
        Problem p = assertThrows(Problem.class, () -> new Simulations(config(Map.of()), name -> counting).run(request(3000, false), System.nanoTime()));
        assertEquals(422, p.status());
        assertTrue(p.getMessage().contains("maxSimRecordedSpikes"), p.getMessage());
        assertEquals(0, counting.drained);
    }

    /** The cpu backend, its simulations wrapped to count the spikes they hold. */
    static final class Counting implements Backend {
        final boolean drains;
        int compiled;
        long peakHeld, drained;

        Counting(boolean drains) { this.drains = drains; }

        @Override public String name() { return "cpu"; }
        @Override public Capabilities capabilities() { return Backends.byName("cpu").capabilities(); }

        @Override public Simulation compile(Network network, Options options) {
            compiled++;
            Simulation cpu = Backends.byName("cpu").compile(network, options);
            return new Simulation() {
                private void held() { peakHeld = Math.max(peakHeld, cpu.spikes().size()); }
                @Override public Network network() { return cpu.network(); }
                @Override public void run(int steps) { cpu.run(steps); held(); }
                @Override public long currentStep() { return cpu.currentStep(); }
                @Override public void inject(int population, int neuron, int step) { cpu.inject(population, neuron, step); }
                @Override public SpikeRaster spikes() { return cpu.spikes(); }
                @Override public boolean canDrainSpikes() { return drains; }
                @Override public SpikeRaster drainSpikes() {
                    if (!drains) return Simulation.super.drainSpikes();
                    SpikeRaster r = cpu.drainSpikes();
                    drained += r.size();
                    return r;
                }
                @Override public double[] state(int population, String variable) { return cpu.state(population, variable); }
                @Override public StateSamples samples(int probeIndex) { return cpu.samples(probeIndex); }
                @Override public Counters counters() { return cpu.counters(); }
                @Override public void reset() { cpu.reset(); }
                @Override public void close() { cpu.close(); }
            };
        }
    }
}
