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
 * Quantises an imported float model to {@code cuba-lif-fixed}. Per population a scale S = 2^14 / v_threshold
 * (fixed units per mV) puts the threshold at vth = 2^8 (so v and u have 512x headroom below 2^23, which they wrap or clamp at); decays are
 * du = round(4096 (1 - e^{-dt/tau_syn})) - 1 (4095 for delta inputs: u holds one step's input) and
 * dv = round(4096 (1 - e^{-dt/tau_mem})); each projection gets the smallest weight exponent that fits its largest
 * weight in a signed 8-bit mantissa. A current-synapse weight w becomes w * P * S (P = the float model's exact
 * synaptic propagator), since the fixed model adds u to v in the step it arrives.
 */
public final class FixedPointConverter {
    private FixedPointConverter() {}

    public record Result(NirModel fixed, double[] scalePerPopulation, double spikeAgreement, long floatSpikes, long fixedSpikes,
                         double membraneRmseMv, double membraneRmseOfThreshold, int steps) {
        public String report() {
            return String.format(Locale.ROOT, "fixed-point conversion over %d steps: spike agreement %.4f (%d float spikes, %d fixed spikes);"
                    + " membrane RMSE %.4g mV = %.4g of threshold", steps, spikeAgreement, floatSpikes, fixedSpikes, membraneRmseMv, membraneRmseOfThreshold);
        }
    }

    public static Result convert(NirModel model, int steps) {
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
            scale[p] = (1 << 14) / l.vThresholdMv();
            Synapse s = l.synapses().get(0);
            int du = s.kind() == Synapse.Kind.DELTA ? 4095 : clamp((int) Math.round(4096 * -Math.expm1(-dt / s.tauMs())) - 1);
            double beta = Math.exp(-dt / l.tauMembraneMs());
            int dv = clamp((int) Math.round(4096 * (1 - beta)));
            long bias = Math.round(l.biasMv() * (1 - beta) * scale[p]);
            int biasExp = 0;
            while (Math.abs(bias >> biasExp) > 4095 && biasExp < 7) biasExp++;
            int biasMant = (int) Math.max(-4096, Math.min(4095, Math.round((double) bias / (1 << biasExp))));
            int refr = (int) Math.round(l.refractoryMs() / dt);
            pops.add(new Population(pop.name(), pop.size(), new CubaLifFixed(new int[]{du}, dv, 1 << 8, biasMant, biasExp, refr), null));
        }
        List<Projection> projs = new ArrayList<>();
        for (Projection pr : net.projections()) {
            Lif target = (Lif) net.populations().get(pr.post()).model();
            Synapse s = target.synapses().get(0);
            double c = s.kind() == Synapse.Kind.DELTA ? 1 : synapticPropagator(dt, target.tauMembraneMs(), s.tauMs());
            double f = c * scale[pr.post()] / 64;
            double max = 0;
            for (float w : pr.weights()) max = Math.max(max, Math.abs(w * f));
            int exp = 0;
            while (max / (1 << exp) > 127.49 && exp < 16) exp++;
            int[] mant = new int[pr.synapseCount()];
            for (int k = 0; k < mant.length; k++) mant[k] = (int) Math.max(-128, Math.min(127, Math.round(pr.weights()[k] * f / (1 << exp))));
            projs.add(new Projection(pr.name(), pr.pre(), pr.post(), 0, pr.rowPtr(), pr.targets(), null, mant, exp, pr.delaySteps()));
        }
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
        double sq = 0, sqRel = 0;
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
                    }
                }
            }
            a = x.spikes();
            b = y.spikes();
        }
        Set<Long> sa = keys(a, net), sb = keys(b, net);
        long both = sa.stream().filter(sb::contains).count();
        double agreement = Math.max(sa.size(), sb.size()) == 0 ? 1 : (double) both / Math.max(sa.size(), sb.size());
        return new Result(fixed, scale, agreement, sa.size(), sb.size(), Math.sqrt(sq / Math.max(1, count)), Math.sqrt(sqRel / Math.max(1, count)), steps);
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

    private static int clamp(int x) { return Math.max(0, Math.min(4095, x)); }

    /** The float model's exact contribution to v of a unit synaptic current over one step (as the cpu backend uses). */
    static double synapticPropagator(double dtMs, double tauM, double tauSyn) {
        if (Math.abs(tauSyn - tauM) < 1e-9 * tauM) return dtMs / tauM * Math.exp(-dtMs / tauM);
        return tauSyn / (tauSyn - tauM) * (Math.exp(-dtMs / tauSyn) - Math.exp(-dtMs / tauM));
    }
}
