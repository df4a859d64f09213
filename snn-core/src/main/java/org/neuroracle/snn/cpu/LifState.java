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

    /** The standard networks' channel layouts, each updated in one fused loop the JIT vectorises. */
    private enum Fused { NONE, EULER_TWO_CONDUCTANCES, EXACT_TWO_CURRENTS, EXACT_ONE_DELTA }
    private final Fused fused;

    /**
     * Whether this JVM resolved the incubating Vector API module ({@code --add-modules jdk.incubator.vector}; the
     * launcher passes it with {@code NEURORACLE_VECTOR=1}; {@link KernelChoice} decides per run whether it is used). Checked here, so {@link LifVectorKernel} is never loaded
     * without it.
     */
    static final boolean VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    /** COBA's and CUBA's layouts can take {@link LifVectorKernel}, and whether they do in the coming steps. */
    private final VectorKernelSwitch vectorKernel;

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
        fused = fusedLayout(m);
        vectorKernel = new VectorKernelSwitch((fused == Fused.EULER_TWO_CONDUCTANCES || fused == Fused.EXACT_TWO_CURRENTS) && vReset < vTh,
                () -> LifVectorKernel.usable());
        reset();
    }

    @Override boolean vectorKernelActive() { return vectorKernel.active(); }

    @Override void useVectorKernel(KernelChoice.Selection kernels) {
        // The kernel keeps no refractory list; the scalar path's list is derived from ref and must be rebuilt.
        if (vectorKernel.use(kernels.takes(KernelChoice.Kernel.FLOAT_LIF))) refractory.invalidate();
    }

    @Override int step(int t, int slot, int lo, int hi, int[] extraFixed, float extraDriveMv, IntList spikes) {
        final int ch = channels;
        final float drive0 = bias + extraDriveMv;
        if (vectorKernel.active()) {
            if (fused == Fused.EULER_TWO_CONDUCTANCES)
                LifVectorKernel.eulerTwoConductances(v, ref, g[0], g[1], ring[0][slot], ring[1][slot], lo, hi, vRest, drive0,
                        reversal[0], reversal[1], dtOverTau, gDecay[0], gDecay[1], vTh, vReset, refractorySteps, spikes);
            else
                LifVectorKernel.exactTwoCurrents(v, ref, g[0], g[1], ring[0][slot], ring[1][slot], lo, hi, vRest, decayM,
                        drive0 * oneMinusDecayM, propagator[0], propagator[1], gDecay[0], gDecay[1], vTh, vReset, refractorySteps, spikes);
            return hi - lo;
        }
        if (exact && anyConductance) {
            stepExponentialEuler(slot, lo, hi, drive0, spikes);
            return hi - lo;
        }
        if (fused != Fused.NONE) return stepFused(slot, lo, hi, drive0, spikes);
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
        Crossings.atLeast(x, vTh, ref, lo, hi, spikes);
        refractory.step(lo, hi, ref, spikes, firstSpike, refractorySteps, v, vReset);
        for (int c = 0; c < ch; c++) {
            final float[] gc = g[c];
            final float d = gDecay[c];
            for (int i = lo; i < hi; i++) gc[i] *= d;
        }
        return hi - lo;
    }

    private static Fused fusedLayout(Lif m) {
        var k = m.synapses().stream().map(org.neuroracle.snn.model.Synapse::kind).toList();
        if (m.integration() == Integration.EULER && k.equals(java.util.List.of(Synapse.Kind.CONDUCTANCE, Synapse.Kind.CONDUCTANCE)))
            return Fused.EULER_TWO_CONDUCTANCES;
        if (m.integration() == Integration.EXACT && k.equals(java.util.List.of(Synapse.Kind.CURRENT, Synapse.Kind.CURRENT)))
            return Fused.EXACT_TWO_CURRENTS;
        if (m.integration() == Integration.EXACT && k.equals(java.util.List.of(Synapse.Kind.DELTA)))
            return Fused.EXACT_ONE_DELTA;
        return Fused.NONE;
    }

    /**
     * Deliver, update and trace decay in one pass per neuron for the common layouts: the same float operations in
     * the same order as the channel-outer passes (so the same bits), but each array is read and written once.
     * v takes the candidate value; threshold and refractory hold follow as in {@link #step}.
     */
    private int stepFused(int slot, int lo, int hi, float drive0, IntList spikes) {
        final float[] v = this.v;
        final float vRest = this.vRest;
        switch (fused) {
            case EULER_TWO_CONDUCTANCES -> {
                final float[] g0 = g[0], g1 = g[1], r0 = ring[0][slot], r1 = ring[1][slot];
                final float e0 = reversal[0], e1 = reversal[1], k = dtOverTau, d0 = gDecay[0], d1 = gDecay[1];
                for (int i = lo; i < hi; i++) {
                    final float a = g0[i] + r0[i], b = g1[i] + r1[i], vi = v[i];
                    r0[i] = 0f;
                    r1[i] = 0f;
                    float x = vRest - vi + drive0;
                    x += a * (e0 - vi);
                    x += b * (e1 - vi);
                    v[i] = vi + k * x;
                    g0[i] = a * d0;
                    g1[i] = b * d1;
                }
            }
            case EXACT_TWO_CURRENTS -> {
                final float[] g0 = g[0], g1 = g[1], r0 = ring[0][slot], r1 = ring[1][slot];
                final float dm = decayM, k0 = drive0 * oneMinusDecayM, p0 = propagator[0], p1 = propagator[1];
                final float d0 = gDecay[0], d1 = gDecay[1];
                for (int i = lo; i < hi; i++) {
                    final float a = g0[i] + r0[i], b = g1[i] + r1[i];
                    r0[i] = 0f;
                    r1[i] = 0f;
                    float x = vRest + (v[i] - vRest) * dm + k0;
                    x += a * p0;
                    x += b * p1;
                    v[i] = x;
                    g0[i] = a * d0;
                    g1[i] = b * d1;
                }
            }
            case EXACT_ONE_DELTA -> {
                final float[] g0 = g[0], r0 = ring[0][slot];
                final float dm = decayM, k0 = drive0 * oneMinusDecayM, d0 = gDecay[0];
                for (int i = lo; i < hi; i++) {
                    final float a = g0[i] + r0[i];
                    r0[i] = 0f;
                    float x = vRest + (v[i] - vRest) * dm + k0;
                    x += a;
                    v[i] = x;
                    g0[i] = a * d0;
                }
            }
            case NONE -> throw new IllegalStateException("no fused layout");
        }
        final int[] ref = this.ref;
        final float vTh = this.vTh;
        final int firstSpike = spikes.size;
        Crossings.atLeast(v, vTh, ref, lo, hi, spikes);
        refractory.step(lo, hi, ref, spikes, firstSpike, refractorySteps, v, vReset);
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

    @Override void rangesChanged() { refractory.invalidate(); }

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
