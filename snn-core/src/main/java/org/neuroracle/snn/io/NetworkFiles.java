package org.neuroracle.snn.io;

import org.neuroracle.snn.io.Json.Arr;
import org.neuroracle.snn.io.Json.Bool;
import org.neuroracle.snn.io.Json.Num;
import org.neuroracle.snn.io.Json.Obj;
import org.neuroracle.snn.io.Json.Str;
import org.neuroracle.snn.io.Json.Value;
import org.neuroracle.snn.model.BackgroundInput;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.CurrentInput;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.InvalidNetworkException;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NetworkBuilder;
import org.neuroracle.snn.model.NeuronModel;
import org.neuroracle.snn.model.NumericMode;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Projection;
import org.neuroracle.snn.model.SpikeProbe;
import org.neuroracle.snn.model.StateProbe;
import org.neuroracle.snn.model.Synapse;
import org.neuroracle.snn.model.WeightSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The network file format ({@code neuroracle-network/1}, JSON), documented in snn-core/README.md.
 * Reading validates everything and reports {@code FILE line N: field.path: problem}.
 * Writing stores the materialised network (CSR, explicit initial values), so a read-back is identical.
 */
public final class NetworkFiles {
    public static final String FORMAT = "neuroracle-network/1";

    private NetworkFiles() {}

