package org.neuroracle.snn.backend;

import org.neuroracle.snn.model.Network;

/**
 * A compiled network on one backend. Every backend executes the same four-phase step (ARCHITECTURE.md):
 * deliver the ring slot of step t, update neurons, emit (record) spikes, propagate spikes into slots t + delay.
 * Not thread-safe; close it to free native resources.
 */
public interface Simulation extends AutoCloseable {
    Network network();

    /** Advance {@code steps} steps. */
    void run(int steps);

    /**
     * A hint: the caller will run about {@code steps} more steps in all, in however many {@link #run} calls (a
     * benchmark's chunks). It changes no result; the cpu backend uses it to pick its kernels for a long run
     * (snn-core's KernelChoice). The default ignores it.
     */
    default void expectSteps(long steps) {}

    /**
     * The step a run of {@code steps} from {@code currentStep} ends at, after checking the request the same way
     * on every backend: steps >= 0, and runs stay below 2^31 steps (steps are int32 on devices and boards).
     */
    static long endOfRun(long currentStep, int steps) {
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        long to = currentStep + steps;
        if (to > Integer.MAX_VALUE) throw new IllegalArgumentException("a simulation runs at most 2^31-1 steps");
        return to;
    }

    /** Steps run since compile or the last reset. */
    long currentStep();

    /**
     * Make neuron {@code neuron} of {@code population} spike at {@code step} (>= currentStep()): the spike is
     * propagated in that step's Propagate phase like an emitted spike, but is not recorded.
     */
    void inject(int population, int neuron, int step);

    /** Bulk form of {@link #inject(int, int, int)}. */
    default void inject(int population, int[] neurons, int[] steps) {
        for (int k = 0; k < neurons.length; k++) inject(population, neurons[k], steps[k]);
    }

    /** Recorded spikes so far, in canonical order (step, population, neuron). */
    SpikeRaster spikes();

    /**
     * Whether {@link #drainSpikes()} is supported. Backends whose recording lives where it cannot be dropped
     * (a board's own memory) answer false, and their callers keep the whole raster.
     */
    default boolean canDrainSpikes() { return false; }

    /**
     * The spikes recorded since compile, {@link #reset()} or the last drain, in canonical order, which the
     * simulation then forgets: {@link #spikes()} holds only later ones. Run in chunks and drained after each, a long
     * run keeps one chunk of spikes at a time (a {@link DigestStream} hashes them). Counters are not affected.
     *
     * @throws UnsupportedOperationException when {@link #canDrainSpikes()} is false
     */
    default SpikeRaster drainSpikes() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot drain its recorded spikes");
    }

    /**
     * Advance {@code steps} steps and hand the spikes they recorded to {@code sink} instead of keeping them. This
     * default runs the steps and then drains (so it holds the spikes of {@code steps} steps at the peak); a
     * backend able to hand spikes out as they are emitted may override it. Needs {@link #canDrainSpikes()}.
     */
    default void run(int steps, java.util.function.Consumer<SpikeRaster> sink) {
        if (!canDrainSpikes()) // refused before any step runs
            throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot drain its recorded spikes");
        run(steps);
        sink.accept(drainSpikes());
    }

    /** Current values of a state variable of a population (fixed-point values are exact integers). */
    double[] state(int population, String variable);

    /** Samples of the network's {@code probeIndex}-th state probe so far. */
    StateSamples samples(int probeIndex);

    Counters counters();

    /** Back to step 0 with the initial state; recorded spikes, samples and counters are cleared. */
    void reset();

    @Override void close();
}
