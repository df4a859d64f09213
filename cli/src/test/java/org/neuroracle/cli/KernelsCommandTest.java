package org.neuroracle.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.kernels.OpenClBackend;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The opencl backend through the CLI: simulate --backend opencl, and the kernels command's binary round trip. */
class KernelsCommandTest {
    @BeforeEach void needsOpenCl() {
        OpenClBackend b = new OpenClBackend();
        Assumptions.assumeTrue(b.available(), () -> "no OpenCL here: " + b.unavailableReason());
    }

    @Test void openclPrintsTheReferenceDigestForCubaFixed() {
        String cpu = CliRun.of("simulate", "--network", "cuba-fixed", "--steps", "500", "--threads", "1", "--digest").line("digest: ");
        CliRun ocl = CliRun.of("simulate", "--network", "cuba-fixed", "--steps", "500", "--backend", "opencl", "--device", "0", "--digest");
        assertEquals(0, ocl.exitCode(), ocl.err());
        assertEquals(cpu, ocl.line("digest: "));
    }

    @Test void kernelsWritesSourceAndABinaryThatSimulateLoads(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("neuroracle.cl"), bin = dir.resolve("cuba-fixed.bin");
        CliRun k = CliRun.of("kernels", "--network", "cuba-fixed", "--source", src.toString(), "--binary", bin.toString());
        assertEquals(0, k.exitCode(), k.err());
        assertTrue(k.line("network cuba-fixed: build options ").contains("-DNR_FIXED=1 -DNR_RING_SLOTS=2"), k.out());
        assertTrue(Files.readString(src).contains("__kernel void propagate("));
        String cpu = CliRun.of("simulate", "--network", "cuba-fixed", "--steps", "200", "--threads", "1", "--digest").line("digest: ");
        CliRun ocl = CliRun.of("simulate", "--network", "cuba-fixed", "--steps", "200", "--backend", "opencl", "--program-binary", bin.toString(), "--digest");
        assertEquals(0, ocl.exitCode(), ocl.err());
        assertEquals(cpu, ocl.line("digest: "));
    }

    /** Every command that takes --network knows the standard networks --help lists, the microcircuit among them. */
    @Test void kernelsTakesTheMicrocircuitByName(@TempDir Path dir) {
        CliRun k = CliRun.of("kernels", "--network", "microcircuit", "--source", dir.resolve("m.cl").toString());
        assertEquals(0, k.exitCode(), k.err());
        assertTrue(k.out().contains("network microcircuit: build options "), k.out());
    }

    @Test void aBinaryForAnotherNetworkClassIsOneReadableLine(@TempDir Path dir) {
        Path bin = dir.resolve("fixed.bin");
        assertEquals(0, CliRun.of("kernels", "--network", "cuba-fixed", "--binary", bin.toString()).exitCode());
        CliRun r = CliRun.of("simulate", "--network", "cuba", "--steps", "10", "--backend", "opencl", "--program-binary", bin.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("neuroracle: program binary " + bin), r.err());
        assertTrue(r.err().contains("-DNR_FIXED=0"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
