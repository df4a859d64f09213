package org.neuroracle.nir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between the file's nodes ({@link NirNode}: a type string and named parameters, as read) and the typed
 * {@link Primitive}s the passes work on. The only place NIR type names are compared.
 */
final class Primitives {
    private Primitives() {}

    static final List<String> NIR_TYPES = List.of("Input", "Output", "NIRGraph", "Affine", "Linear", "Scale", "Delay",
            "Threshold", "I", "IF", "LI", "LIF", "CubaLI", "CubaLIF", "Flatten", "Conv1d", "Conv2d", "SumPool2d", "AvgPool2d");

    /** The typed node; an unknown type fails with one line naming node and type. */
    static Primitive parse(NirNode n) {
        Map<String, Object> md = n.metadata();
        String name = n.name();
        return switch (n.type()) {
            case "Input" -> new Primitive.Input(name, shape(n), md);
            case "Output" -> new Primitive.Output(name, shape(n), md);
            case "Affine" -> new Primitive.Affine(name, n.array("weight"), n.array("bias"), md);
            case "Linear" -> new Primitive.Affine(name, n.array("weight"), null, md);
            case "Scale" -> new Primitive.Scale(name, n.array("scale"), md);
            case "Delay" -> new Primitive.Delay(name, n.array("delay"), md);
            case "Threshold" -> new Primitive.Threshold(name, n.array("threshold"), md);
            case "Flatten" -> new Primitive.Flatten(name, n.has("start_dim") ? (int) n.array("start_dim").get(0) : 0,
                    n.has("end_dim") ? (int) n.array("end_dim").get(0) : -1, flattenInput(n), md);
            case "Conv1d", "Conv2d" -> conv(n, n.type().equals("Conv1d") ? 1 : 2);
            case "SumPool2d", "AvgPool2d" -> new Primitive.Pool(name, n.type().equals("AvgPool2d"), pair(n, "kernel_size", 2, 1),
                    n.has("stride") ? pair(n, "stride", 2, 1) : pair(n, "kernel_size", 2, 1), pair(n, "padding", 2, 0), md);
            case "LIF" -> neuron(n, Primitive.Kind.LIF);
            case "LI" -> neuron(n, Primitive.Kind.LI);
            case "IF" -> neuron(n, Primitive.Kind.IF);
            case "I" -> neuron(n, Primitive.Kind.I);
            case "CubaLIF" -> neuron(n, Primitive.Kind.CUBA_LIF);
            case "CubaLI" -> neuron(n, Primitive.Kind.CUBA_LI);
            default -> throw new NirException(n.at() + ": unsupported primitive '" + n.type() + "' (not a NIR type; NIR types are " + String.join(", ", NIR_TYPES) + ")");
        };
    }

    private static Primitive.Neuron neuron(NirNode n, Primitive.Kind k) {
        NdArray tau = k.currentSynapse ? n.array("tau_mem") : k.leaky() ? n.array("tau") : null;
        NdArray tauSyn = k.currentSynapse ? n.array("tau_syn") : null;
        NdArray r = n.arrayOr("r", null);
        if (r == null && !k.leaky()) r = n.array("r");
        return new Primitive.Neuron(n.name(), k, tau, tauSyn, r, k.currentSynapse ? n.arrayOr("w_in", null) : null,
                k.leaky() ? n.arrayOr("v_leak", null) : null, k.spiking ? n.arrayOr("v_reset", null) : null,
                k.spiking ? n.array("v_threshold") : null, n.metadata());
    }

    private static Primitive.Conv conv(NirNode n, int dims) {
        NdArray w = n.array("weight");
        if (w.rank() != dims + 2)
            throw new NirException(n.at() + ": weight must have " + (dims + 2) + " dimensions [out, in/groups, kernel...], found shape " + java.util.Arrays.toString(w.shape()));
        int[] in = n.has("input_shape") ? n.array("input_shape").intValues() : null;
        NdArray bias = n.has("bias") ? n.array("bias") : null;
        return new Primitive.Conv(n.name(), dims, w, bias, pair(n, "stride", dims, 1), pair(n, "padding", dims, 0),
                pair(n, "dilation", dims, 1), n.has("groups") ? (int) n.array("groups").get(0) : 1, in, n.metadata());
    }

