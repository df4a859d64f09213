package org.neuroracle.snn.cpu;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.DigestV1;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.networks.BuiltinNetworks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The digests (raster and final state) of the built-in networks on the cpu backend, recorded with the code of
 * main at 1d54a54, before the step loops were restructured for speed (issue 15). Every later change to a loop
 * must keep them: the fixed-point digests are the cross-backend contract, and the float ones pin the documented
 * float32 operation order. A digest may change only together with a documented change of the model semantics.
 * The v1 column is the digest format of that time, computed from the same run as today's v2 digest (which moved the
 * counts after the spikes so that spikes can be streamed, issue 14): an unchanged v1 proves the run is unchanged.
 * Each row runs twice: on the scalar (auto-vectorised) path and on the Vector API kernels, which must give the same bits.
 */
class GoldenDigestTest {
    @ParameterizedTest(name = "{0}, {1} thread(s)")
    @CsvSource({
            // network, threads, steps, v1 digest (recorded at 1d54a54), v2 digest (the same run)
            "cuba,       1, 3000, 96ea48dfe056fbace92a1d0bdfea694282d8f2c9578e259b2be6e02784c4ba15, 18f529969bb11eedc0bb52d8de674fc1876bad17e41982739f11ef8a91dcf570",
            "coba,       1, 3000, 10d332612af49e9396543a9b3cd24729d0073c2c73f9d97729a026263bf3569f, 61150329dae25cf3dffa6ec2ac4d231f6d91db29c72a0aae6d1eec4ced2d89b6",
            "coba,       2, 3000, 10d332612af49e9396543a9b3cd24729d0073c2c73f9d97729a026263bf3569f, 61150329dae25cf3dffa6ec2ac4d231f6d91db29c72a0aae6d1eec4ced2d89b6",
            "cuba-fixed, 1, 3000, 48e4f8fd65667232d7377b9d0a87918049aa3fe2bed6df6fcf3d26edf21ddf8d, 264cd583f6f1feaa561f34859e58f13a37f8d4c6c88d41bd8518d97636a80ce4",
            "cuba-fixed, 2, 3000, 48e4f8fd65667232d7377b9d0a87918049aa3fe2bed6df6fcf3d26edf21ddf8d, 264cd583f6f1feaa561f34859e58f13a37f8d4c6c88d41bd8518d97636a80ce4",
            "brunel,     2,  300, 97566bfce5113a09796d108ed5765e0f91432875335c628d996aa66b2ddc77f1, e3010a03b3c099cbf41c081a2120635eb7c6af9111fe1e82d0ac8c8bffc0a95f",
    })
    void builtInNetworkDigestsAreUnchanged(String network, int threads, int steps, String v1, String v2) {
        assertTrue(LifState.VECTOR_MODULE, "run snn-core's tests with --add-modules jdk.incubator.vector (else one path is untested)");
        for (boolean vector : new boolean[]{false, true}) {
            String path = vector ? "vector kernels" : "scalar path";
            try (Simulation sim = compile(network, threads, vector)) {
                sim.run(steps);
                assertEquals(v1, DigestV1.of(sim), network + " after " + steps + " steps (seed 7), " + path + ", v1 digest");
                assertEquals(v2, Digest.of(sim), network + " after " + steps + " steps (seed 7), " + path + ", v2 digest");
            }
        }
    }

    /**
     * The network compiled with the Vector API kernels ({@code LifVectorKernel}, {@code FixedLifVectorKernel}) on
     * or off: the states read {@code neuroracle.cpu.vector} when they are built.
     */
    private static Simulation compile(String network, int threads, boolean vector) {
        String before = System.getProperty("neuroracle.cpu.vector");
        System.setProperty("neuroracle.cpu.vector", Boolean.toString(vector));
        try {
            return new CpuBackend().compile(BuiltinNetworks.byName(network, 7), Options.defaults().withThreads(threads));
        } finally {
            if (before == null) System.clearProperty("neuroracle.cpu.vector");
            else System.setProperty("neuroracle.cpu.vector", before);
        }
    }
}
