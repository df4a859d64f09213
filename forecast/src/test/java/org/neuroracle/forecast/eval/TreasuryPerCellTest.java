package org.neuroracle.forecast.eval;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The per-cell choice falls back to the first-half best baseline and never reads the held-out half. */
class TreasuryPerCellTest {
    /** MAEs: naive and croston (baselines), the ensemble, trend (a candidate), each single with coverage 0.8. */
    private static TreasurySelection.Cell cell(String half, double naive, double croston, double ensemble, double trend) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("naive", new double[]{naive, Double.NaN, 10});
        m.put("croston", new double[]{croston, Double.NaN, 10});
        m.put("ensemble", new double[]{ensemble, 0.8, 10});
        m.put(TreasuryPerCell.SINGLE + "naive", new double[]{naive, 0.8, 10});
        m.put(TreasuryPerCell.SINGLE + "croston", new double[]{croston, 0.8, 10});
        m.put(TreasuryPerCell.SINGLE + "trend_log_120d", new double[]{trend, 0.8, 10});
        String best = naive <= croston ? "naive" : "croston";
        return new TreasurySelection.Cell("s", "inflow", 7, half, 1, false, best, m);
    }

    @Test void aLosingEnsembleFallsBackToTheFirstHalfBestBaseline() {
        var ch = TreasuryPerCell.choose(List.of(cell("first", 4, 3, 3.5, 9)));
        assertEquals(TreasuryPerCell.SINGLE + "croston", ch.get("fallback").get("s inflow 7d"));
        assertEquals(TreasuryPerCell.SINGLE + "croston", ch.get("lowest").get("s inflow 7d"));
        var win = TreasuryPerCell.choose(List.of(cell("first", 4, 3, 2.5, 2)));
        assertEquals("ensemble", win.get("fallback").get("s inflow 7d"));
        assertEquals(TreasuryPerCell.SINGLE + "trend_log_120d", win.get("lowest").get("s inflow 7d"));
        assertThrows(IllegalArgumentException.class, () -> TreasuryPerCell.choose(List.of(cell("second", 4, 3, 3.5, 9))));
    }

    @SuppressWarnings("unchecked")
    @Test void theHeldOutHalfNeitherChangesTheChoiceNorIsScoredWithItsOwnBest() {
        // First half: the ensemble loses to croston. Two different futures: in one the ensemble would have won by far.
        TreasurySelection.Cell first = cell("first", 4, 3, 3.5, 9);
        for (double futureEnsemble : new double[]{0.1, 50}) {
            Map<String, Object> s = TreasuryPerCell.score(List.of(first, cell("second", 2, 6, futureEnsemble, 1)));
            Map<String, Object> fb = (Map<String, Object>) s.get("fallback");
            assertEquals(TreasuryPerCell.SINGLE + "croston", ((Map<String, String>) fb.get("choices")).get("s inflow 7d"));
            // Held out, croston (chosen) loses to naive (the second half's best): 6 / 2.
            assertEquals("croston ratio 3.000 cov 0.800", ((Map<String, String>) ((Map<String, Object>) fb.get("second")).get("cells_detail")).get("s inflow 7d"));
            assertEquals(0, ((Map<String, Object>) fb.get("second")).get("beats_best_baseline"));
        }
    }

    /** The served fallbacks read back from a written metrics.json are the fallback rule's non-ensemble choices. */
    @Test void servedFallbacksReadBackWhatScoreWrote(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TreasurySelection.Cell losing = cell("first", 4, 3, 3.5, 9);
        TreasurySelection.Cell winning = new TreasurySelection.Cell("t", "outflow", 30, "first", 1, false, "naive", cell("first", 4, 3, 2.5, 2).maeCov());
        Map<String, Object> root = Map.of("per_cell", TreasuryPerCell.score(List.of(losing, winning)));
        java.nio.file.Path f = dir.resolve("metrics.json");
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(f.toFile(), root);
        assertEquals(Map.of("s inflow 7d", "croston"), TreasuryPerCell.servedFallbacks(f), "the ensemble's own cell is no fallback");

        java.nio.file.Files.writeString(f, "{\"per_cell\": {\"fallback\": {\"choices\": {\"s inflow 7d\": \"median\"}}}}");
        var bad = assertThrows(IllegalArgumentException.class, () -> TreasuryPerCell.servedFallbacks(f));
        assertTrue(bad.getMessage().contains("per_cell.fallback.choices.s inflow 7d") && bad.getMessage().contains(f.toString()), bad.getMessage());
        java.nio.file.Files.writeString(f, "{}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TreasuryPerCell.servedFallbacks(f)).getMessage().contains("no per_cell.fallback.choices"));
    }
}
