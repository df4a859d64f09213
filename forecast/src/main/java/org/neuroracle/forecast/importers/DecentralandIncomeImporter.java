package org.neuroracle.forecast.importers;

import org.neuroracle.forecast.data.Csv;
import org.neuroracle.forecast.data.DataException;
import org.neuroracle.forecast.data.Decimals;
import org.neuroracle.forecast.data.TreasuryData;
import org.neuroracle.forecast.data.TreasuryRow;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decentraland DAO's income and expenses ({@code api_income_expenses_30d_history.csv}: the dashboard's trailing
 * 30-day USD totals, recomputed daily). Overlapping trailing sums are not daily flows, so the importer keeps
 * non-overlapping 30-day periods, counted back from the last snapshot: each period's inflow is the {@code income}
 * {@code __TOTAL__} and its outflow the {@code expenses} {@code __TOTAL__} of the snapshot on its last day (or the
 * nearest earlier one within {@value #MAX_SHIFT_DAYS} days). Asset {@code USD}, balance unknown.
 * <p>
 * Each period is written as one row per category of that snapshot (income categories give the inflow, expense
 * categories the outflow; a name in both, such as {@code Other}, gives one row with both). The source's category
 * values are rounded, so they miss the {@code __TOTAL__} by cents: the residual (at most {@value #MAX_ROUNDING_USD}
 * USD) goes to the period's largest category of that kind, so the rows add up to the total exactly and the forecast
 * series is the same as from the totals. Where the categories miss the total by more (some 2022 snapshots list
 * categories of millions under a total of 1,200), that kind's total is written as an uncategorised row.
 */
public final class DecentralandIncomeImporter {
    public static final String FILE = "api_income_expenses_30d_history.csv";
    public static final int PERIOD_DAYS = 30;
    static final int MAX_SHIFT_DAYS = 3;
    static final String MAX_ROUNDING_USD = "0.50";

    public TreasuryImport read(Path in) {
        Path file = Files.isDirectory(in) ? in.resolve(FILE) : in;
        // day -> [commit time, income, expenses, income by category, expenses by category]; the latest commit of a day wins.
        TreeMap<LocalDate, Object[]> days = new TreeMap<>();
        Csv.read(file, ',', r -> {
            String category = r.get("category").strip();
            if (category.isEmpty()) throw r.error("category", "empty");
            String kind = r.get("kind");
            if (!kind.equals("income") && !kind.equals("expenses")) throw r.error("kind", "'" + kind + "' is neither income nor expenses");
            String ts = r.get("commit_time");
            OffsetDateTime t;
            try { t = OffsetDateTime.parse(ts); } catch (DateTimeParseException e) { throw r.error("commit_time", "'" + ts + "' is not an ISO time with offset"); }
            String v = r.get("value_usd_30d");
            BigDecimal usd;
            try { usd = Decimals.parse(v); } catch (NumberFormatException e) { throw r.error("value_usd_30d", "'" + v + "' is not a USD amount"); }
            if (usd.signum() < 0) throw r.error("value_usd_30d", "negative " + (category.equals("__TOTAL__") ? "total " : "value ") + v);
            LocalDate d = t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
            Object[] cur = days.get(d);
            if (cur == null || t.isAfter((OffsetDateTime) cur[0])) days.put(d, cur = new Object[]{t, null, null, new TreeMap<String, BigDecimal>(), new TreeMap<String, BigDecimal>()});
            else if (t.isBefore((OffsetDateTime) cur[0])) return;
            int k = kind.equals("income") ? 1 : 2;
            if (category.equals("__TOTAL__")) cur[k] = usd;
            else {
                @SuppressWarnings("unchecked") TreeMap<String, BigDecimal> byCat = (TreeMap<String, BigDecimal>) cur[k + 2];
                if (byCat.put(category, usd) != null) throw r.error("category", "'" + category + "' twice in one " + kind + " snapshot");
            }
        });
        if (days.isEmpty()) throw new DataException(file + ": no __TOTAL__ rows");
        List<String> notes = new ArrayList<>();
        List<TreasuryRow> rows = new ArrayList<>();
        int shifted = 0, incomplete = 0, uncategorised = 0;
        for (LocalDate end = days.lastKey(); !end.minusDays(PERIOD_DAYS - 1).isBefore(days.firstKey()); end = end.minusDays(PERIOD_DAYS)) {
            Map.Entry<LocalDate, Object[]> e = days.floorEntry(end);
            if (e == null || e.getKey().isBefore(end.minusDays(MAX_SHIFT_DAYS))) continue;
            if (e.getValue()[1] == null || e.getValue()[2] == null) { incomplete++; continue; }
            if (!e.getKey().equals(end)) shifted++;
            // category -> [inflow, outflow]; "" = uncategorised.
            TreeMap<String, BigDecimal[]> cats = new TreeMap<>();
            for (int k = 1; k <= 2; k++) {
                @SuppressWarnings("unchecked") TreeMap<String, BigDecimal> byCat = (TreeMap<String, BigDecimal>) e.getValue()[k + 2];
                Map<String, BigDecimal> split = split((BigDecimal) e.getValue()[k], byCat);
                if (split == null) uncategorised++;
                for (var c : (split == null ? Map.of("", (BigDecimal) e.getValue()[k]) : split).entrySet())
                    cats.computeIfAbsent(c.getKey(), x -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO})[k - 1] = c.getValue();
            }
            if (cats.isEmpty()) cats.put("", new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            for (var c : cats.entrySet())
                rows.add(new TreasuryRow(end.minusDays(PERIOD_DAYS - 1), "USD", Decimals.canonical(c.getValue()[0]), Decimals.canonical(c.getValue()[1]), null, PERIOD_DAYS, c.getKey()));
        }
        long periods = rows.stream().map(TreasuryRow::date).distinct().count();
        notes.add(periods + " non-overlapping " + PERIOD_DAYS + "-day periods from " + days.size() + " daily snapshots (" + days.firstKey() + " .. " + days.lastKey()
                + "); " + shifted + " period(s) read from a snapshot up to " + MAX_SHIFT_DAYS + " days early; " + incomplete + " left out (income or expenses missing)");
        notes.add(rows.size() + " rows by category; " + uncategorised + " income or expense total(s) written uncategorised (their categories miss the total by more than "
                + MAX_ROUNDING_USD + " USD)");
        notes.add("the source's expense totals cover only the current year after January 2024 (data README): later periods under-count expenses");
        return new TreasuryImport(new TreasuryData(rows), notes);
    }

    /**
     * The categories' values adjusted to add up to {@code total} exactly (the rounding residual on the largest one,
     * ties by name), or null when there are none or they miss the total by more than {@value #MAX_ROUNDING_USD} USD.
     */
    static Map<String, BigDecimal> split(BigDecimal total, TreeMap<String, BigDecimal> byCat) {
        if (byCat.isEmpty()) return total.signum() == 0 ? Map.of() : null;
        BigDecimal sum = byCat.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add), residual = total.subtract(sum);
        if (residual.abs().compareTo(new BigDecimal(MAX_ROUNDING_USD)) > 0) return null;
        String largest = byCat.firstKey();
        for (var c : byCat.entrySet()) if (c.getValue().compareTo(byCat.get(largest)) > 0) largest = c.getKey();
        BigDecimal adjusted = byCat.get(largest).add(residual);
        if (adjusted.signum() < 0) return null;
        TreeMap<String, BigDecimal> out = new TreeMap<>(byCat);
        out.put(largest, adjusted);
        // A category of 0 (listed with no flow this period) is kept only where it carries something.
        out.values().removeIf(v -> v.signum() == 0);
        return out;
    }
}
