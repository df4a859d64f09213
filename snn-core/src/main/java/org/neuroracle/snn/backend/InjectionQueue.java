package org.neuroracle.snn.backend;

import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Population;

import java.util.Arrays;
import java.util.List;

/**
 * Spikes given to {@link Simulation#inject} and not yet delivered, shared by every backend so the validation
 * and the canonical order are the same everywhere. Each is one sorted {@code long} key
 * {@code step << 32 | population << 24 | neuron}, so sorting the keys orders them by (step, population, neuron);
 * hence at most 256 populations and 2^24 neurons per population.
 */
public final class InjectionQueue {
    private static final long[] NONE = new long[0];
    private final List<Population> populations;
    private long[] keys = NONE;

    public InjectionQueue(Network network) { this.populations = network.populations(); }

    /** Validates and adds spikes; {@code currentStep} is the simulation's next step (steps before it are past). */
    public void add(int population, int[] neurons, int[] steps, long currentStep) {
        if (population < 0 || population >= populations.size()) throw new IllegalArgumentException("inject: no population with index " + population);
        if (populations.size() > 256) throw new IllegalArgumentException("inject: supported for networks of at most 256 populations");
        if (neurons.length != steps.length) throw new IllegalArgumentException("inject: neurons and steps differ in length");
        Population pop = populations.get(population);
        int size = pop.size();
        long[] add = new long[neurons.length];
        for (int q = 0; q < neurons.length; q++) {
            if (neurons[q] < 0 || neurons[q] >= size || neurons[q] >= 1 << 24)
                throw new IllegalArgumentException("inject: neuron " + neurons[q] + " is outside population '" + pop.name() + "' (size " + size + ")");
            if (steps[q] < currentStep) throw new IllegalArgumentException("inject: step " + steps[q] + " is in the past (current step " + currentStep + ")");
            add[q] = key(steps[q], population, neurons[q]);
        }
        long[] merged = Arrays.copyOf(keys, keys.length + add.length);
        System.arraycopy(add, 0, merged, keys.length, add.length);
        Arrays.sort(merged);
        keys = merged;
    }

    /** The sorted keys; read-only, replaced (not changed) by {@link #add} and {@link #dropBefore}. */
    public long[] keys() { return keys; }

    public int size() { return keys.length; }

    /** Index of the first key of step {@code step} or later (binary search); {@link #size()} when none. */
    public int first(long step) {
        long[] k = keys;
        int a = 0, b = k.length;
        while (a < b) { int m = (a + b) >>> 1; if ((k[m] >>> 32) < step) a = m + 1; else b = m; }
        return a;
    }

    /** Forgets the spikes of steps before {@code step} (delivered ones). */
    public void dropBefore(long step) {
        int keep = first(step);
        if (keep > 0) keys = Arrays.copyOfRange(keys, keep, keys.length);
    }

    public void clear() { keys = NONE; }

    public static long key(int step, int population, int neuron) { return ((long) step << 32) | ((long) population << 24) | neuron; }
    public static int stepOf(long key) { return (int) (key >>> 32); }
    public static int populationOf(long key) { return (int) ((key >>> 24) & 0xFF); }
    public static int neuronOf(long key) { return (int) (key & 0xFFFFFF); }
}
