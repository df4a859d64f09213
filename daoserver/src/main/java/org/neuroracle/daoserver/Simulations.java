package org.neuroracle.daoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.BackendException;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.DigestStream;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.model.InvalidNetworkException;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.networks.BuiltinNetworks;
import org.neuroracle.snn.io.NetworkFiles;

/**
 * {@code POST /v1/simulations}: runs a network on a backend within the configured bounds and answers its counters,
 * the canonical run digest and (on request) the spike raster. Runs on a worker thread, one host thread per run, so
 * a simulation cannot take every core from the forecasts. When the raster is not returned, the spikes are drained
 * from the backend after every chunk and hashed ({@link DigestStream}), so a run holds one chunk of spikes at a time.
 */
final class Simulations {
    /** Membrane updates between two checks of the budgets and the deadline (a chunk of a run). */
    private static final long NEURON_STEPS_PER_CHUNK = 2_000_000;
    /**
     * Most spikes one streamed chunk can hold: its steps x the network's neurons (a neuron spikes at most once a
     * step). With 20,000 neurons a streamed chunk is 13 steps, 3 MB of spikes at the most.
     */
    static final int MAX_SPIKES_PER_STREAMED_CHUNK = 1 << 18;

    private final ServerConfig config;
    private final SimulationBudget budget;
    private final java.util.function.Function<String, Backend> backends;

    Simulations(ServerConfig config) { this(config, Backends::byName); }

    /** {@code backends}: name to backend, throwing {@link BackendException} for an unknown name (tests wrap one). */
    Simulations(ServerConfig config, java.util.function.Function<String, Backend> backends) {
        this.config = config;
        this.budget = new SimulationBudget(config);
        this.backends = backends;
    }

    /**
     * Refuses what must not be built at all before building it: files on the server (matrix-market connectors)
     * and networks whose neuron count, or an upper bound of whose synapse count, is over the limits. The exact
     * synapse count is checked again after building.
     */
    private void precheck(JsonObject file) {
        java.util.Map<String, Long> sizes = new java.util.HashMap<>();
        long neurons = 0;
        JsonArray pops = file.getValue("populations") instanceof JsonArray a ? a : new JsonArray();
        for (int i = 0; i < pops.size(); i++) {
            if (!(pops.getValue(i) instanceof JsonObject p)) continue;
            if (p.getValue("size") instanceof Number n) {
                neurons += Math.max(0, n.longValue());
                sizes.put(String.valueOf(p.getValue("name")), n.longValue());
            }
        }
        if (neurons > config.maxSimNeurons())
            throw Problem.unprocessable("network.populations", "the network has " + neurons + " neurons; this node allows at most maxSimNeurons = " + config.maxSimNeurons());
        JsonArray projs = file.getValue("projections") instanceof JsonArray a ? a : new JsonArray();
        double synapses = 0;
        for (int i = 0; i < projs.size(); i++) {
            if (!(projs.getValue(i) instanceof JsonObject p) || !(p.getValue("connector") instanceof JsonObject c)) continue;
            String path = "network.projections[" + i + "].connector";
            long pre = sizes.getOrDefault(String.valueOf(p.getValue("pre")), 0L), post = sizes.getOrDefault(String.valueOf(p.getValue("post")), 0L);
            Object type = c.getValue("type");
            if ("matrix-market".equals(type))
                throw Problem.unprocessable(path + ".type", "matrix-market connectors name files on the server; send the synapses inline (explicit or csr)");
            if ("all-to-all".equals(type)) synapses += (double) pre * post;
            else if ("fixed-fan-in".equals(type) && c.getValue("fan_in") instanceof Number f) synapses += f.doubleValue() * post;
            else if ("fixed-probability".equals(type) && c.getValue("p") instanceof Number pr)
                synapses += pr.doubleValue() * pre * post * 0.9; // the built count is checked exactly afterwards
        }
        if (synapses > config.maxSimSynapses())
            throw Problem.unprocessable("network.projections", "the network has about " + (long) synapses
                    + " synapses; this node allows at most maxSimSynapses = " + config.maxSimSynapses());
    }

    /** {@code network line 3: populations[0].model: ...} -> {@code network.populations[0].model}. */
    private static String fieldOf(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^network line \\d+: ([A-Za-z_][A-Za-z0-9_.\\[\\]]*): ").matcher(message);
        return m.find() ? "network." + m.group(1) : "network";
    }

