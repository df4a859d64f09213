package org.neuroracle.distributed.mpi;

import org.junit.jupiter.api.Test;
import org.neuroracle.distributed.testing.MpiRun;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MpiBindingTest {
    @Test void collectivesGiveEveryRankThePredictedValuesOnTwoRanks() throws Exception {
        MpiRun.Result r = MpiRun.java(2, MpiSelfCheckMain.class, List.of(), 120);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("OK rank 0 of 2") && r.output().contains("OK rank 1 of 2"), r.output());
        assertFalse(r.output().contains("FAIL"), r.output());
    }

    @Test void collectivesWorkOversubscribedOnFourRanks() throws Exception {
        MpiRun.Result r = MpiRun.java(4, MpiSelfCheckMain.class, List.of(), 180);
        assertEquals(0, r.exitCode(), r.output());
        for (int k = 0; k < 4; k++) assertTrue(r.output().contains("OK rank " + k + " of 4"), r.output());
    }
}
