package org.neuroracle.snn.model;

import java.util.Arrays;
import java.util.List;

/**
 * A source population that emits given spikes: spike k is neuron {@code neurons[k]} at step {@code steps[k]}.
 * Stored sorted by (step, neuron). Its spikes are emitted (recorded and propagated) in their step like any spike.
 */
public record SpikeSourceArray(int[] steps, int[] neurons) implements NeuronModel {
    public static final String ID = "spike-source-array";

    public SpikeSourceArray {
        InvalidNetworkException.require(steps != null && neurons != null && steps.length == neurons.length,
                ID + ": steps and neurons must have the same length");
        long[] keys = new long[steps.length];
        for (int k = 0; k < steps.length; k++) {
            InvalidNetworkException.require(steps[k] >= 0, ID + ": spike " + k + " has negative step " + steps[k]);
            InvalidNetworkException.require(neurons[k] >= 0, ID + ": spike " + k + " has negative neuron " + neurons[k]);
            keys[k] = ((long) steps[k] << 32) | neurons[k];
        }
        Arrays.sort(keys);
        steps = new int[keys.length];
        neurons = new int[keys.length];
        for (int k = 0; k < keys.length; k++) { steps[k] = (int) (keys[k] >>> 32); neurons[k] = (int) keys[k]; }
    }

    @Override public int[] steps() { return steps.clone(); }
    @Override public int[] neurons() { return neurons.clone(); }
    public int spikeCount() { return steps.length; }
    public int stepAt(int k) { return steps[k]; }
    public int neuronAt(int k) { return neurons[k]; }
    @Override public String id() { return ID; }
    @Override public NumericMode mode() { return null; }
    @Override public int channels() { return 0; }
    @Override public List<String> stateVariables() { return List.of(); }
    @Override public boolean equals(Object o) { return o instanceof SpikeSourceArray s && Arrays.equals(steps, s.steps) && Arrays.equals(neurons, s.neurons); }
    @Override public int hashCode() { return Arrays.hashCode(steps) * 31 + Arrays.hashCode(neurons); }
    @Override public String toString() { return ID + "{" + steps.length + " spikes}"; }
}
