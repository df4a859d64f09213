package org.neuroracle.kernels;

import org.junit.jupiter.api.Test;
import org.neuroracle.kernels.cl.ClDevice;
import org.neuroracle.snn.backend.BackendException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The launch options: defaults by device type, and one readable line for a bad value. */
class LaunchOptionTest {
    @Test void defaultsFollowTheDeviceTypeAndBadValuesAreNamed() {
        OpenClTesting.opencl();
        ClDevice d = OpenClBackend.clDevices().getFirst();
        assertEquals(d.isCpu() ? OpenClSimulation.Launch.PERSISTENT : OpenClSimulation.Launch.PER_STEP, OpenClBackend.launchFor(d, null));
        assertEquals(OpenClSimulation.Launch.PER_STEP, OpenClBackend.launchFor(d, "per-step"));
        assertEquals(OpenClSimulation.Launch.PERSISTENT, OpenClBackend.launchFor(d, " persistent"));
        assertEquals("option launch: expected 'persistent' or 'per-step', got 'fast'",
                assertThrows(BackendException.class, () -> OpenClBackend.launchFor(d, "fast")).getMessage());
        assertEquals(d.isCpu() ? 1 : (int) Math.min(1024, d.maxWorkGroupSize()), OpenClBackend.persistentLocalSize(d, null));
        assertEquals(4, OpenClBackend.persistentLocalSize(d, "4"));
        assertEquals("option persistent-local-size: expected a positive integer, got 'x'",
                assertThrows(BackendException.class, () -> OpenClBackend.persistentLocalSize(d, "x")).getMessage());
        assertEquals("option persistent-local-size: 0 is outside 1.." + d.maxWorkGroupSize() + " (this device's work-group limit)",
                assertThrows(BackendException.class, () -> OpenClBackend.persistentLocalSize(d, "0")).getMessage());
    }
}
