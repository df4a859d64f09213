package org.neuroracle.nir;

import java.util.Map;

/**
 * The typed form of one NIR node after flattening: every pass after {@link Primitives#parse} switches over these
 * records instead of comparing type strings. Shapes are left to {@link ShapeInference}; parameters stay as read
 * ({@link NdArray}, NIR units).
 */
sealed interface Primitive {
    String name();

    /** The node's {@code metadata} (engine details travel as {@link MetadataKeys}). */
    Map<String, Object> metadata();

    /** The NIR type name, for messages and for writing. */
    String nirType();

    default String at() { return "node '" + name() + "' (" + nirType() + ")"; }

    /** A node that holds state over time and emits spikes or a membrane value: an engine population. */
    sealed interface Layer extends Primitive {}

    /** A memoryless linear node (possibly with a delay): composed into projections. */
    sealed interface Stateless extends Primitive {}

    /** Graph input; {@code shape} may be null (then it follows from the first node it feeds). */
    record Input(String name, int[] shape, Map<String, Object> metadata) implements Layer {
        public String nirType() { return "Input"; }
    }

    record Output(String name, int[] shape, Map<String, Object> metadata) implements Primitive {
        public String nirType() { return "Output"; }
    }

    /** The six NIR neuron types; absent parameters are null (their NIR defaults apply in {@link ModelMapping}). */
    record Neuron(String name, Kind kind, NdArray tau, NdArray tauSyn, NdArray r, NdArray wIn, NdArray vLeak,
                  NdArray vReset, NdArray vThreshold, Map<String, Object> metadata) implements Layer {
        public String nirType() { return kind.nirName; }
    }

    /** NIR's Threshold: z = v > threshold, memoryless (a neuron that forgets its input after every step). */
    record Threshold(String name, NdArray threshold, Map<String, Object> metadata) implements Layer {
        public String nirType() { return "Threshold"; }
    }

    enum Kind {
        LIF("LIF", true, false), LI("LI", false, false), IF("IF", true, false), I("I", false, false),
        CUBA_LIF("CubaLIF", true, true), CUBA_LI("CubaLI", false, true);

        final String nirName;
        final boolean spiking, currentSynapse;

        Kind(String nirName, boolean spiking, boolean currentSynapse) {
            this.nirName = nirName; this.spiking = spiking; this.currentSynapse = currentSynapse;
        }

        boolean leaky() { return this != IF && this != I; }
    }

    /** Affine (bias non-null) or Linear: weight [out, in]. */
    record Affine(String name, NdArray weight, NdArray bias, Map<String, Object> metadata) implements Stateless {
        public String nirType() { return bias == null ? "Linear" : "Affine"; }
    }

    record Scale(String name, NdArray scale, Map<String, Object> metadata) implements Stateless {
        public String nirType() { return "Scale"; }
    }

    /** Delays in the file's time unit. */
    record Delay(String name, NdArray delay, Map<String, Object> metadata) implements Stateless {
        public String nirType() { return "Delay"; }
    }

    record Flatten(String name, int startDim, int endDim, int[] inputShape, Map<String, Object> metadata) implements Stateless {
        public String nirType() { return "Flatten"; }
    }

    /**
     * Conv1d (dims 1) or Conv2d (dims 2); weight [out, in / groups, k...]; bias per output channel (never null: NIR
     * requires it); inputShape the spatial input size or null.
     */
    record Conv(String name, int dims, NdArray weight, NdArray bias, int[] stride, int[] padding, int[] dilation,
                int groups, int[] inputShape, Map<String, Object> metadata) implements Stateless {
        public String nirType() { return "Conv" + dims + "d"; }
    }

    record Pool(String name, boolean average, int[] kernel, int[] stride, int[] padding, Map<String, Object> metadata) implements Stateless {
        public String nirType() { return average ? "AvgPool2d" : "SumPool2d"; }
    }

    /** An Input or Output of a nested graph after flattening: passes values through; {@code shape} as declared or null. */
    record Identity(String name, boolean wasInput, int[] shape, Map<String, Object> metadata) implements Stateless {
        public String nirType() { return wasInput ? "Input" : "Output"; }
    }
}
