package org.neuroracle.forecast.data;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One row of canonical treasury data: flows of one asset on one UTC day; balance may be unknown (null). */
public record TreasuryRow(LocalDate date, String asset, BigDecimal inflow, BigDecimal outflow, BigDecimal balance) {
    public TreasuryRow {
        if (date == null) throw new IllegalArgumentException("date: required");
        if (asset == null || asset.isBlank()) throw new IllegalArgumentException("asset: required");
        if (inflow == null || inflow.signum() < 0) throw new IllegalArgumentException("inflow: must be a non-negative amount");
        if (outflow == null || outflow.signum() < 0) throw new IllegalArgumentException("outflow: must be a non-negative amount");
    }
}
