package org.neuroracle.nir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * Pass 4: every stateless node becomes a {@link SparseMap} (with per-entry delays in steps), and every path from a
 * layer (Input, neuron, Threshold) through stateless nodes to the next layer or an Output is multiplied out into one
 * map. Biases of Affine and Conv nodes are carried along the same paths to the layers they reach.
 */
final class Lowering {
    /** One path: {@code map} rows are the target's values, columns the source's. */
    record Path(String source, String target, SparseMap map, List<Primitive.Stateless> via) {}

    /** All paths (in source-name order, then edge order) and the summed bias reaching each layer. */
    record Result(List<Path> paths, Map<String, double[]> bias) {}

    private final FlatGraph g;
    private final ShapeInference.Shapes shapes;
    private final Map<String, List<String>> out;
    private final Map<String, SparseMap> maps = new HashMap<>();

    private Lowering(FlatGraph g, ShapeInference.Shapes shapes) {
        this.g = g;
        this.shapes = shapes;
        this.out = g.successors();
    }

    /** {@code toMs} converts the file's time unit to ms; delays must be whole steps of {@code dtMs}. */
    static Result lower(FlatGraph g, ShapeInference.Shapes shapes, double dtMs, DoubleUnaryOperator toMs) {
        Lowering l = new Lowering(g, shapes);
        for (Primitive n : g.nodes().values())
            if (n instanceof Primitive.Stateless s) l.maps.put(n.name(), l.map(s, dtMs, toMs));
        List<Path> paths = new ArrayList<>();
        for (Primitive n : g.nodes().values())
            if (n instanceof Primitive.Layer)
                l.walk(n.name(), n.name(), SparseMap.identity(shapes.outSize(n.name())), new ArrayList<>(), new HashSet<>(), paths);
        Map<String, double[]> bias = new TreeMap<>();
        for (Primitive n : g.nodes().values()) {
            double[] vec = switch (n) {
                case Primitive.Affine a when a.bias() != null -> l.affineBias(a);
                case Primitive.Conv c when c.bias() != null -> l.convBias(c);
                default -> null;
            };
            if (vec == null || Arrays.stream(vec).allMatch(x -> x == 0)) continue;
            l.carryBias(n.name(), vec, bias, new HashSet<>());
        }
        return new Result(paths, bias);
    }

    private void walk(String src, String at, SparseMap map, List<Primitive.Stateless> via, Set<String> onPath, List<Path> paths) {
        for (String next : out.getOrDefault(at, List.of())) {
            switch (g.node(next)) {
                case Primitive.Input x -> throw new NirException("edge '" + at + "' -> '" + next + "': an Input node cannot receive edges");
                case Primitive.Layer x -> paths.add(new Path(src, next, map, List.copyOf(via)));
                case Primitive.Output x -> paths.add(new Path(src, next, map, List.copyOf(via)));
                case Primitive.Stateless s -> {
                    if (!onPath.add(next))
                        throw new NirException("cycle through stateless nodes " + names(via) + " -> '" + next + "' with no neuron on it; the engine needs a neuron in every loop");
                    List<Primitive.Stateless> v2 = new ArrayList<>(via);
                    v2.add(s);
                    walk(src, next, maps.get(next).after(map), v2, onPath, paths);
                    onPath.remove(next);
                }
            }
        }
    }

    static List<String> names(List<Primitive.Stateless> via) { return via.stream().map(Primitive::name).toList(); }

    private void carryBias(String from, double[] vec, Map<String, double[]> acc, Set<String> onPath) {
        for (String next : out.getOrDefault(from, List.of())) {
            Primitive n = g.node(next);
            if (n instanceof Primitive.Neuron || n instanceof Primitive.Threshold) {
                double[] a = acc.computeIfAbsent(next, k -> new double[vec.length]);
                for (int i = 0; i < vec.length; i++) a[i] += vec[i];
            } else if (n instanceof Primitive.Stateless && onPath.add(next)) {
                carryBias(next, maps.get(next).apply(vec), acc, onPath);
                onPath.remove(next);
            }
        }
    }

