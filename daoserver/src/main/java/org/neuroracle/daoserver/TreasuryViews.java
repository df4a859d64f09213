package org.neuroracle.daoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.neuroracle.forecast.data.Decimals;
import org.neuroracle.forecast.data.TreasuryRow;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The treasury view of one indexed DAO, per asset: the balance over time, monthly inflows and outflows (and by
 * category where the canonical file names categories; a row counts in the month its period starts), the served
 * treasury forecaster's 10/50/90% fan at 1, 7 and 30 days (the indexed request {@code {dao, asset}} answered by the
 * same engine as {@code POST /v1/forecasts/treasury}) and the runway with bounds. Blocking: call on a worker.
 */
final class TreasuryViews {
    /** Balance points per asset in the view; longer series are thinned evenly (the last day is always kept). */
    static final int MAX_BALANCE_POINTS = 400;
    /** Months of flows per asset in the view (the latest). */
    static final int MAX_FLOW_MONTHS = 36;
    /** Assets per DAO in the view (the first by name). */
    static final int MAX_ASSETS = 16;

    private final DaoIndex index;
    private final ForecastEngine engine;
    private final int maxSeriesDays;

    TreasuryViews(DaoIndex index, ForecastEngine engine, int maxSeriesDays) {
        this.index = index;
        this.engine = engine;
        this.maxSeriesDays = maxSeriesDays;
    }

    /** Categories per asset and month in the view (the largest by inflow + outflow over the shown months; the rest summed as "other categories"). */
    static final int MAX_CATEGORIES = 12;

    JsonObject treasury(String dao) {
        Map<String, List<TreasuryRow>> byAsset = index.treasuryOf(dao), byCategory = index.treasuryCategoriesOf(dao);
        JsonArray assets = new JsonArray();
        int n = 0;
        for (var e : byAsset.entrySet()) {
            if (n++ >= MAX_ASSETS) break;
            JsonObject a = asset(dao, e.getKey(), e.getValue());
            List<TreasuryRow> cats = byCategory.getOrDefault(e.getKey(), List.of());
            if (!cats.isEmpty()) a.put("monthlyFlowsByCategory", byCategory(cats));
            assets.add(a);
        }
        JsonObject categories = byCategory.isEmpty()
                ? new JsonObject().put("available", false).put("detail", "the DAO's treasury.csv has no category column: flows are totals per asset")
                : new JsonObject().put("available", true).put("assets", new JsonArray(List.copyOf(byCategory.keySet())))
                        .put("detail", "the category column of the DAO's treasury.csv; a period's flows count in the month it starts (" + MAX_FLOW_MONTHS
                                + " months at most, " + MAX_CATEGORIES + " categories, the rest as 'other categories')");
        return new JsonObject().put("dao", dao).put("assets", assets).put("assetsTotal", byAsset.size())
                .put("categories", categories)
                .put("bounds", new JsonObject().put("maxBalancePoints", MAX_BALANCE_POINTS).put("maxFlowMonths", MAX_FLOW_MONTHS).put("maxAssets", MAX_ASSETS));
    }

