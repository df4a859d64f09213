package org.neuroracle.nir;

import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NetworkBuilder;
import org.neuroracle.snn.model.NeuronModel;
import org.neuroracle.snn.model.PoissonSource;
import org.neuroracle.snn.model.Projection;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.model.Synapse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * Pass 5: layers become engine populations and lowered paths become projections (see nir/README.md, Mapping).
 * A neuron node whose parameters differ across neurons is split into one population per distinct parameter set
 * ({@code name_g0}, {@code name_g1}, ...: an engine population shares one model); per-neuron {@code r} and
 * {@code w_in} are folded into the weights. An Output reached through unit-weight routing (Delay, Flatten, nested
 * Input/Output) gets a relay population that re-emits each spike; one reached through a weighted sum a readout
 * population whose v is that sum in every step (memoryless, never spikes).
 */
final class ModelMapping {
    /** One engine population standing for the neurons {@code members} (indices into the node) of a layer. */
    private record Group(String population, NeuronModel model, int[] members, double[] scale) {}

    private final FlatGraph g;
    private final ShapeInference.Shapes shapes;
    private final double dt;
    private final DoubleUnaryOperator toMs;
    private final Map<String, List<Group>> groups = new LinkedHashMap<>();
    private final Map<String, Integer> popIndex = new HashMap<>();
    private final List<Group> populations = new ArrayList<>();
    private final Set<String> usedNames = new HashSet<>(), projNames = new HashSet<>();

    private ModelMapping(FlatGraph g, ShapeInference.Shapes shapes, double dtMs, DoubleUnaryOperator toMs) {
        this.g = g; this.shapes = shapes; this.dt = dtMs; this.toMs = toMs;
    }

    static NirModel map(FlatGraph g, ShapeInference.Shapes shapes, Lowering.Result low, double dtMs, DoubleUnaryOperator toMs, String networkName) {
        return new ModelMapping(g, shapes, dtMs, toMs).run(low, networkName);
    }

    private NirModel run(Lowering.Result low, String networkName) {
        List<String> order = new ArrayList<>();
        // Files written by neuroracle keep the engine's population order; others use NIR's (name) order.
        if (g.metadata().get(MetadataKeys.POPULATION_ORDER) instanceof String s && !s.isEmpty())
            for (String name : s.split(",")) if (g.node(name) instanceof Primitive.Layer) order.add(name);
        for (Primitive n : g.nodes().values()) if (n instanceof Primitive.Layer && !order.contains(n.name())) order.add(n.name());
        List<String> inputs = new ArrayList<>(), outputs = new ArrayList<>();
        for (String name : order) {
            Primitive.Layer n = (Primitive.Layer) g.node(name);
            for (Group gr : groupsOf(n)) add(name, gr);
            if (n instanceof Primitive.Input) inputs.add(groups.get(name).get(0).population());
        }
        if (populations.isEmpty()) throw new NirException("the graph has no Input and no neuron nodes");

        Map<String, List<Lowering.Path>> bySource = new HashMap<>();
        for (Lowering.Path p : low.paths()) bySource.computeIfAbsent(p.source(), k -> new ArrayList<>()).add(p);
        List<Projection> projections = new ArrayList<>();
        for (String src : order) {
            for (Lowering.Path p : bySource.getOrDefault(src, List.of())) {
                if (g.node(p.target()) instanceof Primitive.Output out) {
                    if (p.via().isEmpty()) {
                        for (Group gr : groups.get(src)) if (!outputs.contains(gr.population())) outputs.add(gr.population());
                        continue;
                    }
                    String relayName = out.name();
                    if (!groups.containsKey(relayName)) {
                        // Spikes routed unchanged stay spikes (a relay); a weighted sum is a value (a readout's v).
                        int n = p.map().rows;
                        double[] ones = new double[n];
                        Arrays.fill(ones, 1);
                        NeuronModel m = isRouting(p.map()) ? Discretisation.relay() : Discretisation.readout(dt);
                        add(relayName, new Group(unique(NirImporter.sanitize(relayName), usedNames), m, range(n), ones));
                        outputs.add(groups.get(relayName).get(0).population());
                    }
                    projections.addAll(projections(src, relayName, p));
                    continue;
                }
                projections.addAll(projections(src, p.target(), p));
            }
        }

        int clock = populations.size();
        List<Projection> clockProjections = new ArrayList<>();
        for (var e : low.bias().entrySet()) biases(e.getKey(), e.getValue(), clock, clockProjections);
        NetworkBuilder b = Network.builder(NirImporter.sanitize(networkName)).dtMs(dt).seed(1);
        for (Group gr : populations) b.population(gr.population(), gr.members().length, gr.model());
        if (!clockProjections.isEmpty()) b.population(Discretisation.CLOCK, 1, Discretisation.clock(dt));
        for (Projection p : projections) b.projection(p);
        for (Projection p : clockProjections) b.projection(p);
        Network net = b.build();
        NirSource source = null;
        if (populations.size() == groups.size()) {
            Map<String, String> popOf = new LinkedHashMap<>();
            for (var e : groups.entrySet()) popOf.put(e.getKey(), e.getValue().get(0).population());
            Set<Object> arrays = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (Projection p : net.projections()) arrays.add(p.isFixed() ? p.weightMantissas() : p.weights());
            List<NeuronModel> models = net.populations().stream().map(x -> x.model()).toList();
            source = new NirSource(g, shapes, popOf, arrays, models, order);
        }
        return new NirModel(net, inputs, outputs, g.warnings(), source);
    }

