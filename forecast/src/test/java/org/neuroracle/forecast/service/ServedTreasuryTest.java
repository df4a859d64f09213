package org.neuroracle.forecast.service;

import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.data.TreasuryData;
import org.neuroracle.forecast.data.TreasuryRow;
import org.neuroracle.forecast.eval.TreasuryEval;
import org.neuroracle.forecast.model.FlowMethods;
import org.neuroracle.forecast.model.ModelArtifact;
import org.neuroracle.forecast.model.TreasuryEnsemble;
import org.neuroracle.forecast.model.TreasuryEnsembleModel;
import org.neuroracle.forecast.model.TreasuryModel;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The served treasury model is the combination, answers what the evaluation scored, and the spiking model stays selectable. */
class ServedTreasuryTest {
    @org.junit.jupiter.api.io.TempDir Path tmp;

    static List<TreasuryQuery.Day> days(int n) {
        List<TreasuryQuery.Day> s = new ArrayList<>();
        LocalDate d0 = LocalDate.of(2024, 1, 1);
        for (int i = 0; i < n; i++)
            s.add(new TreasuryQuery.Day(d0.plusDays(i).toString(), Integer.toString(100 + (i % 7) * 10 + (i % 13 == 0 ? 400 : 0)),
                    Integer.toString(i % 10 == 0 ? 900 : 250), Integer.toString(100_000 - 40 * i)));
        return s;
    }

    @Test void theDefaultTreasuryModelIsTheEnsembleAndIsDeterministic() {
        ForecastService s = ForecastService.bundled();
        TreasuryQuery q = new TreasuryQuery("d", "ETH", days(400), null);
        TreasuryForecast a = s.forecastTreasury(q), b = ForecastService.bundled().forecastTreasury(q);
        assertEquals("none", a.backend());
        assertEquals("float64-strict", a.numericMode());
        assertArrayEquals(a.outputBytes(), b.outputBytes());
        assertTrue(a.outputText().contains("\nrunwayDays=") && a.outputText().contains("\nrunwayLowDays="), a.outputText());
        for (TreasuryForecast.Horizon h : a.horizons()) {
            assertTrue(h.inflow().p10() <= h.inflow().p50() && h.inflow().p50() <= h.inflow().p90(), h.toString());
            assertTrue(h.balance().p10() <= h.balance().p90(), h.toString());
        }
        assertNotNull(a.runwayDays(), "this treasury burns: outflow 250/day (and 900 every 10th) against inflow ~160");
        if (a.runwayLowDays() != null) assertTrue(a.runwayLowDays() <= a.runwayDays());
        if (a.runwayHighDays() != null) assertTrue(a.runwayHighDays() >= a.runwayDays());
        assertTrue(a.energy().isEmpty(), "no network, no energy estimate");
    }

    @Test void theSpikingTreasuryModelIsStillServedByModelIdInFixedPoint() {
        ForecastService s = ForecastService.bundled();
        String spiking = ForecastService.bundledArtifacts().stream().filter(l -> l.model() instanceof TreasuryModel).findFirst().orElseThrow().modelId();
        TreasuryForecast f = s.forecastTreasury(spiking, new TreasuryQuery("d", "ETH", days(120), null));
        assertEquals("cpu", f.backend());
        assertEquals("fixed", f.numericMode());
        assertFalse(f.energy().isEmpty());
        assertEquals(5, s.models().stream().filter(m -> m.kind().equals("treasury")).count(), "the gate with fallbacks, the gate with balanced bounds, the gate with trackers, the previous median ensemble, the spiking model");
    }

