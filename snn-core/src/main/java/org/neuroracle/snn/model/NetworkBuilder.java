package org.neuroracle.snn.model;

import org.neuroracle.snn.rng.Philox;
import org.neuroracle.snn.rng.Streams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an immutable {@link Network}. Connectors, random weights, delays and initial values are expanded here,
 * once, from Philox draws keyed by the seed, so the same (builder calls, seed) always give the same network.
 */
public final class NetworkBuilder {
    /**
     * One rank's part of a network partitioned across processes: rank r of R owns targets
     * {@code [size * r / R, size * (r + 1) / R)} of every population.
     */
    public record Part(int rank, int ranks) {
        public Part {
            if (ranks < 1 || rank < 0 || rank >= ranks) throw new IllegalArgumentException("part: rank " + rank + " of " + ranks);
        }

        public int from(int size) { return (int) ((long) size * rank / ranks); }

        public int to(int size) { return (int) ((long) size * (rank + 1) / ranks); }
    }

    /**
     * While bound (a distributed run binds it around loading the network), {@link #build()} keeps only the synapses
     * onto this part's targets. Every kept synapse has the weight and delay it has in the whole network, because
     * draws stay keyed by its index in the whole projection: a rank counts the other ranks' synapses (per pre row)
     * without storing them, so a part costs the memory of its own synapses only.
     */
    public static final ScopedValue<Part> PART = ScopedValue.newInstance();

    private final String name;
    private double dtMs = 0.1;
    private long seed = 1;
    private final List<PopulationSpec> populations = new ArrayList<>();
    private final List<ProjectionSpec> projections = new ArrayList<>();
    private final List<Object[]> backgrounds = new ArrayList<>();
    private final List<Object[]> currents = new ArrayList<>();
    private final List<Object[]> spikeProbes = new ArrayList<>();
    private final List<Object[]> stateProbes = new ArrayList<>();

    private record PopulationSpec(String name, int size, NeuronModel model, Map<String, double[]> initial,
                                  Map<String, double[]> uniformInit) {}

    private record ProjectionSpec(String name, String pre, String post, Connector connector, WeightSpec weights,
                                  DelaySpec delays, int channel, int weightExp, Projection prebuilt) {}

    NetworkBuilder(String name) { this.name = name; }

    public NetworkBuilder dtMs(double dtMs) { this.dtMs = dtMs; return this; }

    public NetworkBuilder seed(long seed) { this.seed = seed; return this; }

    public NetworkBuilder population(String name, int size, NeuronModel model) {
        populations.add(new PopulationSpec(name, size, model, new LinkedHashMap<>(), new LinkedHashMap<>()));
        return this;
    }

    public NetworkBuilder initial(String population, String variable, double[] values) {
        spec(population).initial.put(variable, values.clone());
        return this;
    }

    /** Initial values uniform in [low, high) (rounded to integers in fixed-point populations). */
    public NetworkBuilder initialUniform(String population, String variable, double low, double high) {
        spec(population).uniformInit.put(variable, new double[]{low, high});
        return this;
    }

    /** Initial values Normal(mean, sd) by Box-Muller on Philox draws (rounded to integers in fixed-point populations). */
    public NetworkBuilder initialNormal(String population, String variable, double mean, double sd) {
        spec(population).uniformInit.put(variable, new double[]{mean, sd, 1});
        return this;
    }

    public NetworkBuilder projection(String name, String pre, String post, Connector connector, WeightSpec weights,
                                     DelaySpec delays, int channel) {
        return projection(name, pre, post, connector, weights, delays, channel, 0);
    }

    /** Fixed-point form: weights are integer mantissas, the effective weight is mantissa << weightExp. */
    public NetworkBuilder projection(String name, String pre, String post, Connector connector, WeightSpec weights,
                                     DelaySpec delays, int channel, int weightExp) {
        projections.add(new ProjectionSpec(name, pre, post, connector, weights, delays, channel, weightExp, null));
        return this;
    }

