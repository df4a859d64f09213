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
}
