package org.neuroracle.kernels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.kernels.cl.ClContext;
import org.neuroracle.kernels.cl.ClException;
import org.neuroracle.kernels.cl.ClProgram;
import org.neuroracle.snn.backend.BackendException;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pre-built program binaries (the FPGA flow) and the on-disk program cache, round-tripped on the real device. */
class ProgramBinaryTest {
    private static Options with(Map<String, String> extra) { return new Options(0, null, extra); }

    @Test void programBinaryRoundTripsAndGivesTheSameDigest(@TempDir Path dir) throws Exception {
        OpenClBackend ocl = OpenClTesting.opencl();
        Network net = BuiltinNetworks.byName("cuba-fixed", 5);
        Path bin = dir.resolve("cuba-fixed.bin");
        String fromSource;
        try (Simulation s = ocl.compile(net, with(Map.of(OpenClBackend.PROGRAM_BINARY_OUT, bin.toString(),
                OpenClBackend.CACHE_DIR, dir.resolve("cache").toString())))) {
            assertEquals(ProgramCache.Origin.SOURCE, ((OpenClSimulation) s).programOrigin());
            s.run(300);
            fromSource = Digest.of(s);
        }
        assertTrue(Files.size(bin) > 0, "a binary was written");
        try (Simulation s = ocl.compile(net, with(Map.of(OpenClBackend.PROGRAM_BINARY, bin.toString())))) {
            assertEquals(ProgramCache.Origin.BINARY_FILE, ((OpenClSimulation) s).programOrigin());
            s.run(300);
            assertEquals(fromSource, Digest.of(s), "the loaded binary computes the same run");
        }
    }

    @Test void binaryBuiltForAnotherNetworkClassIsRejectedNamingTheBuildOptions(@TempDir Path dir) {
        OpenClBackend ocl = OpenClTesting.opencl();
        Path bin = dir.resolve("float.bin");
        try (Simulation s = ocl.compile(BuiltinNetworks.byName("cuba", 1), with(Map.of(OpenClBackend.PROGRAM_BINARY_OUT, bin.toString())))) {
            assertEquals(0, s.currentStep());
        }
        BackendException e = assertThrows(BackendException.class,
                () -> ocl.compile(BuiltinNetworks.byName("cuba-fixed", 1), with(Map.of(OpenClBackend.PROGRAM_BINARY, bin.toString()))));
        assertTrue(e.getMessage().contains("-DNR_FIXED=1"), e.getMessage());
        assertTrue(e.getMessage().contains(bin.toString()), e.getMessage());
    }

    @Test void garbageBinaryFailsWithTheClErrorName(@TempDir Path dir) throws Exception {
        OpenClBackend ocl = OpenClTesting.opencl();
        Path bin = dir.resolve("garbage.bin");
        Files.write(bin, "not a program".getBytes());
        ClException e = assertThrows(ClException.class,
                () -> ocl.compile(BuiltinNetworks.byName("cuba-fixed", 1), with(Map.of(OpenClBackend.PROGRAM_BINARY, bin.toString()))));
        assertTrue(e.getMessage().matches("(?s).*CL_[A-Z_]+ \\(-\\d+\\).*"), e.getMessage());
        assertTrue(e.getMessage().contains(bin.toString()), e.getMessage());
    }

    @Test void missingBinaryFileIsAOneLineError() {
        OpenClBackend ocl = OpenClTesting.opencl();
        BackendException e = assertThrows(BackendException.class,
                () -> ocl.compile(BuiltinNetworks.byName("cuba-fixed", 1), with(Map.of(OpenClBackend.PROGRAM_BINARY, "/nonexistent/x.bin"))));
        assertTrue(e.getMessage().startsWith("program-binary: cannot read /nonexistent/x.bin"), e.getMessage());
    }

    @Test void secondCompileLoadsTheProgramFromTheCacheAndCorruptEntriesAreRebuilt(@TempDir Path dir) throws Exception {
        OpenClBackend ocl = OpenClTesting.opencl();
        Network net = BuiltinNetworks.byName("cuba-fixed", 5);
        Options opts = with(Map.of(OpenClBackend.CACHE_DIR, dir.toString()));
        try (Simulation s = ocl.compile(net, opts)) {
            assertEquals(ProgramCache.Origin.SOURCE, ((OpenClSimulation) s).programOrigin());
        }
        Path entry;
        try (var files = Files.list(dir)) {
            var all = files.toList();
            assertEquals(1, all.size(), "one cache entry: " + all);
            entry = all.getFirst();
        }
        try (Simulation s = ocl.compile(net, opts)) {
            assertEquals(ProgramCache.Origin.CACHE, ((OpenClSimulation) s).programOrigin());
        }
        Files.write(entry, new byte[]{1, 2, 3});
        try (Simulation s = ocl.compile(net, opts)) {
            assertEquals(ProgramCache.Origin.SOURCE, ((OpenClSimulation) s).programOrigin(), "a corrupt entry is rebuilt from source");
        }
        assertTrue(Files.size(entry) > 3, "and replaced");
    }

    @Test void cacheKeyDependsOnSourceOptionsAndDevice() {
        String k = ProgramCache.key("src", "-DA=1", "dev");
        assertEquals(64, k.length());
        assertTrue(!k.equals(ProgramCache.key("src2", "-DA=1", "dev")));
        assertTrue(!k.equals(ProgramCache.key("src", "-DA=2", "dev")));
        assertTrue(!k.equals(ProgramCache.key("src", "-DA=1", "dev2")));
        assertTrue(!k.equals(ProgramCache.key("src-DA=1", "", "dev")), "parts are separated, not concatenated");
    }

    @Test void buildErrorsCarryTheBuildLog() {
        OpenClBackend ocl = OpenClTesting.opencl();
        try (ClContext ctx = new ClContext(OpenClBackend.chooseDevice(Options.defaults()))) {
            ClException e = assertThrows(ClException.class,
                    () -> ClProgram.fromSource(ctx, "__kernel void broken(__global int* x) { x[0] = undefined_name; }", ""));
            assertTrue(e.getMessage().contains("CL_BUILD_PROGRAM_FAILURE"), e.getMessage());
            assertTrue(e.getMessage().contains("undefined_name"), "the build log names the problem: " + e.getMessage());
        }
        assertTrue(ocl.available());
    }
}
