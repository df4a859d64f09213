package org.neuroracle.nir;

import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NeuronModel;
import org.neuroracle.snn.model.PoissonSource;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Projection;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.model.Synapse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes an engine network as a NIR graph, the inverse of {@link NirImporter}: each population becomes an Input,
 * LIF, LI, IF, I, CubaLIF or CubaLI node, each projection a Linear (Affine where it carries a bias) node per
 * distinct delay, followed by a Delay node for delays above one step; the bias population becomes Affine biases.
 * Engine details NIR has no field for (population order, refractory periods, fixed-point integers, source spikes)
 * go into {@code metadata} entries named {@code neuroracle.*}, which NIR readers keep and ignore.
 */
public final class NirExporter {
    private NirExporter() {}

    public static NirGraph export(Network net) {
        double dt = net.dtMs();
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        List<String[]> edges = new ArrayList<>();
        List<String> order = new ArrayList<>();
        int clock = -1;
        for (int p = 0; p < net.populations().size(); p++) {
            Population pop = net.populations().get(p);
            if (pop.model() instanceof Lif l && Discretisation.isClock(pop.name(), l, dt)) { clock = p; continue; }
            order.add(pop.name());
            nodes.put(pop.name(), node(pop, dt));
        }
        // Biases carried by the clock population, per target, in NIR units (divided by the target's weight scale).
        Map<Integer, double[]> bias = new TreeMap<>();
        for (Projection pr : net.projections()) {
            if (pr.pre() != clock) continue;
            Population post = net.populations().get(pr.post());
            double k = scale(post.model(), dt);
            double[] b = bias.computeIfAbsent(pr.post(), x -> new double[post.size()]);
            for (int s = 0; s < pr.synapseCount(); s++) b[pr.targets()[s]] += pr.weights()[s] / k;
        }
        for (int p = 0; p < net.populations().size(); p++) {
            if (net.populations().get(p).model() instanceof Lif l && l.biasMv() != 0 && p != clock) {
                double f = l.synapses().get(0).kind() == Synapse.Kind.DELTA ? 1 : Double.NaN;
                if (Double.isNaN(f)) throw new NirException("population '" + net.populations().get(p).name() + "': a bias_mv on a current-synapse neuron has no NIR form");
                double[] b = bias.computeIfAbsent(p, x -> new double[net.populations().get(x).size()]);
                double r = l.biasMv() * -Math.expm1(-dt / l.tauMembraneMs()) / scale(l, dt);
                for (int i = 0; i < b.length; i++) b[i] += r;
            }
        }
        TreeSet<Integer> hasOutgoing = new TreeSet<>();
        for (Projection pr : net.projections()) {
            if (pr.pre() == clock) continue;
            hasOutgoing.add(pr.pre());
            Population pre = net.populations().get(pr.pre()), post = net.populations().get(pr.post());
            double k = scale(post.model(), dt);
            TreeSet<Integer> delays = new TreeSet<>();
            for (int d : pr.delaySteps()) delays.add(d);
            for (int d : delays) {
                String name = delays.size() == 1 ? pr.name() : pr.name() + "_d" + d;
                name = NirImporter.sanitize(name).replace('.', '_');
                double[] w = new double[post.size() * pre.size()];
                for (int i = 0; i < pre.size(); i++)
                    for (int s = pr.rowPtr()[i]; s < pr.rowPtr()[i + 1]; s++)
                        if (pr.delaySteps()[s] == d)
                            w[pr.targets()[s] * pre.size() + i] += pr.isFixed() ? pr.effectiveWeight(s) : pr.weights()[s] / k;
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("weight", NdArray.matrix(w, post.size(), pre.size()));
                double[] b = bias.remove(pr.post());
                Map<String, Object> meta = new LinkedHashMap<>();
                if (pr.isFixed()) meta.put("neuroracle.weight_exp", NdArray.ints(pr.weightExp()));
                nodes.put(name, new NirNode(name, b == null ? "Linear" : "Affine", withBias(params, b), meta, null));
                edges.add(new String[]{pre.name(), name});
                if (d > 1) {
                    double[] delay = new double[post.size()];
                    java.util.Arrays.fill(delay, Discretisation.seconds((d - 1) * dt));
                    nodes.put(name + "_delay", NirNode.of(name + "_delay", "Delay", Map.of("delay", NdArray.of(delay))));
                    edges.add(new String[]{name, name + "_delay"});
                    edges.add(new String[]{name + "_delay", post.name()});
                } else {
                    edges.add(new String[]{name, post.name()});
                }
            }
        }
        for (var e : bias.entrySet()) {
            Population p = net.populations().get(e.getKey());
            throw new NirException("population '" + p.name() + "' has a bias but no incoming projection to carry it as an NIR Affine bias");
        }
        for (int p = 0; p < net.populations().size(); p++) {
            Population pop = net.populations().get(p);
            if (p == clock || pop.model().isSource() || hasOutgoing.contains(p)) continue;
            String name = NirImporter.sanitize(pop.name() + "_output").replace('.', '_');
            nodes.put(name, NirNode.of(name, "Output", Map.of("shape", NdArray.ints(pop.size()))));
            edges.add(new String[]{pop.name(), name});
        }
        Map<String, Object> meta = new TreeMap<>();
        meta.put("neuroracle.population_order", String.join(",", order));
        meta.put("neuroracle.dt_ms", NdArray.scalar(dt));
        meta.put("neuroracle.network", net.name());
        return new NirGraph(NirFile.VERSION, nodes, edges, meta);
    }

