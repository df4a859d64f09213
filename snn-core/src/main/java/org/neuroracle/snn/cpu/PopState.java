package org.neuroracle.snn.cpu;

import org.neuroracle.snn.model.Population;

/**
 * The per-population part of one step on the cpu backend: Deliver (read and clear this step's ring slot),
 * Update and Emit for neurons [lo, hi). Subclasses hold the state as primitive structure-of-arrays.
 */
abstract class PopState {
    final Population population;
    final int index;
    final int size;
    final int ringSlots;

    PopState(Population population, int index, int ringSlots) {
        this.population = population;
        this.index = index;
        this.size = population.size();
        this.ringSlots = ringSlots;
    }

    /**
     * One step for neurons [lo, hi): deliver ring slot {@code slot} plus extra per-channel input (fixed) or drive
     * (float), update, and append spiking neuron indices (ascending) to {@code spikes}.
     * @return the number of membrane updates performed (neurons not skipped)
     */
    abstract int step(int t, int slot, int lo, int hi, int[] extraFixed, float extraDriveMv, IntList spikes);

    /** Add background events to this step's ring slot for neurons [lo, hi). Sources have no ring. */
    void addBackground(int slot, int lo, int hi, int channel, long seed, int stream, int t, int[] table, int weightFixed, float weight) {
        throw new IllegalStateException("population '" + population.name() + "' takes no input");
    }

    /**
     * The neuron ranges of later steps differ from earlier ones (the cpu simulation switched between whole
     * populations and per-thread slices): state derived per range must be rebuilt from the per-neuron state.
     */
    void rangesChanged() {}

    /** The Vector API kernels on or off for the coming steps, where this population has one ({@link KernelChoice}). */
    void useVectorKernel(KernelChoice.Selection kernels) {}

    /** Whether the coming steps go through this population's Vector API kernel (tests). */
    boolean vectorKernelActive() { return false; }

    abstract double[] read(String variable);

    abstract void reset();

    /** Ring of a fixed-point channel, int[slot][neuron]; float and source populations have none. */
    int[][] fixedRing(int channel) { throw new IllegalStateException("population '" + population.name() + "' has no fixed-point input ring"); }

    /** Ring of a float channel, float[slot][neuron]; fixed-point and source populations have none. */
    float[][] floatRing(int channel) { throw new IllegalStateException("population '" + population.name() + "' has no float input ring"); }

    /** The population's initial values of a variable, or the model's default for every neuron. */
    static double[] init(Population p, String variable) {
        double[] v = p.initialValues(variable);
        if (v != null) return v;
        double[] out = new double[p.size()];
        java.util.Arrays.fill(out, p.model().defaultInitial(variable));
        return out;
    }

    static double[] toDouble(int[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    IllegalArgumentException unknown(String variable) {
        return new IllegalArgumentException("population '" + population.name() + "' (" + population.model().id()
                + ") has no state variable '" + variable + "'; it has " + population.model().stateVariables());
    }
}
