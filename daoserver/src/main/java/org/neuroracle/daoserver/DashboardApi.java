package org.neuroracle.daoserver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The dashboard's JSON API over the node's DAO index ({@code GET /v1/daos...}): what the DAO pages show, for any
 * other tool too. The index is immutable after load, so each computed view is cached for the life of the node
 * (per index load; a DAO read from the chain per version, {@link #refreshed}); the views are computed one at a time on one thread of their own, so the dashboard never takes
 * the workers that answer forecasts, and every DAO's views are computed once right after the start, so the pages
 * are full without anyone having posted a forecast.
 */
final class DashboardApi implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DashboardApi.class);
    /** The operations of the contract this class answers. */
    static final List<String> OPERATIONS = List.of("listDaos", "getDao", "listDaoProposals", "getDaoTreasury",
            "getDaoReliability", "getDaoProposalForecast");
    /** The one command the DAO list shows when the index is empty. */
    static final String IMPORT_HINT = "./neuroracle data import --format compound-bravo --in ../shared/data/governance/compound_governor_bravo.csv --out ";

    private Vertx vertx;
    private final DaoIndex index;
    private final ForecastEngine engine;
    private final ServerConfig config;
    private final GovernanceViews governance;
    private final TreasuryViews treasury;
    private final Map<String, DaoParams> params = new TreeMap<>();
    private final Map<String, CompletableFuture<JsonObject>> cache = new ConcurrentHashMap<>();
    private final ExecutorService views = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("neuroracle-dao-views").unstarted(r));

    /** Reads each DAO's optional {@code params.json} (blocking, before the server starts; a bad file stops it). */
    DashboardApi(DaoIndex index, ForecastEngine engine, ServerConfig config) {
        this.index = index;
        this.engine = engine;
        this.config = config;
        this.governance = new GovernanceViews(index, engine, config.maxVotes());
        this.treasury = new TreasuryViews(index, engine, config.maxSeriesDays());
        for (String dao : index.daos()) params.put(dao, DaoParams.read(index.foldersOf(dao)));
    }

    void mount(RouterBuilder rb, Vertx vertx) {
        this.vertx = vertx;
        rb.getRoute("listDaos").addHandler(rc -> json(rc, daos()));
        rb.getRoute("getDao").addHandler(rc -> {
            String dao = dao(rc);
            if (dao != null) json(rc, detail(dao));
        });
        rb.getRoute("listDaoProposals").addHandler(rc -> cached(rc, "proposals", this::proposals, this::withTimeLeft));
        rb.getRoute("getDaoTreasury").addHandler(rc -> cached(rc, "treasury", treasury::treasury, o -> o));
        rb.getRoute("getDaoReliability").addHandler(rc -> cached(rc, "reliability",
                dao -> GovernanceViews.reliability(dao, proposals(dao)), o -> o));
        rb.getRoute("getDaoProposalForecast").addHandler(this::proposalForecast);
    }

    /** Starts computing every DAO's views in the background (one at a time). */
    void warm() {
        if (index.daos().isEmpty()) return;
        long t0 = System.nanoTime();
        List<CompletableFuture<JsonObject>> all = new java.util.ArrayList<>();
        for (String dao : index.daos()) {
            all.add(view("proposals", dao, this::proposals));
            all.add(view("treasury", dao, treasury::treasury));
            all.add(view("reliability", dao, d -> GovernanceViews.reliability(d, proposals(d))));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
            if (e == null) LOG.info("dashboard views of {} DAO(s) computed in {} s", index.daos().size(), String.format("%.1f", (System.nanoTime() - t0) / 1e9));
            else LOG.warn("dashboard views: {}", e.getMessage());
        });
    }

    // ---- views ---------------------------------------------------------------------------------------------

    private JsonObject daos() {
        JsonArray out = new JsonArray();
        for (String dao : index.daos()) out.add(summary(dao));
        JsonObject o = new JsonObject().put("daos", out).put("indexDir", config.indexDir().toString());
        if (out.isEmpty())
            o.put("importHint", IMPORT_HINT + config.indexDir().resolve("compound") + "   # then restart the node");
        return o;
    }

    private JsonObject summary(String dao) {
        var ps = index.proposalsOf(dao);
        JsonObject o = new JsonObject().put("dao", dao).put("proposals", ps.size()).put("byOutcome", GovernanceViews.counts(ps))
                .put("treasuryAssets", new JsonArray(List.copyOf(index.treasuryOf(dao).keySet())))
                .put("folders", new JsonArray(index.foldersOf(dao).stream().map(Path::toString).toList()));
        ChainDao chain = index.chainDao(dao);
        return chain == null ? o : o.put("chain", GovernanceViews.chainStatus(chain)).put("dataVersion", index.version(dao));
    }

    private JsonObject detail(String dao) {
        ChainDao chain = index.chainDao(dao);
        return summary(dao).mergeIn(chain != null ? GovernanceViews.chainParameters(chain)
                : governance.parameters(dao, params.getOrDefault(dao, DaoParams.none())));
    }

    /** Computed once; the proposals view is also the input of the reliability view. */
    private JsonObject proposals(String dao) {
        return view("proposals-raw", dao, d -> governance.proposals(d, System.currentTimeMillis() / 1000)).join();
    }

    /** Time left changes while the node runs; the rest of an open proposal's view does not (the index is fixed). */
    private JsonObject withTimeLeft(JsonObject cachedView) {
        JsonObject o = cachedView.copy();
        long now = System.currentTimeMillis() / 1000;
        JsonArray open = o.getJsonArray("open");
        for (int i = 0; i < open.size(); i++) {
            JsonObject p = open.getJsonObject(i);
            p.put("secondsLeft", Math.max(0, p.getLong("voteEnd") - now)).put("windowClosed", now >= p.getLong("voteEnd"));
        }
        ChainDao chain = index.chainDao(o.getString("dao"));
        if (chain != null) o.put("chain", GovernanceViews.chainStatus(chain));
        return o.put("servedAt", now);
    }

    /**
     * A chain DAO's data changed (its refresher read new proposals, votes or parameters): its cached views are
     * dropped and recomputed in the background; until they are, requests wait for the new ones.
     */
    void refreshed(String dao) {
        String prefix = "\u0000" + dao + "\u0000", current = prefix + index.version(dao);
        cache.keySet().removeIf(k -> k.contains(prefix) && !k.endsWith(current));
        if (vertx == null) return; // not mounted yet: the start's warm() computes them
        view("proposals", dao, this::proposals);
        view("treasury", dao, treasury::treasury);
        view("reliability", dao, d -> GovernanceViews.reliability(d, proposals(d)));
    }

    private CompletableFuture<JsonObject> view(String kind, String dao, java.util.function.Function<String, JsonObject> compute) {
        // The DAO's version in the key: a chain DAO's refresh makes new views, never serves a stale one as new.
        String key = kind + "\u0000" + dao + "\u0000" + index.version(dao);
        CompletableFuture<JsonObject> f = cache.get(key);
        if (f != null) return f;
        if (Thread.currentThread().getName().startsWith("neuroracle-dao-views")) {
            // Already on the views thread (a view built from another view): compute inline, never wait on our own queue.
            CompletableFuture<JsonObject> mine = new CompletableFuture<>();
            CompletableFuture<JsonObject> prev = cache.putIfAbsent(key, mine);
            if (prev != null) return prev;
            try {
                mine.complete(compute.apply(dao));
            } catch (RuntimeException e) {
                cache.remove(key, mine);
                mine.completeExceptionally(e);
            }
            return mine;
        }
        return cache.computeIfAbsent(key, k -> {
            CompletableFuture<JsonObject> c = CompletableFuture.supplyAsync(() -> compute.apply(dao), views);
            c.whenComplete((v, e) -> { if (e != null) cache.remove(k); }); // a failure is not remembered
            return c;
        });
    }

    private void cached(RoutingContext rc, String kind, java.util.function.Function<String, JsonObject> compute,
                        java.util.function.UnaryOperator<JsonObject> serve) {
        String dao = dao(rc);
        if (dao == null) return;
        var ctx = vertx.getOrCreateContext();
        Future.fromCompletionStage(view(kind, dao, compute), ctx).onSuccess(o -> json(rc, serve.apply(o))).onFailure(rc::fail);
    }

    /** One forecast of an indexed proposal with its energy per profile and spike raster (not journaled, not signed). */
    private void proposalForecast(RoutingContext rc) {
        String dao = dao(rc);
        if (dao == null) return;
        String id = rc.pathParam("proposalId");
        String asOf = rc.queryParams().get("asOf");
        vertx.<JsonObject>executeBlocking(() -> {
            JsonObject body = new JsonObject().put("dao", dao).put("proposalId", id);
            if (asOf != null) body.put("asOf", Long.parseLong(asOf)); // the contract checked it is an integer in range
            JsonObject req = index.resolveVote(body, System.currentTimeMillis() / 1000, config.maxVotes());
            ForecastEngine.Outcome o = engine.vote(req);
            return new JsonObject().put("dao", dao).put("proposalId", id).put("modelId", o.modelId()).put("inputHash", o.inputHash())
                    .put("answer", o.answer()).put("energy", o.energy()).put("raster", o.raster().get())
                    .put("detail", "recomputed for this view; POST /v1/forecasts/vote with {dao, proposalId, asOf} gives the signed, journaled answer");
        }, false).onSuccess(o -> json(rc, o)).onFailure(rc::fail);
    }

    /** The path's DAO, or null after answering 404 naming {@code dao}. */
    private String dao(RoutingContext rc) {
        String dao = rc.pathParam("dao");
        if (index.daos().contains(dao)) return dao;
        rc.fail(Problem.notFound("dao", "dao: no DAO '" + dao + "' is indexed on this node (GET /v1/daos lists them)"));
        return null;
    }

    private static void json(RoutingContext rc, JsonObject o) {
        if (rc.response().ended()) return;
        rc.response().putHeader("content-type", "application/json").end(o.toBuffer());
    }

    @Override public void close() { views.shutdownNow(); }
}
