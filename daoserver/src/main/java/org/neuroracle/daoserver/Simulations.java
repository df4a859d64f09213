package org.neuroracle.daoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.BackendException;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.model.InvalidNetworkException;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.networks.BuiltinNetworks;

/**
 * {@code POST /v1/simulations}: runs a network on a backend within the configured bounds and answers its counters,
 * the canonical run digest and (on request) the spike raster. Runs on a worker thread, one host thread per run, so
 * a simulation cannot take every core from the forecasts.
 */
final class Simulations {
    private final ServerConfig config;

    Simulations(ServerConfig config) { this.config = config; }

    JsonObject run(JsonObject request) {
        String backendName = request.getString("backend", "cpu");
        int steps = request.getInteger("steps");
        boolean record = request.getBoolean("record", false);
        String builtin = request.getString("builtin");
        Long seed = request.getLong("seed");
        Network net;
        try {
            net = BuiltinNetworks.byName(builtin, seed == null ? 1L : seed);
        } catch (InvalidNetworkException e) {
            throw Problem.unprocessable("builtin", e.getMessage());
        }
        if (net.neuronCount() > config.maxSimNeurons())
            throw Problem.unprocessable("builtin", "network '" + net.name() + "' has " + net.neuronCount()
                    + " neurons; this node allows at most maxSimNeurons = " + config.maxSimNeurons());
        if (net.synapseCount() > config.maxSimSynapses())
            throw Problem.unprocessable("builtin", "network '" + net.name() + "' has " + net.synapseCount()
                    + " synapses; this node allows at most maxSimSynapses = " + config.maxSimSynapses());
        Backend backend;
        try {
            backend = Backends.byName(backendName);
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
            long t0 = System.nanoTime();
            sim.run(steps);
            long wallNanos = System.nanoTime() - t0;
            Counters c = sim.counters();
            SpikeRaster r = sim.spikes();
            JsonObject out = new JsonObject().put("network", net.name()).put("backend", backendName)
                    .put("numericMode", net.mode().name().toLowerCase()).put("seed", net.seed())
                    .put("neurons", net.neuronCount()).put("synapses", net.synapseCount()).put("steps", c.steps())
                    .put("dtMs", net.dtMs()).put("digest", Digest.of(sim))
                    .put("counters", new JsonObject().put("spikes", c.totalSpikes()).put("synapticOps", c.totalSynapticOps())
                            .put("membraneUpdates", c.totalMembraneUpdates()))
                    .put("populations", new JsonArray(net.populations().stream().map(p -> p.name()).toList()))
                    .put("wallSeconds", wallNanos / 1e9);
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
