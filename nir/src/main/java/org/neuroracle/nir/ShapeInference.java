package org.neuroracle.nir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pass 3: the input and output shape of every node. Nodes that declare a shape (Input, Output, neurons, Threshold,
 * Scale, Delay, Affine, Conv with input_shape, Flatten with input_type) fix it; the others (pools, Identity, convs
 * without input_shape) take the shape of what feeds them. Every edge must carry as many values as its target expects.
 */
final class ShapeInference {
    /** Input and output shape per node name. */
    record Shapes(Map<String, int[]> in, Map<String, int[]> out) {
        int outSize(String node) { return size(out.get(node)); }
    }

    private ShapeInference() {}

    static int size(int[] shape) {
        int s = 1;
        for (int d : shape) s *= d;
        return s;
    }

    static Shapes infer(FlatGraph g) {
        Map<String, int[]> in = new HashMap<>(), out = new HashMap<>();
        for (Primitive n : g.nodes().values()) {
            int[] own = declared(n);
            if (own != null) { in.put(n.name(), own); out.put(n.name(), own); }
            switch (n) {
                case Primitive.Affine a -> {
                    if (a.weight().rank() != 2) throw new NirException(n.at() + ": weight must be 2-D [out, in], found shape " + Arrays.toString(a.weight().shape()));
                    in.put(n.name(), new int[]{a.weight().dim(1)});
                    out.put(n.name(), new int[]{a.weight().dim(0)});
                }
                case Primitive.Conv c when c.inputShape() != null -> {
                    int[] sp = c.inputShape();
                    int[] shape = new int[sp.length + 1];
                    shape[0] = c.weight().dim(1) * c.groups();
                    System.arraycopy(sp, 0, shape, 1, sp.length);
                    in.put(n.name(), shape);
                    out.put(n.name(), convOut(c, shape));
                }
                case Primitive.Flatten f when f.inputShape() != null -> {
                    in.put(n.name(), f.inputShape());
                    out.put(n.name(), flattenOut(f, f.inputShape()));
                }
                default -> { }
            }
        }
        // An Input without a shape (one NIR inference would add) takes the input shape of the node it feeds.
        for (String[] e : g.edges())
            if (g.node(e[0]) instanceof Primitive.Input && !out.containsKey(e[0]) && in.containsKey(e[1])) {
                in.put(e[0], in.get(e[1]));
                out.put(e[0], in.get(e[1]));
            }
        for (int pass = 0; pass < g.nodes().size() + 1; pass++) {
            boolean changed = false;
            for (String[] e : g.edges()) {
                int[] src = out.get(e[0]);
                if (src == null) continue;
                Primitive dst = g.node(e[1]);
                int[] declared = in.get(e[1]);
                if (declared != null) {
                    if (size(declared) != size(src))
                        throw new NirException("mismatched shapes: edge '" + e[0] + "' -> '" + e[1] + "' carries " + Arrays.toString(src)
                                + " (" + size(src) + " values) but " + dst.at() + " expects " + Arrays.toString(declared) + " (" + size(declared) + ")");
                    continue;
                }
                in.put(e[1], src);
                out.put(e[1], switch (dst) {
                    case Primitive.Pool p -> poolOut(p, src);
                    case Primitive.Conv c -> convOut(c, src);
                    case Primitive.Flatten f -> flattenOut(f, src);
                    default -> src;
                });
                changed = true;
            }
            if (!changed) break;
        }
        for (Primitive n : g.nodes().values())
            if (!out.containsKey(n.name()) || !in.containsKey(n.name()))
                throw new NirException(n.at() + ": its shape cannot be inferred (is it connected to an Input?)");
        return new Shapes(in, out);
    }

    private static int[] declared(Primitive n) {
        return switch (n) {
            case Primitive.Input x -> x.shape();
            case Primitive.Output x -> x.shape();
            case Primitive.Neuron x -> shapeOf(x.kind().leaky() ? x.tau() : x.r());
            case Primitive.Threshold x -> shapeOf(x.threshold());
            case Primitive.Scale x -> x.scale().shape();
            case Primitive.Delay x -> x.delay().shape();
            case Primitive.Identity x -> x.shape();
            default -> null;
        };
    }

    private static int[] shapeOf(NdArray a) { return a.rank() == 0 ? new int[]{1} : a.shape(); }

    static int[] convOut(Primitive.Conv c, int[] in) {
        NdArray w = c.weight();
        int dims = c.dims();
        if (in.length != dims + 1)
            throw new NirException("mismatched shapes: " + c.at() + " needs a [channels, " + (dims == 2 ? "height, width" : "length") + "] input, got " + Arrays.toString(in));
        if (in[0] != w.dim(1) * c.groups())
            throw new NirException("mismatched shapes: " + c.at() + ": input has " + in[0] + " channels, weight expects " + w.dim(1) * c.groups());
        int[] o = new int[dims + 1];
        o[0] = w.dim(0);
        for (int i = 0; i < dims; i++)
            o[i + 1] = Math.floorDiv(in[i + 1] + 2 * c.padding()[i] - c.dilation()[i] * (w.dim(2 + i) - 1) - 1, c.stride()[i]) + 1;
        return o;
    }

    static int[] poolOut(Primitive.Pool p, int[] in) {
        if (in.length != 3) throw new NirException("mismatched shapes: " + p.at() + " needs a [channels, height, width] input, got " + Arrays.toString(in));
        int[] k = p.kernel(), s = p.stride(), pad = p.padding();
        return new int[]{in[0], Math.floorDiv(in[1] + 2 * pad[0] - k[0], s[0]) + 1, Math.floorDiv(in[2] + 2 * pad[1] - k[1], s[1]) + 1};
    }

    static int[] flattenOut(Primitive.Flatten f, int[] in) {
        int start = f.startDim() < 0 ? f.startDim() + in.length : f.startDim();
        int end = f.endDim() < 0 ? f.endDim() + in.length : f.endDim();
        List<Integer> o = new ArrayList<>();
        for (int i = 0; i < start; i++) o.add(in[i]);
        int m = 1;
        for (int i = start; i <= end && i < in.length; i++) m *= in[i];
        o.add(m);
        for (int i = end + 1; i < in.length; i++) o.add(in[i]);
        return o.stream().mapToInt(Integer::intValue).toArray();
    }
}
