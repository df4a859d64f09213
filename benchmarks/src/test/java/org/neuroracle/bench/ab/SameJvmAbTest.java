package org.neuroracle.bench.ab;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.cpu.CpuBackend;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class SameJvmAbTest {
    /** snn-core's build on this test's class path (a classes directory or the jar). */
    private static Path snnCore() throws Exception {
        return Path.of(CpuBackend.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test void theSameBuildTwiceGivesTheSameDigestAndPositiveTimes() throws Exception {
        Path core = snnCore();
        SameJvmAb.Result r = SameJvmAb.run("cuba", core, core, 4, 50, 1);
        assertTrue(r.sameBits(), r.toString());
        assertEquals(64, r.digestA().length());
        assertTrue(r.aMedianUs() > 0 && r.bMedianUs() > 0 && r.ratioMedian() > 0, r.toString());
        assertTrue(r.ratioQ1() <= r.ratioMedian() && r.ratioMedian() <= r.ratioQ3(), r.toString());
    }

    @Test void differentBitsAreReported() {
        var r = new SameJvmAb.Result("coba", 4, 10, 1, 1, 1, 1, 1, 1, 1, "aa", "bb");
        assertFalse(r.sameBits());
        assertTrue(r.toString().contains("DIGESTS DIFFER: A aa, B bb"), r.toString());
    }

    @Test void twoNetworksRunSideBySideAndAreNotCalledABitDifference() throws Exception {
        Path core = snnCore();
        SameJvmAb.Result r = SameJvmAb.run("cuba-fixed:cuba", core, core, 4, 50, 1);
        assertFalse(r.sameNetwork());
        assertFalse(r.sameBits(), "cuba-fixed and cuba end in different states: " + r);
        assertTrue(r.toString().contains("two networks, digests A " + r.digestA() + ", B " + r.digestB()), r.toString());
        assertFalse(r.toString().contains("DIFFER"), r.toString());
    }

    @Test void aMalformedNetworkPairIsRefused() throws Exception {
        Path core = snnCore();
        var e = assertThrows(IllegalArgumentException.class, () -> SameJvmAb.run("cuba:", core, core, 4, 10, 0));
        assertTrue(e.getMessage().contains("'cuba:'"), e.getMessage());
    }

    @Test void aBadThreadCountIsNamed() throws Exception {
        Path core = snnCore();
        var e = assertThrows(IllegalStateException.class, () -> SameJvmAb.run("coba@two", core, core, 4, 10, 0));
        assertTrue(e.getMessage().contains("NAME@THREADS with THREADS >= 1, got 'coba@two'"), e.getMessage());
    }

    @Test void aMissingBuildIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> SameJvmAb.run("cuba", Path.of("/no/such/build"), Path.of("/no/such/build"), 4, 10, 0));
        assertTrue(e.getMessage().contains("/no/such/build"), e.getMessage());
    }

    @Test void tooFewRoundsAreRefused() throws Exception {
        Path core = snnCore();
        assertThrows(IllegalArgumentException.class, () -> SameJvmAb.run("cuba", core, core, 3, 10, 0));
    }
}
