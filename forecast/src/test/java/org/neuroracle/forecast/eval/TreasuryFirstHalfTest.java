package org.neuroracle.forecast.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.forecast.data.TreasuryData;
import org.neuroracle.forecast.data.TreasuryRow;
import org.neuroracle.forecast.model.FlowMethods;
import org.neuroracle.forecast.model.TreasuryEnsemble;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A selection run (`--first-half`) computes nothing of the held-out half. */
class TreasuryFirstHalfTest {
    @TempDir Path tmp;

    @Test void aFirstHalfRunHasNoOriginFromTheMiddleDateOn() {
        List<TreasuryRow> rows = new ArrayList<>();
        LocalDate d0 = LocalDate.of(2023, 1, 1);
        for (int i = 0; i < 300; i++)
            rows.add(new TreasuryRow(d0.plusDays(i), "ETH", BigDecimal.valueOf(100 + (i % 7) * 5 + (i % 17 == 0 ? 300 : 0)), BigDecimal.valueOf(i % 5 == 0 ? 80 : 0), BigDecimal.valueOf(10_000 + i)));
        TreasuryEnsemble served = TreasuryEnsemble.gate(FlowMethods.EXTENDED, 365, 730, 90, 0.75).withTracker(0.2);
        var sources = List.of(new TreasuryEval.Source("syn", new TreasuryData(rows)));
        var all = TreasuryEval.run(sources, null, served, List.of(served.withBalancedTracker(730, 0.2)), false, tmp.resolve("all"));
        var first = TreasuryEval.run(sources, null, served, List.of(served.withBalancedTracker(730, 0.2)), true, tmp.resolve("first"));
        @SuppressWarnings("unchecked") String split = (String) ((Map<String, Object>) ((Map<String, Object>) first.metrics().get("series")).get("syn:ETH")).get("second_half_from");
        assertTrue(all.rows().stream().anyMatch(r -> r.date().compareTo(split) >= 0), "the full run has held-out origins");
        assertTrue(first.rows().stream().noneMatch(r -> r.date().compareTo(split) >= 0), "no origin on or after " + split);
        assertEquals(all.rows().stream().filter(r -> r.date().compareTo(split) < 0).toList(), first.rows(), "the first half is the same either way");
    }
}
