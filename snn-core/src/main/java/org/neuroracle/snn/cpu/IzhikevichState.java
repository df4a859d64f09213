package org.neuroracle.snn.cpu;

import org.neuroracle.snn.model.Izhikevich;
import org.neuroracle.snn.model.Population;

/** Float {@code izhikevich}, forward Euler; v is updated first and u uses the new v (Izhikevich 2003). */
final class IzhikevichState extends FloatState {
    private final float[] v, u;
    private final Izhikevich model;
    private final float a, b, c, d, bias, dt;

    IzhikevichState(Population p, int index, int ringSlots, double dtMs) {
        super(p, index, ringSlots, ((Izhikevich) p.model()).synapses(), dtMs);
        Izhikevich m = (Izhikevich) p.model();
        model = m;
        v = new float[size];
        u = new float[size];
        a = (float) m.a();
        b = (float) m.b();
        c = (float) m.c();
        d = (float) m.d();
        bias = (float) m.bias();
        dt = (float) dtMs;
        reset();
    }

    @Override int step(int t, int slot, int lo, int hi, int[] extraFixed, float extraDriveMv, IntList spikes) {
        final int ch = channels;
        final float drive0 = bias + extraDriveMv;
        for (int i = lo; i < hi; i++) {
            deliver(slot, i);
            float in = drive0;
            for (int k = 0; k < ch; k++) if (!delta[k]) in += g[k][i];
            float vi = v[i], ui = u[i];
            vi = vi + dt * (0.04f * vi * vi + 5f * vi + 140f - ui + in);
            for (int k = 0; k < ch; k++) if (delta[k]) vi += g[k][i];
            ui = ui + dt * (a * (b * vi - ui));
            if (vi >= (float) Izhikevich.PEAK_MV) {
                spikes.add(i);
                vi = c;
                ui = ui + d;
            }
            v[i] = vi;
            u[i] = ui;
            decaySynapses(i);
        }
        return hi - lo;
    }

    @Override double[] read(String variable) {
        return switch (variable) {
            case "v" -> toDouble(v);
            case "u" -> toDouble(u);
            default -> readTrace(variable);
        };
    }

    @Override void reset() {
        double[] v0 = init(population, "v");
        double[] u0 = population.initialValues("u");
        for (int i = 0; i < size; i++) {
            v[i] = (float) v0[i];
            u[i] = u0 != null ? (float) u0[i] : model.initialU(v[i]);
        }
        resetTraces();
    }
}
