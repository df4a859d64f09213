package org.neuroracle.forecast.data;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of canonical treasury data: flows of one asset over the {@code periodDays} days starting at {@code date}
 * (1 for daily data; 5 for a Cardano epoch) and the balance at the end of that period, which may be unknown (null).
 * {@code category} names what the flows were for (an income or expense category of the source; "" when the source
 * has none): a period may then have several rows, one per category, whose flows add up to the period's total.
 */
public record TreasuryRow(LocalDate date, String asset, BigDecimal inflow, BigDecimal outflow, BigDecimal balance, int periodDays, String category) {
    public static final int MAX_PERIOD_DAYS = 366;
    public static final int MAX_CATEGORY_CHARS = 120;

    public TreasuryRow {
        if (date == null) throw new IllegalArgumentException("date: required");
        if (asset == null || asset.isBlank()) throw new IllegalArgumentException("asset: required");
        if (inflow == null || inflow.signum() < 0) throw new IllegalArgumentException("inflow: must be a non-negative amount");
        if (outflow == null || outflow.signum() < 0) throw new IllegalArgumentException("outflow: must be a non-negative amount");
        if (periodDays < 1 || periodDays > MAX_PERIOD_DAYS) throw new IllegalArgumentException("period_days: must be 1.." + MAX_PERIOD_DAYS + ", got " + periodDays);
        category = category == null ? "" : category.strip();
        if (category.length() > MAX_CATEGORY_CHARS) throw new IllegalArgumentException("category: at most " + MAX_CATEGORY_CHARS + " characters, got " + category.length());
    }

    /** An uncategorised row. */
    public TreasuryRow(LocalDate date, String asset, BigDecimal inflow, BigDecimal outflow, BigDecimal balance, int periodDays) {
        this(date, asset, inflow, outflow, balance, periodDays, "");
    }

    /** The last day of the row's period: the day its balance holds for (the date itself for daily data). */
    public LocalDate lastDay() { return date.plusDays(periodDays - 1L); }

    /** A daily row. */
    public TreasuryRow(LocalDate date, String asset, BigDecimal inflow, BigDecimal outflow, BigDecimal balance) {
        this(date, asset, inflow, outflow, balance, 1);
    }
}
