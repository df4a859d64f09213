package org.neuroracle.forecast.eval;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.*;

/** Origins inside a snapshot gap would see the flow spread from the snapshot that ends the gap: they are not origins. */
class TreasuryOriginsTest {
    @Test void aDayWithoutASnapshotIsNotAnOrigin() {
        double[] flow = {1, 2, 3, 3, 3, 4};
        double[] bal = {10, 12, Double.NaN, Double.NaN, 21, 25};
        boolean[] ok = TreasuryEval.originsKnown(new FlowSeries("s", "ETH", 1, LocalDate.of(2024, 1, 1), flow, flow, bal));
        assertArrayEquals(new boolean[]{true, true, false, false, true, true}, ok);
    }

    @Test void aFlowsOnlySeriesUsesEveryPeriod() {
        double[] flow = {1, 2, 3};
        double[] none = {Double.NaN, Double.NaN, Double.NaN};
        boolean[] ok = TreasuryEval.originsKnown(new FlowSeries("s", "USD", 30, LocalDate.of(2024, 1, 1), flow, flow, none));
        assertArrayEquals(new boolean[]{true, true, true}, ok);
    }
}