    private JsonObject asset(String dao, String asset, List<TreasuryRow> rows) {
        JsonObject o = new JsonObject().put("asset", asset).put("unit", asset).put("days", rows.size()).put("periodDays", rows.getFirst().periodDays())
                .put("firstDate", rows.getFirst().date().toString()).put("lastDate", rows.getLast().date().toString());
        TreasuryRow lastWithBalance = null;
        for (int i = rows.size() - 1; i >= 0 && lastWithBalance == null; i--) if (rows.get(i).balance() != null) lastWithBalance = rows.get(i);
        // Dated by the day the balance holds for: a periodic row's last day (Cardano's epochs), not its first.
        o.put("balance", lastWithBalance == null ? null : new JsonObject().put("value", Decimals.text(lastWithBalance.balance()))
                .put("date", lastWithBalance.lastDay().toString()));
        JsonArray series = new JsonArray();
        int step = Math.max(1, (int) Math.ceil(rows.size() / (double) MAX_BALANCE_POINTS));
        for (int i = 0; i < rows.size(); i++) {
            if (i % step != 0 && i != rows.size() - 1) continue;
            TreasuryRow r = rows.get(i);
            if (r.balance() != null) series.add(new JsonArray().add(r.date().toString()).add(r.balance().doubleValue()));
        }
        o.put("balanceSeries", series).put("balanceSeriesThinnedEvery", step);
        TreeMap<YearMonth, BigDecimal[]> months = new TreeMap<>();
        for (TreasuryRow r : rows) {
            BigDecimal[] m = months.computeIfAbsent(YearMonth.from(r.date()), k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            m[0] = m[0].add(r.inflow());
            m[1] = m[1].add(r.outflow());
        }
        while (months.size() > MAX_FLOW_MONTHS) months.pollFirstEntry();
        JsonArray flows = new JsonArray();
        months.forEach((ym, m) -> flows.add(new JsonObject().put("month", ym.toString()).put("inflow", Decimals.text(m[0])).put("outflow", Decimals.text(m[1]))));
        o.put("monthlyFlows", flows);
        o.put("forecast", forecast(dao, asset, lastWithBalance == null ? null : lastWithBalance.balance().doubleValue()));
        return o;
    }

    /** Per month (the latest {@link #MAX_FLOW_MONTHS}): inflow and outflow of each category, largest categories first. */
    static JsonArray byCategory(List<TreasuryRow> rows) {
        TreeMap<YearMonth, TreeMap<String, BigDecimal[]>> months = new TreeMap<>();
        for (TreasuryRow r : rows) {
            BigDecimal[] m = months.computeIfAbsent(YearMonth.from(r.date()), k -> new TreeMap<>())
                    .computeIfAbsent(r.category(), k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            m[0] = m[0].add(r.inflow());
            m[1] = m[1].add(r.outflow());
        }
        while (months.size() > MAX_FLOW_MONTHS) months.pollFirstEntry();
        // The categories kept: the largest over the months shown, ties by name.
        Map<String, BigDecimal> size = new TreeMap<>();
        months.values().forEach(m -> m.forEach((c, v) -> size.merge(c, v[0].add(v[1]), BigDecimal::add)));
        List<String> kept = size.entrySet().stream().sorted((a, b) -> b.getValue().compareTo(a.getValue()) != 0 ? b.getValue().compareTo(a.getValue()) : a.getKey().compareTo(b.getKey()))
                .limit(MAX_CATEGORIES).map(Map.Entry::getKey).toList();
        JsonArray out = new JsonArray();
        months.forEach((ym, m) -> {
            JsonArray cs = new JsonArray();
            BigDecimal[] rest = {BigDecimal.ZERO, BigDecimal.ZERO};
            boolean anyRest = false;
            for (String c : kept) {
                BigDecimal[] v = m.get(c);
                if (v != null) cs.add(new JsonObject().put("category", c.isEmpty() ? "uncategorised" : c).put("inflow", Decimals.text(v[0])).put("outflow", Decimals.text(v[1])));
            }
            for (var e : m.entrySet())
                if (!kept.contains(e.getKey())) { rest[0] = rest[0].add(e.getValue()[0]); rest[1] = rest[1].add(e.getValue()[1]); anyRest = true; }
            if (anyRest) cs.add(new JsonObject().put("category", "other categories").put("inflow", Decimals.text(rest[0])).put("outflow", Decimals.text(rest[1])));
            out.add(new JsonObject().put("month", ym.toString()).put("categories", cs));
        });
        return out;
    }

    private JsonObject forecast(String dao, String asset, Double balance) {
        JsonObject a;
        try {
            JsonObject req = index.resolveTreasury(new JsonObject().put("dao", dao).put("asset", asset)
                    .put("horizonsDays", new JsonArray().add(1).add(7).add(30)), maxSeriesDays);
            ForecastEngine.Outcome out = engine.treasury(req, EnergyProfiles.NONE);
            a = out.answer().copy().put("modelId", out.modelId()).put("inputHash", out.inputHash());
        } catch (Problem | IllegalArgumentException e) {
            return new JsonObject().put("available", false).put("detail", e.getMessage());
        }
        a.put("available", true).put("runway", runway(a, balance));
        return a;
    }

    /**
     * Runway in days with bounds from the 30-day horizon: the last balance over the median net daily burn, and over
     * the burn at the pessimistic (outflow p90 - inflow p10) and optimistic (outflow p10 - inflow p90) ends. The
     * quantiles are marginal, so these bounds are wider than a joint 10-90% interval. Null where there is no burn.
     */
    static JsonObject runway(JsonObject answer, Double balance) {
        JsonArray hs = answer.getJsonArray("horizons");
        JsonObject h = null;
        for (int i = 0; i < hs.size(); i++) if (h == null || hs.getJsonObject(i).getInteger("days") > h.getInteger("days")) h = hs.getJsonObject(i);
        if (h == null || balance == null)
            return new JsonObject().put("days", null).put("detail", balance == null ? "no balance in the data" : "no horizon");
        double d = h.getInteger("days");
        JsonObject in = h.getJsonObject("inflow"), out = h.getJsonObject("outflow");
        Double mid = days(balance, (out.getDouble("p50") - in.getDouble("p50")) / d);
        Double lower = days(balance, (out.getDouble("p90") - in.getDouble("p10")) / d);
        Double upper = days(balance, (out.getDouble("p10") - in.getDouble("p90")) / d);
        return new JsonObject().put("days", mid).put("lower", lower).put("upper", upper).put("horizonDays", (int) d)
                .put("detail", "balance / net daily burn over " + (int) d + " days (median; bounds from the flow quantiles' ends); null: no net burn");
    }

    private static Double days(double balance, double burnPerDay) { return burnPerDay > 0 ? balance / burnPerDay : null; }
}
