package org.neuroracle.snn.cpu;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.networks.BuiltinNetworks;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The digests (raster and final state) of the built-in networks on the cpu backend, recorded with the code of
 * main at 1d54a54, before the step loops were restructured for speed (issue 15). Every later change to a loop
 * must keep them: the fixed-point digests are the cross-backend contract, and the float ones pin the documented
 * float32 operation order. A digest may change only together with a documented change of the model semantics.
 */
class GoldenDigestTest {
    @ParameterizedTest(name = "{0}, {1} thread(s)")
    @CsvSource({
            "cuba,       1, 3000, 96ea48dfe056fbace92a1d0bdfea694282d8f2c9578e259b2be6e02784c4ba15",
            "coba,       1, 3000, 10d332612af49e9396543a9b3cd24729d0073c2c73f9d97729a026263bf3569f",
            "coba,       2, 3000, 10d332612af49e9396543a9b3cd24729d0073c2c73f9d97729a026263bf3569f",
            "cuba-fixed, 1, 3000, 48e4f8fd65667232d7377b9d0a87918049aa3fe2bed6df6fcf3d26edf21ddf8d",
            "cuba-fixed, 2, 3000, 48e4f8fd65667232d7377b9d0a87918049aa3fe2bed6df6fcf3d26edf21ddf8d",
            "brunel,     2,  300, 97566bfce5113a09796d108ed5765e0f91432875335c628d996aa66b2ddc77f1",
    })
    void builtInNetworkDigestsAreUnchanged(String network, int threads, int steps, String digest) {
        try (Simulation sim = new CpuBackend().compile(BuiltinNetworks.byName(network, 7), Options.defaults().withThreads(threads))) {
            sim.run(steps);
            assertEquals(digest, Digest.of(sim), network + " after " + steps + " steps (seed 7)");
        }
    }
}
