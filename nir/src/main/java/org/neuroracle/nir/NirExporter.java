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
 * Writes an engine network as a NIR graph, the inverse of {@link NirImporter}.
 * <ul>
 * <li>A model imported from NIR and unchanged since ({@link NirSource}) is written as its graph: convolutions, pools,
 * Flatten, Scale, Delay and Affine nodes as themselves (sparse), layers from the engine populations.</li>
 * <li>Any other network: each population becomes an Input, LIF, LI, IF, I, CubaLIF, CubaLI or Threshold node, each
 * projection a dense Linear (Affine where it carries a bias) node per distinct delay, followed by a Delay node for
 * delays above one step; the bias population becomes Affine biases.</li>
 * </ul>
 * Engine details NIR has no field for go into {@code metadata} entries ({@link MetadataKeys}).
 */
public final class NirExporter {
    private NirExporter() {}

    /** The model's source graph when it still describes the network exactly, else the dense form. */
    public static NirGraph export(NirModel model) {
        NirSource s = model.source();
        if (s != null && unchanged(model.network(), s)) return structured(model.network(), s);
        return export(model.network());
    }

    private static boolean unchanged(Network net, NirSource s) {
        if (net.populations().size() != s.models.size()) return false;
        for (int p = 0; p < s.models.size(); p++) {
            NeuronModel m = net.populations().get(p).model();
            if (m.isSource() ? !s.models.get(p).isSource() : !m.equals(s.models.get(p))) return false;
        }
        if (net.projections().size() != s.weightArrays.size()) return false;
        for (Projection pr : net.projections())
            if (!s.weightArrays.contains(pr.isFixed() ? pr.weightMantissas() : pr.weights())) return false;
        return true;
    }

    private static NirGraph structured(Network net, NirSource s) {
        FlatGraph g = s.graph;
        Map<String, String> name = new LinkedHashMap<>();
        java.util.Set<String> used = new java.util.HashSet<>(s.populationOf.values());
        for (Primitive n : g.nodes().values()) {
            if (n instanceof Primitive.Identity) continue;
            String pop = s.populationOf.get(n.name());
            name.put(n.name(), pop != null ? pop : unique(NirImporter.sanitize(n.name()), used));
        }
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        for (Primitive n : g.nodes().values()) {
            String nn = name.get(n.name());
            if (nn == null) continue;
            Primitive renamed = switch (n) {
                case Primitive.Input x -> {
                    Population pop = net.population(nn);
                    yield new Primitive.Input(nn, s.shapes.out().get(n.name()), sourceMetadata(pop));
                }
                case Primitive.Output x -> new Primitive.Output(nn, s.shapes.in().get(n.name()), x.metadata());
                default -> rename(n, nn);
            };
            nodes.put(nn, Primitives.toFile(renamed));
        }
        // Nested Input/Output nodes pass values through: connect what feeds them to what they feed.
        Map<String, List<String>> succ = g.successors();
        List<String[]> edges = new ArrayList<>();
        for (String[] e : g.edges()) {
            if (!name.containsKey(e[0])) continue;
            for (String t : throughIdentities(e[1], g, succ, new java.util.HashSet<>()))
                edges.add(new String[]{name.get(e[0]), name.get(t)});
        }
        return new NirGraph(NirFile.VERSION, nodes, edges, graphMetadata(net));
    }

    private static List<String> throughIdentities(String node, FlatGraph g, Map<String, List<String>> succ, java.util.Set<String> seen) {
        if (!(g.node(node) instanceof Primitive.Identity)) return List.of(node);
        List<String> out = new ArrayList<>();
        if (!seen.add(node)) return out;
        for (String t : succ.getOrDefault(node, List.of())) out.addAll(throughIdentities(t, g, succ, seen));
        return out;
    }

    private static Primitive rename(Primitive n, String nn) {
        return switch (n) {
            case Primitive.Neuron x -> new Primitive.Neuron(nn, x.kind(), x.tau(), x.tauSyn(), x.r(), x.wIn(), x.vLeak(), x.vReset(), x.vThreshold(), x.metadata());
            case Primitive.Threshold x -> new Primitive.Threshold(nn, x.threshold(), x.metadata());
            case Primitive.Affine x -> new Primitive.Affine(nn, x.weight(), x.bias(), x.metadata());
            case Primitive.Scale x -> new Primitive.Scale(nn, x.scale(), x.metadata());
            case Primitive.Delay x -> new Primitive.Delay(nn, x.delay(), x.metadata());
            case Primitive.Flatten x -> new Primitive.Flatten(nn, x.startDim(), x.endDim(), x.inputShape(), x.metadata());
            case Primitive.Conv x -> new Primitive.Conv(nn, x.dims(), x.weight(), x.bias(), x.stride(), x.padding(), x.dilation(), x.groups(), x.inputShape(), x.metadata());
            case Primitive.Pool x -> new Primitive.Pool(nn, x.average(), x.kernel(), x.stride(), x.padding(), x.metadata());
            case Primitive.Input x -> new Primitive.Input(nn, x.shape(), x.metadata());
            case Primitive.Output x -> new Primitive.Output(nn, x.shape(), x.metadata());
            case Primitive.Identity x -> x;
        };
    }

