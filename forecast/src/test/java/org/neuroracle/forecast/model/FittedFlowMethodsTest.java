package org.neuroracle.forecast.model;

import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.SharedData;
import org.neuroracle.forecast.data.TreasuryData;
import org.neuroracle.forecast.data.TreasuryRow;
import org.neuroracle.forecast.eval.FlowSeries;
import org.neuroracle.forecast.importers.TreasuryFormat;
import org.neuroracle.forecast.service.ForecastService;
import org.neuroracle.forecast.service.TreasuryQuery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Fitting once per query and reusing the fits across horizons changes no bit: on the real treasuries, every method
 * of {@link FlowMethods.Fitted} equals {@link FlowMethods#forecast} and the served ensemble's forecast equals the
 * per-horizon one; the service's answer bytes equal those the per-horizon code gave (hashes taken before the change).
 */
class FittedFlowMethodsTest {
    /** Axie revenue (daily), Cardano (5-day epochs) and two Decentraland wallets: intermittent and busy. */
    private static List<FlowSeries> realSeries() {
        List<FlowSeries> out = new ArrayList<>();
        out.addAll(FlowSeries.of("axie", TreasuryFormat.AXIE_REVENUE.read(SharedData.require("treasury/axie_revenue_cumulative.csv")).data()));
        out.addAll(FlowSeries.of("cardano", TreasuryFormat.CARDANO_EPOCHS.read(SharedData.require("treasury/cardano")).data()));
        out.addAll(FlowSeries.of("dcl", TreasuryFormat.DECENTRALAND_BALANCES.read(SharedData.require("treasury/decentraland")).data()).stream()
                .filter(s -> s.asset().equals("MANA") || s.asset().equals("USDT")).toList());
        return out;
    }

    @Test void fittedMethodsEqualThePerHorizonOnesBitForBit() {
        for (FlowSeries s : realSeries())
            for (String kind : new String[]{"inflow", "outflow"})
                for (int len : new int[]{60, 401, s.periods()}) {
                    double[] f = java.util.Arrays.copyOf(s.flow(kind), Math.min(len, s.periods()));
                    FlowMethods.Fitted fit = FlowMethods.fit(f, s.periodDays());
                    // Several horizons, one repeated, on the same fit: the cache must not leak one horizon into another.
                    for (int h : new int[]{30, 7, 1, 30, 2, 6})
                        for (String m : FlowMethods.EXTENDED)
                            assertArrayEquals(FlowMethods.forecast(m, f, h, s.periodDays()), fit.forecast(m, h), s.name() + " " + kind + " " + m + " h=" + h + " n=" + f.length);
                }
    }

    /** The running sorted windows give the medians of sorting each window (the code before them), bit for bit. */
    @Test void runningMediansEqualSortingEachWindow() {
        for (FlowSeries s : realSeries())
            for (String kind : new String[]{"inflow", "outflow"}) {
                double[] f = s.flow(kind);
                for (int w : new int[]{1, 2, 6, 28})
                    assertArrayEquals(sortedWindowMedians(f, w), FlowMethods.windowMedian(f, w), s.name() + " " + kind + " w=" + w);
                for (int h : new int[]{1, 2, 7, 30})
                    assertArrayEquals(sortedHmeanMedians(f, h, FlowMethods.ceilDiv(90, s.periodDays())), FlowMethods.hmeanMedian(f, h, FlowMethods.ceilDiv(90, s.periodDays())), s.name() + " " + kind + " h=" + h);
            }
    }

    private static double[] sortedWindowMedians(double[] f, int w) {
        double[] out = new double[f.length];
        for (int t = 0; t < f.length; t++) out[t] = Math.max(0, FlowMethods.median(java.util.Arrays.copyOfRange(f, Math.max(0, t - w + 1), t + 1)));
        return out;
    }

    private static double[] sortedHmeanMedians(double[] f, int h, int w) {
        int n = f.length;
        double[] prefix = new double[n + 1];
        for (int t = 0; t < n; t++) prefix[t + 1] = prefix[t] + f[t];
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            int lo = Math.max(h - 1, t - w + 1);
            if (lo > t) { out[t] = Math.max(0, prefix[t + 1] / (t + 1)); continue; }
            double[] x = new double[t - lo + 1];
            for (int e = lo; e <= t; e++) x[e - lo] = (prefix[e + 1] - prefix[e + 1 - h]) / h;
            out[t] = Math.max(0, FlowMethods.median(x));
        }
        return out;
    }

    @Test void theServedEnsembleGivesTheSameForecastFromOneFit() {
        TreasuryEnsemble e = ForecastService.servedEnsemble();
        for (FlowSeries s : realSeries())
            for (String kind : new String[]{"inflow", "outflow"}) {
                double[] f = s.flow(kind);
                FlowMethods.Fitted fit = FlowMethods.fit(f, s.periodDays());
                for (int h : new int[]{1, 7, 30}) {
                    TreasuryEnsemble.Forecast a = e.forecast(f, h, s.periodDays()), b = e.forecast(fit, h);
                    assertEquals(a.p10(), b.p10(), 0.0, s.name() + " " + kind + " h=" + h);
                    assertEquals(a.p50(), b.p50(), 0.0);
                    assertEquals(a.p90(), b.p90(), 0.0);
                    assertArrayEquals(a.candidatePoints(), b.candidatePoints());
                    assertArrayEquals(a.weights(), b.weights());
                }
            }
    }

    /** SHA-256 of the answer bytes of `treasury-ensemble-fd043881...` for the last 400 days of each asset, from the code that fitted per horizon. */
    private static final Map<String, String> BEFORE = Map.of(
            "axie:ETH", "f2aa7e4efd79bfb25e435f9203f8727f132db381b93438f164a8af3faeb04b93",
            "dcl:DAI", "691a09a9ab379e4c52845c711ee1bc2caad5996b045bf06405d599fe35bf9318",
            "dcl:ETH", "de4e7ba26b8f0cd797bb5e30e02aca84a0f232ec9fe99b014df88865f987a1e4",
            "dcl:MANA", "1e6f4639ced1fcffcfb5aa830e2336cf72a66a1101bf373a0b6576ba3a4ababc",
            "dcl:MATIC", "027595f965777200bba952a91856a89ada1697559350ed227dd1ea609557c58c",
            "dcl:USDC", "0227591e5ea6844967b8a29e9d48de9b5de97c833fba37b512f752b4ca636ff4",
            "dcl:USDT", "99f3613a3502cd6e08be1eacc30685cf5bfe59fe41b97629229c6cbdba3bd445",
            "dcl:WETH", "344f783cf66436a13365abd775b5b0091266e00b3593ef715bd9bf99ed9ad01b");

    @Test void serviceAnswersOnRealTreasuriesAreTheBytesOfBefore() {
        Map<String, TreasuryData> sources = new LinkedHashMap<>();
        sources.put("axie", TreasuryFormat.AXIE_REVENUE.read(SharedData.require("treasury/axie_revenue_cumulative.csv")).data());
        sources.put("dcl", TreasuryFormat.DECENTRALAND_BALANCES.read(SharedData.require("treasury/decentraland")).data());
        ForecastService s = ForecastService.bundled();
        int checked = 0;
        for (var src : sources.entrySet())
            for (var e : src.getValue().byAsset().entrySet()) {
                List<TreasuryRow> rows = e.getValue();
                List<TreasuryQuery.Day> days = new ArrayList<>();
                for (TreasuryRow r : rows.subList(Math.max(0, rows.size() - 400), rows.size()))
                    days.add(new TreasuryQuery.Day(r.date().toString(), r.inflow().toPlainString(), r.outflow().toPlainString(), r.balance() == null ? null : r.balance().toPlainString()));
                var f = s.forecastTreasury("fd0438817d65f029d86535e0e5679262ca65d247923f2ccb2f0b057375809494", new TreasuryQuery("d", e.getKey(), days, null));
                assertEquals(BEFORE.get(src.getKey() + ":" + e.getKey()), ModelArtifact.sha256(f.outputBytes()), src.getKey() + ":" + e.getKey());
                checked++;
            }
        assertEquals(BEFORE.size(), checked);
    }
}