    /** Add a projection already in CSR form (importers). */
    public NetworkBuilder projection(Projection projection) {
        projections.add(new ProjectionSpec(projection.name(), null, null, null, null, null, projection.channel(), projection.weightExp(), projection));
        return this;
    }

    public NetworkBuilder background(String population, int channel, double rateHz, double weight) {
        backgrounds.add(new Object[]{population, channel, rateHz, weight});
        return this;
    }

    public NetworkBuilder current(String population, int channel, int fromStep, int toStep, double amplitude) {
        currents.add(new Object[]{population, channel, fromStep, toStep, amplitude});
        return this;
    }

    public NetworkBuilder recordSpikes(String population, int[] neurons) {
        spikeProbes.add(new Object[]{population, neurons});
        return this;
    }

    public NetworkBuilder recordState(String population, String variable, int[] neurons, int everySteps) {
        stateProbes.add(new Object[]{population, variable, neurons, everySteps});
        return this;
    }

    private PopulationSpec spec(String population) {
        for (PopulationSpec p : populations) if (p.name.equals(population)) return p;
        throw new InvalidNetworkException("network '" + name + "': no population named '" + population + "'");
    }

    private int index(String population) {
        for (int i = 0; i < populations.size(); i++) if (populations.get(i).name.equals(population)) return i;
        throw new InvalidNetworkException("network '" + name + "': no population named '" + population + "'");
    }

    public Network build() {
        List<Population> pops = new ArrayList<>();
        for (int pi = 0; pi < populations.size(); pi++) {
            PopulationSpec s = populations.get(pi);
            Map<String, double[]> init = new LinkedHashMap<>(s.initial);
            boolean fixed = s.model.mode() == NumericMode.FIXED;
            for (var e : s.uniformInit.entrySet()) {
                int varIndex = s.model.stateVariables().indexOf(e.getKey());
                if (varIndex < 0) throw new InvalidNetworkException("population '" + s.name + "': initial." + e.getKey() + " is not a state variable of " + s.model.id() + " " + s.model.stateVariables());
                double a = e.getValue()[0], b = e.getValue()[1];
                boolean normal = e.getValue().length == 3;
                double[] v = new double[s.size];
                int stream = Streams.INITIAL + pi * 64 + varIndex;
                for (int i = 0; i < s.size; i++) {
                    double x;
                    if (normal) {
                        double u1 = 1.0 - Philox.uniform(Philox.draw(seed, stream, i, 0));
                        double u2 = Philox.uniform(Philox.draw(seed, stream, i, 1));
                        x = a + b * StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
                    } else {
                        x = a + (b - a) * Philox.uniform(Philox.draw(seed, stream, i, 0));
                    }
                    v[i] = fixed ? Math.rint(x) : (float) x;
                }
                init.put(e.getKey(), v);
            }
            pops.add(new Population(s.name, s.size, s.model, init));
        }
        boolean fixedNet = pops.stream().anyMatch(p -> p.model().mode() == NumericMode.FIXED);
        List<Projection> projs = new ArrayList<>();
        for (int j = 0; j < projections.size(); j++) {
            ProjectionSpec s = projections.get(j);
            Part part = PART.isBound() ? PART.get() : null;
            if (s.prebuilt == null) projs.add(expand(j, s, pops, fixedNet));
            else if (part == null) projs.add(s.prebuilt);
            else { int nPost = pops.get(s.prebuilt.post()).size(); projs.add(ownedPart(s.prebuilt, part.from(nPost), part.to(nPost))); }
        }
        List<BackgroundInput> bg = new ArrayList<>();
        for (Object[] b : backgrounds) {
            double w = (double) b[3];
            if (fixedNet && w != Math.rint(w)) throw new InvalidNetworkException("background input to '" + b[0] + "': fixed-point weight must be an integer, got " + w);
            bg.add(new BackgroundInput(index((String) b[0]), (int) b[1], (double) b[2], (float) w, fixedNet ? (int) w : 0));
        }
        List<CurrentInput> cur = new ArrayList<>();
        for (Object[] c : currents) cur.add(new CurrentInput(index((String) c[0]), (int) c[1], (int) c[2], (int) c[3], (double) c[4]));
        List<SpikeProbe> sp = new ArrayList<>();
        for (Object[] p : spikeProbes) sp.add(new SpikeProbe(index((String) p[0]), (int[]) p[1]));
        List<StateProbe> st = new ArrayList<>();
        for (Object[] p : stateProbes) st.add(new StateProbe(index((String) p[0]), (String) p[1], (int[]) p[2], (int) p[3]));
        return new Network(name, dtMs, seed, pops, projs, bg, cur, sp, st);
    }