    private void add(String node, Group gr) {
        groups.computeIfAbsent(node, k -> new ArrayList<>()).add(gr);
        popIndex.put(gr.population(), populations.size());
        populations.add(gr);
    }

    /** Every row has one entry of weight 1: the path only routes and delays spikes. */
    private static boolean isRouting(SparseMap m) {
        for (int i = 0; i < m.rows; i++)
            if (m.rowPtr[i + 1] - m.rowPtr[i] != 1 || m.w[m.rowPtr[i]] != 1.0) return false;
        return true;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    // ---- layers to populations --------------------------------------------------------------------------------

    private List<Group> groupsOf(Primitive.Layer n) {
        int size = shapes.outSize(n.name());
        String base = NirImporter.sanitize(n.name());
        double[] ones = new double[size];
        Arrays.fill(ones, 1);
        if (n instanceof Primitive.Input in)
            return List.of(new Group(unique(base, usedNames), sourceModel(in), range(size), ones));
        if (CubaLifFixed.ID.equals(n.metadata().get(MetadataKeys.MODEL))) {
            CubaLifFixed m = new CubaLifFixed(new int[]{(int) md(n, MetadataKeys.DU)}, (int) md(n, MetadataKeys.DV), (int) md(n, MetadataKeys.VTH),
                    (int) md(n, MetadataKeys.BIAS_MANT), (int) md(n, MetadataKeys.BIAS_EXP), (int) md(n, MetadataKeys.REFRACTORY_STEPS));
            return List.of(new Group(unique(base, usedNames), m, range(size), ones));
        }
        NeuronModel[] model = new NeuronModel[size];
        double[] k = new double[size];
        double refractoryMs = n.metadata().get(MetadataKeys.REFRACTORY_MS) instanceof NdArray a ? a.get(0) : 0;
        for (int i = 0; i < size; i++) {
            switch (n) {
                case Primitive.Threshold t -> {
                    // v holds only this step's input (decay e^-64 per step); engine spikes on v >= th, NIR on v > th.
                    double th = Math.nextUp((float) at(t, t.threshold(), "threshold", i, size));
                    model[i] = new Lif(dt / 64, 0, 0, checkThreshold(t, th, 0), refractoryMs, 0, List.of(Synapse.delta()), Integration.EXACT);
                    k[i] = 1;
                }
                case Primitive.Neuron x -> {
                    model[i] = neuron(x, i, size, refractoryMs);
                    double r = x.r() == null ? 1 : at(x, x.r(), "r", i, size);
                    double wIn = x.wIn() == null ? 1 : at(x, x.wIn(), "w_in", i, size);
                    k[i] = r * wIn * Discretisation.weightScale((Lif) model[i], dt);
                }
                case Primitive.Input x -> throw new IllegalStateException();
            }
        }
        Map<NeuronModel, List<Integer>> distinct = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) distinct.computeIfAbsent(model[i], m -> new ArrayList<>()).add(i);
        List<Group> out = new ArrayList<>();
        int j = 0;
        for (var e : distinct.entrySet()) {
            int[] members = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            double[] ks = new double[members.length];
            for (int q = 0; q < members.length; q++) ks[q] = k[members[q]];
            String name = distinct.size() == 1 ? base : base + "_g" + j++;
            out.add(new Group(unique(name, usedNames), e.getKey(), members, ks));
        }
        return out;
    }

