package org.neuroracle.snn.cpu;

import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.BackendFeatureTests;
import org.neuroracle.snn.backend.Options;

/** The shared feature tests with the reference on two threads: results must not depend on the thread count. */
class CpuBackendFeatureTest extends BackendFeatureTests {
    @Override protected Backend backend() { return new CpuBackend(); }

    @Override protected Options options() { return Options.defaults().withThreads(2); }
}
