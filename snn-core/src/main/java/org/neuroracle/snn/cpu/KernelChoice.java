package org.neuroracle.snn.cpu;

/**
 * Which path the float and fixed-point {@code lif} populations take for one {@code run(steps)}: the auto-vectorised
 * scalar loops or the Vector API kernels ({@link LifVectorKernel}, {@link FixedLifVectorKernel}). Both give the same
 * bits (GoldenDigestTest, LifVectorKernelTest, FixedLifStateDefinitionTest, VoteReservoirPathsTest), so the choice is
 * speed only. The kernels are faster per step once C2 has compiled them, but until then every vector operation is
 * an interpreted, boxed call: a JVM pays a tenth of a second or more of CPU for them (snn-core/MEASUREMENTS.md). So by
 * default ({@code auto}) a run takes a kernel only when it is long enough to repay that: at least its
 * {@link Kernel#autoNeuronSteps} neuron updates (neurons x steps of the run), measured per kernel in whole processes
 * (MEASUREMENTS.md, "Session 15"): the float kernel from 2^28 (COBA's 4,000 neurons: 67,109 steps, 6.7 s
 * simulated), the fixed-point kernel, whose warm-up costs more and whose step gains less, from 2^31 (53.7 s).
 * (Not "once an earlier run took them": that compiled one kernel, not every kernel, so a
 * long COBA run would switch a service's reservoirs onto a kernel still interpreted.)
 * Short runs and the service's small reservoirs (160 neurons per forecast) stay on the scalar path.
 * <p>{@code -Dneuroracle.cpu.vector=true}: always the kernels (tests of that path); {@code false}: never;
 * unset or {@code auto}: as above. Without the module ({@link LifState#VECTOR_MODULE}) it is always scalar.
 */
final class KernelChoice {
    /** A population's Vector API kernel, and the run length from which auto takes it. */
    enum Kernel {
        /**
         * {@link LifVectorKernel} (COBA, CUBA): 2^28 neuron updates. Session 15, whole {@code simulate} processes
         * and 10 s benches on the 2-core host: COBA and CUBA level with the scalar path at 4 s simulated (1.6e8),
         * ahead at 10 s (4e8: bench COBA 0.061-0.080 against 0.068-0.092 s/s, CUBA 0.037-0.056 against
         * 0.073-0.086), behind at 0.1-2 s. (2^31 until then, set in session 7 before the kernels got faster.)
         */
        FLOAT_LIF(1L << 28),
        /**
         * {@link FixedLifVectorKernel} (cuba-fixed): 2^31. Session 15: behind the scalar path at 10 s (bench
         * 0.083-0.100 against 0.074-0.090 s/s; the compile threads take 0.4 s of CPU), ahead at 100 s (4.0-5.0
         * against 5.1-6.0 s of run).
         */
        FIXED_LIF(1L << 31);

        final long autoNeuronSteps;

        Kernel(long autoNeuronSteps) { this.autoNeuronSteps = autoNeuronSteps; }
    }

    /** Which kernels one run takes. */
    record Selection(boolean floatLif, boolean fixedLif) {
        static final Selection NONE = new Selection(false, false);

        boolean takes(Kernel k) { return k == Kernel.FLOAT_LIF ? floatLif : fixedLif; }

        boolean any() { return floatLif || fixedLif; }

        // Written out: a record's generated equals bootstraps through ObjectMethods at its first call, spinning
        // classes for ~3 ms inside a simulation's first step (JFR, Brunel's first steps; session 16).
        @Override public boolean equals(Object o) { return o instanceof Selection s && s.floatLif == floatLif && s.fixedLif == fixedLif; }

        @Override public int hashCode() { return (floatLif ? 1 : 0) | (fixedLif ? 2 : 0); }
    }

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

        /** The kernels the run of steps [from, to) takes: judged on the announced run it lies in, if any. */
        Selection select(long from, long to) {
            long length = from >= expectedFrom && from < expectedTo ? Math.max(to, expectedTo) - expectedFrom : to - from;
            return new Selection(vectorFor(mode, Kernel.FLOAT_LIF, neurons, length), vectorFor(mode, Kernel.FIXED_LIF, neurons, length));
        }
    }

    /** Whether a run of {@code steps} steps over {@code neurons} neurons takes {@code kernel} (where a population has it). */
    static boolean vectorFor(Mode mode, Kernel kernel, long neurons, long steps) {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> neurons * steps >= kernel.autoNeuronSteps;
        };
    }
}
