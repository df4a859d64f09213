package org.neuroracle.snn.cpu;

import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Synapse;

import java.util.List;

/** Shared parts of the float models: exponential synapse traces g per channel and their rings. */
abstract class FloatState extends PopState {
    final int channels;
    final float[][] g;
    final float[][][] ring; // [channel][slot][neuron]: one array per slot keeps the update loops vectorisable
    /** Per-step decay factor of each synaptic trace: exp(-dt / tau), rounded once to float. */
    final float[] gDecay;
    /** DELTA channels: the delivered input jumps v after the membrane update; the trace is then cleared. */
    final boolean[] delta;
    private final int[] bgWords, bgCounts; // background scratch, per neuron (each thread writes its own range)
    private final boolean vectorPhilox;    // PoissonCounts.vectorPhiloxConfigured() when built

    FloatState(Population p, int index, int ringSlots, List<Synapse> synapses, double dtMs) {
        super(p, index, ringSlots);
        channels = synapses.size();
        g = new float[channels][size];
        ring = new float[channels][ringSlots][size];
        gDecay = new float[channels];
        bgWords = new int[size];
        bgCounts = new int[size];
        vectorPhilox = PoissonCounts.vectorPhiloxConfigured();
        delta = new boolean[channels];
        for (int c = 0; c < channels; c++) {
            delta[c] = synapses.get(c).kind() == Synapse.Kind.DELTA;
            gDecay[c] = (float) synapses.get(c).decay(dtMs);
        }
    }

    @Override void addBackground(int slot, int lo, int hi, int channel, long seed, int stream, int t, int[] table,
                                 int weightFixed, float weight) {
        final float[] r = ring[channel][slot];
        final int[] k = bgCounts;
        PoissonCounts.draw(seed, stream, t, table, lo, hi, bgWords, k, vectorPhilox);
        // Adding 0 * weight where k = 0 leaves r bit for bit as it was: ring cells start at +0 and only ever add
        // finite weights, so they never hold -0, and r + (+-0) == r for every other r.
        for (int i = lo; i < hi; i++) r[i] += k[i] * weight;
    }

    /** Deliver for one neuron: add this step's ring slot to each trace and clear it. */
    final void deliver(int slot, int i) {
        for (int c = 0; c < channels; c++) {
            g[c][i] += ring[c][slot][i];
            ring[c][slot][i] = 0f;
        }
    }

    /** Deliver for neurons [lo, hi), channel by channel (vectorisable). */
    final void deliver(int slot, int lo, int hi) {
        for (int c = 0; c < channels; c++) {
            final float[] gc = g[c], rc = ring[c][slot];
            for (int i = lo; i < hi; i++) { gc[i] += rc[i]; rc[i] = 0f; }
        }
    }

    final void decaySynapses(int i) {
        for (int c = 0; c < channels; c++) g[c][i] *= gDecay[c];
    }

    double[] readTrace(String variable) {
        if (variable.length() > 1 && variable.charAt(0) == 'g') {
            try {
                int c = Integer.parseInt(variable.substring(1));
                if (c >= 0 && c < channels) return toDouble(g[c]);
            } catch (NumberFormatException ignored) { }
        }
        throw unknown(variable);
    }

    void resetTraces() {
        for (int c = 0; c < channels; c++) {
            double[] g0 = init(population, "g" + c);
            for (int i = 0; i < size; i++) g[c][i] = (float) g0[i];
            for (float[] r : ring[c]) java.util.Arrays.fill(r, 0f);
        }
    }

    @Override float[][] floatRing(int channel) { return ring[channel]; }
}
