package org.neuroracle.distributed;

import org.junit.jupiter.api.Test;
import org.neuroracle.distributed.testing.MpiRun;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MpiSpikeExchangeTest {
    @Test void everyRankReceivesAllRanksSpikesInAscendingOrderPerStepAndPopulation() throws Exception {
        for (int ranks : new int[]{2, 3}) {
            MpiRun.Result r = MpiRun.java(ranks, ExchangeCheckMain.class, List.of(), 180);
            assertEquals(0, r.exitCode(), r.output());
            for (int k = 0; k < ranks; k++) assertTrue(r.output().contains("OK rank " + k + " of " + ranks), r.output());
            assertFalse(r.output().contains("FAIL"), r.output());
        }
    }
}