    private Projection expand(int j, ProjectionSpec s, List<Population> pops, boolean fixed) {
        String at = "projection '" + s.name + "'";
        int pre = index(s.pre), post = index(s.post);
        int nPre = pops.get(pre).size(), nPost = pops.get(post).size();
        boolean same = pre == post;
        Part part = PART.isBound() ? PART.get() : null;
        int lo = part == null ? 0 : part.from(nPost), hi = part == null ? nPost : part.to(nPost);
        int[] global = null;   // per kept synapse: its index in the whole projection (null: the same as here)
        if (s.connector == null) throw new InvalidNetworkException(at + ": connector is required");
        // Collect (pre, post, explicit weight/delay index) pairs, then sort into CSR.
        long[] pairs;
        double[] explicitW = null;
        int[] explicitD = null;
        int[] order = null;
        switch (s.connector) {
            case Connector.AllToAll a -> {
                LongList l = new LongList();
                for (int i = 0; i < nPre; i++) for (int t = 0; t < nPost; t++) if (a.allowSelf() || !same || i != t) l.add(pack(i, t));
                pairs = l.toArray();
            }
            case Connector.OneToOne o -> {
                if (nPre != nPost) throw new InvalidNetworkException(at + ": one-to-one needs equal sizes, got " + nPre + " and " + nPost);
                pairs = new long[nPre];
                for (int i = 0; i < nPre; i++) pairs[i] = pack(i, i);
            }
            case Connector.FixedProbability f -> {
                LongList l = new LongList();
                IntList kept = part == null ? null : new IntList();
                int k = 0;      // index in the whole projection: rows come in order, targets ascending
                double p = f.p();
                int stream = Streams.CONNECT + j;
                if (p > 0) {
                    double logq = StrictMath.log1p(-Math.min(p, 1 - 1e-16));
                    for (int i = 0; i < nPre; i++) {
                        // Geometric skipping: the gap to the next synapse is floor(log(u) / log(1 - p)).
                        long t = -1;
                        int draw = 0;
                        while (true) {
                            double u = 1.0 - Philox.uniform(Philox.draw(seed, stream, i, draw++));
                            long gap = p >= 1 ? 0 : (long) Math.floor(StrictMath.log(u) / logq);
                            t += gap + 1;
                            if (t >= nPost) break;
                            if (f.allowSelf() || !same || t != i) {
                                if (t >= lo && t < hi) { l.add(pack(i, (int) t)); if (kept != null) kept.add(k); }
                                k++;
                            }
                        }
                    }
                }
                pairs = l.toArray();
                if (kept != null) global = kept.toArray();
            }
            case Connector.FixedFanIn f -> {
                int pool = same && !f.allowSelf() ? nPre - 1 : nPre;
                if (f.fanIn() > pool) throw new InvalidNetworkException(at + ": fan_in " + f.fanIn() + " exceeds the " + pool + " available pre neurons");
                pairs = new long[(hi - lo) * f.fanIn()];
                int stream = Streams.CONNECT + j;
                // A part draws every target's inputs (the draws are per target) but stores only its own; per pre row it
                // counts all synapses and those onto targets below its range, to place its own in the whole CSR.
                int[] rowCount = part == null ? null : new int[nPre], below = part == null ? null : new int[nPre];
                int[] chosen = new int[f.fanIn()];
                int[] markedBy = new int[pool];   // markedBy[x] == t + 1: x already chosen for target t
                int n = 0;
                for (int t = 0; t < nPost; t++) {
                    // Floyd's algorithm: fanIn distinct values from the pool, from Philox draws.
                    int c = 0;
                    for (int r = pool - f.fanIn(); r < pool; r++) {
                        int x = (int) ((Integer.toUnsignedLong(Philox.draw(seed, stream, t, r)) * (r + 1)) >>> 32);
                        int pick = markedBy[x] == t + 1 ? r : x;
                        markedBy[pick] = t + 1;
                        chosen[c++] = pick;
                    }
                    for (int k = 0; k < c; k++) {
                        int i = chosen[k];
                        if (same && !f.allowSelf() && i >= t) i++; // skip self
                        if (part == null) { pairs[n++] = pack(i, t); continue; }
                        rowCount[i]++;
                        if (t < lo) below[i]++;
                        else if (t < hi) pairs[n++] = pack(i, t);
                    }
                }
                if (part != null) {
                    Arrays.sort(pairs);
                    global = new int[n];
                    int rowStart = 0, row = 0, inRow = 0;
                    for (int q = 0; q < n; q++) {
                        int i = (int) (pairs[q] >>> 32);
                        for (; row < i; row++) { rowStart += rowCount[row]; inRow = 0; }
                        global[q] = rowStart + below[i] + inRow++;
                    }
                }
            }
            case Connector.Explicit e -> {
                pairs = new long[e.pre().length];
                for (int k = 0; k < pairs.length; k++) {
                    if (e.pre()[k] < 0 || e.pre()[k] >= nPre) throw new InvalidNetworkException(at + ": explicit synapse " + k + " has pre " + e.pre()[k] + " outside 0.." + (nPre - 1));
                    if (e.post()[k] < 0 || e.post()[k] >= nPost) throw new InvalidNetworkException(at + ": explicit synapse " + k + " has post " + e.post()[k] + " outside 0.." + (nPost - 1));
                    pairs[k] = pack(e.pre()[k], e.post()[k]);
                }
                explicitW = e.weights();
                explicitD = e.delaySteps();
                // Remember the original position so explicit weights follow their synapse through the sort.
                order = sortOrder(pairs);
            }
        }
        if (order == null) Arrays.sort(pairs);
        if (part != null && global == null) {
            // All-to-all, one-to-one and explicit: expanded whole (they are small by nature), then cut to the part.
            IntList keep = new IntList();
            for (int q = 0; q < pairs.length; q++) {
                int t = (int) (order == null ? pairs[q] : pairs[order[q]]);
                if (t >= lo && t < hi) keep.add(q);
            }
            global = keep.toArray();
            if (order == null) {
                long[] cut = new long[global.length];
                for (int q = 0; q < cut.length; q++) cut[q] = pairs[global[q]];
                pairs = cut;
            } else {
                int[] cut = new int[global.length];
                for (int q = 0; q < cut.length; q++) cut[q] = order[global[q]];
                order = cut;
            }
        }
        int n = order == null ? pairs.length : order.length;
        int[] rowPtr = new int[nPre + 1];
        int[] targets = new int[n];
        for (int k = 0; k < n; k++) {
            long pk = order == null ? pairs[k] : pairs[order[k]];
            rowPtr[(int) (pk >>> 32) + 1]++;
            targets[k] = (int) pk;
        }
        for (int i = 0; i < nPre; i++) rowPtr[i + 1] += rowPtr[i];
        double[] w = new double[n];
        int[] d = new int[n];
        int wStream = Streams.WEIGHTS + j, dStream = Streams.DELAYS + j;
        for (int k = 0; k < n; k++) {
            int src = order == null ? k : order[k];
            int g = global == null ? k : global[k];   // weight and delay draws are keyed by the whole-projection index
            if (explicitW != null) w[k] = explicitW[src];
            else if (s.weights == null) throw new InvalidNetworkException(at + ": weights are required");
            else w[k] = switch (s.weights) {
                case WeightSpec.Constant c -> c.value();
                case WeightSpec.Uniform u -> u.low() + (u.high() - u.low()) * Philox.uniform(Philox.draw(seed, wStream, g, 0));
                case WeightSpec.Normal nw -> {
                    double u1 = 1.0 - Philox.uniform(Philox.draw(seed, wStream, g, 0));
                    double u2 = Philox.uniform(Philox.draw(seed, wStream, g, 1));
                    double z = StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
                    yield Math.min(nw.clipHigh(), Math.max(nw.clipLow(), nw.mean() + nw.sd() * z));
                }
            };
            if (explicitD != null) d[k] = explicitD[src];
            else if (s.delays == null) throw new InvalidNetworkException(at + ": delays are required");
            else d[k] = switch (s.delays) {
                case DelaySpec.Constant c -> c.steps();
                case DelaySpec.UniformInt u -> u.lowSteps() + (int) ((Integer.toUnsignedLong(Philox.draw(seed, dStream, g, 0)) * (u.highSteps() - u.lowSteps() + 1)) >>> 32);
            };
        }
        if (fixed) {
            int[] m = new int[n];
            for (int k = 0; k < n; k++) {
                long r = Math.round(Math.abs(w[k])) * (long) Math.signum(w[k]);
                if (r < -128 || r > 127) throw new InvalidNetworkException(at + ": weight " + w[k] + " does not fit a signed 8-bit mantissa; raise weight_exp");
                m[k] = (int) r;
            }
            return new Projection(s.name, pre, post, s.channel, rowPtr, targets, null, m, s.weightExp, d);
        }
        float[] f = new float[n];
        for (int k = 0; k < n; k++) f[k] = (float) w[k];
        return new Projection(s.name, pre, post, s.channel, rowPtr, targets, f, null, 0, d);
    }

