package org.neuroracle.forecast.eval;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The halves' scoring: exact baselines make any error a loss, all-zero cells count only for a rule that erred, and the rule is chosen on the first half only. */
class TreasurySelectionTest {
    /** {mae, coverage, n} per method; the best baseline is naive. */
    private static TreasurySelection.Cell cell(String half, boolean flat, double naiveMae, double aMae, double aCov, double bMae, double bCov) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("naive", new double[]{naiveMae, Double.NaN, 10});
        m.put("ensemble", new double[]{aMae, aCov, 10});
        m.put("ensemble_b", new double[]{bMae, bCov, 10});
        return new TreasurySelection.Cell("s", "inflow", 7, half, 1, flat, "naive", m);
    }

    @Test void anErrorAgainstAnExactBaselineIsALoss() {
        TreasurySelection.Cell c = cell("second", true, 0, 0, 1, 2, 0.8);
        assertFalse(c.counts("ensemble"), "all zero and forecast zero: nothing to score");
        assertTrue(c.counts("ensemble_b"), "all zero but it forecast a flow");
        assertEquals(Double.POSITIVE_INFINITY, c.ratio("ensemble_b"));
        assertFalse(c.met("ensemble_b"));
        assertEquals(0.5, cell("first", false, 4, 2, 0.8, 1, 0.8).ratio("ensemble"), 1e-12);
    }

    @SuppressWarnings("unchecked")
    @Test void theRuleIsChosenOnTheFirstHalfWhateverTheSecondSays() {
        // ensemble_b meets the goal on the first half and fails on the second; ensemble the reverse.
        var sel = TreasurySelection.select(java.util.List.of(
                cell("first", false, 4, 5, 0.8, 2, 0.8), cell("second", false, 4, 2, 0.8, 5, 0.5)));
        assertEquals("ensemble_b", sel.get("chosen_on_first_half"));
        Map<String, Object> b = (Map<String, Object>) ((Map<String, Object>) sel.get("rules")).get("ensemble_b");
        assertEquals(1, ((Map<String, Object>) b.get("first")).get("goal_met"));
        assertEquals(0, ((Map<String, Object>) b.get("second")).get("goal_met"));
    }
}