    /** Runs the request; {@code receivedNanos} (System.nanoTime at arrival) starts the deadline. */
    JsonObject run(JsonObject request, long receivedNanos) {
        String backendName = request.getString("backend", "cpu");
        int steps = request.getInteger("steps");
        boolean record = request.getBoolean("record", false);
        String builtin = request.getString("builtin");
        JsonObject file = request.getJsonObject("network");
        Long seed = request.getLong("seed");
        if ((builtin == null) == (file == null))
            throw Problem.invalid(builtin == null ? "network" : "builtin", "give exactly one of network (a network file) and builtin (a built-in network name)");
        String field = builtin != null ? "builtin" : "network";
        Network net;
        try {
            if (builtin != null) {
                net = BuiltinNetworks.byName(builtin, seed == null ? 1L : seed);
            } else {
                precheck(file);
                net = NetworkFiles.parse(file.encode(), "network", null, seed == null ? 1L : seed);
            }
        } catch (InvalidNetworkException e) {
            throw Problem.unprocessable(fieldOf(e.getMessage()), e.getMessage().replaceFirst("^network line \\d+: ", "network."));
        }
        if (net.neuronCount() > config.maxSimNeurons())
            throw Problem.unprocessable(field, "network '" + net.name() + "' has " + net.neuronCount()
                    + " neurons; this node allows at most maxSimNeurons = " + config.maxSimNeurons());
        if (net.synapseCount() > config.maxSimSynapses())
            throw Problem.unprocessable(field, "network '" + net.name() + "' has " + net.synapseCount()
                    + " synapses; this node allows at most maxSimSynapses = " + config.maxSimSynapses());
        SimulationBudget.Estimate estimate = budget.check(net, steps, builtin != null, record);
        Backend backend;
        try {
            backend = backends.apply(backendName);
        } catch (BackendException e) {
            throw Problem.unprocessable("backend", e.getMessage());
        }
        if (!backend.available()) throw Problem.unprocessable("backend", "backend '" + backendName + "' is not available here: " + backend.unavailableReason());
        Simulation sim;
        try {
            sim = backend.compile(net, Options.defaults().withThreads(1));
        } catch (BackendException e) {
            throw Problem.unprocessable("backend", e.getMessage());
        }
        try (sim) {
            // Streamed: spikes are hashed chunk by chunk and dropped. Kept: the raster is returned, or the backend
            // cannot drop its recorded spikes (then they are charged to maxSimRecordedSpikes like a returned raster).
            boolean stream = !record && sim.canDrainSpikes();
            if (!stream && !record) budget.check(net, steps, builtin != null, true);
            long t0 = System.nanoTime();
            long deadline = receivedNanos + config.simDeadlineMs() * 1_000_000L;
            long perChunk = NEURON_STEPS_PER_CHUNK;
            if (stream) perChunk = Math.min(perChunk, MAX_SPIKES_PER_STREAMED_CHUNK);
            int chunk = (int) Math.max(1, Math.min(steps, perChunk / Math.max(1, net.neuronCount())));
            DigestStream streamed = stream ? new DigestStream() : null;
            // In chunks, so the budgets and the deadline are checked while it runs and a run over either is cancelled.
            for (int done = 0; done < steps; ) {
                int n = Math.min(chunk, steps - done);
                if (stream) sim.run(n, streamed::accept);
                else sim.run(n);
                done += n;
                budget.checkRunning(net, sim.counters(), done, steps, deadline, builtin != null, !stream);
            }
            long wallNanos = System.nanoTime() - t0;
            Counters c = sim.counters();
            SpikeRaster r = stream ? null : sim.spikes();
            String digest = stream ? streamed.finish(sim) : Digest.of(sim, r);
            JsonObject out = new JsonObject().put("network", net.name()).put("backend", backendName)
                    .put("numericMode", net.mode().name().toLowerCase()).put("seed", net.seed())
                    .put("neurons", net.neuronCount()).put("synapses", net.synapseCount()).put("steps", c.steps())
                    .put("dtMs", net.dtMs()).put("digest", digest)
                    .put("counters", new JsonObject().put("spikes", c.totalSpikes()).put("synapticOps", c.totalSynapticOps())
                            .put("membraneUpdates", c.totalMembraneUpdates()))
                    .put("populations", new JsonArray(net.populations().stream().map(p -> p.name()).toList()))
                    .put("wallSeconds", wallNanos / 1e9)
                    .put("estimate", new JsonObject().put("neuronSteps", estimate.neuronSteps())
                            .put("sourceSynapticEvents", (long) estimate.synapticEvents())
                            .put("sourceRecordedSpikes", (long) estimate.recordedSpikes()).put("delayRingBytes", estimate.delayRingBytes()));
            if (record) {
                int n = Math.min(r.size(), config.maxRasterSpikes());
                JsonArray steps2 = new JsonArray(), pops = new JsonArray(), neurons = new JsonArray();
                for (int k = 0; k < n; k++) {
                    steps2.add(r.step(k));
                    pops.add(r.population(k));
                    neurons.add(r.neuron(k));
                }
                out.put("raster", new JsonObject().put("truncated", n < r.size()).put("step", steps2).put("population", pops).put("neuron", neurons));
            }
            return out;
        }
    }
}
