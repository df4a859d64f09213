package org.neuroracle.snn.cpu;

import org.neuroracle.snn.fixed.FixedLif;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.rng.Philox;
import org.neuroracle.snn.rng.PoissonTable;

/** {@code cuba-lif-fixed}: integer u per channel, v, refractory counter; neurons at zero state are skipped. */
final class FixedLifState extends PopState {
    private final CubaLifFixed model;
    private final int channels;
    private final int[][] u;
    private final int[] v;
    private final int[] ref;
    private final int[][] ring;
    private final int[] du;
    private final int dv, vth, bias, refractorySteps;

    FixedLifState(Population p, int index, int ringSlots) {
        super(p, index, ringSlots);
        model = (CubaLifFixed) p.model();
        channels = model.channels();
        u = new int[channels][size];
        v = new int[size];
        ref = new int[size];
        ring = new int[channels][ringSlots * size];
        du = model.du();
        dv = model.dv();
        vth = model.vth();
        bias = model.bias();
        refractorySteps = model.refractorySteps();
        reset();
    }

    @Override int step(int t, int slot, int lo, int hi, int[] extraFixed, float extraDriveMv, IntList spikes) {
        final int off = slot * size;
        final int[] v = this.v, ref = this.ref;
        final int dv = this.dv, bias = this.bias, vth = this.vth, refractorySteps = this.refractorySteps;
        int updates = 0;
        if (channels == 1) {
            final int[] u0 = u[0], r0 = ring[0];
            final int du0 = du[0], x0 = extraFixed[0];
            for (int i = lo; i < hi; i++) {
                int a = r0[off + i] + x0;
                r0[off + i] = 0;
                int ui = u0[i], vi = v[i], ri = ref[i];
                // Zero state, no input, no bias: the update would leave everything at zero.
                if ((a | ui | vi | ri | bias) == 0) continue;
                updates++;
                ui = FixedLif.current(ui, du0, a);
                u0[i] = ui;
                if (ri > 0) {
                    ref[i] = ri - 1;
                    v[i] = 0;
                } else {
                    vi = FixedLif.voltage(vi, dv, ui, bias);
                    if (FixedLif.spikes(vi, vth)) {
                        spikes.add(i);
                        vi = 0;
                        ref[i] = refractorySteps;
                    }
                    v[i] = vi;
                }
            }
            return updates;
        }
        final int ch = channels;
        for (int i = lo; i < hi; i++) {
            int any = v[i] | ref[i] | bias;
            for (int c = 0; c < ch; c++) any |= ring[c][off + i] | extraFixed[c] | u[c][i];
            if (any == 0) continue;
            updates++;
            int utot = 0;
            for (int c = 0; c < ch; c++) {
                int a = ring[c][off + i] + extraFixed[c];
                ring[c][off + i] = 0;
                int uc = FixedLif.current(u[c][i], du[c], a);
                u[c][i] = uc;
                utot += uc;
            }
            int ri = ref[i];
            if (ri > 0) {
                ref[i] = ri - 1;
                v[i] = 0;
            } else {
                int vi = FixedLif.voltage(v[i], dv, utot, bias);
                if (FixedLif.spikes(vi, vth)) {
                    spikes.add(i);
                    vi = 0;
                    ref[i] = refractorySteps;
                }
                v[i] = vi;
            }
        }
        return updates;
    }

    @Override void addBackground(int slot, int lo, int hi, int channel, long seed, int stream, int t, int[] table,
                                 int weightFixed, float weight) {
        final int[] r = ring[channel];
        final int off = slot * size, len = table.length;
        for (int i = lo; i < hi; i++) {
            int k = PoissonTable.sample(table, 0, len, Philox.draw(seed, stream, i, t));
            r[off + i] += k * weightFixed;
        }
    }

    @Override double[] read(String variable) {
        if (variable.equals("v")) return toDouble(v);
        if (variable.equals("ref")) return toDouble(ref);
        if (variable.equals("u")) return toDouble(u[0]);
        if (variable.startsWith("u")) {
            try {
                int c = Integer.parseInt(variable.substring(1));
                if (c >= 1 && c < channels) return toDouble(u[c]);
            } catch (NumberFormatException ignored) { }
        }
        throw unknown(variable);
    }

    @Override void reset() {
        double[] v0 = init(population, "v", 0);
        for (int i = 0; i < size; i++) v[i] = (int) v0[i];
        for (int c = 0; c < channels; c++) {
            double[] u0 = init(population, c == 0 ? "u" : "u" + c, 0);
            for (int i = 0; i < size; i++) u[c][i] = (int) u0[i];
            java.util.Arrays.fill(ring[c], 0);
        }
        double[] r0 = init(population, "ref", 0);
        for (int i = 0; i < size; i++) ref[i] = (int) r0[i];
    }

    @Override Object ring(int channel) { return ring[channel]; }
}
