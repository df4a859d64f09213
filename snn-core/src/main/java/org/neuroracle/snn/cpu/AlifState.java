package org.neuroracle.snn.cpu;

import org.neuroracle.snn.model.Alif;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Population;

/** Float {@code alif}: LIF with a threshold raised by beta * a; a += 1 at a spike, then decays every step. */
final class AlifState extends FloatState {
    private final float[] v, a;
    private final int[] ref;
    private final float vRest, vReset, vTh, bias, beta, dtOverTau, decayM, oneMinusDecayM, decayA;
    private final float[] propagator;
    private final boolean exact;
    private final int refractorySteps;

    AlifState(Population p, int index, int ringSlots, double dtMs) {
        super(p, index, ringSlots, ((Alif) p.model()).synapses(), dtMs);
        Alif m = (Alif) p.model();
        v = new float[size];
        a = new float[size];
        ref = new int[size];
        vRest = (float) m.vRestMv();
        vReset = (float) m.vResetMv();
        vTh = (float) m.vThresholdMv();
        bias = (float) m.biasMv();
        beta = (float) m.betaMv();
        dtOverTau = (float) (dtMs / m.tauMembraneMs());
        decayM = (float) m.membraneDecay(dtMs);
        oneMinusDecayM = (float) m.membraneGain(dtMs);
        decayA = (float) m.adaptationDecay(dtMs);
        exact = m.integration() == Integration.EXACT;
        refractorySteps = m.refractorySteps(dtMs);
        propagator = new float[channels];
        for (int c = 0; c < channels; c++)
            propagator[c] = (float) m.synapticPropagator(c, dtMs);
        reset();
    }

    @Override int step(int t, int slot, int lo, int hi, int[] extraFixed, float extraDriveMv, IntList spikes) {
        final int ch = channels;
        final float drive0 = bias + extraDriveMv;
        for (int i = lo; i < hi; i++) {
            deliver(slot, i);
            float vi = v[i], ai = a[i];
            if (ref[i] > 0) {
                ref[i]--;
                vi = vReset;
            } else {
                if (!exact) {
                    float drive = vRest - vi + drive0;
                    for (int c = 0; c < ch; c++) if (!delta[c]) drive += g[c][i];
                    vi = vi + dtOverTau * drive;
                } else {
                    float x = vRest + (vi - vRest) * decayM + drive0 * oneMinusDecayM;
                    for (int c = 0; c < ch; c++) if (!delta[c]) x += g[c][i] * propagator[c];
                    vi = x;
                }
                for (int c = 0; c < ch; c++) if (delta[c]) vi += g[c][i];
                if (vi >= vTh + beta * ai) {
                    spikes.add(i);
                    vi = vReset;
                    ref[i] = refractorySteps;
                    ai += 1f;
                }
            }
            v[i] = vi;
            a[i] = ai * decayA;
            decaySynapses(i);
        }
        return hi - lo;
    }

    @Override double[] read(String variable) {
        return switch (variable) {
            case "v" -> toDouble(v);
            case "a" -> toDouble(a);
            case "ref" -> toDouble(ref);
            default -> readTrace(variable);
        };
    }

    @Override void reset() {
        double[] v0 = init(population, "v"), a0 = init(population, "a"), r0 = init(population, "ref");
        for (int i = 0; i < size; i++) { v[i] = (float) v0[i]; a[i] = (float) a0[i]; ref[i] = (int) r0[i]; }
        resetTraces();
    }
}
