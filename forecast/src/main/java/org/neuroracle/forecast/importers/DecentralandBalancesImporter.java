package org.neuroracle.forecast.importers;

import org.neuroracle.forecast.data.Csv;
import org.neuroracle.forecast.data.DataException;
import org.neuroracle.forecast.data.Decimals;
import org.neuroracle.forecast.data.TreasuryData;
import org.neuroracle.forecast.data.TreasuryRow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decentraland DAO's wallet snapshots ({@code balances_history.csv} of Decentraland-DAO/transparency: one snapshot
 * of every wallet, network and token per day). The DAO is one treasury: an asset is a token symbol summed over
 * both wallets and both networks, so transfers between the DAO's own wallets and bridges between Ethereum and
 * Polygon cancel and only money entering or leaving the DAO is a flow. A day's flow is the change of that total
 * (rise = inflow, fall = outflow), in token units (the USD columns glitch).
 * <ul>
 * <li>Several snapshots (commits) on one day: the last one in the file wins; the file must be in date order.
 *     ({@code Timestamp} is each balance's own update time, not the snapshot's.)</li>
 * <li>A wallet/network/token missing from a snapshot but listed again later is a listing gap: its last balance is
 *     carried. Missing from then on: it was emptied, 0 from the first snapshot without it.</li>
 * <li>Days without a snapshot: the change up to the next snapshot is spread evenly over the gap and the balance of
 *     the days in between is unknown (empty).</li>
 * <li>Tokens seen in fewer than {@value #MIN_SNAPSHOTS} snapshots (airdropped spam) are left out.</li>
 * </ul>
 */
public final class DecentralandBalancesImporter {
    public static final String FILE = "balances_history.csv";
    static final int MIN_SNAPSHOTS = 30;
    static final int SCALE = 18;
    private final int minSnapshots;

    public DecentralandBalancesImporter() { this(MIN_SNAPSHOTS); }

    /** {@code minSnapshots}: tokens listed in fewer snapshots are left out. */
    DecentralandBalancesImporter(int minSnapshots) { this.minSnapshots = minSnapshots; }

    private record Snapshot(String commit, Map<String, BigDecimal> balances) {}

    public TreasuryImport read(Path in) {
        Path file = Files.isDirectory(in) ? in.resolve(FILE) : in;
        TreeMap<LocalDate, Snapshot> days = new TreeMap<>();
        Csv.read(file, ',', r -> {
            String ds = r.get("commit_date");
            LocalDate d;
            try { d = LocalDate.parse(ds); } catch (DateTimeParseException e) { throw r.error("commit_date", "'" + ds + "' is not an ISO date (yyyy-mm-dd)"); }
            String commit = r.get("commit");
            if (commit.isEmpty()) throw r.error("commit", "empty");
            if (!days.isEmpty() && d.isBefore(days.lastKey())) throw r.error("commit_date", d + " comes after " + days.lastKey() + ": the file must be in date order");
            String wallet = r.get("Wallet"), network = r.get("Network"), symbol = r.get("Symbol");
            if (wallet.isEmpty()) throw r.error("Wallet", "empty");
            if (symbol.isEmpty()) throw r.error("Symbol", "empty");
            String raw = r.get("Balance");
            BigDecimal b;
            try { b = raw.isEmpty() ? BigDecimal.ZERO : Decimals.parse(raw); } catch (NumberFormatException e) { throw r.error("Balance", "'" + raw + "' is not a token amount"); }
            if (b.signum() < 0) throw r.error("Balance", "negative balance " + raw);
            Snapshot s = days.get(d);
            if (s == null || !s.commit().equals(commit)) days.put(d, s = new Snapshot(commit, new HashMap<>()));
            s.balances().merge(wallet + "|" + network + "|" + symbol, b, BigDecimal::add);
        });
        if (days.isEmpty()) throw new DataException(file + ": no data rows");
        List<String> notes = new ArrayList<>();
        Map<String, Integer> symbolSnapshots = new TreeMap<>();
        Map<String, LocalDate> lastSeen = new HashMap<>();
        for (var e : days.entrySet()) {
            TreeSet<String> syms = new TreeSet<>();
            for (String c : e.getValue().balances().keySet()) { syms.add(symbol(c)); lastSeen.put(c, e.getKey()); }
            for (String s : syms) symbolSnapshots.merge(s, 1, Integer::sum);
        }
        List<String> dropped = symbolSnapshots.entrySet().stream().filter(e -> e.getValue() < minSnapshots).map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
        if (!dropped.isEmpty()) notes.add("left out tokens seen in fewer than " + minSnapshots + " snapshots: " + String.join(", ", dropped));
        // Totals per symbol per snapshot day, with listing gaps carried.
        Map<String, BigDecimal> carried = new HashMap<>();
        TreeMap<LocalDate, Map<String, BigDecimal>> totals = new TreeMap<>();
        int carriedCells = 0;
        for (var e : days.entrySet()) {
            Map<String, BigDecimal> present = e.getValue().balances();
            Map<String, BigDecimal> tot = new TreeMap<>();
            for (String s : symbolSnapshots.keySet()) if (symbolSnapshots.get(s) >= minSnapshots) tot.put(s, BigDecimal.ZERO);
            for (var c : lastSeen.entrySet()) {
                String comp = c.getKey();
                if (!tot.containsKey(symbol(comp))) continue;
                BigDecimal v = present.get(comp);
                if (v != null) carried.put(comp, v);
                else if (carried.containsKey(comp) && !e.getKey().isAfter(c.getValue())) { v = carried.get(comp); carriedCells++; }
                if (v != null) tot.merge(symbol(comp), v, BigDecimal::add);
            }
            totals.put(e.getKey(), tot);
        }
        if (carriedCells > 0) notes.add(carriedCells + " wallet/token balance(s) missing from a snapshot but listed again later were carried forward");
        List<TreasuryRow> rows = new ArrayList<>();
        int gapDays = 0;
        Map.Entry<LocalDate, Map<String, BigDecimal>> prev = null;
        for (var e : totals.entrySet()) {
            if (prev == null) {
                for (var t : e.getValue().entrySet()) rows.add(new TreasuryRow(e.getKey(), t.getKey(), BigDecimal.ZERO, BigDecimal.ZERO, Decimals.canonical(t.getValue())));
            } else {
                int gap = (int) (e.getKey().toEpochDay() - prev.getKey().toEpochDay());
                gapDays += gap - 1;
                for (var t : e.getValue().entrySet()) {
                    BigDecimal change = t.getValue().subtract(prev.getValue().get(t.getKey()));
                    BigDecimal perDay = change.divide(BigDecimal.valueOf(gap), SCALE, RoundingMode.HALF_EVEN);
                    for (int k = 1; k <= gap; k++) {
                        // The last day takes the rounding remainder, so the flows add up to the change exactly.
                        BigDecimal f = k < gap ? perDay : change.subtract(perDay.multiply(BigDecimal.valueOf(gap - 1)));
                        rows.add(new TreasuryRow(prev.getKey().plusDays(k), t.getKey(), Decimals.canonical(f.max(BigDecimal.ZERO)),
                                Decimals.canonical(f.min(BigDecimal.ZERO).negate()), k < gap ? null : Decimals.canonical(t.getValue())));
                    }
                }
            }
            prev = e;
        }
        notes.add(days.size() + " daily snapshots " + days.firstKey() + " .. " + days.lastKey() + "; " + gapDays
                + " day(s) without a snapshot got the change to the next snapshot spread evenly and an unknown balance");
        notes.add("flows are changes of each token summed over both wallets and networks: transfers between the DAO's own wallets cancel");
        return new TreasuryImport(new TreasuryData(rows), notes);
    }

    private static String symbol(String component) { return component.substring(component.lastIndexOf('|') + 1); }
}
