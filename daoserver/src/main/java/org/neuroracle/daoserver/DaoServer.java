package org.neuroracle.daoserver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import org.neuroracle.daoserver.answer.TypedAttestation;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.Backends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The Neuroracle HTTP service: the OpenAPI contract enforced at the edge, forecasts signed and journaled before
 * they are acknowledged, the dashboard as static files. Event loops only route and write; forecasts, signing,
 * simulations and JDBC reads run on the worker pool.
 */
public final class DaoServer implements AutoCloseable {
    /** Names the HTTP answer's attestation: EIP-712 {@link TypedAttestation} under {@link TypedAttestation#HTTP}. */
    public static final String HTTP_ATTESTATION_SCHEME = "neuroracle-eip712-http-v1";

    private static final Logger LOG = LoggerFactory.getLogger(DaoServer.class);
    /** Response header carrying the journal row of an acknowledged POST. */
    public static final String JOURNAL_HEADER = "Neuroracle-Journal-Id";
    /** Header names and values encoded once (Netty writes an AsciiString's bytes as they are, a String char by char). */
    private static final CharSequence JOURNAL_HEADER_NAME = io.vertx.core.http.HttpHeaders.createOptimized(JOURNAL_HEADER);
    private static final CharSequence APPLICATION_JSON = io.vertx.core.http.HttpHeaders.createOptimized("application/json");

    private final ServerConfig config;
    private final Vertx vertx;
    private final Journal journal;
    private final NodeKey nodeKey;
    private final ForecastEngine engine;
    private final OracleLog oracleLog;
    private final Metrics metrics = new Metrics();
    private final Simulations simulations;
    private final java.util.Set<String> modelIds;
    private final AnswerCache answers;
    /** The {@code energyProfiles} config: the estimates a forecast answer carries unless its {@code energy} parameter says otherwise. */
    private final EnergyProfiles defaultEnergy;
    private final DaoIndex index;
    private final DashboardApi dashboard;
    private final long startedEpochMs = System.currentTimeMillis();
    private final BoundedExecutor forecastPool;
    private final BoundedExecutor simulationPool;
    private final ClientRateLimiter rateLimiter;
    private final ApiKeys apiKeys;
    private final ConnectionGuard guard;
    private HttpServer http;
    private BodyValidators bodies;
    private String contractYaml;