    public static Network read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidNetworkException(file + ": no such network file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidNetworkException(file + ": not UTF-8 text (a network file is JSON)");
        }
        return parse(text, file.toString(), file.toAbsolutePath().getParent(), 1);
    }

    /** Parse network JSON; {@code source} names it in errors; {@code baseDir} resolves Matrix Market paths (may be null). */
    public static Network parse(String text, String source, Path baseDir, long defaultSeed) {
        Value root;
        try {
            root = Json.parse(text);
        } catch (Json.SyntaxException e) {
            throw new InvalidNetworkException(source + " line " + e.line + ": " + e.getMessage());
        }
        return new Reader(source, baseDir).network(root, defaultSeed);
    }

    private static final class Reader {
        final String source;
        final Path baseDir;

        Reader(String source, Path baseDir) { this.source = source; this.baseDir = baseDir; }

        InvalidNetworkException error(Value at, String path, String msg) {
            return new InvalidNetworkException(source + " line " + at.line() + ": " + path + ": " + msg);
        }

        Obj obj(Value v, String path) {
            if (v instanceof Obj o) return o;
            throw error(v, path, "expected an object");
        }

        Value field(Obj o, String name, String path) {
            Value v = o.fields().get(name);
            if (v == null) throw error(o, path.isEmpty() ? name : path + "." + name, "is required");
            return v;
        }

        void allow(Obj o, String path, Set<String> names) {
            for (String k : o.fields().keySet())
                if (!names.contains(k)) throw error(o.fields().get(k), join(path, k), "unknown field; expected one of " + new java.util.TreeSet<>(names));
        }

        static String join(String path, String name) { return path.isEmpty() ? name : path + "." + name; }

        double num(Obj o, String name, String path) {
            Value v = field(o, name, path);
            if (v instanceof Num n) {
                double d = n.asDouble();
                if (!Double.isFinite(d)) throw error(v, join(path, name), "must be finite");
                return d;
            }
            throw error(v, join(path, name), "expected a number");
        }

        double num(Obj o, String name, String path, double fallback) { return o.fields().containsKey(name) ? num(o, name, path) : fallback; }

        int integer(Value v, String path) {
            if (v instanceof Num n) {
                try {
                    return Integer.parseInt(n.lexeme());
                } catch (NumberFormatException e) {
                    double d = n.asDouble();
                    if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) return (int) d;
                }
                throw error(v, path, "expected an integer, found " + n.lexeme());
            }
            throw error(v, path, "expected an integer");
        }

        int integer(Obj o, String name, String path) { return integer(field(o, name, path), join(path, name)); }

        int integer(Obj o, String name, String path, int fallback) { return o.fields().containsKey(name) ? integer(o, name, path) : fallback; }

        String str(Obj o, String name, String path) {
            Value v = field(o, name, path);
            if (v instanceof Str s) return s.value();
            throw error(v, join(path, name), "expected a string");
        }

        boolean bool(Obj o, String name, String path, boolean fallback) {
            Value v = o.fields().get(name);
            if (v == null) return fallback;
            if (v instanceof Bool b) return b.value();
            throw error(v, join(path, name), "expected true or false");
        }

        List<Value> arr(Value v, String path) {
            if (v instanceof Arr a) return a.items();
            throw error(v, path, "expected an array");
        }

        int[] ints(Value v, String path) {
            List<Value> l = arr(v, path);
            int[] out = new int[l.size()];
            for (int i = 0; i < out.length; i++) out[i] = integer(l.get(i), path + "[" + i + "]");
            return out;
        }

        double[] doubles(Value v, String path) {
            List<Value> l = arr(v, path);
            double[] out = new double[l.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(l.get(i) instanceof Num n) || !Double.isFinite(n.asDouble())) throw error(l.get(i), path + "[" + i + "]", "expected a finite number");
                out[i] = n.asDouble();
            }
            return out;
        }

        /** Run a model/record constructor, re-throwing its validation message with file, line and path. */
        <T> T at(Value v, String path, java.util.function.Supplier<T> make) {
            try {
                return make.get();
            } catch (InvalidNetworkException e) {
                if (e.getMessage().startsWith(source + " line")) throw e;
                // The model's messages often name their part already ("network: ..."): not twice.
                String m = e.getMessage();
                throw error(v, path, m.startsWith(path + ": ") ? m.substring(path.length() + 2) : m);
            }
        }

        Network network(Value rootValue, long defaultSeed) {
            Obj root = obj(rootValue, "(top level)");
            allow(root, "", Set.of("format", "name", "dt_ms", "seed", "populations", "projections", "background", "currents", "record"));
            if (root.fields().containsKey("format") && !str(root, "format", "").equals(FORMAT))
                throw error(root.fields().get("format"), "format", "expected \"" + FORMAT + "\"");
            double dtMs = num(root, "dt_ms", "", 0.1);
            // Checked here as well as in Network, so the error has the field's line (Network's own says line 1).
            if (!(dtMs > 0 && dtMs <= 100)) throw error(root.fields().get("dt_ms"), "dt_ms", dtMs + " must be in (0, 100]");
            NetworkBuilder b = Network.builder(str(root, "name", ""))
                    .dtMs(dtMs)
                    .seed(root.fields().containsKey("seed") ? longValue(root.fields().get("seed"), "seed") : defaultSeed);
            List<Value> pops = arr(field(root, "populations", ""), "populations");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < pops.size(); i++) {
                String path = "populations[" + i + "]";
                Obj p = obj(pops.get(i), path);
                allow(p, path, Set.of("name", "size", "model", "initial"));
                String name = str(p, "name", path);
                int size = integer(p, "size", path);
                if (size < 1) throw error(p.fields().get("size"), path + ".size", "must be >= 1");
                NeuronModel model = model(obj(field(p, "model", path), path + ".model"), path + ".model");
                at(p, path, () -> b.population(name, size, model));
                names.add(name);
                if (p.fields().containsKey("initial")) {
                    Obj init = obj(p.fields().get("initial"), path + ".initial");
                    for (var e : init.fields().entrySet()) {
                        String ip = path + ".initial." + e.getKey();
                        if (!model.stateVariables().contains(e.getKey())) throw error(e.getValue(), ip, "not a state variable of " + model.id() + " " + model.stateVariables());
                        Obj spec = obj(e.getValue(), ip);
                        allow(spec, ip, Set.of("uniform", "normal", "values", "value"));
                        if (spec.fields().containsKey("uniform")) {
                            double[] u = doubles(spec.fields().get("uniform"), ip + ".uniform");
                            if (u.length != 2 || u[1] < u[0]) throw error(spec, ip + ".uniform", "expected [low, high] with low <= high");
                            b.initialUniform(name, e.getKey(), u[0], u[1]);
                        } else if (spec.fields().containsKey("normal")) {
                            double[] g = doubles(spec.fields().get("normal"), ip + ".normal");
                            if (g.length != 2 || g[1] < 0) throw error(spec, ip + ".normal", "expected [mean, sd] with sd >= 0");
                            b.initialNormal(name, e.getKey(), g[0], g[1]);
                        } else if (spec.fields().containsKey("value")) {
                            double[] vals = new double[size];
                            java.util.Arrays.fill(vals, num(spec, "value", ip));
                            b.initial(name, e.getKey(), vals);
                        } else if (spec.fields().containsKey("values")) {
                            double[] vals = doubles(spec.fields().get("values"), ip + ".values");
                            if (vals.length != size) throw error(spec, ip + ".values", "has " + vals.length + " values for " + size + " neurons");
                            b.initial(name, e.getKey(), vals);
                        } else throw error(spec, ip, "expected one of uniform, normal, value, values");
                    }
                }
            }
            if (root.fields().containsKey("projections")) {
                List<Value> projs = arr(root.fields().get("projections"), "projections");
                for (int j = 0; j < projs.size(); j++) projection(b, obj(projs.get(j), "projections[" + j + "]"), "projections[" + j + "]", names, pops);
            }
            if (root.fields().containsKey("background")) {
                List<Value> bg = arr(root.fields().get("background"), "background");
                for (int j = 0; j < bg.size(); j++) {
                    String path = "background[" + j + "]";
                    Obj o = obj(bg.get(j), path);
                    allow(o, path, Set.of("population", "channel", "rate_hz", "weight"));
                    String pop = popRef(o, "population", path, names);
                    int ch = integer(o, "channel", path, 0);
                    double rate = num(o, "rate_hz", path), w = num(o, "weight", path);
                    at(o, path, () -> b.background(pop, ch, rate, w));
                }
            }
            if (root.fields().containsKey("currents")) {
                List<Value> cs = arr(root.fields().get("currents"), "currents");
                for (int j = 0; j < cs.size(); j++) {
                    String path = "currents[" + j + "]";
                    Obj o = obj(cs.get(j), path);
                    allow(o, path, Set.of("population", "channel", "from_step", "to_step", "amplitude"));
                    String pop = popRef(o, "population", path, names);
                    int ch = integer(o, "channel", path, 0), from = integer(o, "from_step", path, 0), to = integer(o, "to_step", path, Integer.MAX_VALUE);
                    double amp = num(o, "amplitude", path);
                    at(o, path, () -> b.current(pop, ch, from, to, amp));
                }
            }
            if (root.fields().containsKey("record")) {
                String path = "record";
                Obj rec = obj(root.fields().get("record"), path);
                allow(rec, path, Set.of("spikes", "state"));
                if (rec.fields().containsKey("spikes")) {
                    List<Value> l = arr(rec.fields().get("spikes"), "record.spikes");
                    for (int j = 0; j < l.size(); j++) {
                        String rp = "record.spikes[" + j + "]";
                        Obj o = obj(l.get(j), rp);
                        allow(o, rp, Set.of("population", "neurons"));
                        b.recordSpikes(popRef(o, "population", rp, names), o.fields().containsKey("neurons") ? ints(o.fields().get("neurons"), rp + ".neurons") : null);
                    }
                }
                if (rec.fields().containsKey("state")) {
                    List<Value> l = arr(rec.fields().get("state"), "record.state");
                    for (int j = 0; j < l.size(); j++) {
                        String rp = "record.state[" + j + "]";
                        Obj o = obj(l.get(j), rp);
                        allow(o, rp, Set.of("population", "variable", "neurons", "every_steps"));
                        String pop = popRef(o, "population", rp, names);
                        String var = str(o, "variable", rp);
                        int[] neurons = o.fields().containsKey("neurons") ? ints(o.fields().get("neurons"), rp + ".neurons") : null;
                        int every = integer(o, "every_steps", rp, 1);
                        at(o, rp, () -> b.recordState(pop, var, neurons, every));
                    }
                }
            }
            return at(root, "network", b::build);
        }

        long longValue(Value v, String path) {
            if (v instanceof Num n) {
                try { return Long.parseLong(n.lexeme()); } catch (NumberFormatException ignored) { }
            }
            throw error(v, path, "expected an integer");
        }

        String popRef(Obj o, String field, String path, List<String> names) {
            String n = str(o, field, path);
            if (!names.contains(n)) throw error(o.fields().get(field), join(path, field), "no population named '" + n + "'; populations are " + names);
            return n;
        }

        NeuronModel model(Obj m, String path) {
            String type = str(m, "type", path);
            ModelCodecs.Codec<?> codec = ModelCodecs.byId(type);
            if (codec == null)
                throw error(m.fields().get("type"), path + ".type", "unknown model '" + type + "'; expected one of " + ModelCodecs.ids());
            allow(m, path, codec.allowed());
            ModelCodecs.Fields in = new ModelFields(m, path);
            return at(m, path, () -> codec.reader().apply(in));
        }

        /** The reader's view of one model object, handed to that model's codec. */
        private final class ModelFields implements ModelCodecs.Fields {
            final Obj m;
            final String path;

            ModelFields(Obj m, String path) { this.m = m; this.path = path; }

            @Override public double num(String name) { return Reader.this.num(m, name, path); }
            @Override public double num(String name, double fallback) { return Reader.this.num(m, name, path, fallback); }
            @Override public int integer(String name) { return Reader.this.integer(m, name, path); }
            @Override public int integer(String name, int fallback) { return Reader.this.integer(m, name, path, fallback); }

            @Override public int[] integers(String name) {
                Value v = field(m, name, path);
                return v instanceof Arr ? ints(v, join(path, name)) : new int[]{Reader.this.integer(v, join(path, name))};
            }

            @Override public int[][] pairs(String name) {
                String fp = join(path, name);
                List<Value> l = arr(field(m, name, path), fp);
                int[] first = new int[l.size()], second = new int[l.size()];
                for (int k = 0; k < l.size(); k++) {
                    int[] pair = ints(l.get(k), fp + "[" + k + "]");
                    if (pair.length != 2) throw error(l.get(k), fp + "[" + k + "]", "expected [step, neuron]");
                    first[k] = pair[0];
                    second[k] = pair[1];
                }
                return new int[][]{first, second};
            }

            @Override public List<Synapse> synapses() { return Reader.this.synapses(m, path); }
            @Override public Integration integration() { return Reader.this.integration(m, path); }
        }

        Integration integration(Obj m, String path) {
            if (!m.fields().containsKey("integration")) return Integration.EXACT;
            String s = str(m, "integration", path);
            return switch (s) {
                case "euler" -> Integration.EULER;
                case "exact" -> Integration.EXACT;
                default -> throw error(m.fields().get("integration"), path + ".integration", "expected 'euler' or 'exact', found '" + s + "'");
            };
        }

        List<Synapse> synapses(Obj m, String path) {
            List<Value> l = arr(field(m, "synapses", path), path + ".synapses");
            List<Synapse> out = new ArrayList<>();
            for (int k = 0; k < l.size(); k++) {
                String sp = path + ".synapses[" + k + "]";
                Obj s = obj(l.get(k), sp);
                allow(s, sp, Set.of("kind", "tau_ms", "reversal_mv"));
                String kind = str(s, "kind", sp);
                out.add(at(s, sp, () -> switch (kind) {
                    case "current" -> Synapse.current(num(s, "tau_ms", sp));
                    case "conductance" -> Synapse.conductance(num(s, "tau_ms", sp), num(s, "reversal_mv", sp));
                    case "delta" -> Synapse.delta();
                    default -> throw error(s.fields().get("kind"), sp + ".kind", "expected current, conductance or delta, found '" + kind + "'");
                }));
            }
            return out;
        }

        void projection(NetworkBuilder b, Obj o, String path, List<String> names, List<Value> pops) {
            allow(o, path, Set.of("name", "pre", "post", "channel", "connector", "weight", "weight_exp", "delay_steps"));
            String name = str(o, "name", path);
            String pre = popRef(o, "pre", path, names), post = popRef(o, "post", path, names);
            int channel = integer(o, "channel", path, 0);
            int wExp = integer(o, "weight_exp", path, 0);
            Obj c = obj(field(o, "connector", path), path + ".connector");
            String cp = path + ".connector";
            String type = str(c, "type", cp);
            if (type.equals("csr")) {
                allow(c, cp, Set.of("type", "row_ptr", "targets", "weights", "delays"));
                int[] rowPtr = ints(field(c, "row_ptr", cp), cp + ".row_ptr");
                int[] targets = ints(field(c, "targets", cp), cp + ".targets");
                int[] delays = ints(field(c, "delays", cp), cp + ".delays");
                double[] w = doubles(field(c, "weights", cp), cp + ".weights");
                boolean fixed = isFixed(pops);
                int preIdx = names.indexOf(pre), postIdx = names.indexOf(post);
                Projection p = at(c, cp, () -> {
                    if (fixed) {
                        int[] m = new int[w.length];
                        for (int k = 0; k < w.length; k++) {
                            if (w[k] != Math.rint(w[k])) throw new InvalidNetworkException("weights[" + k + "] = " + w[k] + " must be an integer in a fixed-point network");
                            m[k] = (int) w[k];
                        }
                        return new Projection(name, preIdx, postIdx, channel, rowPtr, targets, null, m, wExp, delays);
                    }
                    float[] f = new float[w.length];
                    for (int k = 0; k < w.length; k++) f[k] = (float) w[k];
                    return new Projection(name, preIdx, postIdx, channel, rowPtr, targets, f, null, 0, delays);
                });
                b.projection(p);
                return;
            }
            Connector conn = switch (type) {
                case "all-to-all" -> { allow(c, cp, Set.of("type", "allow_self")); yield new Connector.AllToAll(bool(c, "allow_self", cp, false)); }
                case "one-to-one" -> { allow(c, cp, Set.of("type")); yield new Connector.OneToOne(); }
                case "fixed-probability" -> {
                    allow(c, cp, Set.of("type", "p", "allow_self"));
                    double p = num(c, "p", cp);
                    yield at(c, cp, () -> new Connector.FixedProbability(p, bool(c, "allow_self", cp, false)));
                }
                case "fixed-fan-in" -> {
                    allow(c, cp, Set.of("type", "fan_in", "allow_self"));
                    int k = integer(c, "fan_in", cp);
                    yield at(c, cp, () -> new Connector.FixedFanIn(k, bool(c, "allow_self", cp, false)));
                }
                case "explicit" -> {
                    allow(c, cp, Set.of("type", "synapses"));
                    List<Value> l = arr(field(c, "synapses", cp), cp + ".synapses");
                    int n = l.size();
                    int[] pr = new int[n], po = new int[n], d = new int[n];
                    double[] w = new double[n];
                    boolean hasW = n > 0, hasD = n > 0;
                    for (int k = 0; k < n; k++) {
                        String sp = cp + ".synapses[" + k + "]";
                        List<Value> e = arr(l.get(k), sp);
                        if (e.size() < 2 || e.size() > 4) throw error(l.get(k), sp, "expected [pre, post] or [pre, post, weight] or [pre, post, weight, delay_steps]");
                        pr[k] = integer(e.get(0), sp + "[0]");
                        po[k] = integer(e.get(1), sp + "[1]");
                        if (e.size() >= 3) w[k] = doubles(new Arr(List.of(e.get(2)), e.get(2).line()), sp + "[2]")[0]; else hasW = false;
                        if (e.size() == 4) d[k] = integer(e.get(3), sp + "[3]"); else hasD = false;
                    }
                    yield new Connector.Explicit(pr, po, hasW ? w : null, hasD ? d : null);
                }
                case "matrix-market" -> {
                    allow(c, cp, Set.of("type", "file"));
                    Path f = Path.of(str(c, "file", cp));
                    if (!f.isAbsolute() && baseDir != null) f = baseDir.resolve(f);
                    try {
                        yield MatrixMarket.read(f).synapses();
                    } catch (IOException e) {
                        throw error(c, cp + ".file", "cannot read " + f + ": " + e.getMessage());
                    } catch (InvalidNetworkException e) {
                        throw error(c, cp + ".file", e.getMessage());
                    }
                }
                default -> throw error(c.fields().get("type"), cp + ".type", "unknown connector '" + type
                        + "'; expected all-to-all, one-to-one, fixed-probability, fixed-fan-in, explicit, matrix-market or csr");
            };
            WeightSpec w = o.fields().containsKey("weight") ? weight(o.fields().get("weight"), path + ".weight") : null;
            DelaySpec d = delay(o.fields().get("delay_steps"), path + ".delay_steps");
            at(o, path, () -> b.projection(name, pre, post, conn, w, d, channel, wExp));
        }

        /** A network is fixed-point when its first non-source model is; only sources (or none) count as fixed. */
        boolean isFixed(List<Value> pops) {
            for (Value pv : pops) {
                Obj m = (Obj) ((Obj) pv).fields().get("model");
                NumericMode mode = ModelCodecs.byId(((Str) m.fields().get("type")).value()).mode();
                if (mode != null) return mode == NumericMode.FIXED;
            }
            return true;
        }

        WeightSpec weight(Value v, String path) {
            if (v instanceof Num n) return new WeightSpec.Constant(n.asDouble());
            Obj o = obj(v, path);
            allow(o, path, Set.of("uniform", "normal", "clip"));
            if (o.fields().containsKey("uniform")) {
                double[] u = doubles(o.fields().get("uniform"), path + ".uniform");
                if (u.length != 2) throw error(o, path + ".uniform", "expected [low, high]");
                return at(o, path, () -> new WeightSpec.Uniform(u[0], u[1]));
            }
            if (o.fields().containsKey("normal")) {
                double[] g = doubles(o.fields().get("normal"), path + ".normal");
                if (g.length != 2) throw error(o, path + ".normal", "expected [mean, sd]");
                double[] clip = o.fields().containsKey("clip") ? doubles(o.fields().get("clip"), path + ".clip") : new double[]{Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
                if (clip.length != 2) throw error(o, path + ".clip", "expected [low, high]");
                return at(o, path, () -> new WeightSpec.Normal(g[0], g[1], clip[0], clip[1]));
            }
            throw error(o, path, "expected a number, {\"uniform\": [low, high]} or {\"normal\": [mean, sd]}");
        }

        DelaySpec delay(Value v, String path) {
            if (v == null) return DelaySpec.constant(1);
            if (v instanceof Num) {
                int d = integer(v, path);
                return at(v, path, () -> new DelaySpec.Constant(d));
            }
            Obj o = obj(v, path);
            allow(o, path, Set.of("uniform"));
            int[] u = ints(field(o, "uniform", path), path + ".uniform");
            if (u.length != 2) throw error(o, path + ".uniform", "expected [low_steps, high_steps]");
            return at(o, path, () -> new DelaySpec.UniformInt(u[0], u[1]));
        }
    }

    /** Write the materialised network: CSR projections and explicit initial values; reads back identical. */
    public static void write(Network net, Path file) throws IOException {
        Files.writeString(file, toJson(net));
    }

    public static String toJson(Network net) {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("{\n  \"format\": \"").append(FORMAT).append("\",\n");
        b.append("  \"name\": ").append(Json.quote(net.name())).append(",\n");
        b.append("  \"dt_ms\": ").append(num(net.dtMs())).append(",\n");
        b.append("  \"seed\": ").append(net.seed()).append(",\n");
        b.append("  \"populations\": [");
        for (int p = 0; p < net.populations().size(); p++) {
            Population pop = net.populations().get(p);
            b.append(p == 0 ? "\n" : ",\n").append("    {\"name\": ").append(Json.quote(pop.name())).append(", \"size\": ").append(pop.size());
            b.append(", \"model\": ").append(ModelCodecs.write(pop.model()));
            if (!pop.initial().isEmpty()) {
                b.append(", \"initial\": {");
                int k = 0;
                for (Map.Entry<String, double[]> e : pop.initial().entrySet()) {
                    b.append(k++ == 0 ? "" : ", ").append(Json.quote(e.getKey())).append(": {\"values\": [");
                    double[] v = e.getValue();
                    for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : ",").append(num(v[i]));
                    b.append("]}");
                }
                b.append("}");
            }
            b.append("}");
        }
        b.append("\n  ],\n  \"projections\": [");
        for (int j = 0; j < net.projections().size(); j++) {
            Projection pr = net.projections().get(j);
            b.append(j == 0 ? "\n" : ",\n").append("    {\"name\": ").append(Json.quote(pr.name()))
                    .append(", \"pre\": ").append(Json.quote(net.populations().get(pr.pre()).name()))
                    .append(", \"post\": ").append(Json.quote(net.populations().get(pr.post()).name()))
                    .append(", \"channel\": ").append(pr.channel()).append(", \"weight_exp\": ").append(pr.weightExp())
                    .append(",\n     \"connector\": {\"type\": \"csr\", \"row_ptr\": ");
            ints(b, pr.rowPtr());
            b.append(", \"targets\": ");
            ints(b, pr.targets());
            b.append(", \"delays\": ");
            ints(b, pr.delaySteps());
            b.append(", \"weights\": [");
            for (int k = 0; k < pr.synapseCount(); k++) {
                if (k > 0) b.append(',');
                if (pr.isFixed()) b.append(pr.weightMantissas()[k]); else b.append(num(pr.weights()[k]));
            }
            b.append("]}}");
        }
        b.append("\n  ],\n  \"background\": [");
        for (int j = 0; j < net.backgroundInputs().size(); j++) {
            BackgroundInput in = net.backgroundInputs().get(j);
            b.append(j == 0 ? "\n" : ",\n").append("    {\"population\": ").append(Json.quote(net.populations().get(in.population()).name()))
                    .append(", \"channel\": ").append(in.channel()).append(", \"rate_hz\": ").append(num(in.rateHz()))
                    .append(", \"weight\": ").append(net.mode() == NumericMode.FIXED ? Integer.toString(in.weightFixed()) : num(in.weight())).append("}");
        }
        b.append("\n  ],\n  \"currents\": [");
        for (int j = 0; j < net.currentInputs().size(); j++) {
            CurrentInput c = net.currentInputs().get(j);
            b.append(j == 0 ? "\n" : ",\n").append("    {\"population\": ").append(Json.quote(net.populations().get(c.population()).name()))
                    .append(", \"channel\": ").append(c.channel()).append(", \"from_step\": ").append(c.fromStep())
                    .append(", \"to_step\": ").append(c.toStep()).append(", \"amplitude\": ").append(num(c.amplitude())).append("}");
        }
        b.append("\n  ],\n  \"record\": {\"spikes\": [");
        for (int j = 0; j < net.spikeProbes().size(); j++) {
            SpikeProbe s = net.spikeProbes().get(j);
            b.append(j == 0 ? "" : ", ").append("{\"population\": ").append(Json.quote(net.populations().get(s.population()).name()));
            if (s.neurons() != null) { b.append(", \"neurons\": "); ints(b, s.neurons()); }
            b.append("}");
        }
        b.append("], \"state\": [");
        for (int j = 0; j < net.stateProbes().size(); j++) {
            StateProbe s = net.stateProbes().get(j);
            b.append(j == 0 ? "" : ", ").append("{\"population\": ").append(Json.quote(net.populations().get(s.population()).name()))
                    .append(", \"variable\": ").append(Json.quote(s.variable())).append(", \"every_steps\": ").append(s.everySteps());
            if (s.neurons() != null) { b.append(", \"neurons\": "); ints(b, s.neurons()); }
            b.append("}");
        }
        b.append("]}\n}\n");
        return b.toString();
    }

    private static void ints(StringBuilder b, int[] a) {
        b.append('[');
        for (int i = 0; i < a.length; i++) { if (i > 0) b.append(','); b.append(a[i]); }
        b.append(']');
    }

    /** Shortest text that reads back to the same double (and so the same float for float values). */
    static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }
}
