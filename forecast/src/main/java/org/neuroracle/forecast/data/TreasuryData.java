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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Canonical treasury data {@code treasury.csv}: {@code date,asset,inflow,outflow,balance}, sorted by asset then date. */
public record TreasuryData(List<TreasuryRow> rows) {
    public static final String FILE = "treasury.csv";
    static final String[] HEADER = {"date", "asset", "inflow", "outflow", "balance"};

    public TreasuryData {
        rows = rows.stream().sorted(Comparator.comparing(TreasuryRow::asset).thenComparing(TreasuryRow::date)).toList();
    }

    /** Rows per asset, each in date order. */
    public Map<String, List<TreasuryRow>> byAsset() {
        Map<String, List<TreasuryRow>> m = new TreeMap<>();
        for (TreasuryRow r : rows) m.computeIfAbsent(r.asset(), k -> new ArrayList<>()).add(r);
        return m;
    }

    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8);
                 CSVPrinter out = new CSVPrinter(w, GovernanceData.format(HEADER))) {
                for (TreasuryRow r : rows)
                    out.printRecord(r.date(), r.asset(), Decimals.text(r.inflow()), Decimals.text(r.outflow()), Decimals.text(r.balance()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code DIR/treasury.csv} (or the file itself when given a file). */
    public static TreasuryData read(Path dirOrFile) {
        Path f = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE) : dirOrFile;
        List<TreasuryRow> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Csv.read(f, ',', r -> {
            LocalDate d;
            try { d = LocalDate.parse(r.get("date")); } catch (DateTimeParseException e) { throw r.error("date", "'" + r.get("date") + "' is not an ISO date (yyyy-mm-dd)"); }
            String asset = r.get("asset");
            if (asset.isEmpty()) throw r.error("asset", "empty");
            if (!seen.add(asset + "\u0000" + d)) throw r.error("date", "second row for " + asset + " on " + d);
            BigDecimal in = amount(r, "inflow", false), out = amount(r, "outflow", false), bal = amount(r, "balance", true);
            if (in.signum() < 0) throw r.error("inflow", "negative");
            if (out.signum() < 0) throw r.error("outflow", "negative");
            rows.add(new TreasuryRow(d, asset, in, out, bal));
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
