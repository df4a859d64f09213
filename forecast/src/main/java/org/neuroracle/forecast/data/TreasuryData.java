package org.neuroracle.forecast.data;

import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Canonical treasury data {@code treasury.csv}: {@code date,asset,inflow,outflow,balance}, sorted by asset then date.
 * Data that is not daily declares its period in a column {@code period_days} (flows are totals over the
 * period starting at {@code date}, balance is at its end); daily files omit the column, so they keep the
 * five-column contract byte for byte. Within one asset the period is constant and rows are one period apart.
 * Flows with a known purpose carry an optional last column {@code category}: one row per (asset, date, category),
 * and the period's flows are the sum over its rows; a balance, where given on several rows of one period, must
 * agree. Files without categories omit the column. Forecasts see the totals ({@link #byAsset()}); the categories
 * are for display ({@link #categoriesByAsset()}).
 */
public record TreasuryData(List<TreasuryRow> rows) {
    public static final String FILE = "treasury.csv";
    static final String[] HEADER = {"date", "asset", "inflow", "outflow", "balance"};
    static final String[] HEADER_PERIOD = {"date", "asset", "inflow", "outflow", "balance", "period_days"};

    public TreasuryData {
        rows = rows.stream().sorted(Comparator.comparing(TreasuryRow::asset).thenComparing(TreasuryRow::date).thenComparing(TreasuryRow::category)).toList();
    }

    /** Whether any row names a category. */
    public boolean hasCategories() { return rows.stream().anyMatch(r -> !r.category().isEmpty()); }

    /** The declared period of an asset's rows (1 = daily). */
    public int periodDays(String asset) {
        for (TreasuryRow r : rows) if (r.asset().equals(asset)) return r.periodDays();
        throw new IllegalArgumentException("asset: no rows for '" + asset + "'");
    }

    /** One uncategorised row per asset and period (the sum of its category rows), each asset's rows in date order. */
    public Map<String, List<TreasuryRow>> byAsset() {
        Map<String, List<TreasuryRow>> m = new TreeMap<>();
        for (TreasuryRow r : rows) {
            List<TreasuryRow> l = m.computeIfAbsent(r.asset(), k -> new ArrayList<>());
            TreasuryRow prev = l.isEmpty() ? null : l.getLast();
            if (prev != null && prev.date().equals(r.date()))
                l.set(l.size() - 1, new TreasuryRow(r.date(), r.asset(), Decimals.canonical(prev.inflow().add(r.inflow())), Decimals.canonical(prev.outflow().add(r.outflow())),
                        prev.balance() != null ? prev.balance() : r.balance(), r.periodDays()));
            else l.add(r.category().isEmpty() ? r : new TreasuryRow(r.date(), r.asset(), r.inflow(), r.outflow(), r.balance(), r.periodDays()));
        }
        return m;
    }

    /** The rows that name a category, per asset, in date then category order (empty when the file has none). */
    public Map<String, List<TreasuryRow>> categoriesByAsset() {
        Map<String, List<TreasuryRow>> m = new TreeMap<>();
        for (TreasuryRow r : rows) if (!r.category().isEmpty()) m.computeIfAbsent(r.asset(), k -> new ArrayList<>()).add(r);
        return m;
    }

    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8);
                 CSVPrinter out = new CSVPrinter(w, GovernanceData.format(header()))) {
                boolean daily = rows.stream().allMatch(r -> r.periodDays() == 1), categories = hasCategories();
                for (TreasuryRow r : rows) {
                    List<Object> rec = new ArrayList<>(List.of(r.date(), r.asset(), Decimals.text(r.inflow()), Decimals.text(r.outflow()), Decimals.text(r.balance())));
                    if (!daily) rec.add(r.periodDays());
                    if (categories) rec.add(r.category());
                    out.printRecord(rec);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    private String[] header() {
        List<String> h = new ArrayList<>(List.of(rows.stream().allMatch(r -> r.periodDays() == 1) ? HEADER : HEADER_PERIOD));
        if (hasCategories()) h.add("category");
        return h.toArray(String[]::new);
    }

    /** Reads {@code DIR/treasury.csv} (or the file itself when given a file). */
    public static TreasuryData read(Path dirOrFile) {
        Path f = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE) : dirOrFile;
        List<TreasuryRow> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, LocalDate> lastDate = new HashMap<>();
        Map<String, Integer> period = new HashMap<>();
        Map<String, BigDecimal> balanceOf = new HashMap<>();
        Csv.read(f, ',', r -> {
            LocalDate d;
            try { d = LocalDate.parse(r.get("date")); } catch (DateTimeParseException e) { throw r.error("date", "'" + r.get("date") + "' is not an ISO date (yyyy-mm-dd)"); }
            String asset = r.get("asset");
            if (asset.isEmpty()) throw r.error("asset", "empty");
            String category = r.has("category") ? r.get("category").strip() : "";
            if (category.length() > TreasuryRow.MAX_CATEGORY_CHARS) throw r.error("category", "longer than " + TreasuryRow.MAX_CATEGORY_CHARS + " characters");
            if (!seen.add(asset + "\u0000" + d + "\u0000" + category))
                throw r.error("date", "second row for " + asset + " on " + d + (category.isEmpty() ? "" : " in category '" + category + "'"));
            BigDecimal in = amount(r, "inflow", false), out = amount(r, "outflow", false), bal = amount(r, "balance", true);
            if (bal != null) {
                BigDecimal other = balanceOf.putIfAbsent(asset + "\u0000" + d, bal);
                if (other != null && other.compareTo(bal) != 0) throw r.error("balance", asset + " on " + d + " has balance " + Decimals.text(other) + " on another row");
            }
            if (in.signum() < 0) throw r.error("inflow", "negative");
            if (out.signum() < 0) throw r.error("outflow", "negative");
            int p = 1;
            if (r.has("period_days") && !r.get("period_days").isEmpty()) {
                try { p = Integer.parseInt(r.get("period_days")); } catch (NumberFormatException e) { throw r.error("period_days", "'" + r.get("period_days") + "' is not a whole number of days"); }
                if (p < 1 || p > TreasuryRow.MAX_PERIOD_DAYS) throw r.error("period_days", "must be 1.." + TreasuryRow.MAX_PERIOD_DAYS + ", got " + p);
            }
            Integer known = period.putIfAbsent(asset, p);
            if (known != null && known != p) throw r.error("period_days", asset + " was declared with a " + known + "-day period, this row says " + p);
            LocalDate prev = lastDate.put(asset, d);
            // Gaps are allowed (a missing day is unknown, not zero), but a periodic series must stay on its grid.
            if (prev != null && p > 1 && (d.toEpochDay() - prev.toEpochDay()) % p != 0)
                throw r.error("date", d + " is not a whole number of " + p + "-day periods after " + prev);
            rows.add(new TreasuryRow(d, asset, in, out, bal, p, category));
        });
        return new TreasuryData(rows);
    }

    private static BigDecimal amount(Csv.Row r, String col, boolean optional) {
        String v = r.get(col);
        if (v.isEmpty()) {
            if (optional) return null;
            throw r.error(col, "empty");
        }
        try { return Decimals.parse(v); } catch (NumberFormatException e) { throw r.error(col, "'" + v + "' is not a decimal amount"); }
    }
}