    private double[] affineBias(Primitive.Affine a) {
        int size = shapes.outSize(a.name());
        NdArray b = a.bias();
        if (b.size() != size && b.size() != 1) throw new NirException("mismatched shapes: " + a.at() + ": bias has " + b.size() + " values for " + size + " outputs");
        double[] v = new double[size];
        for (int i = 0; i < size; i++) v[i] = b.at(i);
        return v;
    }

    private double[] convBias(Primitive.Conv c) {
        int[] o = shapes.out().get(c.name());
        int size = ShapeInference.size(o), channels = o[0], per = size / channels;
        NdArray b = c.bias();
        if (b.size() != channels) throw new NirException(c.at() + ": bias has " + b.size() + " values for " + channels + " output channels");
        double[] v = new double[size];
        for (int i = 0; i < size; i++) v[i] = b.get(i / per);
        return v;
    }

    private SparseMap map(Primitive.Stateless n, double dtMs, DoubleUnaryOperator toMs) {
        int[] in = shapes.in().get(n.name()), o = shapes.out().get(n.name());
        return switch (n) {
            case Primitive.Affine a -> SparseMap.dense(a.weight().data(), a.weight().dim(0), a.weight().dim(1));
            case Primitive.Scale s -> SparseMap.diagonal(s.scale().data(), null);
            case Primitive.Delay d -> {
                int[] steps = new int[d.delay().size()];
                double[] ones = new double[steps.length];
                for (int i = 0; i < steps.length; i++) {
                    double x = toMs.applyAsDouble(d.delay().get(i)) / dtMs;
                    if (Math.abs(x - Math.rint(x)) > 1e-6 * Math.max(1, x) || x < 0)
                        throw new NirException(d.at() + ": delay " + d.delay().get(i) + " is not a whole number of steps of dt " + dtMs + " ms");
                    steps[i] = (int) Math.rint(x);
                    if (steps[i] + 1 > org.neuroracle.snn.model.Projection.MAX_DELAY_STEPS)
                        throw new NirException(d.at() + ": delay " + d.delay().get(i) + " is " + steps[i] + " steps of dt " + dtMs
                                + " ms; the engine's longest delay is " + (org.neuroracle.snn.model.Projection.MAX_DELAY_STEPS - 1) + " steps: import with a larger --dt");
                    ones[i] = 1;
                }
                yield SparseMap.diagonal(ones, steps);
            }
            case Primitive.Flatten f -> SparseMap.identity(ShapeInference.size(in));
            case Primitive.Identity x -> SparseMap.identity(ShapeInference.size(in));
            case Primitive.Pool p -> pool(p, in, o);
            case Primitive.Conv c -> conv(c, in, o);
        };
    }

    private static SparseMap pool(Primitive.Pool n, int[] in, int[] o) {
        int[] k = n.kernel(), s = n.stride(), p = n.padding();
        double w = n.average() ? 1.0 / (k[0] * k[1]) : 1.0;
        SparseMap.Builder b = new SparseMap.Builder(ShapeInference.size(o), ShapeInference.size(in));
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

    private static SparseMap conv(Primitive.Conv n, int[] in, int[] o) {
        NdArray w = n.weight();
        boolean two = n.dims() == 2;
        int g = n.groups();
        int[] s = n.stride(), p = n.padding(), d = n.dilation();
        int cout = w.dim(0), cinG = w.dim(1), kh = w.dim(2), kw = two ? w.dim(3) : 1;
        int ih = in[1], iw = two ? in[2] : 1, oh = o[1], ow = two ? o[2] : 1;
        int sy = s[0], sx = two ? s[1] : 1, py = p[0], px = two ? p[1] : 0, dy = d[0], dx = two ? d[1] : 1;
        SparseMap.Builder b = new SparseMap.Builder(ShapeInference.size(o), ShapeInference.size(in));
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
}
