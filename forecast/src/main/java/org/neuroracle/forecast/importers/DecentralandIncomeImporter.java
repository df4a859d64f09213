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
 */
public final class DecentralandIncomeImporter {
    public static final String FILE = "api_income_expenses_30d_history.csv";
    public static final int PERIOD_DAYS = 30;
    static final int MAX_SHIFT_DAYS = 3;

    public TreasuryImport read(Path in) {
        Path file = Files.isDirectory(in) ? in.resolve(FILE) : in;
        // day -> [commit time, income, expenses]; the latest commit of a day wins.
        TreeMap<LocalDate, Object[]> days = new TreeMap<>();
        Csv.read(file, ',', r -> {
            if (!r.get("category").equals("__TOTAL__")) return;
            String kind = r.get("kind");
            if (!kind.equals("income") && !kind.equals("expenses")) throw r.error("kind", "'" + kind + "' is neither income nor expenses");
            String ts = r.get("commit_time");
            OffsetDateTime t;
            try { t = OffsetDateTime.parse(ts); } catch (DateTimeParseException e) { throw r.error("commit_time", "'" + ts + "' is not an ISO time with offset"); }
            String v = r.get("value_usd_30d");
            BigDecimal usd;
            try { usd = Decimals.parse(v); } catch (NumberFormatException e) { throw r.error("value_usd_30d", "'" + v + "' is not a USD amount"); }
            if (usd.signum() < 0) throw r.error("value_usd_30d", "negative total " + v);
            LocalDate d = t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
            Object[] cur = days.get(d);
            if (cur == null || t.isAfter((OffsetDateTime) cur[0])) days.put(d, cur = new Object[]{t, null, null});
            else if (t.isBefore((OffsetDateTime) cur[0])) return;
            cur[kind.equals("income") ? 1 : 2] = usd;
        });
        if (days.isEmpty()) throw new DataException(file + ": no __TOTAL__ rows");
        List<String> notes = new ArrayList<>();
        List<TreasuryRow> rows = new ArrayList<>();
        int shifted = 0, incomplete = 0;
        for (LocalDate end = days.lastKey(); !end.minusDays(PERIOD_DAYS - 1).isBefore(days.firstKey()); end = end.minusDays(PERIOD_DAYS)) {
            Map.Entry<LocalDate, Object[]> e = days.floorEntry(end);
            if (e == null || e.getKey().isBefore(end.minusDays(MAX_SHIFT_DAYS))) continue;
            if (e.getValue()[1] == null || e.getValue()[2] == null) { incomplete++; continue; }
            if (!e.getKey().equals(end)) shifted++;
            rows.add(new TreasuryRow(end.minusDays(PERIOD_DAYS - 1), "USD", Decimals.canonical((BigDecimal) e.getValue()[1]),
                    Decimals.canonical((BigDecimal) e.getValue()[2]), null, PERIOD_DAYS));
        }
        notes.add(rows.size() + " non-overlapping " + PERIOD_DAYS + "-day periods from " + days.size() + " daily snapshots (" + days.firstKey() + " .. " + days.lastKey()
                + "); " + shifted + " period(s) read from a snapshot up to " + MAX_SHIFT_DAYS + " days early; " + incomplete + " left out (income or expenses missing)");
        notes.add("the source's expense totals cover only the current year after January 2024 (data README): later periods under-count expenses");
        return new TreasuryImport(new TreasuryData(rows), notes);
    }
}
