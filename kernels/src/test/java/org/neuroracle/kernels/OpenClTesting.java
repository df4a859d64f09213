package org.neuroracle.kernels;

import org.junit.jupiter.api.Assumptions;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Network;

/** Shared helpers: skip (not fail) where no OpenCL device exists, and run the reference on one thread. */
final class OpenClTesting {
    private OpenClTesting() {}

    static OpenClBackend opencl() {
        OpenClBackend b = new OpenClBackend();
        Assumptions.assumeTrue(b.available(), () -> "no OpenCL here, opencl tests skipped: " + b.unavailableReason());
        return b;
    }

    /** The reference on one thread: results are thread-count independent, and one thread is fastest on a busy host. */
    static Simulation reference(Network net) {
        Backend cpu = Backends.byName("cpu");
        return cpu.compile(net, Options.defaults().withThreads(1));
    }
}
