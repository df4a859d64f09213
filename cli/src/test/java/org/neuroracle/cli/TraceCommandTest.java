package org.neuroracle.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceCommandTest {
    /** Golden trace, worked by hand from ARCHITECTURE.md (du 80 -> factor 4015/4096, dv 20 -> 4076/4096, threshold 640). */
    @Test void followsTheFixedPointEquationsStepByStep(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("a_in.txt");
        Files.writeString(in, "10\n# comment\n20\n0\n-5\n\n100000\n");
        CliRun r = CliRun.of("trace", "--param", "du=80,dv=20,vth=10,bias_mant=0", "--input", in.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of(
                "step,u,v,spike",
                "0,640,640,0",        // u = 10 << 6; v = 0 + 640, not > 640
                "1,1907,0,1",         // u = 640*4015/4096 = 627 (627.3) + 1280; v = 637 + 1907 > 640 -> spike, reset
                "2,1869,0,1",         // u = 1907*4015/4096 = 1869.2 -> 1869 (+ 0)
                "3,1512,0,1",         // 1869*4015/4096 = 1832.04 -> 1832, - 5 << 6
                "4,6401482,0,1"       // 1512*4015/4096 = 1482.1 -> 1482, + 100000 << 6
        ), r.out().lines().toList());
    }

    @Test void rejectsBadInputNamingTheLine(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("a_in.txt");
        Files.writeString(in, "1\n2\nthree\n");
        CliRun r = CliRun.of("trace", "--param", "du=1", "--input", in.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("line 3: 'three' is not a 32-bit integer"), r.err());
        r = CliRun.of("trace", "--param", "dv=4096", "--input", in.toString());
        assertTrue(r.err().contains("dv = 4096"), r.err());
        r = CliRun.of("trace", "--param", "gain=2", "--input", in.toString());
        assertTrue(r.err().contains("unknown parameter 'gain'"), r.err());
    }
}
