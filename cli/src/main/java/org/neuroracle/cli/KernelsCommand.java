package org.neuroracle.cli;

import org.neuroracle.kernels.KernelSource;
import org.neuroracle.kernels.OpenClBackend;
import org.neuroracle.kernels.cl.ClDevice;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NumericMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = {"OpenCL kernels of the opencl backend: lists the OpenCL devices, prints the -D build options a "
                + "network needs, writes the OpenCL C program (for offline FPGA compilers) or a program binary built "
                + "on a device, which 'simulate --backend opencl --program-binary FILE' loads."})
public final class KernelsCommand implements Callable<Integer> {
    @Option(names = "--network", paramLabel = "NAME|FILE", description = "Network whose build options to print (built-in name or network file).")
    String network;

    @Option(names = "--seed", defaultValue = "1", description = "Seed used to build the network (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--device", paramLabel = "NAME|INDEX", description = "OpenCL device (name substring or index; default: $NEURORACLE_OPENCL_DEVICE, else the first GPU, else the first device).")
    String device;

    @Option(names = "--source", paramLabel = "FILE", description = "Write the complete OpenCL C program (all .cl files, concatenated) to FILE.")
    Path source;

    @Option(names = "--binary", paramLabel = "FILE", description = "Build the program for --network on the device and write its binary to FILE.")
    Path binary;

    @Option(names = "--local-size", paramLabel = "N", description = "Offline builds (no device here): work-group size of the update kernels, a power of two (default: chosen per device).")
    Integer localSize;

    @Option(names = "--fp64", description = "Offline builds (no device here): the target device has doubles (cl_khr_fp64).")
    boolean fp64;

    @Override public Integer call() throws IOException {
        if (source != null) OutputPaths.file(source, "--source", ".cl");
        if (binary != null) OutputPaths.file(binary, "--binary", ".bin");
        OpenClBackend ocl = new OpenClBackend();
        if (ocl.available()) {
            for (Backend.DeviceInfo d : ocl.devices())
                System.out.println("device " + d.index() + ": " + d.name() + " (" + d.type() + "; " + d.details() + ")");
        } else {
            System.out.println("no OpenCL device here: " + ocl.unavailableReason());
        }
        if (localSize != null && (localSize < 1 || Integer.bitCount(localSize) != 1))
            throw new IllegalArgumentException("--local-size must be a power of two, got " + localSize);
        if (source != null) {
            Files.writeString(source, KernelSource.text());
            System.out.println("source: " + KernelSource.FILES + " written to " + source);
        }
        if (network == null) {
            if (binary != null) throw new IllegalArgumentException("--binary needs --network: a program is built for one network class");
            return 0;
        }
        Network net = NetworkSource.load(network, seed);
        KernelSource.Config config;
        if (localSize != null || !ocl.available()) {
            int local = localSize == null ? 64 : localSize; // checked above
            config = new KernelSource.Config(net.mode() == NumericMode.FIXED, org.neuroracle.kernels.StateLayout.ringSlots(net.maxDelaySteps()), local, fp64);
        } else {
            ClDevice d = OpenClBackend.chooseDevice(Options.defaults().withDevice(device));
            config = OpenClBackend.configFor(net, d);
            System.out.println("target: device " + d.index() + " " + d.name());
        }
        System.out.println("network " + net.name() + ": build options " + config.buildOptions());
        if (binary != null) {
            if (!ocl.available()) throw new IllegalArgumentException("--binary needs an OpenCL device: " + ocl.unavailableReason());
            Options opts = new Options(0, device, Map.of(OpenClBackend.PROGRAM_BINARY_OUT, binary.toString()));
            try (Simulation sim = ocl.compile(net, opts)) {
                System.out.println("binary: " + Files.size(binary) + " bytes written to " + binary + " (network at step " + sim.currentStep() + ")");
            }
        }
        return 0;
    }
}
