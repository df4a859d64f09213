package org.neuroracle.forecast.eval;

import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.service.Energy;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class EnergyReportTest {
    private static Energy e(String name, double j, boolean complete, String boundary) {
        return new Energy(name, name, complete ? j : Double.NaN, j, complete ? 0.0 : Double.NaN, j * 0.5, complete ? j * 2 : Double.NaN, complete,
                complete ? List.of() : List.of("static energy unknown: static_power is not published"), "measured", boundary, List.of("doi:10.1234/x"));
    }

    @Test void ratiosOnlyBetweenCompleteEstimatesAtTheSameBoundary() {
        List<Map<String, Object>> c = EnergyReport.comparisons(List.of(e("a", 4, true, "chip"), e("b", 2, true, "chip"),
                e("board", 1, true, "board"), e("gpu", 1e-9, false, "board")));
        assertEquals(1, c.size(), c.toString());
        assertEquals("a", c.get(0).get("a"));
        assertEquals(2.0, (double) c.get(0).get("ratio"), 1e-12);
        assertEquals(4 * 0.5 / (2 * 2), (double) c.get(0).get("ratio_low"), 1e-12);
        assertEquals(4 * 2 / (2 * 0.5), (double) c.get(0).get("ratio_high"), 1e-12);
    }

    @Test void noPairMeansNoRatioAndTheTableSaysWhatIsMissing() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("forecasts_averaged", 1); m.put("mean_spikes", 1.0); m.put("mean_synaptic_ops", 2.0); m.put("mean_membrane_updates", 3.0);
        m.put("steps_per_forecast", 448);
        m.put("profiles", List.of(Map.of("profile", "gpu", "joules", Double.NaN, "lower_joules", 1e-9, "upper_joules", 8.6, "dynamic_joules", 1e-9,
                "static_joules", Double.NaN, "complete", false, "kind", "derived", "boundary", "board", "missing", List.of("static_power is not published"))));
        m.put("comparisons", List.of());
        String md = EnergyReport.markdown(m);
        assertTrue(md.contains("| gpu | n/a | 1.000e-09 | 8.600e+00 |"), md);
        assertTrue(md.contains("static_power is not published") && md.contains("No ratios"), md);
    }
}
