package org.neuroracle.forecast.importers;

import org.neuroracle.forecast.data.Csv;
import org.neuroracle.forecast.data.DataException;
import org.neuroracle.forecast.data.Decimals;
import org.neuroracle.forecast.data.TreasuryData;
import org.neuroracle.forecast.data.TreasuryRow;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cardano's treasury per epoch (BEACNpool/Treasury {@code epoch_treasury_fees.csv}), as 5-day periods of asset
 * {@code ADA}. The row's date is the epoch's start (UTC), the balance is {@code treasury_end_ada}.
 * Inflow = {@code inflow_fees_plus_reserves_est_ada} (fees plus the reserve's expansion share, a model estimate)
 * + {@code treasury_donations_ada}. Outflow = {@code conway_enacted_withdrawals_ada} + the MIR treasury payments
 * (Catalyst) of the PREVIOUS epoch: the source logs a MIR certificate one epoch before the balance falls, and a
 * flow is counted when the money leaves. The first epoch (no start balance) and a final partial epoch are left out.
 */
public final class CardanoEpochImporter {
    public static final String FILE = "epoch_treasury_fees.csv";
    public static final int EPOCH_DAYS = 5;
    static final String ASSET = "ADA";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private record Epoch(long line, long no, LocalDateTime start, LocalDateTime end, BigDecimal startBalance,
                         BigDecimal endBalance, BigDecimal inflow, BigDecimal mir, BigDecimal withdrawals) {}

    public TreasuryImport read(Path in) {
        Path file = Files.isDirectory(in) ? in.resolve(FILE) : in;
        List<Epoch> epochs = new ArrayList<>();
        Csv.read(file, ',', r -> {
            long no = r.longValue("epoch_no");
            LocalDateTime s = time(r, "start_time"), e = time(r, "end_time");
            BigDecimal start = ada(r, "treasury_start_ada", true), est = ada(r, "inflow_fees_plus_reserves_est_ada", start == null);
            // The first epoch has no start balance and no inflow estimate; it is left out below.
            BigDecimal in0 = (est == null ? BigDecimal.ZERO : est).add(ada(r, "treasury_donations_ada", false));
            if (in0.signum() < 0) throw r.error("inflow_fees_plus_reserves_est_ada", "negative inflow");
            Epoch ep = new Epoch(r.line(), no, s, e, start, ada(r, "treasury_end_ada", false), in0,
                    ada(r, "mir_treasury_payments_ada", false), ada(r, "conway_enacted_withdrawals_ada", false));
            if (ep.mir().signum() < 0) throw r.error("mir_treasury_payments_ada", "negative payment");
            if (ep.withdrawals().signum() < 0) throw r.error("conway_enacted_withdrawals_ada", "negative withdrawal");
            if (!epochs.isEmpty()) {
                Epoch p = epochs.getLast();
                if (no != p.no() + 1) throw r.error("epoch_no", "epoch " + no + " does not follow epoch " + p.no());
                long h = Duration.between(p.start(), s).toHours();
                if (Math.abs(h - 24L * EPOCH_DAYS) > 1) throw r.error("start_time", "epoch starts " + h + " h after the previous one, expected " + 24 * EPOCH_DAYS);
            }
            epochs.add(ep);
        });
        if (epochs.size() < 3) throw new DataException(file + ": fewer than 3 epochs");
        List<String> notes = new ArrayList<>();
        int first = 0, last = epochs.size() - 1;
        if (epochs.getFirst().startBalance() == null) { first = 1; notes.add("left out epoch " + epochs.getFirst().no() + ": no start balance"); }
        Epoch end = epochs.getLast();
        if (Duration.between(end.start(), end.end()).toHours() < 24L * EPOCH_DAYS - 1) { last--; notes.add("left out epoch " + end.no() + ": partial (ends " + end.end() + ")"); }
        List<TreasuryRow> rows = new ArrayList<>();
        BigDecimal residual = BigDecimal.ZERO;
        for (int i = first; i <= last; i++) {
            Epoch e = epochs.get(i);
            BigDecimal out = e.withdrawals().add(i > 0 ? epochs.get(i - 1).mir() : BigDecimal.ZERO);
            rows.add(new TreasuryRow(e.start().toLocalDate(), ASSET, Decimals.canonical(e.inflow()), Decimals.canonical(out), Decimals.canonical(e.endBalance()), EPOCH_DAYS));
            if (e.startBalance() != null) residual = residual.add(e.endBalance().subtract(e.startBalance()).subtract(e.inflow()).add(out).abs());
        }
        notes.add("ADA per " + EPOCH_DAYS + "-day epoch, epochs " + epochs.get(first).no() + " .. " + epochs.get(last).no()
                + "; MIR payments moved to the epoch after their certificate; sum over epochs of |balance change - (inflow - outflow)| = "
                + residual.setScale(0, java.math.RoundingMode.HALF_EVEN).toPlainString() + " ADA (the reserve inflow is an estimate)");
        return new TreasuryImport(new TreasuryData(rows), notes);
    }

    private static LocalDateTime time(Csv.Row r, String col) {
        String v = r.get(col);
        try { return LocalDateTime.parse(v, TIME); } catch (DateTimeParseException e) { throw r.error(col, "'" + v + "' is not a UTC time (yyyy-mm-dd hh:mm:ss)"); }
    }

    private static BigDecimal ada(Csv.Row r, String col, boolean optional) {
        String v = r.get(col);
        if (v.isEmpty()) {
            if (optional) return null;
            throw r.error(col, "empty");
        }
        try { return Decimals.parse(v); } catch (NumberFormatException e) { throw r.error(col, "'" + v + "' is not an ADA amount"); }
    }
}
