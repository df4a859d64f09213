package org.neuroracle.snn.cpu;

/**
 * Which path the float and fixed-point {@code lif} populations take for one {@code run(steps)}: the auto-vectorised
 * scalar loops or the Vector API kernels ({@link LifVectorKernel}, {@link FixedLifVectorKernel}). Both give the same
 * bits (GoldenDigestTest, LifVectorKernelTest, FixedLifStateDefinitionTest, VoteReservoirPathsTest), so the choice is
 * speed only. The kernels are 0.67x the step once C2 has compiled them, but until then every vector operation is
 * an interpreted, boxed call: a JVM pays a few tenths of a second of CPU for them (snn-core/MEASUREMENTS.md). So by
 * default ({@code auto}) a run takes them only when it is long enough to repay that: at least
 * {@link #AUTO_NEURON_STEPS} neuron updates (neurons x steps of the run; COBA's 4,000 neurons: 536,871
 * steps, 53.7 s simulated). (Not "once an earlier run took them": that compiled one kernel, not every kernel, so a
 * long COBA run would switch a service's reservoirs onto a kernel still interpreted.)
 * Short runs and the service's small reservoirs (160 neurons per forecast) stay on the scalar path.
 * <p>{@code -Dneuroracle.cpu.vector=true}: always the kernels (tests of that path); {@code false}: never;
 * unset or {@code auto}: as above. Without the module ({@link LifState#VECTOR_MODULE}) it is always scalar.
 */
final class KernelChoice {
    /**
     * 2^31 neuron updates: set in session 7 after a 30 s COBA run (1.2e9) lost to the scalar path by bench's CPU,
     * but that run took the kernels only for its first steps (the choice then followed the steps still ahead;
     * {@link Plan}), so the real break-even is likely lower and was not re-measured (README, "Session 8").
     */
    static final long AUTO_NEURON_STEPS = 1L << 31;

    enum Mode { AUTO, ALWAYS, NEVER }

    private KernelChoice() {}

    /** The configured mode; a clear error for anything but true, false or auto. */
    static Mode configured() {
        String s = System.getProperty("neuroracle.cpu.vector", "auto");
        return switch (s) {
            case "auto" -> Mode.AUTO;
            case "true" -> Mode.ALWAYS;
            case "false" -> Mode.NEVER;
            default -> throw new IllegalArgumentException("neuroracle.cpu.vector: true, false or auto, got '" + s + "'");
        };
    }

    /**
     * The choice of one simulation: its mode and size, and the run announced by {@code Simulation.expectSteps}.
     * Every {@code run(steps)} inside the announced run is decided on the announced run's whole length, so a
     * caller that runs it in chunks (bench: 100 ms each) gets one path for all of it. (Until session 8 the
     * choice took the steps still ahead, so 100 s of COBA went back to the scalar path 46 s in, where the
     * remaining run fell below the threshold: over half the run scalar, plus the scalar code's warm-up there.)
     */
    static final class Plan {
        private final Mode mode;
        private final long neurons;
        private long expectedFrom, expectedTo; // the announced run [from, to); empty when none

        Plan(Mode mode, long neurons) {
            this.mode = mode;
            this.neurons = neurons;
        }

        /** A run of {@code steps} steps announced at step {@code at} (0: none). */
        void expect(long at, long steps) {
            if (steps < 0) throw new IllegalArgumentException("expectSteps: steps must be >= 0, got " + steps);
            expectedFrom = at;
            expectedTo = at + steps;
        }

        /** Whether the run of steps [from, to) takes the kernels: judged on the announced run it lies in, if any. */
        boolean vectorFor(long from, long to) {
            long length = from >= expectedFrom && from < expectedTo ? Math.max(to, expectedTo) - expectedFrom : to - from;
            return KernelChoice.vectorFor(mode, neurons, length);
        }
    }

    /** Whether a run of {@code steps} steps over {@code neurons} neurons takes the kernels (where a population can). */
    static boolean vectorFor(Mode mode, long neurons, long steps) {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> neurons * steps >= AUTO_NEURON_STEPS;
        };
    }
}