    /** The synapses of a CSR projection onto targets [lo, hi), same order, weights and delays. */
    private static Projection ownedPart(Projection pr, int lo, int hi) {
        int rows = pr.preSize();
        int[] rowPtr = new int[rows + 1];
        IntList keep = new IntList();
        for (int i = 0; i < rows; i++) {
            for (int q = pr.rowPtr()[i]; q < pr.rowPtr()[i + 1]; q++)
                if (pr.targets()[q] >= lo && pr.targets()[q] < hi) keep.add(q);
            rowPtr[i + 1] = keep.n;
        }
        int[] idx = keep.toArray();
        int[] targets = new int[idx.length], delays = new int[idx.length];
        for (int q = 0; q < idx.length; q++) { targets[q] = pr.targets()[idx[q]]; delays[q] = pr.delaySteps()[idx[q]]; }
        float[] w = null;
        int[] m = null;
        if (pr.isFixed()) { m = new int[idx.length]; for (int q = 0; q < idx.length; q++) m[q] = pr.weightMantissas()[idx[q]]; }
        else { w = new float[idx.length]; for (int q = 0; q < idx.length; q++) w[q] = pr.weights()[idx[q]]; }
        return new Projection(pr.name(), pr.pre(), pr.post(), pr.channel(), rowPtr, targets, w, m, pr.weightExp(), delays);
    }

    private static long pack(int pre, int post) { return ((long) pre << 32) | (post & 0xFFFFFFFFL); }

    private static int[] sortOrder(long[] keys) {
        Integer[] idx = new Integer[keys.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Long.compare(keys[a], keys[b]));
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) out[i] = idx[i];
        return out;
    }

    private static final class IntList {
        int[] a = new int[1024];
        int n;
        void add(int x) { if (n == a.length) a = Arrays.copyOf(a, n * 2); a[n++] = x; }
        int[] toArray() { return Arrays.copyOf(a, n); }
    }

    private static final class LongList {
        long[] a = new long[1024];
        int n;
        void add(long x) { if (n == a.length) a = Arrays.copyOf(a, n * 2); a[n++] = x; }
        long[] toArray() { return Arrays.copyOf(a, n); }
    }
}
