package org.neuroracle.hw.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * NVIDIA's board energy counter, {@code nvmlDeviceGetTotalEnergyConsumption} (millijoules since the driver loaded,
 * Volta and newer), read through {@code libnvidia-ml.so.1} with the foreign function API. A counter, unlike
 * nvidia-smi's power samples, cannot miss a short burst; but it is refreshed only every few tens of milliseconds,
 * so a measurement must span many forecasts ({@link GpuEnergyMeasurement}).
 */
public final class NvmlEnergyCounter implements EnergyCounter {
    static final String LIBRARY = "libnvidia-ml.so.1";
    private final Arena arena = Arena.ofShared();
    private final MethodHandle energy, errorString, shutdown;
    private final MemorySegment device;
    private final String name;
    private boolean closed;

    /** Opens NVML and the GPU at {@code index} (NVML's order, which is PCI bus order). */
    public NvmlEnergyCounter(int index) {
        SymbolLookup lib;
        try {
            lib = SymbolLookup.libraryLookup(LIBRARY, arena);
        } catch (IllegalArgumentException e) {
            arena.close();
            throw new NvmlException(LIBRARY + " not found: NVML comes with the NVIDIA driver, so this machine has no NVIDIA GPU driver", -1);
        }
        Linker linker = Linker.nativeLinker();
        try {
            MethodHandle init = bind(linker, lib, "nvmlInit_v2", FunctionDescriptor.of(JAVA_INT));
            MethodHandle handle = bind(linker, lib, "nvmlDeviceGetHandleByIndex_v2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
            MethodHandle getName = bind(linker, lib, "nvmlDeviceGetName", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
            energy = bind(linker, lib, "nvmlDeviceGetTotalEnergyConsumption", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
            errorString = bind(linker, lib, "nvmlErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
            shutdown = bind(linker, lib, "nvmlShutdown", FunctionDescriptor.of(JAVA_INT));
            check("nvmlInit_v2", (int) init.invokeExact());
            try (Arena a = Arena.ofConfined()) {
                MemorySegment out = a.allocate(ADDRESS);
                check("nvmlDeviceGetHandleByIndex_v2(" + index + ")", (int) handle.invokeExact(index, out));
                device = out.get(ADDRESS, 0);
                MemorySegment buf = a.allocate(96);
                check("nvmlDeviceGetName", (int) getName.invokeExact(device, buf, 96));
                name = buf.getString(0);
            }
        } catch (NvmlException e) {
            arena.close();
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw new NvmlException("NVML call failed: " + t, -1);
        }
    }

    @Override public String deviceName() { return name; }

    @Override public double joules() {
        if (closed) throw new NvmlException("NVML counter is closed", -1);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment mj = a.allocate(ValueLayout.JAVA_LONG);
            check("nvmlDeviceGetTotalEnergyConsumption", (int) energy.invokeExact(device, mj));
            return mj.get(ValueLayout.JAVA_LONG, 0) / 1000.0;   // mJ; 2^63 mJ is far beyond any board's lifetime
        } catch (NvmlException e) {
            throw e;
        } catch (Throwable t) {
            throw new NvmlException("nvmlDeviceGetTotalEnergyConsumption failed: " + t, -1);
        }
    }

    @Override public void close() {
        if (closed) return;
        closed = true;
        try {
            int rc = (int) shutdown.invokeExact();
            if (rc != 0) throw new NvmlException("nvmlShutdown: " + message(rc), rc);
        } catch (NvmlException e) {
            throw e;
        } catch (Throwable t) {
            throw new NvmlException("nvmlShutdown failed: " + t, -1);
        } finally {
            arena.close();
        }
    }

    private void check(String call, int rc) throws Throwable {
        if (rc != 0) throw new NvmlException(call + ": " + message(rc) + " (nvmlReturn_t " + rc + ")", rc);
    }

    private String message(int rc) throws Throwable {
        if (errorString == null) return "error " + rc;
        MemorySegment s = (MemorySegment) errorString.invokeExact(rc);
        return s.equals(MemorySegment.NULL) ? "error " + rc : s.reinterpret(256).getString(0);
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lib, String symbol, FunctionDescriptor fd) {
        return linker.downcallHandle(lib.find(symbol).orElseThrow(() -> new NvmlException(LIBRARY + " has no symbol " + symbol
                + " (driver too old for the total-energy counter?)", -1)), fd);
    }
}
