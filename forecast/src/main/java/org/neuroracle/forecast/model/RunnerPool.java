package org.neuroracle.forecast.model;

import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.model.Network;

import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Compiled simulations of one model's network, kept for reuse: a forecast leases one (compiled on first need),
 * runs it (the runner resets it first) and gives it back. Compiling builds the CSR rows, rings and state arrays,
 * which for a small reservoir costs more than running it, so a busy node compiles once per worker thread instead
 * of once per forecast. Model-agnostic: any forecaster that runs a fixed {@link Network} can use it.
 * Thread-safe; a lease is used by one thread at a time. The pool never holds more runners than there were
 * forecasts at once.
 */
public final class RunnerPool implements AutoCloseable {
    private final Network network;
    private final Backend backend;
    private final ConcurrentLinkedDeque<Reservoir.Runner> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /** {@code backend}: looked up once by the caller (a ServiceLoader scan is not per forecast). */
    public RunnerPool(Network network, Backend backend) {
        this.network = network;
        this.backend = backend;
    }

    public Network network() { return network; }

    /** A runner for this thread until the lease is closed. */
    public Lease lease() {
        Reservoir.Runner r = idle.pollFirst();
        return new Lease(r != null ? r : new Reservoir.Runner(network, backend));
    }

    /** Compiled runners waiting for a forecast (tests, metrics). */
    public int idleRunners() { return idle.size(); }

    @Override public void close() {
        closed = true;
        Reservoir.Runner r;
        while ((r = idle.pollFirst()) != null) r.close();
    }

    /** One borrowed runner; closing gives it back (or frees it when the pool is closed). */
    public final class Lease implements AutoCloseable {
        private final Reservoir.Runner runner;
        private boolean returned;

        private Lease(Reservoir.Runner runner) { this.runner = runner; }

        public Reservoir.Runner runner() { return runner; }

        @Override public void close() {
            if (returned) return;
            returned = true;
            if (closed) runner.close();
            else idle.offerFirst(runner);
        }
    }
}
