package org.neuroracle.forecast.service;

import org.neuroracle.forecast.data.Decimals;
import org.neuroracle.forecast.history.ContextMemo;
import org.neuroracle.forecast.history.HistoryContext;
import org.neuroracle.forecast.model.ForecastModel;
import org.neuroracle.forecast.model.RecalibrationMemo;
import org.neuroracle.forecast.model.ModelArtifact;
import org.neuroracle.forecast.model.Reservoir;
import org.neuroracle.forecast.model.FlowMethods;
import org.neuroracle.forecast.model.TreasuryEnsemble;
import org.neuroracle.forecast.model.TreasuryEnsembleModel;
import org.neuroracle.forecast.model.RunnerPool;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.forecast.model.TreasuryModel;
import org.neuroracle.forecast.model.VoteModel;
import org.neuroracle.forecast.model.VoteObservation;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.model.Network;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The facade the service calls. Loads content-addressed model artifacts and answers vote and treasury queries by
 * running the model's fixed-point network on the {@code cpu} backend. A forecast is a pure function of (model
 * bytes, canonical input bytes): the same query gives the same {@code outputBytes} on every run. Thread-safe: each
 * call leases a compiled simulation of the (shared, immutable) network from the model's {@link RunnerPool}, which
 * resets it before the run, so reuse cannot carry state from one forecast into the next.
 */
public final class ForecastService {
    public static final String BACKEND = "cpu";
    public static final String NUMERIC_MODE = "fixed";
    /** Bundled artifacts, listed one file name per line in this resource. */
    public static final String BUNDLED_INDEX = "/models/index.txt";

    private final Map<String, Entry> models = new LinkedHashMap<>();
    private final EnergyEstimator energy;
    /** The backend the forecast networks run on; fixed point is bit-exact across backends, so answers do not change. */
    private final String backend;

    /** A loaded model with its network and the compiled simulations of it that forecasts reuse. */
    private record Entry(ModelArtifact.Loaded artifact, Network network, RunnerPool runners, List<String> populationNames,
                         List<Integer> populationSizes, ContextMemo contexts, RecalibrationMemo recalibrations) {
        Entry(ModelArtifact.Loaded artifact, Network network, RunnerPool runners) {
            this(artifact, network, runners, network == null ? List.of() : network.populations().stream().map(x -> x.name()).toList(),
                    network == null ? List.of() : network.populations().stream().map(x -> x.size()).toList(),
                    artifact.model() instanceof VoteModel m ? new ContextMemo(m.past()) : null,
                    artifact.model() instanceof VoteModel m ? new RecalibrationMemo(m.recalibration()) : null);
        }
    }

    /** Every profile's energy estimate (what the two-argument forecasts give). */
    public static final Predicate<String> ALL_PROFILES = name -> true;

    public ForecastService(List<ModelArtifact.Loaded> artifacts, EnergyEstimator energy) {
        Backend backend = Backends.byName(BACKEND); // once: not a ServiceLoader scan per forecast
        for (ModelArtifact.Loaded a : artifacts) {
            // The served treasury ensemble has no reservoir: nothing to compile for it.
            Network net = a.model().reservoir() == null ? null : a.model().reservoir().network(a.model().kind() + "-forecaster");
            models.put(a.modelId(), new Entry(a, net, net == null ? null : new RunnerPool(net, backend)));
        }
        this.energy = energy;
        this.backend = BACKEND;
    }

    private ForecastService(ForecastService base, String backend) {
        // Same artifacts and networks; the compiled runners belong to one backend, so a new pool per model.
        Backend b = Backends.byName(backend);
        base.models.forEach((id, e) -> models.put(id, new Entry(e.artifact, e.network, e.network == null ? null : new RunnerPool(e.network, b),
                e.populationNames, e.populationSizes, e.contexts, e.recalibrations))); // the memos do not depend on the backend
        this.energy = base.energy;
        this.backend = backend;
    }

    /** The same models run on another backend (e.g. {@code opencl}: an oracle node on other hardware). */
    public ForecastService withBackend(String backendName) { return new ForecastService(this, backendName); }

    public String backend() { return backend; }