    private Lif neuron(Primitive.Neuron x, int i, int size, double refractoryMs) {
        Primitive.Kind kind = x.kind();
        double vTh = kind.spiking ? at(x, x.vThreshold(), "v_threshold", i, size) : Discretisation.NEVER_MV;
        double vReset = kind.spiking && x.vReset() != null ? at(x, x.vReset(), "v_reset", i, size) : 0;
        double vLeak = kind.leaky() && x.vLeak() != null ? at(x, x.vLeak(), "v_leak", i, size) : 0;
        return switch (kind) {
            case LIF, LI -> new Lif(tauMs(x, x.tau(), "tau", i, size), vLeak, vReset, checkThreshold(x, vTh, vReset), refractoryMs, 0,
                    List.of(Synapse.delta()), Integration.EXACT);
            case IF, I -> new Lif(Discretisation.IF_TAU_MS, 0, vReset, checkThreshold(x, vTh, vReset), refractoryMs, 0, List.of(Synapse.delta()), Integration.EXACT);
            case CUBA_LIF, CUBA_LI -> new Lif(tauMs(x, x.tau(), "tau_mem", i, size), vLeak, vReset, checkThreshold(x, vTh, vReset), refractoryMs, 0,
                    List.of(Synapse.current(tauMs(x, x.tauSyn(), "tau_syn", i, size))), Integration.EXACT);
        };
    }

    private static double at(Primitive n, NdArray a, String param, int i, int size) {
        if (a.size() != size && a.size() != 1)
            throw new NirException("mismatched shapes: " + n.at() + ": " + param + " has " + a.size() + " values for " + size + " neurons");
        return a.at(i);
    }

    private double tauMs(Primitive n, NdArray a, String param, int i, int size) {
        double tau = toMs.applyAsDouble(at(n, a, param, i, size));
        if (!(tau > 0) || !Double.isFinite(tau)) throw new NirException(n.at() + ": " + param + " = " + tau + " ms must be a positive number");
        return tau;
    }

    private static double checkThreshold(Primitive n, double vTh, double vReset) {
        if (!(vTh > vReset)) throw new NirException(n.at() + ": threshold " + vTh + " must be above v_reset " + vReset);
        return vTh;
    }

    private static double md(Primitive n, String key) {
        if (!(n.metadata().get(key) instanceof NdArray a)) throw new NirException(n.at() + ": metadata '" + key + "' is missing");
        return a.get(0);
    }

    private static NeuronModel sourceModel(Primitive.Input n) {
        if (n.metadata().get(MetadataKeys.RATE_HZ) instanceof NdArray r) return new PoissonSource(r.get(0));
        if (n.metadata().get(MetadataKeys.SPIKE_STEPS) instanceof NdArray s && n.metadata().get(MetadataKeys.SPIKE_NEURONS) instanceof NdArray ne)
            return new SpikeSourceArray(s.intValues(), ne.intValues());
        return new SpikeSourceArray(new int[0], new int[0]);
    }

    // ---- paths to projections ---------------------------------------------------------------------------------

    private List<Projection> projections(String src, String tgt, Lowering.Path p) {
        List<Group> from = groups.get(src), to = groups.get(tgt);
        String base = p.via().isEmpty() ? from.get(0).population() + "_to_" + to.get(0).population()
                : NirImporter.sanitize(String.join("+", Lowering.names(p.via())));
        int weightExp = 0;
        for (Primitive.Stateless v : p.via()) if (v.metadata().get(MetadataKeys.WEIGHT_EXP) instanceof NdArray a) { weightExp = (int) a.get(0); break; }
        int[] srcGroup = new int[p.map().cols], srcLocal = new int[p.map().cols];
        locate(from, srcGroup, srcLocal);
        int[] tgtGroup = new int[p.map().rows], tgtLocal = new int[p.map().rows];
        locate(to, tgtGroup, tgtLocal);
        List<Projection> out = new ArrayList<>();
        boolean split = from.size() > 1 || to.size() > 1;
        for (int a = 0; a < from.size(); a++)
            for (int b = 0; b < to.size(); b++) {
                Projection pr = block(split ? base + "_" + from.get(a).population() + "_" + to.get(b).population() : base,
                        from.get(a), to.get(b), a, b, p.map(), srcGroup, srcLocal, tgtGroup, tgtLocal, weightExp, split);
                if (pr != null) out.add(pr);
            }
        return out;
    }

    private static void locate(List<Group> gs, int[] group, int[] local) {
        for (int q = 0; q < gs.size(); q++) {
            int[] m = gs.get(q).members();
            for (int i = 0; i < m.length; i++) { group[m[i]] = q; local[m[i]] = i; }
        }
    }

