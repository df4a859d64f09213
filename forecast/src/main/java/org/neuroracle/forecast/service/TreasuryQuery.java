package org.neuroracle.forecast.service;

import org.neuroracle.forecast.data.Decimals;
import org.neuroracle.forecast.data.TreasuryRow;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.TreeSet;

/**
 * A treasury forecast request: one asset's series (ISO dates, oldest first, one row per period of
 * {@code periodDays} days: 1 for a daily series, 5 for Cardano's epochs, 30 for Decentraland's income and expense
 * history) and the horizons wanted (a subset of 1, 7, 30 days; empty or null means all three). Amounts are decimal
 * strings (a row's flows are that period's totals); balance may be null when only flows are known.
 */
public record TreasuryQuery(String dao, String asset, List<Day> series, List<Integer> horizonsDays, int periodDays) {
    public static final List<Integer> HORIZONS = List.of(1, 7, 30);
    public static final int MAX_DAYS = 20_000;

    public TreasuryQuery {
        series = series == null ? null : List.copyOf(series);
        horizonsDays = horizonsDays == null ? null : List.copyOf(horizonsDays);
    }

    /** A daily series. */
    public TreasuryQuery(String dao, String asset, List<Day> series, List<Integer> horizonsDays) {
        this(dao, asset, series, horizonsDays, 1);
    }

    public record Day(String date, String inflow, String outflow, String balance) {}

    public TreasuryQuery validate() {
        if (dao == null || dao.isBlank()) throw new IllegalArgumentException("dao: required");
        if (asset == null || asset.isBlank()) throw new IllegalArgumentException("asset: required");
        if (series == null || series.isEmpty()) throw new IllegalArgumentException("series: at least one day is required");
        if (series.size() > MAX_DAYS) throw new IllegalArgumentException("series: at most " + MAX_DAYS + " days, got " + series.size());
        if (periodDays < 1 || periodDays > TreasuryRow.MAX_PERIOD_DAYS)
            throw new IllegalArgumentException("periodDays: must be 1.." + TreasuryRow.MAX_PERIOD_DAYS + ", got " + periodDays);
        LocalDate prev = null;
        for (int i = 0; i < series.size(); i++) {
            Day d = series.get(i);
            String at = "series[" + i + "]";
            if (d == null) throw new IllegalArgumentException(at + ": null");
            LocalDate date;
            try {
                date = LocalDate.parse(d.date() == null ? "" : d.date());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(at + ".date: '" + d.date() + "' is not an ISO date (yyyy-mm-dd)");
            }
            if (prev != null && !date.equals(prev.plusDays(periodDays)))
                throw new IllegalArgumentException(at + ".date: " + date + " does not follow " + prev + (periodDays == 1 ? " (days must be consecutive)"
                        : " by periodDays (" + periodDays + "): periods must be consecutive"));
            prev = date;
            if (amount(d.inflow(), at + ".inflow").signum() < 0) throw new IllegalArgumentException(at + ".inflow: must not be negative");
            if (amount(d.outflow(), at + ".outflow").signum() < 0) throw new IllegalArgumentException(at + ".outflow: must not be negative");
            if (d.balance() != null) amount(d.balance(), at + ".balance");
        }
        if (horizonsDays != null)
            for (int i = 0; i < horizonsDays.size(); i++)
                if (horizonsDays.get(i) == null || !HORIZONS.contains(horizonsDays.get(i)))
                    throw new IllegalArgumentException("horizonsDays[" + i + "]: must be one of 1, 7, 30, got " + horizonsDays.get(i));
        return this;
    }

    /**
     * The last day the series covers, from which every horizon counts: the last row's date for a daily series, the last
     * day of the last period otherwise (a row is dated by its period's first day).
     */
    public LocalDate lastDay() { return LocalDate.parse(series.getLast().date()).plusDays(periodDays - 1L); }

    /** The requested horizons, sorted and de-duplicated; all three when none were named. */
    public List<Integer> horizons() {
        if (horizonsDays == null || horizonsDays.isEmpty()) return HORIZONS;
        return List.copyOf(new TreeSet<>(horizonsDays));
    }

    static BigDecimal amount(String s, String field) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException(field + ": required decimal amount");
        try {
            return Decimals.parse(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + s + "' is not a decimal amount");
        }
    }

    /** Canonical bytes for {@code inputHash}: one line per field and row, amounts in canonical decimal text. */
    public byte[] canonicalBytes() {
        validate();
        StringBuilder sb = new StringBuilder("neuroracle-treasury-query/1\n");
        sb.append("dao=").append(VoteQuery.escape(dao)).append('\n');
        sb.append("asset=").append(VoteQuery.escape(asset)).append('\n');
        sb.append("horizons=");
        List<Integer> h = horizons();
        for (int i = 0; i < h.size(); i++) sb.append(i == 0 ? "" : ",").append(h.get(i));
        sb.append('\n');
        // Only a periodic series has the line, so a daily query's bytes (and every inputHash so far) are unchanged.
        if (periodDays != 1) sb.append("periodDays=").append(periodDays).append('\n');
        for (Day d : series)
            sb.append("day=").append(LocalDate.parse(d.date())).append(',').append(Decimals.text(Decimals.parse(d.inflow())))
                    .append(',').append(Decimals.text(Decimals.parse(d.outflow()))).append(',')
                    .append(d.balance() == null ? "" : Decimals.text(Decimals.parse(d.balance()))).append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
