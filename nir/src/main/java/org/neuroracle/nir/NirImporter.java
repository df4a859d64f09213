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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compiles a NIR graph into an engine {@link Network}. Neuron nodes (LIF, CubaLIF, IF, LI, CubaLI, I) and Input
 * nodes become populations; every chain of stateless nodes (Affine, Linear, Scale, Delay, Flatten, Conv1d, Conv2d,
 * SumPool2d, AvgPool2d) between two of them is multiplied out into one sparse projection with per-synapse delays
 * (1 engine step + the NIR delay); biases become the bias of the target or synapses from {@link Discretisation#CLOCK}.
 * Nested graphs are flattened (inner node {@code b} of graph {@code a} becomes {@code a.b}).
 */
public final class NirImporter {
    public enum TimeUnit { SECONDS, MILLISECONDS }

    /** dt of the engine network and the unit of the file's time constants and delays. */
    public record Settings(double dtMs, TimeUnit timeUnit) {
        public Settings {
            if (!(dtMs > 0 && dtMs <= 100)) throw new NirException("dt = " + dtMs + " ms must be in (0, 100]");
            if (timeUnit == null) timeUnit = TimeUnit.SECONDS;
        }

        public static Settings defaults() { return new Settings(0.1, TimeUnit.SECONDS); }
    }

    static final Set<String> NEURONS = Set.of("LIF", "CubaLIF", "IF", "LI", "CubaLI", "I");
    static final Set<String> STATELESS = Set.of("Affine", "Linear", "Scale", "Delay", "Flatten", "Conv1d", "Conv2d",
            "SumPool2d", "AvgPool2d", "Identity");
    static final List<String> KNOWN = List.of("Input", "Output", "NIRGraph", "Affine", "Linear", "Scale", "Delay",
            "Threshold", "I", "IF", "LI", "LIF", "CubaLI", "CubaLIF", "Flatten", "Conv1d", "Conv2d", "SumPool2d", "AvgPool2d");

    private final Settings settings;
    private final Map<String, NirNode> nodes = new TreeMap<>();
    private final List<String[]> edges = new ArrayList<>();
    private final Map<String, List<String>> out = new HashMap<>();
    private final Map<String, int[]> outShape = new HashMap<>();
    private final Map<String, int[]> inShape = new HashMap<>();
    private final Map<String, SparseMap> maps = new HashMap<>();
    private final List<String> resolutions = new ArrayList<>();

    private NirImporter(Settings settings) { this.settings = settings; }

    public static NirModel importFile(java.nio.file.Path file, Settings settings) {
        try {
            return importGraph(NirFile.read(file), settings, baseName(file));
        } catch (NirException e) {
            String m = e.getMessage();
            throw m.startsWith(file.toString()) ? e : new NirException(file + ": " + m, e);
        }
    }

    static String baseName(java.nio.file.Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".nir") ? n.substring(0, n.length() - 4) : n;
    }

    public static NirModel importGraph(NirGraph graph, Settings settings, String networkName) {
        return new NirImporter(settings).run(graph, networkName);
    }

    private NirModel run(NirGraph graph, String networkName) {
        flatten(graph, "", true);
        for (String[] e : edges) {
            for (String end : e)
                if (!nodes.containsKey(end))
                    throw new NirException("dangling edge '" + e[0] + "' -> '" + e[1] + "': no node named '" + end + "'");
            out.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e[1]);
        }
        for (NirNode n : nodes.values()) {
            if (!KNOWN.contains(n.type()) && !n.type().equals("Identity"))
                throw new NirException(n.at() + ": unknown node type '" + n.type() + "'; NIR types are " + String.join(", ", KNOWN));
            if (n.type().equals("Threshold"))
                throw new NirException(n.at() + ": the engine cannot run it: missing feature 'memoryless threshold' (every engine neuron integrates its input over time)");
        }
        inferShapes();
        for (NirNode n : nodes.values()) if (STATELESS.contains(n.type())) maps.put(n.name(), linearMap(n));

        Map<String, Object> meta = graph.metadata();
        double dt = settings.dtMs();
        Map<String, String> popName = new LinkedHashMap<>();
        Map<String, NeuronModel> models = new HashMap<>();
        Map<String, double[]> neuronScale = new HashMap<>();
        List<String> order = new ArrayList<>();
        // Files written by neuroracle keep the engine's population order; others use NIR's (name) order.
        if (meta.get("neuroracle.population_order") instanceof String s && !s.isEmpty())
            for (String name : s.split(",")) if (nodes.containsKey(name)) order.add(name);
        for (String name : nodes.keySet()) if (!order.contains(name)) order.add(name);
        List<String> inputs = new ArrayList<>(), outputs = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (String name : order) {
            NirNode n = nodes.get(name);
            NeuronModel m;
            if (n.type().equals("Input")) m = sourceModel(n);
            else if (NEURONS.contains(n.type())) m = neuronModel(n, neuronScale);
            else continue;
            String pn = unique(sanitize(name), used);
            popName.put(name, pn);
            models.put(name, m);
            if (n.type().equals("Input")) inputs.add(pn);
        }
        if (popName.isEmpty()) throw new NirException("the graph has no Input and no neuron nodes");

        // Projections: walk from every population through stateless nodes to the next populations.
        List<Projection> projections = new ArrayList<>();
        Map<String, Integer> popIndex = new HashMap<>();
        int idx = 0;
        for (String name : popName.keySet()) popIndex.put(name, idx++);
        Set<String> projNames = new HashSet<>();
        for (String src : popName.keySet()) {
            walk(src, src, SparseMap.identity(size(outShape.get(src))), new ArrayList<>(), new HashSet<>(), (target, map, via) -> {
                if (nodes.get(target).type().equals("Output")) {
                    if (!via.isEmpty())
                        throw new NirException("node '" + target + "' (Output) receives '" + src + "' through " + via
                                + ": a weighted sum is a continuous value and the engine emits spikes only; connect Output to a neuron node");
                    if (!outputs.contains(popName.get(src))) outputs.add(popName.get(src));
                    return;
                }
                String pname = unique(via.isEmpty() ? popName.get(src) + "_to_" + popName.get(target) : sanitize(String.join("+", via)), projNames);
                projections.add(projection(pname, popIndex.get(src), popIndex.get(target), map,
                        models.get(target), neuronScale.get(target), weightExp(via)));
            });
        }

        // Biases: each stateless node's bias, carried forward to the neuron layers it reaches.
        Map<String, double[]> bias = new TreeMap<>();
        for (NirNode n : nodes.values()) {
            if (!n.has("bias") || !STATELESS.contains(n.type())) continue;
            double[] vec = biasVector(n);
            if (Arrays.stream(vec).allMatch(x -> x == 0)) continue;
            carryBias(n.name(), vec, bias, new HashSet<>());
        }
        int clockIndex = popName.size();
        List<Projection> clockProjections = new ArrayList<>();
        for (var e : bias.entrySet()) {
            String target = e.getKey();
            if (!(models.get(target) instanceof Lif m))
                throw new NirException("node '" + target + "': biases into fixed-point populations are not supported");
            double[] k = neuronScale.get(target);
            double[] w = new double[k.length];
            for (int i = 0; i < k.length; i++) w[i] = e.getValue()[i] * k[i];
            boolean leaky = m.synapses().get(0).kind() == Synapse.Kind.DELTA && m.tauMembraneMs() < Discretisation.IF_TAU_MS;
            double f = -Math.expm1(-dt / m.tauMembraneMs());
            double[] biasMv = new double[k.length];
            for (int i = 0; i < k.length; i++) biasMv[i] = w[i] / f;
            if (leaky && NdArray.of(biasMv).uniform()) {
                // A uniform bias on a LIF is exactly the model's bias: held over the step and integrated exactly.
                models.put(target, new Lif(m.tauMembraneMs(), m.vRestMv(), m.vResetMv(), m.vThresholdMv(), m.refractoryMs(),
                        biasMv[0], m.synapses(), m.integration()));
                continue;
            }
            clockProjections.add(clockProjection(popName.get(target) + ".bias", clockIndex, popIndex.get(target), w));
        }
        NetworkBuilder b = Network.builder(sanitize(networkName)).dtMs(dt).seed(1);
        for (var e : popName.entrySet()) b.population(e.getValue(), size(outShape.get(e.getKey())), models.get(e.getKey()));
        if (!clockProjections.isEmpty()) b.population(Discretisation.CLOCK, 1, Discretisation.clock(dt));
        for (Projection p : projections) b.projection(p);
        for (Projection p : clockProjections) b.projection(p);
        List<String> warnings = resolutions.isEmpty() ? List.of()
                : List.of("resolved edge names that name no node, as snnTorch's reader does: " + String.join("; ", resolutions));
        return new NirModel(b.build(), inputs, outputs, warnings);
    }

    private int weightExp(List<String> via) {
        for (String v : via)
            if (nodes.get(v).metadata().get("neuroracle.weight_exp") instanceof NdArray a) return (int) a.get(0);
        return 0;
    }

    private static Projection clockProjection(String name, int clock, int post, double[] w) {
        IntList t = new IntList();
        List<Float> ws = new ArrayList<>();
        for (int i = 0; i < w.length; i++) if (w[i] != 0) { t.add(i); ws.add((float) w[i]); }
        float[] wf = new float[ws.size()];
        for (int i = 0; i < wf.length; i++) wf[i] = ws.get(i);
        int[] d = new int[wf.length];
        Arrays.fill(d, 1);
        return new Projection(name, clock, post, 0, new int[]{0, wf.length}, t.toArray(), wf, null, 0, d);
    }

    static final class IntList {
        int[] a = new int[16];
        int n;
        void add(int x) { if (n == a.length) a = Arrays.copyOf(a, n * 2); a[n++] = x; }
        int size() { return n; }
        int[] toArray() { return Arrays.copyOf(a, n); }
    }

    private interface Sink { void reach(String target, SparseMap map, List<String> via); }

    private void walk(String src, String at, SparseMap map, List<String> via, Set<String> onPath, Sink sink) {
        for (String next : out.getOrDefault(at, List.of())) {
            NirNode n = nodes.get(next);
            if (NEURONS.contains(n.type()) || n.type().equals("Output")) {
                sink.reach(next, map, via);
            } else if (n.type().equals("Input")) {
                throw new NirException("edge '" + at + "' -> '" + next + "': an Input node cannot receive edges");
            } else {
                if (!onPath.add(next))
                    throw new NirException("cycle through stateless nodes " + via + " -> '" + next + "' with no neuron on it; the engine needs a neuron in every loop");
                List<String> v2 = new ArrayList<>(via);
                v2.add(next);
                walk(src, next, maps.get(next).after(map), v2, onPath, sink);
                onPath.remove(next);
            }
        }
    }

    private void carryBias(String from, double[] vec, Map<String, double[]> acc, Set<String> onPath) {
        for (String next : out.getOrDefault(from, List.of())) {
            NirNode n = nodes.get(next);
            if (NEURONS.contains(n.type())) {
                double[] a = acc.computeIfAbsent(next, k -> new double[vec.length]);
                for (int i = 0; i < vec.length; i++) a[i] += vec[i];
            } else if (STATELESS.contains(n.type()) && onPath.add(next)) {
                carryBias(next, maps.get(next).apply(vec), acc, onPath);
                onPath.remove(next);
            }
        }
    }

    private double[] biasVector(NirNode n) {
        NdArray b = n.array("bias");
        int size = size(outShape.get(n.name()));
        double[] v = new double[size];
        if (n.type().startsWith("Conv")) {
            int channels = outShape.get(n.name())[0], per = size / channels;
            if (b.size() != channels) throw new NirException(n.at() + ": bias has " + b.size() + " values for " + channels + " output channels");
            for (int i = 0; i < size; i++) v[i] = b.get(i / per);
        } else {
            if (b.size() != size && b.size() != 1) throw new NirException("mismatched shapes: " + n.at() + ": bias has " + b.size() + " values for " + size + " outputs");
            for (int i = 0; i < size; i++) v[i] = b.at(i);
        }
        return v;
    }

    private Projection projection(String name, int pre, int post, SparseMap map, NeuronModel target, double[] k, int weightExp) {
        // map rows = post neurons; transpose into CSR by pre neuron, scaling each weight for its target neuron.
        int nPre = map.cols;
        int[] count = new int[nPre + 1];
        for (int e = 0; e < map.nnz(); e++) count[map.col[e] + 1]++;
        for (int i = 0; i < nPre; i++) count[i + 1] += count[i];
        int[] rowPtr = count.clone(), fill = count.clone();
        int n = map.nnz();
        int[] targets = new int[n], delays = new int[n];
        float[] w = new float[n];
        int[] wm = target instanceof CubaLifFixed ? new int[n] : null;
        for (int i = 0; i < map.rows; i++)
            for (int e = map.rowPtr[i]; e < map.rowPtr[i + 1]; e++) {
                int slot = fill[map.col[e]]++;
                targets[slot] = i;
                delays[slot] = 1 + map.delay[e];
                double value = map.w[e] * k[i];
                if (wm != null) wm[slot] = (int) value;
                else w[slot] = (float) value;
            }
        if (wm != null) {
            // Files written by neuroracle store fixed-point weights as mantissa << weight_exp (exact integers).
            int[] mant = new int[n];
            for (int q = 0; q < n; q++) mant[q] = wm[q] >> weightExp;
            return new Projection(name, pre, post, 0, rowPtr, targets, null, mant, weightExp, delays);
        }
        return new Projection(name, pre, post, 0, rowPtr, targets, w, null, 0, delays);
    }

    private NeuronModel sourceModel(NirNode n) {
        Object rate = n.metadata().get("neuroracle.rate_hz");
        if (rate instanceof NdArray r) return new PoissonSource(r.get(0));
        Object steps = n.metadata().get("neuroracle.spike_steps");
        Object neurons = n.metadata().get("neuroracle.spike_neurons");
        if (steps instanceof NdArray s && neurons instanceof NdArray ne) return new SpikeSourceArray(s.intValues(), ne.intValues());
        return new SpikeSourceArray(new int[0], new int[0]);
    }

    private double ms(double value) { return settings.timeUnit() == TimeUnit.SECONDS ? value * 1000 : value; }

    private double uniform(NirNode n, String param, double fallback) {
        if (!n.has(param)) return fallback;
        NdArray a = n.array(param);
        if (a.size() == 0) throw new NirException(n.at() + ": parameter '" + param + "' is empty");
        if (!a.uniform())
            throw new NirException(n.at() + ": " + param + " differs across neurons (" + a.min() + " .. " + a.max()
                    + "); an engine population shares one value: split the layer into uniform groups");
        return a.get(0);
    }

    private double[] perNeuron(NirNode n, String param, double fallback, int size) {
        double[] v = new double[size];
        if (!n.has(param)) { Arrays.fill(v, fallback); return v; }
        NdArray a = n.array(param);
        if (a.size() != size && a.size() != 1)
            throw new NirException("mismatched shapes: " + n.at() + ": " + param + " has " + a.size() + " values for " + size + " neurons");
        for (int i = 0; i < size; i++) v[i] = a.at(i);
        return v;
    }

    private NeuronModel neuronModel(NirNode n, Map<String, double[]> scale) {
        int size = size(outShape.get(n.name()));
        Object fixed = n.metadata().get("neuroracle.model");
        if ("cuba-lif-fixed".equals(fixed)) {
            CubaLifFixed m = new CubaLifFixed(new int[]{(int) md(n, "du")}, (int) md(n, "dv"), (int) md(n, "vth"),
                    (int) md(n, "bias_mant"), (int) md(n, "bias_exp"), (int) md(n, "refractory_steps"));
            double[] ones = new double[size];
            Arrays.fill(ones, 1);
            scale.put(n.name(), ones);
            return m;
        }
        String t = n.type();
        double dt = settings.dtMs();
        boolean spiking = t.equals("LIF") || t.equals("CubaLIF") || t.equals("IF");
        double vTh = spiking ? uniform(n, "v_threshold", 1) : Discretisation.NEVER_MV;
        double vReset = spiking ? uniform(n, "v_reset", 0) : 0;
        double vLeak = (t.equals("IF") || t.equals("I")) ? 0 : uniform(n, "v_leak", 0);
        double[] r = perNeuron(n, "r", 1, size);
        double refractoryMs = n.metadata().get("neuroracle.refractory_ms") instanceof NdArray a ? a.get(0) : 0;
        Lif m;
        double[] k = new double[size];
        switch (t) {
            case "LIF", "LI" -> {
                double tau = tauMs(n, "tau");
                m = new Lif(tau, vLeak, vReset, checkThreshold(n, vTh, vReset), refractoryMs, 0, List.of(Synapse.delta()), Integration.EXACT);
                double f = -Math.expm1(-dt / tau);
                for (int i = 0; i < size; i++) k[i] = r[i] * f;
            }
            case "IF", "I" -> {
                m = new Lif(Discretisation.IF_TAU_MS, 0, vReset, checkThreshold(n, vTh, vReset), refractoryMs, 0, List.of(Synapse.delta()), Integration.EXACT);
                System.arraycopy(r, 0, k, 0, size);
            }
            default -> { // CubaLIF, CubaLI
                double tauMem = tauMs(n, "tau_mem"), tauSyn = tauMs(n, "tau_syn");
                double[] wIn = perNeuron(n, "w_in", 1, size);
                m = new Lif(tauMem, vLeak, vReset, checkThreshold(n, vTh, vReset), refractoryMs, 0, List.of(Synapse.current(tauSyn)), Integration.EXACT);
                double f = Math.expm1(dt / tauSyn);
                for (int i = 0; i < size; i++) k[i] = r[i] * wIn[i] * f;
            }
        }
        scale.put(n.name(), k);
        return m;
    }

    private static double md(NirNode n, String key) {
        Object v = n.metadata().get("neuroracle." + key);
        if (!(v instanceof NdArray a)) throw new NirException(n.at() + ": metadata 'neuroracle." + key + "' is missing");
        return a.get(0);
    }

    private double checkThreshold(NirNode n, double vTh, double vReset) {
        if (!(vTh > vReset)) throw new NirException(n.at() + ": v_threshold " + vTh + " must be above v_reset " + vReset);
        return vTh;
    }

    private double tauMs(NirNode n, String param) {
        double tau = ms(uniform(n, param, Double.NaN));
        if (!(tau > 0) || !Double.isFinite(tau))
            throw new NirException(n.at() + ": " + param + " = " + tau + " ms must be a positive number");
        return tau;
    }

    // ---- graph flattening and shapes -------------------------------------------------------------------------

    private void flatten(NirGraph g, String prefix, boolean top) {
        for (NirNode n : g.nodes().values()) {
            String name = prefix + n.name();
            if (n.graph() != null) {
                flatten(n.graph(), name + ".", false);
                continue;
            }
            NirNode copy = new NirNode(name, n.type(), n.params(), n.metadata(), null);
            if (!top && (n.type().equals("Input") || n.type().equals("Output")))
                copy = new NirNode(name, "Identity", n.params(), n.metadata(), null);
            nodes.put(name, copy);
        }
        Map<String, String> renamed = EdgeNames.resolve(g, prefix, resolutions);
        for (String[] e : g.edges()) {
            String a = renamed.getOrDefault(e[0], e[0]), b = renamed.getOrDefault(e[1], e[1]);
            edges.add(new String[]{resolve(g, prefix, a, false), resolve(g, prefix, b, true)});
        }
    }

    /** An edge end naming a nested graph means its only Output (as source) or its only Input (as target). */
    private String resolve(NirGraph g, String prefix, String end, boolean asTarget) {
        NirNode n = g.nodes().get(end);
        if (n != null && n.graph() != null) {
            String want = asTarget ? "Input" : "Output";
            List<String> ends = n.graph().nodes().values().stream().filter(x -> x.type().equals(want)).map(NirNode::name).toList();
            if (ends.size() != 1)
                throw new NirException("edge end '" + prefix + end + "' names a nested graph with " + ends.size() + " " + want + " nodes; name one as '" + end + ".<node>'");
            return prefix + end + "." + ends.get(0);
        }
        return prefix + end;
    }

    static int size(int[] shape) {
        int s = 1;
        for (int d : shape) s *= d;
        return s;
    }

    private void inferShapes() {
        for (NirNode n : nodes.values()) {
            int[] own = declaredShape(n);
            if (own != null) { inShape.put(n.name(), own); outShape.put(n.name(), own); }
            switch (n.type()) {
                case "Affine", "Linear" -> {
                    NdArray w = n.array("weight");
                    if (w.rank() != 2) throw new NirException(n.at() + ": weight must be 2-D [out, in], found shape " + Arrays.toString(w.shape()));
                    inShape.put(n.name(), new int[]{w.dim(1)});
                    outShape.put(n.name(), new int[]{w.dim(0)});
                }
                case "Conv2d", "Conv1d" -> {
                    if (n.has("input_shape")) {
                        NdArray w = n.array("weight");
                        int[] sp = n.array("input_shape").intValues();
                        int[] in = new int[sp.length + 1];
                        in[0] = w.dim(1) * groups(n);
                        System.arraycopy(sp, 0, in, 1, sp.length);
                        inShape.put(n.name(), in);
                        outShape.put(n.name(), convOut(n, in));
                    }
                }
                case "Flatten" -> {
                    NdArray it = n.has("input_type") ? n.array("input_type") : n.has("input_type.input") ? n.array("input_type.input") : null;
                    if (it != null) {
                        inShape.put(n.name(), it.intValues());
                        outShape.put(n.name(), flattenOut(n, it.intValues()));
                    }
                }
                default -> { }
            }
        }
        // Forward propagation for nodes whose shape follows their input (pools, Flatten, Identity, convs without input_shape).
        for (int pass = 0; pass < nodes.size() + 1; pass++) {
            boolean changed = false;
            for (String[] e : edges) {
                int[] src = outShape.get(e[0]);
                if (src == null) continue;
                NirNode dst = nodes.get(e[1]);
                int[] declared = inShape.get(e[1]);
                if (declared != null) {
                    if (size(declared) != size(src))
                        throw new NirException("mismatched shapes: edge '" + e[0] + "' -> '" + e[1] + "' carries " + Arrays.toString(src)
                                + " (" + size(src) + " values) but " + dst.at() + " expects " + Arrays.toString(declared) + " (" + size(declared) + ")");
                    continue;
                }
                inShape.put(e[1], src);
                outShape.put(e[1], switch (dst.type()) {
                    case "SumPool2d", "AvgPool2d" -> poolOut(dst, src);
                    case "Conv1d", "Conv2d" -> convOut(dst, src);
                    case "Flatten" -> flattenOut(dst, src);
                    default -> src;
                });
                changed = true;
            }
            if (!changed) break;
        }
        for (NirNode n : nodes.values())
            if (!outShape.containsKey(n.name()) || !inShape.containsKey(n.name()))
                throw new NirException(n.at() + ": its shape cannot be inferred (is it connected to an Input?)");
    }

    private int[] declaredShape(NirNode n) {
        return switch (n.type()) {
            case "Input", "Output" -> n.has("shape") ? n.array("shape").intValues()
                    : n.has("input_type.input") ? n.array("input_type.input").intValues() : null;
            case "LIF", "LI" -> n.array("tau").shape().length == 0 ? new int[]{1} : n.array("tau").shape();
            case "CubaLIF", "CubaLI" -> n.array("tau_mem").shape().length == 0 ? new int[]{1} : n.array("tau_mem").shape();
            case "IF", "I" -> n.array("r").shape().length == 0 ? new int[]{1} : n.array("r").shape();
            case "Scale" -> n.array("scale").shape();
            case "Delay" -> n.array("delay").shape();
            default -> null;
        };
    }

    private static int groups(NirNode n) { return n.has("groups") ? (int) n.array("groups").get(0) : 1; }

    private static int[] pair(NirNode n, String p, int dims, int fallback) {
        int[] v = new int[dims];
        if (!n.has(p)) { Arrays.fill(v, fallback); return v; }
        Object raw = n.params().get(p);
        if (raw instanceof String s) {
            if (s.equals("valid")) return v;
            throw new NirException(n.at() + ": padding '" + s + "' is not supported; give explicit padding");
        }
        NdArray a = n.array(p);
        for (int i = 0; i < dims; i++) v[i] = (int) a.at(i);
        return v;
    }

    private static int[] convOut(NirNode n, int[] in) {
        NdArray w = n.array("weight");
        int dims = w.rank() - 2;
        if (in.length != dims + 1)
            throw new NirException("mismatched shapes: " + n.at() + " needs a [channels, " + (dims == 2 ? "height, width" : "length") + "] input, got " + Arrays.toString(in));
        if (in[0] != w.dim(1) * groups(n))
            throw new NirException("mismatched shapes: " + n.at() + ": input has " + in[0] + " channels, weight expects " + w.dim(1) * groups(n));
        int[] s = pair(n, "stride", dims, 1), p = pair(n, "padding", dims, 0), d = pair(n, "dilation", dims, 1);
        int[] o = new int[dims + 1];
        o[0] = w.dim(0);
        for (int i = 0; i < dims; i++) o[i + 1] = Math.floorDiv(in[i + 1] + 2 * p[i] - d[i] * (w.dim(2 + i) - 1) - 1, s[i]) + 1;
        return o;
    }

    private static int[] poolOut(NirNode n, int[] in) {
        if (in.length != 3) throw new NirException("mismatched shapes: " + n.at() + " needs a [channels, height, width] input, got " + Arrays.toString(in));
        int[] k = pair(n, "kernel_size", 2, 1), s = pair(n, "stride", 2, 1), p = pair(n, "padding", 2, 0);
        if (!n.has("stride")) s = k;
        return new int[]{in[0], Math.floorDiv(in[1] + 2 * p[0] - k[0], s[0]) + 1, Math.floorDiv(in[2] + 2 * p[1] - k[1], s[1]) + 1};
    }

    private static int[] flattenOut(NirNode n, int[] in) {
        int start = n.has("start_dim") ? (int) n.array("start_dim").get(0) : 0;
        int end = n.has("end_dim") ? (int) n.array("end_dim").get(0) : -1;
        if (start < 0) start += in.length;
        if (end < 0) end += in.length;
        List<Integer> o = new ArrayList<>();
        for (int i = 0; i < start; i++) o.add(in[i]);
        int m = 1;
        for (int i = start; i <= end && i < in.length; i++) m *= in[i];
        o.add(m);
        for (int i = end + 1; i < in.length; i++) o.add(in[i]);
        return o.stream().mapToInt(Integer::intValue).toArray();
    }

    // ---- stateless nodes as sparse maps ----------------------------------------------------------------------

    private SparseMap linearMap(NirNode n) {
        int[] in = inShape.get(n.name()), o = outShape.get(n.name());
        return switch (n.type()) {
            case "Affine", "Linear" -> {
                NdArray w = n.array("weight");
                yield SparseMap.dense(w.data(), w.dim(0), w.dim(1));
            }
            case "Scale" -> SparseMap.diagonal(n.array("scale").data(), null);
            case "Delay" -> {
                NdArray d = n.array("delay");
                int[] steps = new int[d.size()];
                double[] ones = new double[d.size()];
                for (int i = 0; i < steps.length; i++) {
                    double x = ms(d.get(i)) / settings.dtMs();
                    if (Math.abs(x - Math.rint(x)) > 1e-6 * Math.max(1, x) || x < 0)
                        throw new NirException(n.at() + ": delay " + d.get(i) + " is not a whole number of steps of dt " + settings.dtMs() + " ms");
                    steps[i] = (int) Math.rint(x);
                    ones[i] = 1;
                }
                yield SparseMap.diagonal(ones, steps);
            }
            case "Flatten", "Identity" -> SparseMap.identity(size(in));
            case "SumPool2d", "AvgPool2d" -> pool(n, in, o, n.type().equals("AvgPool2d"));
            case "Conv1d", "Conv2d" -> conv(n, in, o);
            default -> throw new NirException(n.at() + ": not a stateless node");
        };
    }

    private static SparseMap pool(NirNode n, int[] in, int[] o, boolean average) {
        int[] k = pair(n, "kernel_size", 2, 1), s = pair(n, "stride", 2, 1), p = pair(n, "padding", 2, 0);
        if (!n.has("stride")) s = k;
        double w = average ? 1.0 / (k[0] * k[1]) : 1.0;
        SparseMap.Builder b = new SparseMap.Builder(size(o), size(in));
        for (int c = 0; c < o[0]; c++)
            for (int y = 0; y < o[1]; y++)
                for (int x = 0; x < o[2]; x++) {
                    for (int ky = 0; ky < k[0]; ky++)
                        for (int kx = 0; kx < k[1]; kx++) {
                            int iy = y * s[0] - p[0] + ky, ix = x * s[1] - p[1] + kx;
                            if (iy >= 0 && iy < in[1] && ix >= 0 && ix < in[2]) b.add((c * in[1] + iy) * in[2] + ix, 0, w);
                        }
                    b.endRow();
                }
        return b.build();
    }

    private static SparseMap conv(NirNode n, int[] in, int[] o) {
        NdArray w = n.array("weight");
        int dims = w.rank() - 2;
        int g = groups(n);
        int[] s = pair(n, "stride", dims, 1), p = pair(n, "padding", dims, 0), d = pair(n, "dilation", dims, 1);
        int cout = w.dim(0), cinG = w.dim(1), kh = w.dim(2), kw = dims == 2 ? w.dim(3) : 1;
        int ih = in[1], iw = dims == 2 ? in[2] : 1, oh = o[1], ow = dims == 2 ? o[2] : 1;
        int sy = s[0], sx = dims == 2 ? s[1] : 1, py = p[0], px = dims == 2 ? p[1] : 0, dy = d[0], dx = dims == 2 ? d[1] : 1;
        SparseMap.Builder b = new SparseMap.Builder(size(o), size(in));
        int perGroupOut = cout / g;
        for (int co = 0; co < cout; co++) {
            int group = co / perGroupOut;
            for (int y = 0; y < oh; y++)
                for (int x = 0; x < ow; x++) {
                    for (int cg = 0; cg < cinG; cg++) {
                        int ci = group * cinG + cg;
                        for (int ky = 0; ky < kh; ky++) {
                            int iy = y * sy - py + ky * dy;
                            if (iy < 0 || iy >= ih) continue;
                            for (int kx = 0; kx < kw; kx++) {
                                int ix = x * sx - px + kx * dx;
                                if (ix < 0 || ix >= iw) continue;
                                double v = w.get(((co * cinG + cg) * kh + ky) * kw + kx);
                                if (v != 0) b.add((ci * ih + iy) * iw + ix, 0, v);
                            }
                        }
                    }
                    b.endRow();
                }
        }
        return b.build();
    }

    static String sanitize(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0)) && s.charAt(0) != '_') s = "n" + s;
        return s;
    }

    private static String unique(String name, Set<String> used) {
        String n = name;
        for (int i = 2; !used.add(n); i++) n = name + "_" + i;
        return n;
    }

}
