package org.neuroracle.forecast.encode;

/** Encoded input: spike k is input neuron {@code neurons[k]} at step {@code steps[k]}; the run lasts {@code totalSteps}. */
public record InputSpikes(int[] steps, int[] neurons, int totalSteps, int channelCount) {
    public int size() { return steps.length; }

    /** Spikes per input neuron. */
    public int[] counts() {
        int[] c = new int[channelCount];
        for (int n : neurons) c[n]++;
        return c;
    }

    /** This input followed by another's spikes (same run length), in step order, over {@code channels} neurons. */
    public InputSpikes with(InputSpikes more, int channels) {
        int n = size() + more.size();
        long[] keyed = new long[n];
        for (int k = 0; k < n; k++) {
            int s = k < size() ? steps[k] : more.steps[k - size()], ne = k < size() ? neurons[k] : more.neurons[k - size()];
            keyed[k] = ((long) s << 32) | ne;
        }
        java.util.Arrays.sort(keyed);
        int[] st = new int[n], nr = new int[n];
        for (int k = 0; k < n; k++) { st[k] = (int) (keyed[k] >>> 32); nr[k] = (int) keyed[k]; }
        return new InputSpikes(st, nr, Math.max(totalSteps, more.totalSteps), channels);
    }
}