    private static int[] shape(NirNode n) {
        if (n.has("shape")) return n.array("shape").intValues();
        if (n.has("input_type.input")) return n.array("input_type.input").intValues();
        return null;
    }

    private static int[] flattenInput(NirNode n) {
        if (n.has("input_type")) return n.array("input_type").intValues();
        if (n.has("input_type.input")) return n.array("input_type.input").intValues();
        return null;
    }

    /** A per-dimension integer parameter (scalar broadcasts); 'valid' padding is 0; other strings are refused. */
    private static int[] pair(NirNode n, String p, int dims, int fallback) {
        int[] v = new int[dims];
        if (!n.has(p)) { java.util.Arrays.fill(v, fallback); return v; }
        Object raw = n.params().get(p);
        if (raw instanceof String s) {
            if (s.equals("valid")) return v;
            throw new NirException(n.at() + ": padding '" + s + "' is not supported; give explicit padding");
        }
        NdArray a = n.array(p);
        for (int i = 0; i < dims; i++) v[i] = (int) a.at(i);
        return v;
    }

    /** The file form of a typed node, in NIR's parameter names (what NIR's reference reader expects). */
    static NirNode toFile(Primitive p) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (p) {
            case Primitive.Input x -> m.put("shape", ints(x.shape()));
            case Primitive.Output x -> m.put("shape", ints(x.shape()));
            case Primitive.Affine x -> { m.put("weight", x.weight()); if (x.bias() != null) m.put("bias", x.bias()); }
            case Primitive.Scale x -> m.put("scale", x.scale());
            case Primitive.Delay x -> m.put("delay", x.delay());
            case Primitive.Threshold x -> m.put("threshold", x.threshold());
            case Primitive.Flatten x -> {
                m.put("start_dim", NdArray.ints(x.startDim()).scalarForm());
                m.put("end_dim", NdArray.ints(x.endDim()).scalarForm());
                if (x.inputShape() != null) m.put("input_type", ints(x.inputShape()));
            }
            case Primitive.Conv x -> {
                m.put("weight", x.weight());
                m.put("bias", x.bias() != null ? x.bias() : new NdArray(new double[x.weight().dim(0)], new int[]{x.weight().dim(0)}, false));
                m.put("stride", ints(x.stride()));
                m.put("padding", ints(x.padding()));
                m.put("dilation", ints(x.dilation()));
                m.put("groups", NdArray.ints(x.groups()).scalarForm());
                if (x.inputShape() != null) m.put("input_shape", ints(x.inputShape()));
            }
            case Primitive.Pool x -> { m.put("kernel_size", ints(x.kernel())); m.put("stride", ints(x.stride())); m.put("padding", ints(x.padding())); }
            case Primitive.Neuron x -> {
                put(m, x.kind().currentSynapse ? "tau_mem" : "tau", x.tau());
                put(m, "tau_syn", x.tauSyn());
                put(m, "r", x.r());
                put(m, "w_in", x.wIn());
                put(m, "v_leak", x.vLeak());
                put(m, "v_reset", x.vReset());
                put(m, "v_threshold", x.vThreshold());
            }
            case Primitive.Identity x -> throw new NirException(x.at() + ": an inner Input/Output is written as part of its nested graph");
        }
        return new NirNode(p.name(), p.nirType(), m, p.metadata(), null);
    }

    private static void put(Map<String, Object> m, String k, NdArray v) { if (v != null) m.put(k, v); }

    static NdArray ints(int[] v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) l[i] = v[i];
        return NdArray.ints(l);
    }
}
