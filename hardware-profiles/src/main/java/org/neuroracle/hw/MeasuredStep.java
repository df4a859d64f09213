package org.neuroracle.hw;

import java.util.Locale;

/**
 * A time step measured on the backend that actually ran a workload, for the profile that describes the device it ran
 * on: the cpu backend runs on the host CPU ({@code desktop-x86}), the opencl backend on an H100 is {@code nvidia-h100}.
 * A measurement of this very run is stronger evidence than any recorded step, so the energy model prefers it.
 *
 * @param profile the profile the measurement belongs to
 * @param step    seconds per step ({@code kind: measured}, the run named in its source)
 */
public record MeasuredStep(String profile, Quantity step) {
    /** The bundled profile describing the device a backend ran on, or null when none does. */
    public static String profileFor(String backend, String device) {
        if ("cpu".equals(backend)) return "desktop-x86";
        if (backend != null && backend.startsWith("opencl") && device != null && device.contains("H100")) return "nvidia-h100";
        return null;
    }

    /** The measurement of one run, or null when no profile describes its device or nothing was run. */
    public static MeasuredStep of(String backend, String device, long steps, double wallSeconds) {
        String profile = profileFor(backend, device);
        if (profile == null || steps <= 0 || !(wallSeconds > 0)) return null;
        String source = String.format(Locale.ROOT, "measured: this run, backend %s on %s, %d steps in %.4f s wall", backend, device, steps, wallSeconds);
        return new MeasuredStep(profile, new Quantity(HardwareProfile.TIME_STEP, wallSeconds / steps * 1e6, "us", Kind.MEASURED, source, null,
                Quantity.Bound.EXACT, 0));
    }

    /** The measured step when it belongs to {@code profile}, else null. */
    public Quantity stepFor(HardwareProfile profile) { return profile.name().equals(this.profile) ? step : null; }
}