    private DaoServer(ServerConfig config, ForecastEngine engine, OracleLog oracleLog, List<ChainDao> chainDaos) {
        this.config = config;
        this.engine = engine;
        this.oracleLog = oracleLog;
        // Blocking set-up happens here, before any event loop exists. The index first: a malformed index file
        // stops the start before the key and journal are opened.
        this.index = DaoIndex.load(config.indexDir()).with(chainDaos);
        this.dashboard = new DashboardApi(index, engine, config);
        this.nodeKey = NodeKey.loadOrCreate(config.dataDir(), config.keystorePassword());
        this.journal = Journal.open(config.dataDir(), Journal.Policy.of(config));
        this.simulations = new Simulations(config);
        this.answers = new AnswerCache(config.answerCacheEntries());
        this.defaultEnergy = EnergyProfiles.parse(config.energyProfiles(), "energyProfiles");
        this.modelIds = new java.util.LinkedHashSet<>();
        for (Object m : engine.models()) modelIds.add(((JsonObject) m).getString("modelId"));
        // The native epoll transport where Netty's native library loads (Linux; netty-transport-native-epoll is a
        // dependency), NIO elsewhere: fewer syscalls and no selector bookkeeping per read and write on the event loops.
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.effectiveEventLoops())
                .setWorkerPoolSize(config.effectiveWorkerThreads()).setPreferNativeTransport(true));
        // Forecasts and simulations each get their own bounded pool, apart from the Vert.x workers (JDBC reads,
        // listings): a flood of one kind cannot queue in front of the other, and a full queue is an immediate 503.
        this.forecastPool = new BoundedExecutor("forecast", config.effectiveForecastThreads(), config.forecastQueue());
        this.simulationPool = new BoundedExecutor("simulation", config.simThreads(), config.simQueue(), config.simThreadNice(),
                "idle".equals(config.simThreadPolicy()));
        this.rateLimiter = config.rateLimitPerSecond() > 0 ? new ClientRateLimiter(config.rateLimitPerSecond(), config.effectiveRateLimitBurst()) : null;
        this.apiKeys = new ApiKeys(config.apiKeyList());
        // Made here, on no Vert.x thread, so its sweep timer gets an event-loop context of its own.
        this.guard = new ConnectionGuard(vertx, config.maxConnections(), config.requestTimeoutMs(), this::requestTimedOut);
        metrics.gauge("neuroracle_journal_rows_committed_total", journal::committedRows);
        metrics.gauge("neuroracle_journal_commits_total", journal::commits);
        metrics.gauge("neuroracle_journal_queue_rows", journal::queued);
    }

    /**
     * Validates nothing further (the config is validated on construction), opens the key and journal, and listens.
     * {@code engine} null means {@link ForecastEngine#bundledOrUnavailable()}.
     */
    public static Future<DaoServer> start(ServerConfig config, ForecastEngine engine, OracleLog oracleLog) {
        return start(config, engine, oracleLog, List.of());
    }

    /** As above, with DAOs read from the chain ({@code serve --rpc --governor}) served beside the indexed ones. */
    public static Future<DaoServer> start(ServerConfig config, ForecastEngine engine, OracleLog oracleLog, List<ChainDao> chainDaos) {
        config.validate();
        DaoServer s = new DaoServer(config, engine == null ? ForecastEngine.bundledOrUnavailable() : engine,
                oracleLog == null ? OracleLog.empty() : oracleLog, chainDaos);
        return s.listen().map(x -> s).recover(err -> {
            s.close();
            return Future.failedFuture(err);
        });
    }

    /** A chain DAO's newer read ({@code ChainDaoRefresher}): its views are recomputed when its data changed. */
    public void updateChainDao(ChainDao c) {
        if (index.replaceChain(c)) dashboard.refreshed(c.dao());
    }

    public int port() { return http.actualPort(); }
    public String nodeAddress() { return nodeKey.address(); }
    public NodeKey nodeKey() { return nodeKey; }
    public Journal journal() { return journal; }
    public Vertx vertx() { return vertx; }
    public ServerConfig config() { return config; }
    /** The Prometheus text of {@code /metrics} (tests). */
    String metricsText() { return metrics.scrape(); }

    private Future<Void> listen() {
        JsonObject contractJson = Contract.load(config);
        contractYaml = Contract.toYaml(contractJson);
        JsonObject validatorContract = Contract.forValidator(contractJson);
        bodies = new BodyValidators(validatorContract, config.maxVotes(), "forecastVote", "forecastTreasury", "runSimulation");
        return OpenAPIContract.from(vertx, validatorContract).compose(contract -> {
            RouterBuilder rb = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
            for (String op : List.of("forecastVote", "forecastTreasury", "runSimulation")) rb.getRoute(op).setDoValidation(false);
            rb.rootHandler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()).setHandleFileUploads(false));
            rb.getRoute("forecastVote").addHandler(rc -> forecast(rc, "vote"));
            rb.getRoute("forecastTreasury").addHandler(rc -> forecast(rc, "treasury"));
            rb.getRoute("listModels").addHandler(this::models);
            rb.getRoute("listBackends").addHandler(this::backends);
            rb.getRoute("listProfiles").addHandler(this::profiles);
            rb.getRoute("runSimulation").addHandler(this::simulate);
            rb.getRoute("listJournal").addHandler(this::journalList);
            rb.getRoute("getJournalEntry").addHandler(this::journalEntry);
            rb.getRoute("getJournalRaster").addHandler(this::journalRaster);
            rb.getRoute("listOracleRequests").addHandler(this::oracleRequests);
            rb.getRoute("health").addHandler(this::health);
            dashboard.mount(rb, vertx);
            rb.getRoute("metrics").addHandler(rc -> rc.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
            rb.getRoute("openapi").addHandler(rc -> rc.response().putHeader("content-type", "application/yaml; charset=utf-8").end(contractYaml));
            Router router = rb.createRouter();
            router.get("/").handler(rc -> rc.redirect("/dashboard/"));
            router.route("/dashboard/*").handler(StaticHandler.create("org/neuroracle/daoserver/webroot")
                    .setCachingEnabled(false).setDirectoryListing(false).setIndexPage("index.html"));
            router.route().failureHandler(this::failure);
            router.errorHandler(404, rc -> problem(rc, Problem.notFound("path", "no resource at " + rc.request().path())));
            router.errorHandler(405, rc -> problem(rc, new Problem(405, "urn:neuroracle:problem:method-not-allowed",
                    "Method not allowed", "method", rc.request().method() + " is not allowed on " + rc.request().path())));
            http = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port())
                    .setCompressionSupported(false).setTcpNoDelay(true)
                    // The service has no WebSocket endpoint: without these Vert.x puts a WebSocket extension handler in
                    // every connection's pipeline, which every request and response passes through.
                    .setPerFrameWebSocketCompressionSupported(false).setPerMessageWebSocketCompressionSupported(false)
                    // Every response is written on its connection's event loop (handlers run there, pool results come
                    // back there through runOnContext), so Vert.x may write straight to the channel instead of through
                    // its cross-thread outbound queue.
                    .setStrictThreadMode(true)
                    // No HTTP/2 cleartext upgrade: with it on, Vert.x 5 sniffs the first request before it creates the
                    // HTTP/1.x connection, so a client still sending its first header was not yet counted by the
                    // connection cap or timed by the guard. Off, the connection handler runs at accept.
                    .setHttp2ClearTextEnabled(false)
                    .setIdleTimeout(config.idleTimeoutSeconds()).setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS));
            return http.connectionHandler(guard::onConnection).requestHandler(req -> {
                long t0 = System.nanoTime();
                String op = operationOf(req.path());
                ConnectionGuard.State connection = guard.onRequest(req, t0); // also times the request (408)
                req.response().endHandler(v -> {
                    guard.ended(connection);
                    metrics.request(op, req.response().getStatusCode(), System.nanoTime() - t0);
                });
                if (rateLimiter != null && !op.equals("health") && !op.equals("metrics")) {
                    String client = req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
                    int wait = rateLimiter.acquire(client, t0);
                    if (wait > 0) {
                        writeProblem(req.response(), req.path(), Problem.tooManyRequests("client " + client + " sent more than rateLimitPerSecond = "
                                + config.rateLimitPerSecond() + " requests per second (burst " + config.effectiveRateLimitBurst() + ")", wait));
                        return;
                    }
                }
                router.handle(req);
            }).listen().<Void>mapEmpty();
        }).onSuccess(v -> dashboard.warm()).onSuccess(v -> LOG.info("neuroracle serving on http://{}:{} (node {}, journal {})", config.host(), port(),
                nodeKey.address(), journal.file()));
    }

    // ---- handlers ------------------------------------------------------------------------------------------

    private void forecast(RoutingContext rc, String kind) {
        String operation = kind.equals("vote") ? "forecastVote" : "forecastTreasury";
        EnergyProfiles energy;
        String asked = rc.request().getParam("energy");
        try {
            energy = asked == null ? defaultEnergy : EnergyProfiles.parse(asked, "energy");
        } catch (IllegalArgumentException e) {
            problem(rc, Problem.invalid("energy", e.getMessage()));
            return;
        }
        Buffer raw = rc.body().buffer();
        if (raw != null && raw.length() > config.offloadBodyBytes()) {
            // A large body is parsed and checked against the schema on a forecast thread: a 10,000-vote body that
            // the fast check hands to the full validator costs a fraction of a second, which on the event loop
            // would stall every connection it serves.
            String contentType = rc.request().getHeader("content-type");
            forecastPool.submit(vertx.getOrCreateContext(), () -> bodies.validate(operation, contentType, raw))
                    .onSuccess(b -> forecastValidated(rc, kind, b, energy)).onFailure(rc::fail);
            return;
        }
        forecastValidated(rc, kind, validatedBody(rc, operation), energy);
    }

    private void forecastValidated(RoutingContext rc, String kind, JsonObject body, EnergyProfiles energy) {
        byte[] requestBytes;
        if (kind.equals("vote") ? DaoIndex.isIndexedVote(body) : DaoIndex.isIndexedTreasury(body)) {
            // Replaced by the equivalent explicit request before anything else looks at it: the forecast, cache
            // key, input hash, attestation and journal row are then exactly those of that explicit request (and a
            // journaled row can be recomputed without the index). The index is in memory and immutable; this is a
            // map lookup and one pass over the proposal's votes.
            try {
                body = kind.equals("vote") ? index.resolveVote(body, System.currentTimeMillis() / 1000, config.maxVotes())
                        : index.resolveTreasury(body, config.maxSeriesDays());
            } catch (Problem p) {
                problem(rc, p);
                return;
            }
            requestBytes = body.toBuffer().getBytes();
        } else {
            requestBytes = rc.body().buffer().getBytes();
        }
        final JsonObject request = body;
        String modelId = request.getString("modelId");
        if (modelId != null && !modelIds.contains(modelId)) {
            problem(rc, Problem.unprocessable("modelId", "modelId: no model " + modelId + " on this node; GET /v1/models lists "
                    + (modelIds.isEmpty() ? "none" : String.join(", ", modelIds))));
            return;
        }
        long receivedMs = System.currentTimeMillis();
        String requestSha256 = AnswerCache.key(requestBytes); // also the journal row's request hash: computed once
        String cacheKey = kind + ":" + energy.key() + ":" + requestSha256;
        AnswerCache.Hit hit = answers.get(cacheKey);
        if (hit != null) {
            metrics.cacheHit();
            // A repeat: the journal stores its hash (the first row with these bytes holds them in full).
            acknowledge(rc, new Answer(hit.body(), new Journal.Entry(receivedMs, kind, requestBytes, 200, hit.body().getBytes(),
                    hit.modelId(), hit.inputHash(), hit.attestation(), true, requestSha256)), () -> metrics.forecast(kind));
            return;
        }
        forecastPool.submit(vertx.getOrCreateContext(), () -> {
            ForecastEngine.Outcome o;
            try {
                o = kind.equals("vote") ? engine.vote(request, energy) : engine.treasury(request, energy);
            } catch (IllegalArgumentException e) {
                throw Problem.fromIllegalArgument(e, null);
            } catch (IllegalStateException e) {
                // The facade's "no vote model is loaded": the node cannot answer this kind, the request is fine.
                throw Problem.unavailable(e.getMessage());
            }
            SignedForecast sf = SignedForecast.of(o, nodeKey.keyPair(), nodeKey.address());
            answers.put(cacheKey, new AnswerCache.Hit(sf.body(), sf.modelId(), sf.inputHash(), sf.attestation()));
            return new Answer(sf.body(), new Journal.Entry(receivedMs, kind, requestBytes, 200, sf.body().getBytes(),
                    sf.modelId(), sf.inputHash(), sf.attestation(), false, requestSha256));
        }).onSuccess(a -> acknowledge(rc, a, () -> metrics.forecast(kind))).onFailure(rc::fail);
    }

    private void simulate(RoutingContext rc) {
        long receivedNanos = System.nanoTime();
        apiKeys.require(rc.request());
        Buffer raw = rc.body().buffer();
        String contentType = rc.request().getHeader("content-type");
        boolean offload = raw != null && raw.length() > config.offloadBodyBytes();
        JsonObject checked = offload ? null : validatedBody(rc, "runSimulation");
        byte[] requestBytes = raw == null ? new byte[0] : raw.getBytes();
        long receivedMs = System.currentTimeMillis();
        simulationPool.submit(vertx.getOrCreateContext(), () -> {
            JsonObject body = checked != null ? checked : bodies.validate("runSimulation", contentType, raw);
            JsonObject result = simulations.run(body, receivedNanos);
            Buffer bytes = result.toBuffer();
            return new Answer(bytes, new Journal.Entry(receivedMs, "simulation", requestBytes, 200, bytes.getBytes(), null, null, null));
        }).onSuccess(a -> acknowledge(rc, a, () -> { })).onFailure(rc::fail);
    }

    private record Answer(Buffer body, Journal.Entry entry) {}

    /** Answers only after the journal row has committed: an acknowledged request is never lost. */
    private void acknowledge(RoutingContext rc, Answer a, Runnable onAck) {
        Future.fromCompletionStage(journal.append(a.entry()), vertx.getOrCreateContext()).onComplete(ar -> {
            if (ar.failed()) {
                Throwable t = ar.cause();
                rc.fail(t instanceof Journal.JournalBusyException ? Problem.busy(t.getMessage(), 1)
                        : new IllegalStateException(t.getMessage(), t));
                return;
            }
            onAck.run();
            rc.response().putHeader(io.vertx.core.http.HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
                    .putHeader(JOURNAL_HEADER_NAME, String.valueOf(ar.result())).end(a.body());
        });
    }

    private void models(RoutingContext rc) {
        JsonArray models = engine.models();
        json(rc, new JsonObject().put("models", models));
    }

    private void backends(RoutingContext rc) {
        blocking(rc, () -> {
            JsonArray out = new JsonArray();
            for (Backend b : Backends.all()) {
                JsonObject o = new JsonObject().put("name", b.name()).put("available", b.available());
                if (!b.available()) o.put("reason", b.unavailableReason());
                o.put("models", new JsonArray(b.capabilities().models().stream().sorted().toList()));
                o.put("numericModes", new JsonArray(b.capabilities().modes().stream().map(m -> m.name().toLowerCase()).sorted().toList()));
                o.put("features", new JsonArray(b.capabilities().features().stream().sorted().toList()));
                JsonArray devices = new JsonArray();
                if (b.available()) for (Backend.DeviceInfo d : b.devices())
                    devices.add(new JsonObject().put("index", d.index()).put("name", d.name()).put("type", d.type()).put("details", d.details()));
                o.put("devices", devices);
                out.add(o);
            }
            return new JsonObject().put("backends", out);
        }).onSuccess(o -> json(rc, o));
    }

    private void profiles(RoutingContext rc) {
        blocking(rc, Profiles::list).onSuccess(o -> json(rc, o));
    }

    /** Rows read from SQLite per page of a streamed journal list. */
    private static final int JOURNAL_PAGE_ROWS = 16;

    /**
     * {@code {"rows":[...]}} written page by page as it is read (chunked), waiting for the client to drain each:
     * memory is one page, however large the rows and however slowly the client reads.
     */
    private void journalList(RoutingContext rc) {
        apiKeys.require(rc.request());
        String endpoint = rc.queryParams().get("endpoint");
        int limit = Math.min(intParam(rc, "limit", Math.min(50, config.journalListMax())), config.journalListMax());
        io.vertx.core.http.HttpServerResponse resp = rc.response();
        blocking(rc, () -> page(endpoint, Math.min(limit, JOURNAL_PAGE_ROWS), Long.MAX_VALUE)).onSuccess(first -> {
            resp.setChunked(true).putHeader("content-type", "application/json");
            resp.write("{\"rows\":[");
            streamJournal(rc, endpoint, limit, first, 0);
        });
    }

    /** One page of rows as encoded JSON, built on a worker (rows hold up to journalMaxRequestBytes each). */
    private record Page(List<Buffer> rows, long lastId) {}

    private Page page(String endpoint, int limit, long beforeId) {
        List<Buffer> out = new java.util.ArrayList<>();
        long last = beforeId;
        for (Journal.Row r : journal.recent(endpoint, limit, beforeId)) {
            out.add(rowJson(r).toBuffer());
            last = r.id();
        }
        return new Page(out, last);
    }

    private void streamJournal(RoutingContext rc, String endpoint, int limit, Page page, int sent) {
        io.vertx.core.http.HttpServerResponse resp = rc.response();
        if (resp.closed()) return;
        int n = sent;
        for (Buffer row : page.rows()) {
            if (n == limit) break;
            resp.write(Buffer.buffer(n == 0 ? "" : ",").appendBuffer(row));
            n++;
        }
        long lastId = page.lastId();
        if (n == limit || page.rows().size() < JOURNAL_PAGE_ROWS) {
            resp.end("]}");
            return;
        }
        final int sentSoFar = n;
        final long before = lastId;
        Runnable next = () -> vertx.<Page>executeBlocking(() -> page(endpoint, Math.min(limit - sentSoFar, JOURNAL_PAGE_ROWS), before), false)
                .onSuccess(p -> streamJournal(rc, endpoint, limit, p, sentSoFar))
                .onFailure(err -> resp.reset());
        if (resp.writeQueueFull()) resp.drainHandler(v -> next.run());
        else next.run();
    }

    private void journalEntry(RoutingContext rc) {
        apiKeys.require(rc.request());
        long id = Long.parseLong(rc.pathParam("id"));
        blocking(rc, () -> rowJson(journal.byId(id).orElseThrow(() -> Problem.notFound("id", "no journal row " + id))))
                .onSuccess(o -> json(rc, o));
    }

    private void journalRaster(RoutingContext rc) {
        apiKeys.require(rc.request());
        long id = Long.parseLong(rc.pathParam("id"));
        forecastPool.submit(vertx.getOrCreateContext(), () -> {
            Journal.Row r = journal.byId(id).orElseThrow(() -> Problem.notFound("id", "no journal row " + id));
            if (!r.endpoint().equals("vote") && !r.endpoint().equals("treasury"))
                throw Problem.unprocessable("id", "journal row " + id + " is a " + r.endpoint() + ", not a forecast");
            byte[] request = r.stored() == Journal.Stored.FULL ? r.request()
                    : journal.requestByHash(r.endpoint(), r.requestSha256()).orElseThrow(() -> Problem.unprocessable("id",
                    "journal row " + id + " holds only the sha256 of its " + r.requestBytes() + "-byte request (over journalMaxRequestBytes = "
                            + config.journalMaxRequestBytes() + ", or a repeat whose first row is gone), so its raster cannot be recomputed"));
            JsonObject req = new JsonObject(Buffer.buffer(request));
            ForecastEngine.Outcome o = r.endpoint().equals("vote") ? engine.vote(req, EnergyProfiles.NONE) : engine.treasury(req, EnergyProfiles.NONE);
            return new JsonObject().put("id", id).put("kind", o.kind()).put("modelId", o.modelId()).put("raster", o.raster().get());
        }).onSuccess(o -> json(rc, o)).onFailure(rc::fail);
    }

    private void oracleRequests(RoutingContext rc) {
        int limit = intParam(rc, "limit", 50);
        String dao = rc.queryParams().get("dao");
        blocking(rc, () -> {
            JsonArray out = new JsonArray();
            // Per DAO: filtered from the newest 1,000 (the log's bound), then cut to the limit.
            for (OracleLogEntry e : oracleLog.recent(dao == null ? limit : 1000)) {
                if (out.size() >= limit) break;
                if (dao == null || dao.equalsIgnoreCase(e.dao())) out.add(JsonObject.mapFrom(e));
            }
            return new JsonObject().put("requests", out);
        }).onSuccess(o -> json(rc, o));
    }

    private void health(RoutingContext rc) {
        json(rc, new JsonObject().put("status", "up").put("node", nodeKey.address())
                .put("uptimeSeconds", (System.currentTimeMillis() - startedEpochMs) / 1000)
                .put("forecastModels", engine.models().size())
                .put("signer", Secp256k1Signer.implementation())
                .put("index", index.summary())
                .put("journal", new JsonObject().put("file", journal.file().toString()).put("synchronous", config.journalSynchronous())
                        .put("rowsCommitted", journal.committedRows()).put("queued", journal.queued())
                        .put("writeFailures", journal.writeFailures()).put("rowsDeletedByRetention", journal.deletedRows())
                        .put("wal", journal.walJson()))
                .put("load", new JsonObject()
                        .put("forecasts", new JsonObject().put("running", forecastPool.active()).put("queued", forecastPool.queued()).put("refused", forecastPool.rejected()))
                        .put("simulations", new JsonObject().put("running", simulationPool.active()).put("queued", simulationPool.queued()).put("refused", simulationPool.rejected())
                                .put("threadPriority", simulationPool.priority()))
                        .put("connections", new JsonObject().put("open", guard.open()).put("refused", guard.refused()).put("closedIdle", guard.timedOut()))));
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    /**
     * A row as JSON. A repeat (stored as its hash) shows the request of the first row that holds those bytes in
     * full; an over-cap request shows its first bytes as text. Blocking (JDBC for repeats): call on a worker.
     */
    private JsonObject rowJson(Journal.Row r) {
        JsonObject o = new JsonObject().put("id", r.id()).put("receivedEpochMs", r.receivedEpochMs())
                .put("endpoint", r.endpoint()).put("status", r.status());
        o.put("requestStored", r.stored().name().toLowerCase()).put("requestBytes", r.requestBytes()).put("requestSha256", r.requestSha256());
        Object request = switch (r.stored()) {
            case FULL -> parseOrText(r.request());
            case PREFIX -> new String(r.request(), StandardCharsets.UTF_8);
            case HASH -> journal.requestByHash(r.endpoint(), r.requestSha256()).map(DaoServer::parseOrText).orElse(null);
        };
        o.put("request", request);
        o.put("response", parseOrText(r.response()));
        return o;
    }

    private static Object parseOrText(byte[] b) {
        try {
            return new JsonObject(Buffer.buffer(b));
        } catch (RuntimeException e) {
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    /** The POST body checked against its operation's schema from the contract (a Problem when it does not match). */
    private JsonObject validatedBody(RoutingContext rc, String operation) {
        return bodies.validate(operation, rc.request().getHeader("content-type"), rc.body().buffer());
    }

    private static int intParam(RoutingContext rc, String name, int fallback) {
        String v = rc.queryParams().get(name);
        return v == null ? fallback : Integer.parseInt(v); // the contract has checked it is an integer in range
    }

    /** Runs blocking work on a worker; a thrown {@link Problem} or error fails the request. */
    private <T> Future<T> blocking(RoutingContext rc, Callable<T> work) {
        return vertx.<T>executeBlocking(work, false).onFailure(rc::fail);
    }

    private static void json(RoutingContext rc, JsonObject o) {
        if (rc.response().ended()) return;
        rc.response().putHeader(io.vertx.core.http.HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(o.toBuffer());
    }

    private static String operationOf(String path) {
        if (path == null) return "unmatched";
        return switch (path) {
            case "/v1/forecasts/vote" -> "forecastVote";
            case "/v1/forecasts/treasury" -> "forecastTreasury";
            case "/v1/models" -> "listModels";
            case "/v1/backends" -> "listBackends";
            case "/v1/profiles" -> "listProfiles";
            case "/v1/simulations" -> "runSimulation";
            case "/v1/journal" -> "listJournal";
            case "/v1/oracle/requests" -> "listOracleRequests";
            case "/health" -> "health";
            case "/metrics" -> "metrics";
            case "/openapi.yaml" -> "openapi";
            default -> path.startsWith("/v1/journal/") ? (path.endsWith("/raster") ? "getJournalRaster" : "getJournalEntry")
                    : path.startsWith("/v1/daos") ? "daoViews"
                    : path.startsWith("/dashboard") || path.equals("/") ? "dashboard" : "unmatched";
        };
    }

    private void failure(RoutingContext rc) {
        Problem p = Failures.toProblem(rc.failure(), rc.statusCode(), config);
        if (p.status() == 400 && p.getMessage().startsWith("malformed JSON") && rc.body() != null && rc.body().buffer() != null) {
            // The validator only says the body cannot be decoded; Jackson's own message has the line and column.
            try {
                io.vertx.core.json.Json.decodeValue(rc.body().buffer());
            } catch (io.vertx.core.json.DecodeException e) {
                String m = e.getMessage();
                int nl = m.indexOf('\n');
                p = Problem.invalid("body", "malformed JSON: " + (nl < 0 ? m : m.substring(0, nl)).replace("Failed to decode:", "").trim()
                        + Failures.location(m));
            }
        }
        if (p.status() >= 500 && !(rc.failure() instanceof Problem))
            LOG.error("{} {} failed", rc.request().method(), rc.request().path(), rc.failure());
        problem(rc, p);
    }

    private static void problem(RoutingContext rc, Problem p) {
        writeProblem(rc.response(), rc.request().path(), p);
    }

    private static void writeProblem(io.vertx.core.http.HttpServerResponse resp, String path, Problem p) {
        if (resp.ended() || resp.closed()) return;
        if (resp.headWritten()) {
            resp.reset();
            return;
        }
        resp.setStatusCode(p.status()).putHeader("content-type", Problem.CONTENT_TYPE);
        if (p.retryAfterSeconds() > 0) resp.putHeader("retry-after", Integer.toString(p.retryAfterSeconds()));
        resp.end(p.toJson(path).toBuffer());
    }

    /**
     * The request was not received in full within requestTimeoutMs (a slow upload holding its body buffer): 408 and
     * the connection closed. A request that has arrived and is being worked on is bounded by its pool and deadline
     * instead, so it is left alone here.
     */
    private void requestTimedOut(io.vertx.core.http.HttpServerRequest req) {
        io.vertx.core.http.HttpServerResponse resp = req.response();
        if (req.isEnded() || resp.ended() || resp.closed()) return;
        if (resp.headWritten()) {
            req.connection().close();
            return;
        }
        writeProblem(resp, req.path(), Problem.requestTimeout("the request was not received in full within requestTimeoutMs = "
                + config.requestTimeoutMs() + " ms"));
        req.connection().close();
    }

    /** Stops listening, waits for queued journal rows to commit, closes the journal. */
    @Override public void close() {
        if (io.vertx.core.Context.isOnVertxThread()) {
            // Cannot wait on a Vert.x thread: finish the close on a plain thread.
            Thread.ofPlatform().name("neuroracle-close").start(this::close);
            return;
        }
        try {
            vertx.close().await();
        } catch (Exception e) {
            LOG.warn("closing Vert.x: {}", e.getMessage());
        }
        forecastPool.close();
        simulationPool.close();
        journal.close();
        if (dashboard != null) dashboard.close();
    }

    /** For tests and the CLI: which operations the router serves. */
    static List<String> operations() {
        return List.of("forecastVote", "forecastTreasury", "listModels", "listBackends", "listProfiles", "runSimulation",
                "listJournal", "getJournalEntry", "getJournalRaster", "listOracleRequests", "health", "metrics", "openapi",
                "listDaos", "getDao", "listDaoProposals", "getDaoTreasury", "getDaoReliability", "getDaoProposalForecast");
    }
}