    private static Map<String, Object> graphMetadata(Network net) {
        List<String> order = new ArrayList<>();
        for (Population p : net.populations())
            if (!(p.model() instanceof Lif l && Discretisation.isClock(p.name(), l, net.dtMs()))) order.add(p.name());
        Map<String, Object> meta = new TreeMap<>();
        meta.put(MetadataKeys.POPULATION_ORDER, String.join(",", order));
        meta.put(MetadataKeys.DT_MS, NdArray.scalar(net.dtMs()));
        meta.put(MetadataKeys.NETWORK, net.name());
        return meta;
    }

    /** The dense form: every projection a Linear/Affine matrix. */
    public static NirGraph export(Network net) {
        double dt = net.dtMs();
        Map<String, Primitive> nodes = new LinkedHashMap<>();
        List<String[]> edges = new ArrayList<>();
        int clock = -1;
        for (int p = 0; p < net.populations().size(); p++) {
            Population pop = net.populations().get(p);
            if (pop.model() instanceof Lif l && Discretisation.isClock(pop.name(), l, dt)) { clock = p; continue; }
            nodes.put(pop.name(), layer(pop, dt));
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
                if (l.synapses().get(0).kind() != Synapse.Kind.DELTA)
                    throw new NirException("population '" + net.populations().get(p).name() + "': a bias_mv on a current-synapse neuron has no NIR form");
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
                double[] b = bias.remove(pr.post());
                Map<String, Object> meta = new LinkedHashMap<>();
                if (pr.isFixed()) meta.put(MetadataKeys.WEIGHT_EXP, NdArray.ints(pr.weightExp()));
                nodes.put(name, new Primitive.Affine(name, NdArray.matrix(w, post.size(), pre.size()), b == null ? null : NdArray.of(b), meta));
                edges.add(new String[]{pre.name(), name});
                if (d > 1) {
                    double[] delay = new double[post.size()];
                    java.util.Arrays.fill(delay, Discretisation.seconds((d - 1) * dt));
                    nodes.put(name + "_delay", new Primitive.Delay(name + "_delay", NdArray.of(delay), Map.of()));
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
            if (p == clock || pop.model().isSource() || hasOutgoing.contains(p) || pop.model().equals(Discretisation.readout(dt))) continue;
            String name = NirImporter.sanitize(pop.name() + "_output").replace('.', '_');
            nodes.put(name, new Primitive.Output(name, new int[]{pop.size()}, Map.of()));
            edges.add(new String[]{pop.name(), name});
        }
        Map<String, NirNode> file = new LinkedHashMap<>();
        for (var e : nodes.entrySet()) file.put(e.getKey(), Primitives.toFile(e.getValue()));
        return new NirGraph(NirFile.VERSION, file, edges, graphMetadata(net));
    }

    /** The engine weight per unit NIR weight of a target model (the importer's factor with r = w_in = 1). */
    static double scale(NeuronModel m, double dtMs) {
        return switch (m) {
            case Lif l -> Discretisation.weightScale(l, dtMs);
            case CubaLifFixed f -> 1;
            default -> throw new NirException("model '" + m.id() + "' cannot receive NIR projections");
        };
    }

    private static Map<String, Object> sourceMetadata(Population pop) {
        Map<String, Object> meta = new LinkedHashMap<>();
        switch (pop.model()) {
            case SpikeSourceArray s when s.spikeCount() > 0 -> {
                meta.put(MetadataKeys.SPIKE_STEPS, Primitives.ints(s.steps()));
                meta.put(MetadataKeys.SPIKE_NEURONS, Primitives.ints(s.neurons()));
            }
            case PoissonSource s -> meta.put(MetadataKeys.RATE_HZ, NdArray.scalar(s.rateHz()));
            default -> { }
        }
        return meta;
    }

    private static Primitive layer(Population pop, double dt) {
        int n = pop.size();
        String name = pop.name();
        Map<String, Object> meta = new LinkedHashMap<>();
        String at = "population '" + name + "' (" + pop.model().id() + ")";
        switch (pop.model()) {
            case SpikeSourceArray s -> { return new Primitive.Input(name, new int[]{n}, sourceMetadata(pop)); }
            case PoissonSource s -> { return new Primitive.Input(name, new int[]{n}, sourceMetadata(pop)); }
            case Lif l when l.equals(Discretisation.readout(dt)) -> { return new Primitive.Output(name, new int[]{n}, meta); }
            case Lif l -> {
                if (l.synapses().size() != 1)
                    throw new NirException(at + ": has " + l.synapses().size() + " synapse channels; NIR neurons have one input (missing feature: multi-channel export)");
                Synapse s = l.synapses().get(0);
                if (s.kind() == Synapse.Kind.CONDUCTANCE) throw new NirException(at + ": conductance synapses have no NIR primitive");
                if (l.refractoryMs() > 0) meta.put(MetadataKeys.REFRACTORY_MS, NdArray.scalar(l.refractoryMs()));
                boolean spiking = l.vThresholdMv() < Discretisation.NEVER_MV;
                NdArray one = fill(n, 1), vTh = spiking ? fill(n, l.vThresholdMv()) : null, vReset = spiking ? fill(n, l.vResetMv()) : null;
                if (Discretisation.isMemoryless(l, dt))
                    return new Primitive.Threshold(name, fill(n, Math.nextDown((float) l.vThresholdMv())), meta);
                if (s.kind() == Synapse.Kind.DELTA && l.tauMembraneMs() >= Discretisation.IF_TAU_MS)
                    return new Primitive.Neuron(name, spiking ? Primitive.Kind.IF : Primitive.Kind.I, null, null, one, null, null, vReset, vTh, meta);
                NdArray tau = fill(n, Discretisation.seconds(l.tauMembraneMs())), vLeak = fill(n, l.vRestMv());
                if (s.kind() == Synapse.Kind.DELTA)
                    return new Primitive.Neuron(name, spiking ? Primitive.Kind.LIF : Primitive.Kind.LI, tau, null, one, null, vLeak, vReset, vTh, meta);
                return new Primitive.Neuron(name, spiking ? Primitive.Kind.CUBA_LIF : Primitive.Kind.CUBA_LI, tau,
                        fill(n, Discretisation.seconds(s.tauMs())), one, fill(n, 1), vLeak, vReset, vTh, meta);
            }
            case CubaLifFixed f -> {
                if (f.channels() != 1) throw new NirException(at + ": has " + f.channels() + " channels; NIR neurons have one input (missing feature: multi-channel export)");
                // Float equivalents for other NIR tools; the exact integers travel in metadata.
                double decayU = (4096.0 - (f.du(0) + 1)) / 4096, decayV = (4096.0 - f.dv()) / 4096;
                NdArray tauSyn = fill(n, decayU <= 0 ? Discretisation.seconds(dt / 64) : Discretisation.seconds(-dt / Math.log(decayU)));
                NdArray tauMem = fill(n, decayV >= 1 ? Discretisation.seconds(Discretisation.IF_TAU_MS) : Discretisation.seconds(-dt / Math.log(decayV)));
                meta.put(MetadataKeys.MODEL, CubaLifFixed.ID);
                meta.put(MetadataKeys.DU, NdArray.ints(f.du(0)));
                meta.put(MetadataKeys.DV, NdArray.ints(f.dv()));
                meta.put(MetadataKeys.VTH, NdArray.ints(f.vth()));
                meta.put(MetadataKeys.BIAS_MANT, NdArray.ints(f.biasMant()));
                meta.put(MetadataKeys.BIAS_EXP, NdArray.ints(f.biasExp()));
                meta.put(MetadataKeys.REFRACTORY_STEPS, NdArray.ints(f.refractorySteps()));
                return new Primitive.Neuron(name, Primitive.Kind.CUBA_LIF, tauMem, tauSyn, fill(n, 1), fill(n, 64), fill(n, 0), fill(n, 0),
                        fill(n, (double) f.vth() * 64), meta);
            }
            default -> throw new NirException(at + ": no NIR primitive for model '" + pop.model().id() + "'");
        }
    }

    private static NdArray fill(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return NdArray.of(a);
    }

    private static String unique(String name, java.util.Set<String> used) {
        String n = name;
        for (int i = 2; !used.add(n); i++) n = name + "_" + i;
        return n;
    }
}