    private Projection block(String name, Group pre, Group post, int a, int b, SparseMap map, int[] srcGroup, int[] srcLocal,
                             int[] tgtGroup, int[] tgtLocal, int weightExp, boolean split) {
        int nPre = pre.members().length;
        int[] count = new int[nPre + 1];
        int n = 0;
        for (int i = 0; i < map.rows; i++) {
            if (tgtGroup[i] != b) continue;
            for (int e = map.rowPtr[i]; e < map.rowPtr[i + 1]; e++)
                if (srcGroup[map.col[e]] == a) { count[srcLocal[map.col[e]] + 1]++; n++; }
        }
        if (n == 0 && split) return null;
        for (int i = 0; i < nPre; i++) count[i + 1] += count[i];
        int[] rowPtr = count.clone(), fill = count.clone();
        int[] targets = new int[n], delays = new int[n];
        double[] value = new double[n];
        for (int i = 0; i < map.rows; i++) {
            if (tgtGroup[i] != b) continue;
            double k = post.scale()[tgtLocal[i]];
            for (int e = map.rowPtr[i]; e < map.rowPtr[i + 1]; e++) {
                if (srcGroup[map.col[e]] != a) continue;
                int slot = fill[srcLocal[map.col[e]]]++;
                targets[slot] = tgtLocal[i];
                delays[slot] = 1 + map.delay[e];
                value[slot] = map.w[e] * k;
            }
        }
        int pi = popIndex.get(pre.population()), qi = popIndex.get(post.population());
        String pname = unique(name, projNames);
        if (post.model() instanceof CubaLifFixed) {
            // Files written by neuroracle store fixed-point weights as mantissa << weight_exp (exact integers).
            int[] mant = new int[n];
            for (int q = 0; q < n; q++) mant[q] = ((int) value[q]) >> weightExp;
            return new Projection(pname, pi, qi, 0, rowPtr, targets, null, mant, weightExp, delays);
        }
        float[] w = new float[n];
        for (int q = 0; q < n; q++) w[q] = (float) value[q];
        return new Projection(pname, pi, qi, 0, rowPtr, targets, w, null, 0, delays);
    }

    // ---- biases -----------------------------------------------------------------------------------------------

    private void biases(String node, double[] bias, int clock, List<Projection> clockProjections) {
        List<Group> gs = groups.get(node);
        for (int q = 0; q < gs.size(); q++) {
            Group gr = gs.get(q);
            if (!(gr.model() instanceof Lif m))
                throw new NirException("node '" + node + "': biases into fixed-point populations are not supported");
            int n = gr.members().length;
            double[] w = new double[n], biasMv = new double[n];
            double f = -Math.expm1(-dt / m.tauMembraneMs());
            for (int i = 0; i < n; i++) { w[i] = bias[gr.members()[i]] * gr.scale()[i]; biasMv[i] = w[i] / f; }
            boolean leaky = m.synapses().get(0).kind() == Synapse.Kind.DELTA && m.tauMembraneMs() < Discretisation.IF_TAU_MS;
            if (leaky && NdArray.of(biasMv).uniform()) {
                // A uniform bias on a LIF is exactly the model's bias: held over the step and integrated exactly.
                Group with = new Group(gr.population(), new Lif(m.tauMembraneMs(), m.vRestMv(), m.vResetMv(), m.vThresholdMv(),
                        m.refractoryMs(), biasMv[0], m.synapses(), m.integration()), gr.members(), gr.scale());
                gs.set(q, with);
                populations.set(popIndex.get(gr.population()), with);
                continue;
            }
            clockProjections.add(clockProjection(gr.population() + ".bias", clock, popIndex.get(gr.population()), w));
        }
    }

    private static Projection clockProjection(String name, int clock, int post, double[] w) {
        int nz = 0;
        for (double x : w) if (x != 0) nz++;
        int[] t = new int[nz], d = new int[nz];
        float[] wf = new float[nz];
        for (int i = 0, q = 0; i < w.length; i++) if (w[i] != 0) { t[q] = i; wf[q++] = (float) w[i]; }
        Arrays.fill(d, 1);
        return new Projection(name, clock, post, 0, new int[]{0, nz}, t, wf, null, 0, d);
    }

    private static String unique(String name, Set<String> used) {
        String n = name;
        for (int i = 2; !used.add(n); i++) n = name + "_" + i;
        return n;
    }
}
