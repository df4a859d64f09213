package org.neuroracle.snn.backend;

import org.neuroracle.snn.model.Network;

import java.util.List;

/**
 * A device family that runs networks. Implementations are found with {@link java.util.ServiceLoader}
 * (see {@link Backends}); a backend never imports another backend.
 */
public interface Backend {
    /** Name used on the command line: {@code cpu}, {@code opencl}, {@code board:emulator}. */
    String name();

    /** What this backend can run. {@link #compile} rejects anything else naming the missing feature. */
    Capabilities capabilities();

    /**
     * Whether the backend can run here at all (a runtime or library is present). When false, {@link #unavailableReason()}
     * says why in one line; compile then throws {@link BackendException} with that reason.
     */
    default boolean available() { return true; }

    default String unavailableReason() { return ""; }

    /** Devices this backend can use (for {@code neuroracle backends}); empty when it has no device choice. */
    default List<DeviceInfo> devices() { return List.of(); }

    /**
     * A backend of this family for a name no registered backend has, or null. Lets one registered backend answer
     * to a family of names, e.g. {@code board:<name>} for any board library.
     */
    default Backend variant(String name) { return null; }

    /** Compile a network into a ready-to-run simulation at step 0. */
    Simulation compile(Network network, Options options);

    /**
     * Compile this process's part of a network partitioned across processes (one MPI rank): the simulation owns
     * the neurons {@code exchange} names and swaps spikes through it. Backends that cannot run per rank refuse.
     */
    default Simulation compilePartition(Network network, Options options, SpikeExchange exchange) {
        throw new PartitionsUnsupportedException(name());
    }

    /** One device of a backend, e.g. an OpenCL device. */
    record DeviceInfo(int index, String name, String type, String details) {}
}
