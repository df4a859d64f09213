package org.neuroracle.forecast.eval;

import org.neuroracle.forecast.data.TreasuryData;
import org.neuroracle.forecast.data.TreasuryRow;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One asset of one treasury source on its period grid: inflow and outflow per period (a missing period counts as
 * zero flow), and the balance at each period's end (NaN where unknown).
 */
public record FlowSeries(String source, String asset, int periodDays, LocalDate start, double[] inflow, double[] outflow, double[] balance) {
    public int periods() { return inflow.length; }

    public String name() { return source + ":" + asset; }

    public LocalDate date(int period) { return start.plusDays((long) period * periodDays); }

    public double[] flow(String kind) { return kind.equals("inflow") ? inflow : outflow; }

    public static List<FlowSeries> of(String source, TreasuryData data) {
        List<FlowSeries> out = new ArrayList<>();
        for (Map.Entry<String, List<TreasuryRow>> e : data.byAsset().entrySet()) {
            List<TreasuryRow> rows = e.getValue();
            int p = rows.getFirst().periodDays();
            LocalDate start = rows.getFirst().date();
            int n = (int) ((rows.getLast().date().toEpochDay() - start.toEpochDay()) / p) + 1;
            double[] in = new double[n], out2 = new double[n], bal = new double[n];
            Arrays.fill(bal, Double.NaN);
            for (TreasuryRow r : rows) {
                int i = (int) ((r.date().toEpochDay() - start.toEpochDay()) / p);
                in[i] = r.inflow().doubleValue();
                out2[i] = r.outflow().doubleValue();
                if (r.balance() != null) bal[i] = r.balance().doubleValue();
            }
            out.add(new FlowSeries(source, e.getKey(), p, start, in, out2, bal));
        }
        return out;
    }
}
