package org.neuroracle.snn.cpu;

import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Synapse;

/**
 * Float {@code lif}. Float32 arithmetic in a fixed order (documented in snn-core/README.md) that the OpenCL
 * kernels repeat; constants are computed once in double and rounded to float.
 */
final class LifState extends FloatState {
    private final float[] v;
    private final float[] scratch; // candidate v per neuron, written by the owning thread only
    private final int[] ref;
    private final float vRest, vReset, vTh, bias, dtOverTau, decayM, oneMinusDecayM;
    private final float[] propagator, reversal;
    private final boolean[] conductance;
    private final boolean exact, anyConductance;
    private final int refractorySteps;
    private final RefractoryList refractory;

    LifState(Population p, int index, int ringSlots, double dtMs) {
        super(p, index, ringSlots, ((Lif) p.model()).synapses(), dtMs);
        Lif m = (Lif) p.model();
        v = new float[size];
        scratch = new float[size];
        ref = new int[size];
        vRest = (float) m.vRestMv();
        vReset = (float) m.vResetMv();
        vTh = (float) m.vThresholdMv();
        bias = (float) m.biasMv();
        dtOverTau = (float) (dtMs / m.tauMembraneMs());
        decayM = (float) m.membraneDecay(dtMs);
        oneMinusDecayM = (float) m.membraneGain(dtMs);
        exact = m.integration() == Integration.EXACT;
        refractorySteps = m.refractorySteps(dtMs);
        propagator = new float[channels];
        reversal = new float[channels];
        conductance = new boolean[channels];
        boolean anyCond = false;
        for (int c = 0; c < channels; c++) {
            Synapse s = m.synapses().get(c);
            conductance[c] = s.kind() == Synapse.Kind.CONDUCTANCE;
            anyCond |= conductance[c];
            reversal[c] = (float) s.reversalMv();
            propagator[c] = (float) m.synapticPropagator(c, dtMs);
        }
        anyConductance = anyCond;
        refractory = new RefractoryList(size);
        reset();
    }

    @Override int step(int t, int slot, int lo, int hi, int[] extraFixed, float extraDriveMv, IntList spikes) {
        final int ch = channels;
        final float drive0 = bias + extraDriveMv;
        if (exact && anyConductance) {
            stepExponentialEuler(slot, lo, hi, drive0, spikes);
            return hi - lo;
        }
        // Channel-outer passes over plain float arrays, which the JIT vectorises. Each neuron still sees exactly
        // the float operations, in the order, of the per-neuron formulation documented in the README.
        final float[] v = this.v, x = scratch;
        deliver(slot, lo, hi);
        if (!exact) {
            final float vRest = this.vRest;
            for (int i = lo; i < hi; i++) x[i] = vRest - v[i] + drive0;
            for (int c = 0; c < ch; c++) {
                if (delta[c]) continue;
                final float[] gc = g[c];
                if (conductance[c]) {
                    final float e = reversal[c];
                    for (int i = lo; i < hi; i++) x[i] += gc[i] * (e - v[i]);
                } else {
                    for (int i = lo; i < hi; i++) x[i] += gc[i];
                }
            }
            final float k = dtOverTau;
            for (int i = lo; i < hi; i++) x[i] = v[i] + k * x[i];
        } else {
            final float vRest = this.vRest, dm = decayM, k0 = drive0 * oneMinusDecayM;
            for (int i = lo; i < hi; i++) x[i] = vRest + (v[i] - vRest) * dm + k0;
            for (int c = 0; c < ch; c++) {
                if (delta[c]) continue;
                final float[] gc = g[c];
                final float pc = propagator[c];
                for (int i = lo; i < hi; i++) x[i] += gc[i] * pc;
            }
        }
        for (int c = 0; c < ch; c++) {
            if (!delta[c]) continue;
            final float[] gc = g[c];
            for (int i = lo; i < hi; i++) x[i] += gc[i];
        }
        // Threshold and reset without a per-neuron refractory branch: every neuron takes its candidate v, the
        // rare crossings of non-refractory neurons are spikes, and the refractory list holds the rest at reset.
        final int[] ref = this.ref;
        final float vTh = this.vTh;
        System.arraycopy(x, lo, v, lo, hi - lo);
        final int firstSpike = spikes.size;
        for (int i = lo; i < hi; i++) if (x[i] >= vTh && ref[i] <= 0) spikes.add(i);
        refractory.step(lo, hi, ref, spikes, firstSpike, refractorySteps, v, vReset);
        for (int c = 0; c < ch; c++) {
            final float[] gc = g[c];
            final float d = gDecay[c];
            for (int i = lo; i < hi; i++) gc[i] *= d;
        }
        return hi - lo;
    }

    /** Exact integration with conductance channels: exponential Euler, conductances held over the step. */
    private void stepExponentialEuler(int slot, int lo, int hi, float drive0, IntList spikes) {
        final int ch = channels;
        for (int i = lo; i < hi; i++) {
            deliver(slot, i);
            float vi = v[i];
            if (ref[i] > 0) {
                ref[i]--;
                vi = vReset;
            } else {
                float gTotal = 0f, num = vRest + drive0;
                for (int c = 0; c < ch; c++) {
                    if (conductance[c]) { gTotal += g[c][i]; num += g[c][i] * reversal[c]; }
                    else if (!delta[c]) num += g[c][i];
                }
                float vInf = num / (1f + gTotal);
                vi = vInf + (vi - vInf) * (float) Math.exp(-dtOverTau * (1f + gTotal));
                for (int c = 0; c < ch; c++) if (delta[c]) vi += g[c][i];
                if (vi >= vTh) {
                    spikes.add(i);
                    vi = vReset;
                    ref[i] = refractorySteps;
                }
            }
            v[i] = vi;
            decaySynapses(i);
        }
    }

    @Override double[] read(String variable) {
        return switch (variable) {
            case "v" -> toDouble(v);
            case "ref" -> toDouble(ref);
            default -> readTrace(variable);
        };
    }

    @Override void reset() {
        double[] v0 = init(population, "v");
        for (int i = 0; i < size; i++) v[i] = (float) v0[i];
        double[] r0 = init(population, "ref");
        for (int i = 0; i < size; i++) ref[i] = (int) r0[i];
        refractory.invalidate();
        resetTraces();
    }
}