    private static Map<String, Object> withBias(Map<String, Object> params, double[] b) {
        if (b != null) params.put("bias", NdArray.of(b));
        return params;
    }

    /** The engine weight per unit NIR weight of a target model (the importer's factor with r = w_in = 1). */
    static double scale(NeuronModel m, double dtMs) {
        return switch (m) {
            case Lif l -> Discretisation.weightScale(l, dtMs);
            case CubaLifFixed f -> 1;
            default -> throw new NirException("model '" + m.id() + "' cannot receive NIR projections");
        };
    }

    private static NirNode node(Population pop, double dt) {
        int n = pop.size();
        Map<String, Object> p = new LinkedHashMap<>(), meta = new LinkedHashMap<>();
        String at = "population '" + pop.name() + "' (" + pop.model().id() + ")";
        switch (pop.model()) {
            case SpikeSourceArray s -> {
                p.put("shape", NdArray.ints(n));
                if (s.spikeCount() > 0) {
                    meta.put("neuroracle.spike_steps", ints(s.steps()));
                    meta.put("neuroracle.spike_neurons", ints(s.neurons()));
                }
                return new NirNode(pop.name(), "Input", p, meta, null);
            }
            case PoissonSource s -> {
                p.put("shape", NdArray.ints(n));
                meta.put("neuroracle.rate_hz", NdArray.scalar(s.rateHz()));
                return new NirNode(pop.name(), "Input", p, meta, null);
            }
            case Lif l -> {
                if (l.synapses().size() != 1)
                    throw new NirException(at + ": has " + l.synapses().size() + " synapse channels; NIR neurons have one input (missing feature: multi-channel export)");
                Synapse s = l.synapses().get(0);
                if (s.kind() == Synapse.Kind.CONDUCTANCE) throw new NirException(at + ": conductance synapses have no NIR primitive");
                boolean spiking = l.vThresholdMv() < Discretisation.NEVER_MV;
                if (l.refractoryMs() > 0) meta.put("neuroracle.refractory_ms", NdArray.scalar(l.refractoryMs()));
                if (s.kind() == Synapse.Kind.DELTA && l.tauMembraneMs() >= Discretisation.IF_TAU_MS) {
                    p.put("r", fill(n, 1));
                    if (spiking) { p.put("v_threshold", fill(n, l.vThresholdMv())); p.put("v_reset", fill(n, l.vResetMv())); }
                    return new NirNode(pop.name(), spiking ? "IF" : "I", p, meta, null);
                }
                double tau = Discretisation.seconds(l.tauMembraneMs());
                p.put("r", fill(n, 1));
                p.put("v_leak", fill(n, l.vRestMv()));
                if (spiking) { p.put("v_threshold", fill(n, l.vThresholdMv())); p.put("v_reset", fill(n, l.vResetMv())); }
                if (s.kind() == Synapse.Kind.DELTA) {
                    p.put("tau", fill(n, tau));
                    return new NirNode(pop.name(), spiking ? "LIF" : "LI", p, meta, null);
                }
                p.put("tau_mem", fill(n, tau));
                p.put("tau_syn", fill(n, Discretisation.seconds(s.tauMs())));
                p.put("w_in", fill(n, 1));
                return new NirNode(pop.name(), spiking ? "CubaLIF" : "CubaLI", p, meta, null);
            }
            case CubaLifFixed f -> {
                if (f.channels() != 1) throw new NirException(at + ": has " + f.channels() + " channels; NIR neurons have one input (missing feature: multi-channel export)");
                // Float equivalents for other NIR tools; the exact integers travel in metadata.
                double decayU = (4096.0 - (f.du(0) + 1)) / 4096, decayV = (4096.0 - f.dv()) / 4096;
                p.put("tau_syn", fill(n, decayU <= 0 ? Discretisation.seconds(dt / 64) : Discretisation.seconds(-dt / Math.log(decayU))));
                p.put("tau_mem", fill(n, decayV >= 1 ? Discretisation.seconds(Discretisation.IF_TAU_MS) : Discretisation.seconds(-dt / Math.log(decayV))));
                p.put("r", fill(n, 1));
                p.put("w_in", fill(n, 64));
                p.put("v_leak", fill(n, 0));
                p.put("v_threshold", fill(n, (double) f.vth() * 64));
                p.put("v_reset", fill(n, 0));
                meta.put("neuroracle.model", CubaLifFixed.ID);
                meta.put("neuroracle.du", NdArray.ints(f.du(0)));
                meta.put("neuroracle.dv", NdArray.ints(f.dv()));
                meta.put("neuroracle.vth", NdArray.ints(f.vth()));
                meta.put("neuroracle.bias_mant", NdArray.ints(f.biasMant()));
                meta.put("neuroracle.bias_exp", NdArray.ints(f.biasExp()));
                meta.put("neuroracle.refractory_steps", NdArray.ints(f.refractorySteps()));
                return new NirNode(pop.name(), "CubaLIF", p, meta, null);
            }
            default -> throw new NirException(at + ": no NIR primitive for model '" + pop.model().id() + "'");
        }
    }

    private static NdArray fill(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return NdArray.of(a);
    }

    private static NdArray ints(int[] v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) l[i] = v[i];
        return NdArray.ints(l);
    }
}
