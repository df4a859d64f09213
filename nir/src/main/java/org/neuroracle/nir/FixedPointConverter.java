package org.neuroracle.nir;

import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Projection;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.model.Synapse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Quantises an imported float model to {@code cuba-lif-fixed} within a {@link Precision}. Per population a scale
 * S = vth * 64 / v_threshold (fixed units per mV) puts the threshold at vth << 6; decays are
 * du = round(4096 (1 - e^{-dt/tau_syn})) - 1 (4095 for delta inputs: u holds one step's input) and
 * dv = round(4096 (1 - e^{-dt/tau_mem})). A current-synapse weight w becomes w * P * S / 64 (P = the float model's
 * exact synaptic propagator), since the fixed model adds u to v in the step it arrives. Per projection the weights
 * choose their precision: the smallest exponent that fits the largest weight in the allowed mantissa width, and,
 * where that leaves a rounding error above 2^-12 of the largest weight, a second projection over the same synapses
 * carrying the remainder ({@code name.remainder}); {@link ProjectionReport} gives the error of each.
 */
public final class FixedPointConverter {
    private FixedPointConverter() {}

    /**
     * What the target allows: signed weight mantissas of at most {@code weightBits} bits (sign included; a board
     * profile's {@code topology.weight_bits}), shared exponents 0..16 per projection, and the threshold mantissa
     * {@code vth} (threshold at vth << 6 in v units: more resolution for the weights, less headroom below 2^23).
     */
    public record Precision(int weightBits, int thresholdMantissa, int maxTerms) {
        public Precision {
            if (maxTerms < 1 || maxTerms > 3) throw new NirException("terms per weight = " + maxTerms + " must be 1..3");
            if (weightBits < 2 || weightBits > org.neuroracle.snn.model.Projection.MAX_WEIGHT_BITS)
                throw new NirException("weight_bits = " + weightBits + " must be 2.." + org.neuroracle.snn.model.Projection.MAX_WEIGHT_BITS + " (signed mantissa width)");
            if (thresholdMantissa < 1 || thresholdMantissa >= (1 << 17))
                throw new NirException("threshold mantissa " + thresholdMantissa + " must be 1..131071 (17-bit vth)");
        }

        /** ARCHITECTURE.md's cuba-lif-fixed: signed 8-bit mantissas, threshold mantissa 2^8 (512x headroom). */
        public static Precision defaults() { return new Precision(8, 1 << 8, 1); }

        public Precision(int weightBits, int thresholdMantissa) { this(weightBits, thresholdMantissa, 1); }

        /**
         * For a target whose weights are {@code bits} wide: threshold mantissa 2^10 (threshold at 2^16, 128x headroom
         * below the 24-bit u and v, and 4x finer membrane resolution than 2^8), and up to two terms per weight: a
         * projection whose rounding error exceeds 2^-12 of its largest weight gets a second projection over the same
         * synapses carrying the remainder (so a 9-bit board holds about 17-bit weights at twice the synapses).
         */
        public static Precision forWeightBits(int bits) { return new Precision(bits, 1 << 10, 2); }
    }

    /**
     * Quantisation of one projection: the mantissa width it uses (chosen from its weights: the fewest bits at which
     * the exponent reaches 0, capped by the precision), its exponent, and the error of the integer weights against
     * the float weights in fixed units (RMS and max absolute, and RMS relative to the RMS weight).
     */
    public record ProjectionReport(String name, int synapses, int mantissaBits, int weightExp, int loMantissaBits, int loWeightExp,
                                   double maxAbsWeight, double rmsError, double maxError, double relativeRmsError) {
        public String line() {
            String terms = loMantissaBits == 0 ? String.format(Locale.ROOT, "%2d-bit mantissa, exp %2d", mantissaBits, weightExp)
                    : String.format(Locale.ROOT, "%2d-bit mantissa, exp %2d + remainder %2d-bit, exp %2d", mantissaBits, weightExp, loMantissaBits, loWeightExp);
            return String.format(Locale.ROOT, "  %-20s %7d synapses  %-44s max|w| %9.1f  error rms %.4g max %.4g (%.4f%% of rms weight)",
                    name, synapses, terms, maxAbsWeight, rmsError, maxError, 100 * relativeRmsError);
        }
    }

    public record Result(NirModel fixed, double[] scalePerPopulation, double spikeAgreement, long floatSpikes, long fixedSpikes,
                         double membraneRmseMv, double membraneRmseOfThreshold, double saturatedFraction, double unsaturatedRmseOfThreshold,
                         int steps, Precision precision, List<ProjectionReport> projections) {
        public String report() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "fixed-point conversion (%d-bit weights, vth %d) over %d steps: spike agreement %.4f (%d float spikes, %d fixed spikes);"
                    + " membrane RMSE %.4g mV = %.4g of threshold (%.4g of threshold over the %.2f%% of samples where fixed v is not saturated at +-(2^23 - 1))",
                    precision.weightBits(), precision.thresholdMantissa(), steps, spikeAgreement, floatSpikes, fixedSpikes,
                    membraneRmseMv, membraneRmseOfThreshold, unsaturatedRmseOfThreshold, 100 * (1 - saturatedFraction)));
            b.append("\nquantisation per projection:");
            for (ProjectionReport p : projections) b.append('\n').append(p.line());
            return b.toString();
        }
    }

    public static Result convert(NirModel model, int steps) { return convert(model, steps, Precision.defaults()); }

    public static Result convert(NirModel model, int steps, Precision precision) {
        Network net = model.network();
        double dt = net.dtMs();
        int np = net.populations().size();
        double[] scale = new double[np];
        List<Population> pops = new ArrayList<>();
        for (int p = 0; p < np; p++) {
            Population pop = net.populations().get(p);
            if (pop.model().isSource()) { pops.add(pop); continue; }
            if (!(pop.model() instanceof Lif l))
                throw new NirException("population '" + pop.name() + "' (" + pop.model().id() + "): only float lif populations can be quantised");
            String at = "population '" + pop.name() + "'";
            if (l.synapses().size() != 1) throw new NirException(at + ": cuba-lif-fixed conversion needs one synapse channel, found " + l.synapses().size());
            if (l.vThresholdMv() >= Discretisation.NEVER_MV) throw new NirException(at + ": never spikes (leaky integrator); cuba-lif-fixed needs a threshold below 2^23");
            if (l.vRestMv() != 0 || l.vResetMv() != 0) throw new NirException(at + ": cuba-lif-fixed rests and resets at 0; v_rest " + l.vRestMv() + ", v_reset " + l.vResetMv());
            if (!(l.vThresholdMv() > 0)) throw new NirException(at + ": threshold " + l.vThresholdMv() + " must be positive for cuba-lif-fixed");
            scale[p] = precision.thresholdMantissa() * 64.0 / l.vThresholdMv();
            Synapse s = l.synapses().get(0);
            int du = s.kind() == Synapse.Kind.DELTA ? 4095 : clamp((int) Math.round(4096 * -Math.expm1(-dt / s.tauMs())) - 1);
            double beta = Math.exp(-dt / l.tauMembraneMs());
            int dv = clamp((int) Math.round(4096 * (1 - beta)));
            long bias = Math.round(l.biasMv() * (1 - beta) * scale[p]);
            int biasExp = 0;
            while (Math.abs(bias >> biasExp) > 4095 && biasExp < 7) biasExp++;
            int biasMant = (int) Math.max(-4096, Math.min(4095, Math.round((double) bias / (1 << biasExp))));
            int refr = (int) Math.round(l.refractoryMs() / dt);
            pops.add(new Population(pop.name(), pop.size(), new CubaLifFixed(new int[]{du}, dv, precision.thresholdMantissa(), biasMant, biasExp, refr), null));
        }
        List<Projection> projs = new ArrayList<>();
        List<ProjectionReport> reports = new ArrayList<>();
        List<Projection> remainders = new ArrayList<>();
        int maxMant = (1 << (precision.weightBits() - 1)) - 1;
        for (Projection pr : net.projections()) {
            Lif target = (Lif) net.populations().get(pr.post()).model();
            Synapse s = target.synapses().get(0);
            double c = s.kind() == Synapse.Kind.DELTA ? 1 : synapticPropagator(dt, target.tauMembraneMs(), s.tauMs());
            double f = c * scale[pr.post()] / 64;
            double max = 0;
            for (float w : pr.weights()) max = Math.max(max, Math.abs(w * f));
            int n = pr.synapseCount();
            double[] x = new double[n];
            for (int k = 0; k < n; k++) x[k] = pr.weights()[k] * f;
            int exp = exponent(max, maxMant);
            int[] mant = round(x, exp, maxMant);
            double[] rest = new double[n];
            double restMax = 0;
            for (int k = 0; k < n; k++) { rest[k] = x[k] - (double) mant[k] * (1 << exp); restMax = Math.max(restMax, Math.abs(rest[k])); }
            int[] lo = null;
            int loExp = 0;
            // A remainder projection where one term leaves more than 2^-12 of the largest weight (and exp > 0 leaves room).
            if (precision.maxTerms() > 1 && exp > 0 && restMax > max / 4096) {
                loExp = exponent(restMax, maxMant);
                lo = round(rest, loExp, maxMant);
            }
            double sq = 0, sqW = 0, maxErr = 0;
            int widest = 0, widestLo = 0;
            for (int k = 0; k < n; k++) {
                double q = (double) mant[k] * (1 << exp) + (lo == null ? 0 : (double) lo[k] * (1 << loExp));
                double err = q - x[k];
                sq += err * err;
                sqW += x[k] * x[k];
                maxErr = Math.max(maxErr, Math.abs(err));
                widest = Math.max(widest, signedBits(mant[k]));
                if (lo != null) widestLo = Math.max(widestLo, signedBits(lo[k]));
            }
            reports.add(new ProjectionReport(pr.name(), n, widest, exp, lo == null ? 0 : widestLo, loExp, max, Math.sqrt(sq / Math.max(1, n)), maxErr,
                    sqW == 0 ? 0 : Math.sqrt(sq / sqW)));
            projs.add(new Projection(pr.name(), pr.pre(), pr.post(), 0, pr.rowPtr(), pr.targets(), null, mant, exp, pr.delaySteps()));
            if (lo != null) remainders.add(new Projection(pr.name() + ".remainder", pr.pre(), pr.post(), 0, pr.rowPtr(), pr.targets(), null, lo, loExp, pr.delaySteps()));
        }
        projs.addAll(remainders);
        Network fixedNet = new Network(net.name() + "-fixed", dt, net.seed(), pops, projs, List.of(), List.of(), net.spikeProbes(), List.of());
        NirModel fixed = new NirModel(fixedNet, model.inputPopulations(), model.outputPopulations());

        // Quantisation error: the same input through both networks.
        NirModel f0 = model, f1 = fixed;
        for (String in : model.inputPopulations()) {
            Population p = net.population(in);
            if (p.model() instanceof SpikeSourceArray s && s.spikeCount() > 0) continue;
            int[][] pat = pattern(p.size(), steps);
            f0 = f0.withInputSpikes(in, pat[0], pat[1]);
            f1 = f1.withInputSpikes(in, pat[0], pat[1]);
        }
        double sq = 0, sqRel = 0, sqFree = 0;
        long saturated = 0;
        long count = 0;
        SpikeRaster a, b;
        try (Simulation x = Backends.byName("cpu").compile(f0.network(), Options.defaults());
             Simulation y = Backends.byName("cpu").compile(f1.network(), Options.defaults())) {
            for (int t = 0; t < steps; t++) {
                x.run(1);
                y.run(1);
                for (int p = 0; p < np; p++) {
                    Population pop = net.populations().get(p);
                    if (pop.model().isSource() || pop.name().equals(Discretisation.CLOCK)) continue;
                    double[] vf = x.state(p, "v"), vq = y.state(p, "v");
                    double th = ((Lif) pop.model()).vThresholdMv();
                    for (int i = 0; i < vf.length; i++) {
                        double d = vq[i] / scale[p] - vf[i];
                        sq += d * d;
                        sqRel += (d / th) * (d / th);
                        count++;
                        // v saturates at +-(2^23 - 1); a float v beyond it (deep inhibition) is not a rounding error.
                        if (Math.abs(vq[i]) >= (1 << 23) - 1) saturated++;
                        else sqFree += (d / th) * (d / th);
                    }
                }
            }
            a = x.spikes();
            b = y.spikes();
        }
        Set<Long> sa = keys(a, net), sb = keys(b, net);
        long both = sa.stream().filter(sb::contains).count();
        double agreement = Math.max(sa.size(), sb.size()) == 0 ? 1 : (double) both / Math.max(sa.size(), sb.size());
        return new Result(fixed, scale, agreement, sa.size(), sb.size(), Math.sqrt(sq / Math.max(1, count)), Math.sqrt(sqRel / Math.max(1, count)),
                (double) saturated / Math.max(1, count), Math.sqrt(sqFree / Math.max(1, count - saturated)), steps,
                precision, List.copyOf(reports));
    }

    private static Set<Long> keys(SpikeRaster r, Network net) {
        Set<Long> s = new HashSet<>();
        for (int k = 0; k < r.size(); k++) {
            Population p = net.populations().get(r.population(k));
            if (p.model().isSource() || p.name().equals(Discretisation.CLOCK)) continue;
            s.add(((long) r.step(k) << 40) | ((long) r.population(k) << 28) | r.neuron(k));
        }
        return s;
    }

    /** A deterministic input for the comparison: neuron i spikes at steps t with (7 i + 3 t) mod 11 == 0. */
    static int[][] pattern(int size, int steps) {
        List<Integer> s = new ArrayList<>(), n = new ArrayList<>();
        for (int t = 0; t < steps; t++) for (int i = 0; i < size; i++) if ((7 * i + 3 * t) % 11 == 0) { s.add(t); n.add(i); }
        return new int[][]{s.stream().mapToInt(Integer::intValue).toArray(), n.stream().mapToInt(Integer::intValue).toArray()};
    }

    /** The smallest exponent 0..16 at which max / 2^exp rounds into the mantissa range. */
    private static int exponent(double max, int maxMant) {
        int exp = 0;
        while (max / (1 << exp) > maxMant + 0.49 && exp < 16) exp++;
        return exp;
    }

    private static int[] round(double[] x, int exp, int maxMant) {
        int[] m = new int[x.length];
        for (int k = 0; k < x.length; k++) m[k] = (int) Math.max(-maxMant - 1, Math.min(maxMant, Math.round(x[k] / (1 << exp))));
        return m;
    }

    /** Bits of a signed two's-complement integer holding m (sign included). */
    static int signedBits(int m) {
        int b = 1;
        while (m < -(1 << (b - 1)) || m > (1 << (b - 1)) - 1) b++;
        return b;
    }

    /**
     * Spike agreement of two networks with the same populations over several inputs fed to {@code input}:
     * sum over inputs of |common spikes| / sum of max(|float spikes|, |fixed spikes|), spikes of non-source
     * populations keyed by (step, population, neuron).
     */
    public static double agreement(NirModel a, NirModel b, String input, List<SpikeInput> inputs, int steps) {
        long common = 0, total = 0;
        for (SpikeInput in : inputs) {
            Set<Long> sa = run(a.withInputSpikes(input, in.steps(), in.neurons()).network(), steps);
            Set<Long> sb = run(b.withInputSpikes(input, in.steps(), in.neurons()).network(), steps);
            for (long k : sa) if (sb.contains(k)) common++;
            total += Math.max(sa.size(), sb.size());
        }
        return total == 0 ? 1 : (double) common / total;
    }

    private static Set<Long> run(Network net, int steps) {
        try (Simulation x = Backends.byName("cpu").compile(net, Options.defaults())) {
            x.run(steps);
            return keys(x.spikes(), net);
        }
    }

    private static int clamp(int x) { return Math.max(0, Math.min(4095, x)); }

    /** The float model's exact contribution to v of a unit synaptic current over one step (as the cpu backend uses). */
    static double synapticPropagator(double dtMs, double tauM, double tauSyn) {
        if (Math.abs(tauSyn - tauM) < 1e-9 * tauM) return dtMs / tauM * Math.exp(-dtMs / tauM);
        return tauSyn / (tauSyn - tauM) * (Math.exp(-dtMs / tauSyn) - Math.exp(-dtMs / tauM));
    }
}
