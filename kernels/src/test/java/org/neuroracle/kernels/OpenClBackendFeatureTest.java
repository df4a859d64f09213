package org.neuroracle.kernels;

import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.BackendFeatureTests;

/** The shared feature tests of snn-core (one test, every backend), run on the opencl backend against cpu. */
class OpenClBackendFeatureTest extends BackendFeatureTests {
    private static final OpenClBackend BACKEND = new OpenClBackend();

    @Override protected Backend backend() { return BACKEND; }
}