    /** The models bundled in this jar, with energy estimated on every bundled hardware profile. */
    public static ForecastService bundled() { return new ForecastService(bundledArtifacts(), EnergyEstimator.bundledProfiles()); }

    /** Model files given by path (e.g. {@code --model}), with energy on every bundled hardware profile. */
    public static ForecastService fromFiles(List<Path> files) {
        List<ModelArtifact.Loaded> l = new ArrayList<>();
        for (Path p : files) l.add(ModelArtifact.read(p));
        return new ForecastService(l, EnergyEstimator.bundledProfiles());
    }

    public static List<ModelArtifact.Loaded> bundledArtifacts() {
        List<ModelArtifact.Loaded> out = new ArrayList<>();
        try (InputStream idx = ForecastService.class.getResourceAsStream(BUNDLED_INDEX)) {
            if (idx == null) throw new IllegalStateException("bundled model index " + BUNDLED_INDEX + " is missing from the class path");
            for (String line : new String(idx.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) continue;
                try (InputStream in = ForecastService.class.getResourceAsStream("/models/" + name)) {
                    if (in == null) throw new IllegalStateException("bundled model /models/" + name + " is listed but missing");
                    ModelArtifact.Loaded l = ModelArtifact.decode(in.readAllBytes(), "/models/" + name);
                    var m = java.util.regex.Pattern.compile("([0-9a-f]{64})").matcher(name);
                    if (!m.find() || !m.group(1).equals(l.modelId()))
                        throw new IllegalStateException("bundled model /models/" + name + " does not match its content address " + l.modelId());
                    out.add(l);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The combination of the bundled default treasury model (what {@code eval treasury} scores as "ensemble"). */
    public static TreasuryEnsemble servedEnsemble() {
        return bundledArtifacts().stream().map(ModelArtifact.Loaded::model).filter(m -> m instanceof TreasuryEnsembleModel)
                .map(m -> ((TreasuryEnsembleModel) m).ensemble()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no bundled " + TreasuryEnsembleModel.KIND + " model"));
    }

    public List<ModelInfo> models() {
        List<ModelInfo> out = new ArrayList<>();
        for (Entry e : models.values()) {
            ForecastModel m = e.artifact.model();
            out.add(new ModelInfo(e.artifact.modelId(), m.family(), m.description(), m.metrics()));
        }
        return out;
    }

    private Entry pick(String kind, String modelId) {
        if (modelId != null) {
            Entry e = models.get(modelId);
            if (e == null) throw new IllegalArgumentException("modelId: no model " + modelId + " is loaded");
            if (!e.artifact.model().family().equals(kind)) throw new IllegalArgumentException("modelId: model " + modelId + " is a " + e.artifact.model().family() + " model, not " + kind);
            return e;
        }
        for (Entry e : models.values()) if (e.artifact.model().family().equals(kind)) return e;
        throw new IllegalStateException("no " + kind + " model is loaded");
    }

    /**
     * How often the vote models' memos of DAO history ({@link ContextMemo}) and recalibration maps
     * ({@link RecalibrationMemo}) found a kept value: {@code {contextHits, contextMisses, recalibrationHits,
     * recalibrationMisses}}, summed over models (requests about a DAO the model has no past of count in neither).
     */
    public long[] historyMemoCounts() {
        long[] c = new long[4];
        for (Entry e : models.values()) {
            if (e.contexts == null) continue;
            c[0] += e.contexts.hits(); c[1] += e.contexts.misses();
            c[2] += e.recalibrations.hits(); c[3] += e.recalibrations.misses();
        }
        return c;
    }

    /** Forecast with the first loaded vote model. */
    public VoteForecast forecastVote(VoteQuery q) { return forecastVote(null, q); }

    public VoteForecast forecastVote(String modelId, VoteQuery q) { return forecastVote(modelId, q, ALL_PROFILES); }

    /**
     * As {@link #forecastVote(String, VoteQuery)}, with energy estimated only on the hardware profiles (by name) that
     * {@code energyProfiles} accepts: the output bytes do not depend on it.
     */
    public VoteForecast forecastVote(String modelId, VoteQuery q, Predicate<String> energyProfiles) {
        VoteQuery.Canonical cq = q.canonical(); // validated; each weight parsed once for the hash and the casts
        byte[] canonical = cq.bytes();
        Entry e = pick("vote", modelId);
        VoteModel m = (VoteModel) e.artifact.model();
        List<VoteObservation.Cast> casts = new ArrayList<>(cq.votes().size());
        for (VoteQuery.ParsedVote v : cq.votes()) casts.add(new VoteObservation.Cast(v.timestamp(), v.voter(), v.choice(), v.weight()));
        VoteObservation obs = new VoteObservation(q.voteStart(), q.voteEnd(), q.quorumAmount(), q.asOf(), casts);
        VoteModel.Answer a;
        try (RunnerPool.Lease lease = e.runners.lease()) {
            // The DAO's past comes from the model artifact (proposals ended before voteStart), never from the node.
            // Both from the model's memos: equal to m.context(...) and m.recalibrationAt(...), computed once per DAO state.
            HistoryContext ctx = e.contexts.at(q.dao().strip(), q.proposalId().strip(), null, q.voteStart());
            a = m.forecast(obs, ctx, e.recalibrations.at(m, ctx.dao(), obs.voteStart(), obs.elapsedFraction()), lease.runner());
        }
        Interval pPass = new Interval(r6(a.pPass().value()), r6(a.pPass().lower()), r6(a.pPass().upper()));
        Interval share = new Interval(r6(a.forShare().value()), r6(a.forShare().lower()), r6(a.forShare().upper()));
        Interval turnout = new Interval(r6(a.turnout().value()), r6(a.turnout().lower()), r6(a.turnout().upper()));
        StringBuilder sb = new StringBuilder("neuroracle-vote-forecast/1\n");
        sb.append("elapsed=").append(d6(a.elapsed())).append('\n');
        sb.append("pPass=").append(triple(pPass)).append('\n');
        sb.append("forShare=").append(triple(share)).append('\n');
        sb.append("turnout=").append(triple(turnout)).append('\n');
        return new VoteForecast(e.artifact.modelId(), ModelArtifact.sha256(canonical), sb.toString().getBytes(StandardCharsets.UTF_8),
                backend, NUMERIC_MODE, energy.estimate(e.network, a.run().counters(), energyProfiles), r6(a.elapsed()), pPass, share, turnout,
                raster(e, a.input(), a.run()));
    }

    /** Forecast with the first loaded treasury model. */
    public TreasuryForecast forecastTreasury(TreasuryQuery q) { return forecastTreasury(null, q); }

    public TreasuryForecast forecastTreasury(String modelId, TreasuryQuery q) { return forecastTreasury(modelId, q, ALL_PROFILES); }

    /** As {@link #forecastTreasury(String, TreasuryQuery)}, with energy only on the profiles {@code energyProfiles} accepts. */
    public TreasuryForecast forecastTreasury(String modelId, TreasuryQuery q, Predicate<String> energyProfiles) {
        q.validate();
        byte[] canonical = q.canonicalBytes();
        Entry e = pick("treasury", modelId);
        if (e.artifact.model() instanceof TreasuryEnsembleModel em) return forecastTreasury(e, em, q, canonical);
        TreasuryModel m = (TreasuryModel) e.artifact.model();
        if (q.periodDays() != 1)
            throw new IllegalArgumentException("periodDays: model " + e.artifact.modelId() + " (" + m.kind() + ") reads daily series only; a series of "
                    + q.periodDays() + "-day periods needs a " + TreasuryEnsembleModel.KIND + " model");
        int n = q.series().size(), w = m.windowDays();
        double[][] flows = new double[2][w];
        // Fewer days than the window: the first known day is repeated backwards, so the encoder sees a flat start.
        for (int d = 0; d < w; d++) {
            TreasuryQuery.Day day = q.series().get(Math.max(0, n - w + d));
            flows[0][d] = Decimals.parse(day.inflow()).doubleValue();
            flows[1][d] = Decimals.parse(day.outflow()).doubleValue();
        }
        LocalDate last = LocalDate.parse(q.series().get(n - 1).date());
        LocalDate first = last.minusDays(w - 1);
        var in = m.encode(flows, first.getDayOfWeek().getValue() - 1);
        Reservoir.Run run;
        try (RunnerPool.Lease lease = e.runners.lease()) {
            run = lease.runner().run(in);
        }
        double[][][] pred = m.predict(m.features(in, run));
        String lastBalance = q.series().get(n - 1).balance();
        BigDecimal balance = lastBalance == null ? null : Decimals.parse(lastBalance);
        List<TreasuryForecast.Horizon> hs = new ArrayList<>();
        StringBuilder sb = new StringBuilder("neuroracle-treasury-forecast/1\n");
        for (int h : q.horizons()) {
            int i = m.horizonIndex(h);
            addHorizon(h, pred[0][i], pred[1][i], balance, hs, sb);
        }
        int longest = m.horizonIndex(m.horizonsDays()[m.horizonsDays().length - 1]);
        Double[] runway = runway(balance, pred[0][longest], pred[1][longest], sb);
        return new TreasuryForecast(e.artifact.modelId(), ModelArtifact.sha256(canonical), sb.toString().getBytes(StandardCharsets.UTF_8),
                backend, NUMERIC_MODE, energy.estimate(e.network, run.counters(), energyProfiles), hs, runway[0], runway[1], runway[2], raster(e, in, run));
    }

    /**
     * The ensemble (or, where the model names one for this dao, asset, flow and horizon, a fallback baseline): every
     * horizon forecast from the query's whole history; no network, no energy, an empty raster. A series of P-day
     * periods is forecast as {@code eval treasury} scores it: the mean flow per period over ceil(h / P) periods; the
     * answer's totals over h days are h / P of that mean (for P = 1 exactly the daily arithmetic as before).
     */
    private TreasuryForecast forecastTreasury(Entry e, TreasuryEnsembleModel m, TreasuryQuery q, byte[] canonical) {
        int n = q.series().size();
        double[][] flows = new double[2][n];
        for (int d = 0; d < n; d++) {
            flows[0][d] = Decimals.parse(q.series().get(d).inflow()).doubleValue();
            flows[1][d] = Decimals.parse(q.series().get(d).outflow()).doubleValue();
        }
        String lastBalance = q.series().get(n - 1).balance();
        BigDecimal balance = lastBalance == null ? null : Decimals.parse(lastBalance);
        List<TreasuryForecast.Horizon> hs = new ArrayList<>();
        StringBuilder sb = new StringBuilder("neuroracle-treasury-forecast/1\n");
        double[][] longest = null;
        int longestDays = m.horizonsDays()[m.horizonsDays().length - 1];
        // Fitted once per flow and reused by every horizon (the fits do not depend on h): the same bits, less work.
        int period = q.periodDays();
        FlowMethods.Fitted[] fits = {FlowMethods.fit(flows[0], period), FlowMethods.fit(flows[1], period)};
        for (int h : q.horizons()) {
            if (java.util.Arrays.stream(m.horizonsDays()).noneMatch(x -> x == h)) throw new IllegalArgumentException("horizonsDays: the model has no " + h + "-day horizon");
            double[][] p = dailyQuantiles(m, q, fits, h);
            addHorizon(h, p[0], p[1], balance, hs, sb);
            if (h == longestDays) longest = p;
        }
        if (longest == null) longest = dailyQuantiles(m, q, fits, longestDays);
        Double[] runway = runway(balance, longest[0], longest[1], sb);
        ForecastRaster empty = new ForecastRaster(List.of(), List.of(), 0, 1.0, SpikeRaster.sorted(new int[0], new int[0], new int[0], 0));
        return new TreasuryForecast(e.artifact.modelId(), ModelArtifact.sha256(canonical), sb.toString().getBytes(StandardCharsets.UTF_8),
                "none", "float64-strict", List.of(), hs, runway[0], runway[1], runway[2], empty);
    }

    /** Per flow, the {p10, p50, p90} of the mean flow per day over h days, from the per-period forecast over ceil(h / P) periods. */
    private static double[][] dailyQuantiles(TreasuryEnsembleModel m, TreasuryQuery q, FlowMethods.Fitted[] fits, int h) {
        int period = q.periodDays(), periods = FlowMethods.ceilDiv(h, period);
        double[][] p = new double[2][];
        for (int k = 0; k < 2; k++) {
            TreasuryEnsemble.Forecast f = m.forCell(q.dao(), q.asset(), TreasuryEnsembleModel.FLOWS.get(k), h).forecast(fits[k], periods);
            p[k] = period == 1 ? new double[]{f.p10(), f.p50(), f.p90()} : new double[]{f.p10() / period, f.p50() / period, f.p90() / period};
        }
        return p;
    }

    /** One horizon from daily flow quantiles {p10, p50, p90}: totals over h days, the balance band, and its output lines. */
    private static void addHorizon(int h, double[] in, double[] out, BigDecimal balance, List<TreasuryForecast.Horizon> hs, StringBuilder sb) {
        Quantiles inQ = new Quantiles(r6(h * in[0]), r6(h * in[1]), r6(h * in[2]));
        Quantiles outQ = new Quantiles(r6(h * out[0]), r6(h * out[1]), r6(h * out[2]));
        Quantiles balQ = null;
        if (balance != null) {
            double b = balance.doubleValue();
            balQ = new Quantiles(r6(b + inQ.p10() - outQ.p90()), r6(b + inQ.p50() - outQ.p50()), r6(b + inQ.p90() - outQ.p10()));
        }
        hs.add(new TreasuryForecast.Horizon(h, inQ, outQ, balQ));
        sb.append("h").append(h).append(".inflow=").append(q3(inQ)).append('\n');
        sb.append("h").append(h).append(".outflow=").append(q3(outQ)).append('\n');
        sb.append("h").append(h).append(".balance=").append(balQ == null ? "" : q3(balQ)).append('\n');
    }

    /**
     * Runway in days from daily flow quantiles {p10, p50, p90}: balance / median net burn, and the 10% / 90% bounds
     * balance / (outflow p90 - inflow p10) and balance / (outflow p10 - inflow p90); null where the burn is not positive.
     */
    private static Double[] runway(BigDecimal balance, double[] in, double[] out, StringBuilder sb) {
        Double[] r = new Double[3];
        if (balance != null) {
            double b = Math.max(0, balance.doubleValue());
            double[] burn = {out[1] - in[1], out[2] - in[0], out[0] - in[2]};
            for (int i = 0; i < 3; i++) r[i] = burn[i] > 0 ? r6(b / burn[i]) : null;
        }
        sb.append("runwayDays=").append(r[0] == null ? "" : d6(r[0])).append('\n');
        sb.append("runwayLowDays=").append(r[1] == null ? "" : d6(r[1])).append('\n');
        sb.append("runwayHighDays=").append(r[2] == null ? "" : d6(r[2])).append('\n');
        return r;
    }

    /** Input and reservoir spikes in one raster, sorted only when read (the input and the run's raster are immutable). */
    private static ForecastRaster raster(Entry e, org.neuroracle.forecast.encode.InputSpikes in, Reservoir.Run run) {
        return new ForecastRaster(e.populationNames(), e.populationSizes(), run.steps(), e.network().dtMs(), () -> {
            SpikeRaster r = run.raster();
            int n = in.size() + r.size();
            int[] s = new int[n], p = new int[n], nr = new int[n];
            for (int k = 0; k < in.size(); k++) { s[k] = in.steps()[k]; p[k] = 0; nr[k] = in.neurons()[k]; }
            for (int k = 0; k < r.size(); k++) { s[in.size() + k] = r.step(k); p[in.size() + k] = r.population(k); nr[in.size() + k] = r.neuron(k); }
            return SpikeRaster.sorted(s, p, nr, n);
        });
    }

    /** Rounds to 6 decimals from the exact double value, so the text is a function of the bits. */
    static double r6(double x) { return SixDecimals.double6(x); }

    /** {@code new BigDecimal(x).setScale(6, HALF_EVEN).toPlainString()} ({@link SixDecimals}). */
    static String d6(double x) { return SixDecimals.text6(x); }

    private static String triple(Interval i) { return d6(i.value()) + "," + d6(i.lower()) + "," + d6(i.upper()); }

    private static String q3(Quantiles q) { return d6(q.p10()) + "," + d6(q.p50()) + "," + d6(q.p90()); }
}
