package org.neuroracle.bench.brian2;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.neuroracle.snn.model.BackgroundInput;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.PoissonSource;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Projection;
import org.neuroracle.snn.model.Synapse;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the exact network Neuroracle simulates (every synapse, weight, delay and initial value after expansion
 * with the seed) for the Brian2 driver: {@code params.json} with the neuron parameters, and per projection two
 * coordinate Matrix Market files, {@code projK_weights.mtx} (real) and {@code projK_delays.mtx} (integer steps),
 * rows = presynaptic neuron, columns = postsynaptic neuron, 1-based.
 * <p>Only float LIF populations and Poisson sources can be expressed in Brian2 here; anything else is rejected
 * up front with the population named, so a comparison never runs a different model silently.
 */
public final class Brian2Export {
    private Brian2Export() {}

    /** Throws {@link IllegalArgumentException} naming what the Brian2 comparison cannot express. */
    public static void checkSupported(Network net) {
        for (Population p : net.populations())
            if (!(p.model() instanceof Lif) && !(p.model() instanceof PoissonSource))
                throw new IllegalArgumentException("--compare brian2: network '" + net.name() + "' population '" + p.name()
                        + "' uses model '" + p.model().id() + "'; the Brian2 export supports lif and poisson-source populations only");
        if (!net.currentInputs().isEmpty())
            throw new IllegalArgumentException("--compare brian2: network '" + net.name() + "' has current inputs, which the Brian2 export does not support");
    }

    public static void write(Network net, int steps, Path dir) {
        checkSupported(net);
        try {
            Files.createDirectories(dir);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = json.createObjectNode();
            root.put("network", net.name());
            root.put("dt_ms", net.dtMs());
            root.put("seed", net.seed());
            root.put("steps", steps);
            ArrayNode pops = root.putArray("populations");
            for (int pi = 0; pi < net.populations().size(); pi++) {
                Population p = net.populations().get(pi);
                ObjectNode o = pops.addObject();
                o.put("name", p.name());
                o.put("size", p.size());
                o.put("record", net.records(pi));
                switch (p.model()) {
                    case PoissonSource s -> {
                        o.put("model", "poisson-source");
                        o.put("rate_hz", s.rateHz());
                    }
                    case Lif m -> {
                        o.put("model", "lif");
                        o.put("tau_m_ms", m.tauMembraneMs());
                        o.put("v_rest_mv", m.vRestMv());
                        o.put("v_reset_mv", m.vResetMv());
                        o.put("v_threshold_mv", m.vThresholdMv());
                        o.put("refractory_ms", m.refractoryMs());
                        o.put("bias_mv", m.biasMv());
                        o.put("integration", m.integration() == Integration.EULER ? "euler" : "exact");
                        ArrayNode syn = o.putArray("synapses");
                        for (Synapse s : m.synapses()) {
                            ObjectNode so = syn.addObject();
                            so.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
                            so.put("tau_ms", s.tauMs());
                            so.put("reversal_mv", s.reversalMv());
                        }
                        ObjectNode init = o.putObject("initial");
                        for (String var : m.stateVariables()) {
                            double[] v = p.initialValues(var);
                            if (v == null || var.equals("ref")) continue;
                            ArrayNode a = init.putArray(var);
                            for (double x : v) a.add(x);
                        }
                    }
                    default -> throw new IllegalStateException("unreachable: checked above");
                }
            }
            ArrayNode projs = root.putArray("projections");
            for (int k = 0; k < net.projections().size(); k++) {
                Projection pr = net.projections().get(k);
                String wFile = "proj" + k + "_weights.mtx", dFile = "proj" + k + "_delays.mtx";
                int postSize = net.populations().get(pr.post()).size();
                writeMatrixMarket(pr, postSize, dir.resolve(wFile), false);
                writeMatrixMarket(pr, postSize, dir.resolve(dFile), true);
                ObjectNode o = projs.addObject();
                o.put("name", pr.name());
                o.put("pre", pr.pre());
                o.put("post", pr.post());
                o.put("channel", pr.channel());
                o.put("synapses", pr.synapseCount());
                o.put("weights_file", wFile);
                o.put("delays_file", dFile);
            }
            ArrayNode bg = root.putArray("background");
            for (BackgroundInput b : net.backgroundInputs()) {
                ObjectNode o = bg.addObject();
                o.put("population", b.population());
                o.put("channel", b.channel());
                o.put("rate_hz", b.rateHz());
                o.put("weight", (double) b.weight());
            }
            json.writeValue(dir.resolve("params.json").toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Brian2 export to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Coordinate Matrix Market: weights as real (float32 printed exactly enough to round-trip), delays as integer. */
    static void writeMatrixMarket(Projection pr, int postSize, Path file, boolean delays) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("%%MatrixMarket matrix coordinate " + (delays ? "integer" : "real") + " general\n");
            w.write("% neuroracle projection '" + pr.name() + "': rows = pre neurons, columns = post neurons, "
                    + (delays ? "values = delay in steps" : "values = weight") + "\n");
            int rows = pr.preSize();
            int[] rowPtr = pr.rowPtr(), targets = pr.targets(), d = pr.delaySteps();
            float[] wt = pr.weights();
            w.write(rows + " " + postSize + " " + pr.synapseCount() + "\n");
            StringBuilder line = new StringBuilder(48);
            for (int i = 0; i < rows; i++)
                for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                    line.setLength(0);
                    line.append(i + 1).append(' ').append(targets[k] + 1).append(' ');
                    if (delays) line.append(d[k]);
                    else if (wt != null) line.append(Float.toString(wt[k]));
                    else line.append(pr.effectiveWeight(k));
                    w.write(line.append('\n').toString());
                }
        }
    }
}
