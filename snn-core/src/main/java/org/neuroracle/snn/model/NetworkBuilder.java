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
        Part part = PART.isBound() ? PART.get() : null;
        int lo = part == null ? 0 : part.from(nPost), hi = part == null ? nPost : part.to(nPost);
        if (s.connector == null) throw new InvalidNetworkException(at + ": connector is required");
        ConnectorExpansion.Csr csr = ConnectorExpansion.expand(s.connector, at, seed, Streams.CONNECT + j, nPre, nPost, pre == post, lo, hi, part != null);
        double[] explicitW = s.connector instanceof Connector.Explicit e ? e.weights() : null;
        int[] explicitD = s.connector instanceof Connector.Explicit e ? e.delaySteps() : null;
        if (explicitW == null && s.weights == null) throw new InvalidNetworkException(at + ": weights are required");
        if (explicitD == null && s.delays == null) throw new InvalidNetworkException(at + ": delays are required");
        int n = csr.size();
        float[] f = fixed ? null : new float[n];
        int[] m = fixed ? new int[n] : null;
        int[] d = new int[n];
        int wStream = Streams.WEIGHTS + j, dStream = Streams.DELAYS + j;
        // Constant weights and delays are filled, not computed per synapse: that loop (15.6 M synapses for Brunel)
        // runs once, while the JVM is still cold, so it paid for its switch and its compile (session 15).
        if (explicitW == null && s.weights instanceof WeightSpec.Constant c) {
            if (!fixed) Arrays.fill(f, (float) c.value());
            else if (n > 0) Arrays.fill(m, mantissa(at, c.value())); // n == 0: no synapse to refuse, as per synapse
        } else {
            for (int k = 0; k < n; k++) {
                // weight and delay draws are keyed by the whole-projection index
                double w = explicitW != null ? explicitW[csr.source()[k]] : weight(s.weights, seed, wStream, csr.globalIndex(k));
                if (fixed) m[k] = mantissa(at, w);
                else f[k] = (float) w;
            }
        }
        if (explicitD == null && s.delays instanceof DelaySpec.Constant c) {
            Arrays.fill(d, c.steps());
        } else {
            for (int k = 0; k < n; k++)
                d[k] = explicitD != null ? explicitD[csr.source()[k]] : delay(s.delays, seed, dStream, csr.globalIndex(k));
        }
        return new Projection(s.name, pre, post, s.channel, csr.rowPtr(), csr.targets(), f, m, fixed ? s.weightExp : 0, d);
    }

    /** Synapse g's weight under {@code spec}, from its Philox draws. */
    private static double weight(WeightSpec spec, long seed, int stream, int g) {
        return switch (spec) {
            case WeightSpec.Constant c -> c.value();
            case WeightSpec.Uniform u -> u.low() + (u.high() - u.low()) * Philox.uniform(Philox.draw(seed, stream, g, 0));
            case WeightSpec.Normal nw -> {
                double u1 = 1.0 - Philox.uniform(Philox.draw(seed, stream, g, 0));
                double u2 = Philox.uniform(Philox.draw(seed, stream, g, 1));
                double z = StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
                yield Math.min(nw.clipHigh(), Math.max(nw.clipLow(), nw.mean() + nw.sd() * z));
            }
        };
    }

    /** Synapse g's delay in steps under {@code spec}, from its Philox draw. */
    private static int delay(DelaySpec spec, long seed, int stream, int g) {
        return switch (spec) {
            case DelaySpec.Constant c -> c.steps();
            case DelaySpec.UniformInt u -> u.lowSteps() + (int) ((Integer.toUnsignedLong(Philox.draw(seed, stream, g, 0)) * (u.highSteps() - u.lowSteps() + 1)) >>> 32);
        };
    }

    /** A fixed-point weight as its signed 8-bit mantissa (rounded half away from zero), or a clear error (NaN too). */
    private static int mantissa(String at, double w) {
        long r = Math.round(Math.abs(w)) * (long) Math.signum(w);
        if (Double.isNaN(w) || r < -128 || r > 127) throw new InvalidNetworkException(at + ": weight " + w + " does not fit a signed 8-bit mantissa; raise weight_exp");
        return (int) r;
    }

    /** The synapses of a CSR projection onto targets [lo, hi), same order, weights and delays. */
    private static Projection ownedPart(Projection pr, int lo, int hi) {
        int rows = pr.preSize();
        int[] rowPtr = new int[rows + 1];
        ConnectorExpansion.IntList keep = new ConnectorExpansion.IntList();
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
}
