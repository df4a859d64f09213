package org.neuroracle.snn.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * A group of {@code size} neurons sharing one model. {@code initial} maps state variables to per-neuron initial
 * values (absent variables start at the model's rest: v_rest for float models, 0 for fixed-point). Fixed-point
 * initial values are integers stored exactly in doubles.
 */
public record Population(String name, int size, NeuronModel model, Map<String, double[]> initial) {
    public Population {
        InvalidNetworkException.require(name != null && name.matches("[A-Za-z_][A-Za-z0-9_.-]*"),
                "population name '" + name + "' must start with a letter or _ and use letters, digits, _ . -");
        InvalidNetworkException.require(size >= 1 && size <= 50_000_000, "population '" + name + "': size = " + size + " must be 1..50000000");
        InvalidNetworkException.require(model != null, "population '" + name + "': model is required");
        TreeMap<String, double[]> copy = new TreeMap<>();
        if (initial != null) for (var e : initial.entrySet()) {
            InvalidNetworkException.require(model.stateVariables().contains(e.getKey()),
                    "population '" + name + "': initial." + e.getKey() + " is not a state variable of " + model.id() + " " + model.stateVariables());
            InvalidNetworkException.require(e.getValue().length == size,
                    "population '" + name + "': initial." + e.getKey() + " has " + e.getValue().length + " values for " + size + " neurons");
            if (model.mode() == NumericMode.FIXED) for (double x : e.getValue())
                InvalidNetworkException.require(x == Math.rint(x) && Math.abs(x) < (1 << 24),
                        "population '" + name + "': initial." + e.getKey() + " must hold 24-bit integers, found " + x);
            copy.put(e.getKey(), e.getValue().clone());
        }
        initial = java.util.Collections.unmodifiableMap(copy);
    }

    /** Initial values of a variable, or null when it starts at the model default. Do not modify the array. */
    public double[] initialValues(String variable) { return initial.get(variable); }
}
