package org.neuroracle.snn.backend;

import java.util.Arrays;

/**
 * The spikes of a run of consecutive steps, grouped by (step, population) with neuron indices ascending within a
 * group: the unit a partitioned simulation hands to its {@link SpikeExchange}. Appends must come in (step,
 * population) order. Reused batch after batch, so it allocates only when it grows.
 * <pre>
 * counts  [(step - firstStep) * populations + population]   spikes in that group
 * neurons [...]                                              the groups' neuron indices, concatenated in group order
 * </pre>
 */
public final class SpikeBatch {
    private final int populations;
    private int firstStep, steps;
    private int[] counts;
    private int[] starts;        // prefix sums of counts, valid while !dirty
    private int[] neurons = new int[256];
    private int size;
    private boolean dirty = true;

    public SpikeBatch(int populations, int maxSteps) {
        if (populations < 1 || maxSteps < 1) throw new IllegalArgumentException("a spike batch needs >= 1 population and >= 1 step");
        this.populations = populations;
        this.counts = new int[populations * maxSteps];
        this.starts = new int[populations * maxSteps + 1];
    }

    /** Empty the batch; the next spikes belong to steps from {@code firstStep}. */
    public void begin(int firstStep) {
        this.firstStep = firstStep;
        this.steps = 0;
        this.size = 0;
        this.dirty = true;
    }

    /** Extend the batch by one (possibly spike-less) step. */
    public void addStep() {
        steps++;
        int need = steps * populations;
        if (need > counts.length) {
            counts = Arrays.copyOf(counts, need * 2);
            starts = new int[need * 2 + 1];
        }
        Arrays.fill(counts, need - populations, need, 0);
        dirty = true;
    }

    /** Append spikes of the batch's last step: {@code count} neurons of {@code population} from {@code src}. */
    public void add(int population, int[] src, int count) {
        if (count == 0) return;
        if (size + count > neurons.length) neurons = Arrays.copyOf(neurons, Math.max(neurons.length * 2, size + count));
        System.arraycopy(src, 0, neurons, size, count);
        size += count;
        counts[(steps - 1) * populations + population] += count;
        dirty = true;
    }

    /** Replace the contents wholesale (the exchange's receive side): {@code counts} has steps * populations entries. */
    public void set(int firstStep, int steps, int[] counts, int[] neurons, int size) {
        if (counts.length < steps * populations) throw new IllegalArgumentException("counts has " + counts.length + " entries for " + steps + " steps x " + populations + " populations");
        this.firstStep = firstStep;
        this.steps = steps;
        this.counts = counts;
        if (starts.length < steps * populations + 1) starts = new int[steps * populations + 1];
        this.neurons = neurons;
        this.size = size;
        this.dirty = true;
    }

    public int populations() { return populations; }
    public int firstStep() { return firstStep; }
    public int steps() { return steps; }
    public int size() { return size; }
    /** The backing arrays: read {@code [0, size())} and {@code [0, steps() * populations())} only. */
    public int[] neurons() { return neurons; }
    public int[] counts() { return counts; }

    /** Index into {@link #neurons()} of the first spike of (step index {@code s} in the batch, population). */
    public int start(int s, int population) { seal(); return starts[s * populations + population]; }

    public int end(int s, int population) { seal(); return starts[s * populations + population + 1]; }

    private void seal() {
        if (!dirty) return;
        int n = steps * populations, acc = 0;
        for (int g = 0; g < n; g++) { starts[g] = acc; acc += counts[g]; }
        starts[n] = acc;
        if (acc != size) throw new IllegalStateException("spike batch counts sum to " + acc + " but it holds " + size + " spikes");
        dirty = false;
    }
}