    @Test void theServiceAnswersWhatTheEvaluationScored() {
        // The eval's "ensemble" row for origin t must be the service's answer for the query of days 0..t.
        List<TreasuryQuery.Day> ds = days(300);
        List<TreasuryRow> rows = new ArrayList<>();
        for (TreasuryQuery.Day d : ds)
            rows.add(new TreasuryRow(LocalDate.parse(d.date()), "ETH", new BigDecimal(d.inflow()), new BigDecimal(d.outflow()), new BigDecimal(d.balance())));
        TreasuryEnsemble served = ForecastService.servedEnsemble();
        var r = TreasuryEval.run(List.of(new TreasuryEval.Source("syn", new TreasuryData(rows))), null, served, false, tmp);
        var row = r.rows().stream().filter(x -> x.method().equals("ensemble") && x.flow().equals("inflow") && x.horizonDays() == 7).findFirst().orElseThrow();
        int t = (int) (LocalDate.parse(row.date()).toEpochDay() - LocalDate.parse(ds.getFirst().date()).toEpochDay());
        TreasuryForecast f = ForecastService.bundled().forecastTreasury(new TreasuryQuery("d", "ETH", ds.subList(0, t + 1), List.of(7)));
        assertEquals(ForecastService.r6(7 * row.p50()), f.horizons().getFirst().inflow().p50(), 1e-6);
        assertEquals(ForecastService.r6(7 * row.p90()), f.horizons().getFirst().inflow().p90(), 1e-6);
    }

