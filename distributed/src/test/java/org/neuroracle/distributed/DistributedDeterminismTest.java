package org.neuroracle.distributed;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuroracle.distributed.testing.MpiRun;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.cpu.CpuBackend;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distributed run on rank 0 equals the single-process run: same digest (raster and final state), same
 * counters, same state-probe samples, for 1, 2 and 4 ranks (4 oversubscribed on a 2-core machine).
 */
class DistributedDeterminismTest {
    @ParameterizedTest(name = "{0} on {3} ranks")
    @CsvSource({
            "mixed-fixed, 95, 61, 2",
            "mixed-fixed, 95, 61, 4",
            "mixed-fixed, 95, 61, 1",
            "whole:mixed-fixed, 95, 61, 2",
            "cuba-fixed, 150, 50, 2",
            "cuba-fixed, 150, 50, 4",
            // Float: equal too, because each ring cell gets the same additions in the same order as in one process.
            "cuba, 150, 50, 2",
    })
    void rankZeroReportsExactlyTheSingleProcessRun(String network, int a, int b, int ranks) throws Exception {
        String expected;
        try (Simulation sim = new CpuBackend().compile(TestNetworks.byName(network.replace("whole:", "")), Options.defaults().withThreads(1))) {
            expected = RunReport.of(sim, a, b);
        }
        assertTrue(expected.contains("spikes=[") && !expected.contains("spikes=[0, 0"), "the test network must spike: " + expected);
        MpiRun.Result r = MpiRun.java(ranks, DeterminismCheckMain.class, List.of(network, Integer.toString(a), Integer.toString(b)), 300);
        assertEquals(0, r.exitCode(), r.output());
        int from = r.output().indexOf("REPORT\n"), to = r.output().indexOf("END\n");
        assertTrue(from >= 0 && to > from, r.output());
        assertEquals(expected, r.output().substring(from + 7, to));
    }
}
