package org.neuroracle.adapters;

import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.BackendFeatureTests;

/** The shared "one test, every backend" suite on board:emulator: fixed-point digests must equal cpu's. */
class BoardEmulatorFeatureTest extends BackendFeatureTests {
    @Override protected Backend backend() { return new BoardBackend(); }
}
