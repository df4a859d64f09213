package org.neuroracle.forecast.importers;

import org.neuroracle.forecast.data.Csv;
import org.neuroracle.forecast.data.DataException;
import org.neuroracle.forecast.data.Decimals;
import org.neuroracle.forecast.data.TreasuryData;
import org.neuroracle.forecast.data.TreasuryRow;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports the Axie Infinity revenue file of AquibaB/axie_thesis: {@code ;}-separated, one row per day, CUMULATIVE
 * ETH revenue per source (presale, land presale, marketplace fees, breeding fees). Daily flows are first
 * differences of the summed ETH columns. The treasury is modelled as receiving all revenue and spending nothing,
 * so a rise is inflow, a fall (an export correction) is outflow, and balance is the cumulative total.
 * Asset: {@code ETH}.
 */
public final class AxieTreasuryImporter {
    static final String[] ETH_COLUMNS = {"Axie Presale ETH", "Land Presale ETH", "Marketplace Fee ETH", "Breeding Fee ETH"};

    public TreasuryData read(Path file) {
        List<TreasuryRow> rows = new ArrayList<>();
        BigDecimal[] prev = {null};
        LocalDate[] prevDate = {null};
        Csv.read(file, ';', r -> {
            LocalDate d;
            String raw = r.get("Date Raw");
            try {
                d = Instant.ofEpochMilli(Csv.parseLong(raw)).atZone(ZoneOffset.UTC).toLocalDate();
            } catch (RuntimeException e) {
                throw r.error("Date Raw", "'" + raw + "' is not epoch milliseconds");
            }
            if (prevDate[0] != null && !d.isAfter(prevDate[0])) throw r.error("Date Raw", d + " does not follow " + prevDate[0]);
            BigDecimal total = BigDecimal.ZERO;
            for (String c : ETH_COLUMNS) {
                String v = r.get(c);
                try { total = total.add(v.isEmpty() ? BigDecimal.ZERO : Decimals.parse(v)); } catch (NumberFormatException e) { throw r.error(c, "'" + v + "' is not a number"); }
            }
            // The export holds binary-float noise ("41939.96499999999"): keep nine decimals (gwei).
            total = total.setScale(9, java.math.RoundingMode.HALF_EVEN);
            if (prevDate[0] != null && !d.equals(prevDate[0].plusDays(1))) {
                // A gap: the days in between had no recorded change.
                for (LocalDate g = prevDate[0].plusDays(1); g.isBefore(d); g = g.plusDays(1))
                    rows.add(new TreasuryRow(g, "ETH", BigDecimal.ZERO, BigDecimal.ZERO, prev[0]));
            }
            BigDecimal diff = prev[0] == null ? total : total.subtract(prev[0]);
            rows.add(new TreasuryRow(d, "ETH", Decimals.canonical(diff.max(BigDecimal.ZERO)), Decimals.canonical(diff.min(BigDecimal.ZERO).negate()), Decimals.canonical(total)));
            prev[0] = total;
            prevDate[0] = d;
        });
        if (rows.isEmpty()) throw new DataException(file + ": no data rows");
        return new TreasuryData(rows);
    }
}
