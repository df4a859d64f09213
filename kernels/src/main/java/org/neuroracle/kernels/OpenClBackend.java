package org.neuroracle.kernels;

import org.neuroracle.kernels.cl.ClDevice;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.BackendException;
import org.neuroracle.snn.backend.Capabilities;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Alif;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Izhikevich;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NumericMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code opencl} backend: hand-written kernels on any OpenCL 1.2+ device through JOCL. Fixed-point networks
 * are bit-exact with the {@code cpu} reference; float networks agree within the tolerance in kernels/README.md.
 * <p>Device: {@link Options#device()} (index or name substring), else {@code $NEURORACLE_OPENCL_DEVICE}, else
 * the first GPU, else the first device. Extra options: {@code program-binary=FILE} loads a pre-built program
 * (as FPGA toolchains deliver), {@code program-binary-out=FILE} writes the program binary used,
 * {@code cache-dir=DIR} overrides the program cache directory.
 */
public final class OpenClBackend implements Backend {
    public static final String NAME = "opencl";
    public static final String DEVICE_ENV = "NEURORACLE_OPENCL_DEVICE";
    public static final String PROGRAM_BINARY = "program-binary";
    public static final String PROGRAM_BINARY_OUT = "program-binary-out";
    public static final String CACHE_DIR = "cache-dir";
    /** {@code persistent} (one run_steps launch per batch of steps) or {@code per-step} (update_all + propagate). */
    public static final String LAUNCH = "launch";
    /** Work-items of the one run_steps work-group. */
    public static final String PERSISTENT_LOCAL_SIZE = "persistent-local-size";

    private static final Capabilities CAPABILITIES = new Capabilities(
            Set.of(CubaLifFixed.ID, Lif.ID, Alif.ID, Izhikevich.ID),
            Set.of(NumericMode.FIXED, NumericMode.FLOAT),
            Set.of(Capabilities.DELAYS, Capabilities.MULTI_CHANNEL, Capabilities.REFRACTORY, Capabilities.SPIKE_SOURCES,
                    Capabilities.POISSON_SOURCES, Capabilities.BACKGROUND_INPUT, Capabilities.CURRENT_INPUT,
                    Capabilities.STATE_PROBES, Capabilities.RUNTIME_INJECTION));

    private static volatile Probe probe;

    /** The outcome of looking for OpenCL once per JVM: devices, or why there are none. */
    private record Probe(List<ClDevice> devices, String reason) {}

    @Override public String name() { return NAME; }

    @Override public Capabilities capabilities() { return CAPABILITIES; }

    @Override public boolean available() { return probe().reason.isEmpty(); }

    @Override public String unavailableReason() { return probe().reason; }

    @Override public List<DeviceInfo> devices() {
        List<DeviceInfo> out = new ArrayList<>();
        for (ClDevice d : probe().devices) out.add(new DeviceInfo(d.index(), d.name(), d.typeName(), d.describe()));
        return out;
    }

    /** Every OpenCL device (empty when OpenCL is unavailable). */
    public static List<ClDevice> clDevices() { return probe().devices; }

    private static Probe probe() {
        Probe p = probe;
        if (p != null) return p;
        synchronized (OpenClBackend.class) {
            if (probe == null) probe = look();
            return probe;
        }
    }

    private static Probe look() {
        try {
            List<ClDevice> all = ClDevice.all();
            if (all.isEmpty()) return new Probe(List.of(), "no OpenCL platform or device found (install an ICD, e.g. apt-get install pocl-opencl-icd)");
            return new Probe(all, "");
        } catch (LinkageError e) {
            return new Probe(List.of(), "the OpenCL library could not be loaded (" + e.getMessage() + "); install an OpenCL ICD loader and driver, e.g. apt-get install ocl-icd-libopencl1 pocl-opencl-icd");
        } catch (BackendException e) {
            return new Probe(List.of(), "OpenCL platform query failed: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The device {@code options} and the environment ask for. */
    public static ClDevice chooseDevice(Options options) {
        Probe p = probe();
        if (!p.reason.isEmpty()) throw new BackendException("backend 'opencl' is unavailable: " + p.reason);
        String selector = options.device();
        if (selector == null || selector.isBlank()) selector = System.getenv(DEVICE_ENV);
        return ClDevice.select(p.devices, selector);
    }

    /** The -D build constants a network needs on a device: what a pre-built (e.g. FPGA) binary must be built with. */
    public static KernelSource.Config configFor(Network network, ClDevice device) {
        return new KernelSource.Config(network.mode() == NumericMode.FIXED, StateLayout.ringSlots(network.maxDelaySteps()),
                WorkSizes.forDevice(device).updateLocal(), device.hasFp64());
    }

    @Override public Simulation compile(Network network, Options options) {
        CAPABILITIES.check(network, NAME);
        ClDevice device = chooseDevice(options);
        String binaryFile = options.extra(PROGRAM_BINARY, null);
        byte[] binary = null;
        if (binaryFile != null) {
            try {
                binary = Files.readAllBytes(Path.of(binaryFile));
            } catch (IOException e) {
                throw new BackendException("program-binary: cannot read " + binaryFile + ": " + e.getMessage(), e);
            }
            if (binary.length == 0) throw new BackendException("program-binary: " + binaryFile + " is empty");
        }
        String cacheDir = options.extra(CACHE_DIR, null);
        ProgramCache cache = cacheDir != null ? new ProgramCache(Path.of(cacheDir)) : ProgramCache.defaultCache();
        OpenClSimulation.Launch launch = launchFor(device, options.extra(LAUNCH, null));
        int persistentLocal = persistentLocalSize(device, options.extra(PERSISTENT_LOCAL_SIZE, null));
        OpenClSimulation sim = new OpenClSimulation(network, device, binary, binaryFile == null ? null : "program binary " + binaryFile,
                cache, launch, persistentLocal);
        String out = options.extra(PROGRAM_BINARY_OUT, null);
        if (out != null) {
            try {
                Files.write(Path.of(out), sim.programBinary());
            } catch (IOException | RuntimeException e) {
                sim.close();
                throw new BackendException("program-binary-out: cannot write " + out + ": " + e.getMessage(), e);
            }
        }
        return sim;
    }

    /**
     * CPU devices default to the persistent step loop (a work-group is one host thread, so a barrier is cheap and
     * the launch cost is paid once per batch, not per step); GPUs and accelerators to two launches per step.
     */
    static OpenClSimulation.Launch launchFor(ClDevice device, String option) {
        if (option == null || option.isBlank()) return device.isCpu() ? OpenClSimulation.Launch.PERSISTENT : OpenClSimulation.Launch.PER_STEP;
        return switch (option.trim()) {
            case "persistent" -> OpenClSimulation.Launch.PERSISTENT;
            case "per-step" -> OpenClSimulation.Launch.PER_STEP;
            default -> throw new BackendException("option " + LAUNCH + ": expected 'persistent' or 'per-step', got '" + option + "'");
        };
    }

    /** One work-item on a CPU device (the step loop then runs as plain compiled C), 1024 on others; at most the device maximum. */
    static int persistentLocalSize(ClDevice device, String option) {
        long max = Math.max(1, device.maxWorkGroupSize());
        int wanted = device.isCpu() ? 1 : 1024;
        if (option != null && !option.isBlank()) {
            try {
                wanted = Integer.parseInt(option.trim());
            } catch (NumberFormatException e) {
                throw new BackendException("option " + PERSISTENT_LOCAL_SIZE + ": expected a positive integer, got '" + option + "'");
            }
            if (wanted < 1 || wanted > max)
                throw new BackendException("option " + PERSISTENT_LOCAL_SIZE + ": " + wanted + " is outside 1.." + max + " (this device's work-group limit)");
        }
        return (int) Math.min(wanted, max);
    }
}