    /** Rows of {@code period} days each: the flows of days(n * period) summed per period, the balance at each period's last day. */
    static List<TreasuryQuery.Day> periods(int n, int period) {
        List<TreasuryQuery.Day> d = days(n * period), s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long in = 0, out = 0;
            for (int j = 0; j < period; j++) { in += Long.parseLong(d.get(i * period + j).inflow()); out += Long.parseLong(d.get(i * period + j).outflow()); }
            s.add(new TreasuryQuery.Day(d.get(i * period).date(), Long.toString(in), Long.toString(out), d.get(i * period + period - 1).balance()));
        }
        return s;
    }

    /** A series of 5-day periods (Cardano's epochs) is answered as the evaluation scores it: per-period means over ceil(h / 5) periods. */
    @Test void aPeriodicSeriesIsAnsweredWhatTheEvaluationScored() {
        int period = 5;
        List<TreasuryQuery.Day> ds = periods(160, period);
        List<TreasuryRow> rows = new ArrayList<>();
        for (TreasuryQuery.Day d : ds)
            rows.add(new TreasuryRow(LocalDate.parse(d.date()), "ADA", new BigDecimal(d.inflow()), new BigDecimal(d.outflow()), new BigDecimal(d.balance()), period));
        TreasuryEnsemble served = ForecastService.servedEnsemble();
        var r = TreasuryEval.run(List.of(new TreasuryEval.Source("syn", new TreasuryData(rows))), null, served, false, tmp);
        for (int h : new int[]{1, 7, 30}) {
            var row = r.rows().stream().filter(x -> x.method().equals("ensemble") && x.flow().equals("outflow") && x.horizonDays() == h).reduce((a, b) -> b).orElseThrow();
            assertEquals(FlowMethods.ceilDiv(h, period), row.horizonPeriods());
            int t = (int) ((LocalDate.parse(row.date()).toEpochDay() - LocalDate.parse(ds.getFirst().date()).toEpochDay()) / period);
            TreasuryForecast f = ForecastService.bundled().forecastTreasury(new TreasuryQuery("d", "ADA", ds.subList(0, t + 1), List.of(h), period));
            // The answer's total over h days is h / 5 of the scored mean per period.
            assertEquals(ForecastService.r6(h * (row.p50() / period)), f.horizons().getFirst().outflow().p50(), 1e-6, h + " days");
            assertEquals(ForecastService.r6(h * (row.p10() / period)), f.horizons().getFirst().outflow().p10(), 1e-6, h + " days");
        }
        // The same rows read as daily are another query: another input hash, other numbers.
        TreasuryForecast asPeriods = ForecastService.bundled().forecastTreasury(new TreasuryQuery("d", "ADA", ds, List.of(30), period));
        List<TreasuryQuery.Day> daily = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) daily.add(new TreasuryQuery.Day(LocalDate.parse(ds.getFirst().date()).plusDays(i).toString(), ds.get(i).inflow(), ds.get(i).outflow(), ds.get(i).balance()));
        TreasuryForecast asDays = ForecastService.bundled().forecastTreasury(new TreasuryQuery("d", "ADA", daily, List.of(30)));
        assertNotEquals(asPeriods.inputHash(), asDays.inputHash());
        assertNotEquals(asPeriods.horizons().getFirst().outflow().p50(), asDays.horizons().getFirst().outflow().p50());
        // A daily query's canonical bytes have no period line (every earlier input hash stands).
        assertFalse(new String(new TreasuryQuery("d", "ADA", daily, null).canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8).contains("periodDays"));
    }

    @Test void periodicQueriesAreCheckedAndOnlyTheEnsembleReadsThem() {
        List<TreasuryQuery.Day> ds = periods(40, 5);
        var e = assertThrows(IllegalArgumentException.class, () -> new TreasuryQuery("d", "ADA", ds, null, 1).validate());
        assertEquals("series[1].date: 2024-01-06 does not follow 2024-01-01 (days must be consecutive)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TreasuryQuery("d", "ADA", ds, null, 7).validate());
        assertEquals("series[1].date: 2024-01-06 does not follow 2024-01-01 by periodDays (7): periods must be consecutive", e.getMessage());
        assertEquals(LocalDate.parse(ds.getLast().date()).plusDays(4), new TreasuryQuery("d", "ADA", ds, null, 5).lastDay(), "the last epoch's last day");
        assertEquals(LocalDate.parse(days(3).getLast().date()), new TreasuryQuery("d", "ADA", days(3), null).lastDay(), "a daily series' last row");
        e = assertThrows(IllegalArgumentException.class, () -> new TreasuryQuery("d", "ADA", ds, null, 0).validate());
        assertEquals("periodDays: must be 1..366, got 0", e.getMessage());
        String spiking = ForecastService.bundledArtifacts().stream().filter(l -> l.model() instanceof TreasuryModel).findFirst().orElseThrow().modelId();
        e = assertThrows(IllegalArgumentException.class, () -> ForecastService.bundled().forecastTreasury(spiking, new TreasuryQuery("d", "ADA", ds, null, 5)));
        assertTrue(e.getMessage().startsWith("periodDays: model " + spiking + " (treasury) reads daily series only"), e.getMessage());
    }

    @Test void ensembleArtifactRoundTripsAndRejectsABadStrategy() {
        TreasuryEnsembleModel m = new TreasuryEnsembleModel("x", new TreasuryEnsemble(FlowMethods.ALL, "median", 180, 365), new int[]{1, 7, 30}, null, null);
        ModelArtifact.Loaded l = ModelArtifact.decode(ModelArtifact.encode(m), "mem");
        assertEquals("treasury", l.model().family());
        assertEquals(m.ensemble(), ((TreasuryEnsembleModel) l.model()).ensemble());
        TreasuryEnsembleModel t = new TreasuryEnsembleModel("t", new TreasuryEnsemble(FlowMethods.EXTENDED, "median", 180, 730).withTracker(0.2), new int[]{1, 7, 30}, null, null);
        TreasuryEnsemble back = ((TreasuryEnsembleModel) ModelArtifact.decode(ModelArtifact.encode(t), "mem").model()).ensemble();
        assertEquals(t.ensemble(), back, "tracker bounds survive the artifact");
        assertEquals("median_gate", ForecastService.servedEnsemble().strategy(), "issue 13: the gate is served");
        assertEquals("balanced_tracker", ForecastService.servedEnsemble().interval(), "issue 13 interval calibration: the serving rule held");
        TreasuryEnsembleModel bal = new TreasuryEnsembleModel("b", TreasuryEnsemble.gate(FlowMethods.EXTENDED, 365, 730, 90, 0.75).withBalancedTracker(730, 0.2), new int[]{1, 7, 30}, null, null);
        assertEquals(bal.ensemble(), ((TreasuryEnsembleModel) ModelArtifact.decode(ModelArtifact.encode(bal), "mem").model()).ensemble(), "balanced bounds survive the artifact");
        assertEquals(bal.ensemble(), ForecastService.servedEnsemble());
        TreasuryEnsembleModel conf = new TreasuryEnsembleModel("c", TreasuryEnsemble.gate(FlowMethods.EXTENDED, 365, 730, 90, 0.75).withTracker(0.2).withConformal(180, 90), new int[]{1, 7, 30}, null, null);
        assertEquals(conf.ensemble(), ((TreasuryEnsembleModel) ModelArtifact.decode(ModelArtifact.encode(conf), "mem").model()).ensemble(), "conformal fields survive the artifact");
        TreasuryEnsemble old = ForecastService.bundledArtifacts().stream().map(ModelArtifact.Loaded::model).filter(x -> x instanceof TreasuryEnsembleModel)
                .map(x -> ((TreasuryEnsembleModel) x).ensemble()).filter(x -> x.strategy().equals("median")).findFirst().orElseThrow();
        assertEquals("log1p", old.interval(), "the previous artifact predates the tracker and gate fields: log1p bounds, no gate");
        assertEquals(0, old.halfLifeDays());
        TreasuryEnsembleModel g = new TreasuryEnsembleModel("g", TreasuryEnsemble.gate(FlowMethods.EXTENDED, 365, 730, 90, 0.75).withTracker(0.2), new int[]{1, 7, 30}, null, null);
        assertEquals(g.ensemble(), ((TreasuryEnsembleModel) ModelArtifact.decode(ModelArtifact.encode(g), "mem").model()).ensemble(), "gate fields survive the artifact");
        TreasuryEnsemble.Forecast x = back.forecast(java.util.stream.IntStream.range(0, 500).mapToDouble(i -> 50 + (i % 9) * 7 + (i % 31 == 0 ? 400 : 0)).toArray(), 7, 1);
        assertTrue(x.p10() <= x.p50() && x.p50() <= x.p90() && x.p10() < x.p90(), x.toString());
        String body = new String(ModelArtifact.encode(m), java.nio.charset.StandardCharsets.UTF_8);
        String bad = body.substring(body.indexOf('\n') + 1).replace("\"median\"", "\"vibes\"");
        byte[] b = bad.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] file = ("neuroracle-model/1 kind=treasury-ensemble body-sha256=" + ModelArtifact.sha256(b) + "\n" + bad).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var e = assertThrows(IllegalArgumentException.class, () -> ModelArtifact.decode(file, "bad.nrm"));
        assertTrue(e.getMessage().contains("ensemble.strategy"), e.getMessage());
    }

    /** Issue 13: where the model names a fallback baseline for a dao:asset, flow and horizon, that baseline answers; elsewhere the ensemble. */
    @Test void aFallbackBaselineAnswersItsCellOnly() {
        TreasuryEnsemble e = ForecastService.servedEnsemble();
        TreasuryEnsembleModel plain = new TreasuryEnsembleModel("p", e, new int[]{1, 7, 30}, null, null);
        TreasuryEnsembleModel fb = new TreasuryEnsembleModel("f", e, new int[]{1, 7, 30}, null, null, java.util.Map.of("d:ETH inflow 7d", "naive"));
        ModelArtifact.Loaded l = ModelArtifact.decode(ModelArtifact.encode(fb), "mem");
        assertEquals(fb.fallbacks(), ((TreasuryEnsembleModel) l.model()).fallbacks(), "fallbacks survive the artifact");
        ModelArtifact.Loaded lp = ModelArtifact.decode(ModelArtifact.encode(plain), "mem");
        ForecastService s = new ForecastService(List.of(l, lp), org.neuroracle.forecast.service.EnergyEstimator.bundledProfiles());
        String fbId = l.modelId(), plainId = lp.modelId();
        List<TreasuryQuery.Day> ds = days(400);
        TreasuryForecast a = s.forecastTreasury(fbId, new TreasuryQuery("d", "ETH", ds, null));
        TreasuryForecast b = s.forecastTreasury(plainId, new TreasuryQuery("d", "ETH", ds, null));
        double lastIn = Double.parseDouble(ds.getLast().inflow());
        var h7 = a.horizons().get(1);
        assertEquals(7, h7.days());
        assertEquals(ForecastService.r6(7 * lastIn), h7.inflow().p50(), 1e-6, "naive: the last day's inflow, 7 times");
        assertNotEquals(b.horizons().get(1).inflow().p50(), h7.inflow().p50(), "the ensemble answers otherwise");
        assertEquals(b.horizons().get(1).outflow(), h7.outflow(), "another flow: the ensemble");
        assertEquals(b.horizons().get(2).inflow(), a.horizons().get(2).inflow(), "another horizon: the ensemble");
        TreasuryForecast other = s.forecastTreasury(fbId, new TreasuryQuery("e", "ETH", ds, null));
        assertEquals(b.horizons().get(1).inflow(), other.horizons().get(1).inflow(), "another dao: the ensemble");
        // A periodic series: the cell is keyed by the horizon's days as eval keys it, and naive answers the last
        // period's inflow per day, 7 days of it (ceil(7 / 5) = 2 periods of the same mean).
        List<TreasuryQuery.Day> ps = periods(120, 5);
        TreasuryForecast pa = s.forecastTreasury(fbId, new TreasuryQuery("d", "ETH", ps, List.of(7), 5));
        TreasuryForecast pb = s.forecastTreasury(plainId, new TreasuryQuery("d", "ETH", ps, List.of(7), 5));
        assertEquals(ForecastService.r6(7 * (Double.parseDouble(ps.getLast().inflow()) / 5)), pa.horizons().getFirst().inflow().p50(), 1e-6);
        assertNotEquals(pb.horizons().getFirst().inflow().p50(), pa.horizons().getFirst().inflow().p50(), "the ensemble answers otherwise");
        var bad = assertThrows(IllegalArgumentException.class, () -> new TreasuryEnsembleModel("x", e, new int[]{7}, null, null, java.util.Map.of("d:ETH inflow 7d", "holt_log")));
        assertTrue(bad.getMessage().contains("fallbacks.d:ETH inflow 7d"), bad.getMessage());
    }

    /** The served default carries the fallbacks eval treasury chose on the first half (issue 13: a losing model is not the default), around the previous gate. */
    @Test void theDefaultFallsBackWhereTheGateLostOnTheFirstHalf() {
        TreasuryEnsembleModel d = ForecastService.bundledArtifacts().stream().map(ModelArtifact.Loaded::model).filter(x -> x instanceof TreasuryEnsembleModel)
                .map(x -> (TreasuryEnsembleModel) x).findFirst().orElseThrow();
        assertEquals("croston", d.fallbacks().get("dcl:MANA outflow 30d"));
        assertEquals("croston", d.fallbacks().get("axie:ETH inflow 30d"));
        assertFalse(d.fallbacks().containsKey("dcl:MANA outflow 7d"), "the gate beat every baseline there on the first half");
        assertEquals(18, d.fallbacks().size(), "10 of them on outflows that stay zero (naive exact)");
        assertSame(d.ensemble(), d.forCell("dcl", "MANA", "outflow", 7));
        assertEquals(List.of("croston"), d.forCell("dcl", "MANA", "outflow", 30).candidates());
        assertEquals(d.ensemble().interval(), d.forCell("dcl", "MANA", "outflow", 30).interval(), "the baseline keeps the served kind of bounds");
    }
}
