package org.neuroracle.daoserver;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@code neuroracle serve} can be told, with defaults that need nothing else on the machine.
 * Sources, later ones winning: defaults, a JSON or YAML file ({@code --config}), environment variables
 * ({@code NEURORACLE_} + the field name in upper snake case, e.g. {@code NEURORACLE_PORT},
 * {@code NEURORACLE_KEYSTORE_PASSWORD}), command-line flags. {@link #validate()} runs before anything starts
 * and names the first bad field and where its value came from.
 *
 * @param host                 address to bind; loopback by default so a local node is not exposed by accident
 * @param port                 HTTP port (0 = any free port, used by tests)
 * @param dataDir              journal, node keystore and oracle state live here
 * @param keystorePassword     password of the node keystore; the default is for local use only (a warning is logged)
 * @param journalSynchronous   SQLite {@code synchronous} in WAL mode: NORMAL (survives process kill, the default)
 *                             or FULL (also survives power loss, one fsync per group commit)
 * @param eventLoops           Vert.x event-loop threads (0 = number of cores)
 * @param workerThreads        worker threads for forecasts, simulations and JDBC reads (0 = 2 x cores)
 * @param maxBodyBytes         larger request bodies get 413
 * @param maxVotes             votes per vote-forecast request
 * @param maxSeriesDays        rows per treasury series
 * @param maxSimNeurons        neurons per simulation request
 * @param maxSimSynapses       synapses per simulation request (counted after building the network)
 * @param maxSimSteps          steps per simulation request
 * @param maxRasterSpikes      spikes returned by a simulation answer (the count is always exact)
 * @param journalBatchMax      most rows committed in one SQLite transaction (group commit)
 * @param answerCacheEntries   forecasts kept by request bytes (0 = none); forecasts are pure functions of their
 *                             input, so a repeated request is answered from memory with identical bytes (and still
 *                             journaled as its own row)
 * @param indexDir             canonical data written by {@code neuroracle data import}, one folder per DAO
 *                             ({@code INDEX/<dao>/proposals.csv}, {@code votes.csv}, {@code treasury.csv}); forecasts
 *                             that name an indexed DAO and proposal (or asset) instead of sending the data are filled
 *                             from it. Read once at start; a missing folder is an empty index
 * @param maxSimNeuronSteps    neurons x steps of one simulation (membrane updates, the floor of its work)
 * @param maxSimSynapticOps    synaptic events of one simulation: estimated before the run from the source spikes and
 *                             their fan-out, and checked against the running counters while it runs
 * @param maxSimRecordedSpikes spikes one simulation may keep in memory until it answers (estimated from the sources
 *                             before the run, checked while it runs): charged only when the raster is returned (or
 *                             the backend cannot drain its spikes); otherwise spikes stream into the digest
 * @param maxSimDelayRingBytes memory of the delay rings (neurons x channels x (max delay + 1) x 4 bytes)
 * @param maxSimDigestSpikes   spikes one simulation may hash into its digest, kept or not (work: each is sorted and
 *                             hashed); estimated from the sources before the run, checked while it runs
 * @param simDeadlineMs        wall-clock deadline of one simulation run; it is cancelled at the deadline (422)
 * @param simThreads           threads running simulations (their own pool: a simulation flood cannot take the forecasts' workers)
 * @param simQueue             simulations waiting for a thread; beyond that 503 with Retry-After
 * @param forecastThreads      threads running forecasts (0 = number of cores)
 * @param forecastQueue        forecasts waiting for a thread; beyond that 503 with Retry-After
 * @param idleTimeoutSeconds   a connection with no traffic for this long is closed
 * @param requestTimeoutMs     a request (headers, body and answer) not finished in this time is answered 408 and its
 *                             connection closed; a connection that sends no complete request header in this time is closed
 * @param maxConnections       open connections; more are closed at once
 * @param rateLimitPerSecond   requests per second per client address (token bucket; 0 = no limit); over it 429
 * @param rateLimitBurst       bucket size of the rate limit (0 = 2 x rateLimitPerSecond)
 * @param apiKeys              comma-separated API keys; when set, simulations, journal reads and rasters need one in
 *                             {@code Authorization: Bearer KEY} or {@code X-Api-Key} (empty = open)
 * @param offloadBodyBytes     POST bodies larger than this are parsed and validated on a worker, not the event loop
 * @param journalMaxRequestBytes request bytes stored per journal row: a larger body, and any body answered from the
 *                             answer cache (a repeat), is stored as its sha256 plus its first bytes
 * @param journalRetentionDays journal rows older than this are deleted (0 = kept)
 * @param journalMaxRows       the journal keeps at most this many rows, the oldest deleted first (0 = no limit)
 * @param journalListMax       most rows one {@code GET /v1/journal} returns (the {@code limit} maximum)
 * @param energyProfiles       the hardware profiles whose energy estimates a forecast answer carries unless its
 *                             {@code energy} query parameter says otherwise: {@code all}, {@code none} or
 *                             comma-separated profile names (default {@code desktop-x86}, the kind of machine the
 *                             {@code cpu} backend runs on); see {@link EnergyProfiles}
 * @param simThreadNice        nice value of the simulation threads (0..19; Linux): above the forecasts' 0, so a
 *                             simulation flood yields the CPU to forecasts and the event loops (see {@link ThreadNice})
 * @param simThreadPolicy      scheduling policy of the simulation threads (Linux): {@code normal} (the default: the
 *                             normal policy at {@code simThreadNice}) or {@code idle} (SCHED_IDLE: a core only when no
 *                             other thread on the machine wants it, preempted at once when one wakes; on a machine busy
 *                             with other work simulations then crawl and meet their deadline)
 */
public record ServerConfig(String host, int port, Path dataDir, String keystorePassword, String journalSynchronous,
                           int eventLoops, int workerThreads, int maxBodyBytes, int maxVotes, int maxSeriesDays,
                           int maxSimNeurons, long maxSimSynapses, int maxSimSteps, int maxRasterSpikes,
                           int journalBatchMax, int answerCacheEntries, Path indexDir,
                           long maxSimNeuronSteps, long maxSimSynapticOps, long maxSimRecordedSpikes, long maxSimDelayRingBytes,
                           long maxSimDigestSpikes, int simDeadlineMs, int simThreads, int simQueue, int forecastThreads, int forecastQueue,
                           int idleTimeoutSeconds, int requestTimeoutMs, int maxConnections, int rateLimitPerSecond,
                           int rateLimitBurst, String apiKeys, int offloadBodyBytes, int journalMaxRequestBytes,
                           int journalRetentionDays, long journalMaxRows, int journalListMax, String energyProfiles,
                           int simThreadNice, String simThreadPolicy) {

    /** The documented local-use default; {@link #usesDefaultPassword()} lets the server warn about it. */
    public static final String DEFAULT_KEYSTORE_PASSWORD = "neuroracle-local-only";
    /** The profile of the machine the forecasts run on (the {@code cpu} backend on an x86 host). */
    public static final String DEFAULT_ENERGY_PROFILES = "desktop-x86";

    private static final Set<String> FIELDS = Set.of("host", "port", "dataDir", "keystorePassword", "journalSynchronous",
            "eventLoops", "workerThreads", "maxBodyBytes", "maxVotes", "maxSeriesDays", "maxSimNeurons", "maxSimSynapses",
            "maxSimSteps", "maxRasterSpikes", "journalBatchMax", "answerCacheEntries", "indexDir",
            "maxSimNeuronSteps", "maxSimSynapticOps", "maxSimRecordedSpikes", "maxSimDelayRingBytes", "maxSimDigestSpikes", "simDeadlineMs",
            "simThreads", "simQueue", "forecastThreads", "forecastQueue", "idleTimeoutSeconds", "requestTimeoutMs",
            "maxConnections", "rateLimitPerSecond", "rateLimitBurst", "apiKeys", "offloadBodyBytes",
            "journalMaxRequestBytes", "journalRetentionDays", "journalMaxRows", "journalListMax", "energyProfiles", "simThreadNice",
            "simThreadPolicy");
    /** Fields held as long (the rest of the numbers are int). */
    private static final Set<String> LONG_FIELDS = Set.of("maxSimSynapses", "maxSimNeuronSteps", "maxSimSynapticOps",
            "maxSimRecordedSpikes", "maxSimDelayRingBytes", "maxSimDigestSpikes", "journalMaxRows");

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8080, Path.of("data"), DEFAULT_KEYSTORE_PASSWORD, "NORMAL",
                0, 0, 1 << 20, 10_000, 3_660, 20_000, 2_000_000L, 10_000, 100_000, 512, 4096, Path.of("data", "index"),
                200_000_000L, 500_000_000L, 5_000_000L, 128L << 20, 20_000_000L, 10_000, 1, 4, 0, 512,
                30, 10_000, 1024, 0, 0, "", 16 << 10, 64 << 10, 0, 10_000_000L, 200, DEFAULT_ENERGY_PROFILES, 10, "normal");
    }

    /**
     * Defaults, then {@code file} (may be null), then {@code env}; unknown file keys and bad values fail naming
     * the field and its source. The result is validated.
     */
    public static ServerConfig load(Path file, Map<String, String> env) {
        Map<String, Object> values = new LinkedHashMap<>(defaults().toMap());
        Map<String, String> source = new LinkedHashMap<>();
        for (String k : values.keySet()) source.put(k, "default");
        if (file != null) {
            Map<String, Object> fromFile = readFile(file);
            for (Map.Entry<String, Object> e : fromFile.entrySet()) {
                if (!FIELDS.contains(e.getKey()))
                    throw new ConfigException(file + ": unknown field '" + e.getKey() + "'; known fields: " + String.join(", ", new java.util.TreeSet<>(FIELDS)));
                values.put(e.getKey(), e.getValue());
                source.put(e.getKey(), file.toString());
            }
        }
        for (String field : FIELDS) {
            String var = envName(field);
            String v = env.get(var);
            if (v != null) {
                values.put(field, v);
                source.put(field, "environment variable " + var);
            }
        }
        ServerConfig c = fromMap(values, source);
        c.validate(source);
        return c;
    }

    /** {@code maxSimNeurons} -> {@code NEURORACLE_MAX_SIM_NEURONS}. */
    public static String envName(String field) {
        return "NEURORACLE_" + field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** Same config with the port replaced (the {@code --port} flag), validated. */
    public ServerConfig withPort(int newPort) { return with("port", newPort, "--port"); }

    /** Same config with another data directory, validated (tests, {@code --data-dir}). */
    public ServerConfig withDataDir(Path dir) { return with("dataDir", dir.toString(), "--data-dir"); }

    /** Same config with one field replaced, validated; {@code source} names where the value came from. */
    public ServerConfig with(String field, Object value, String source) {
        if (!FIELDS.contains(field)) throw new ConfigException("unknown config field '" + field + "'");
        Map<String, Object> m = toMap();
        m.put(field, value);
        Map<String, String> src = Map.of(field, source);
        ServerConfig c = fromMap(m, src);
        c.validate(src);
        return c;
    }

    public boolean usesDefaultPassword() { return DEFAULT_KEYSTORE_PASSWORD.equals(keystorePassword); }

    public int effectiveEventLoops() { return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors(); }

    public int effectiveWorkerThreads() { return workerThreads > 0 ? workerThreads : 2 * Runtime.getRuntime().availableProcessors(); }

    public int effectiveForecastThreads() { return forecastThreads > 0 ? forecastThreads : Runtime.getRuntime().availableProcessors(); }

    public int effectiveRateLimitBurst() { return rateLimitBurst > 0 ? rateLimitBurst : 2 * rateLimitPerSecond; }

    /** The configured API keys (empty: the expensive endpoints are open). */
    public java.util.List<String> apiKeyList() {
        return java.util.Arrays.stream(apiKeys.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    /** Checks every field; throws {@link ConfigException} naming the first bad one. */
    public void validate() { validate(Map.of()); }

    private void validate(Map<String, String> source) {
        if (host == null || host.isBlank()) fail(source, "host", "must not be empty");
        range(source, "port", port, 0, 65535);
        if (dataDir == null || dataDir.toString().isBlank()) fail(source, "dataDir", "must not be empty");
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) fail(source, "dataDir", "'" + dataDir + "' exists and is not a directory");
        if (keystorePassword == null || keystorePassword.isEmpty()) fail(source, "keystorePassword", "must not be empty");
        if (!"NORMAL".equals(journalSynchronous) && !"FULL".equals(journalSynchronous))
            fail(source, "journalSynchronous", "must be NORMAL or FULL, got '" + journalSynchronous + "'");
        range(source, "eventLoops", eventLoops, 0, 256);
        range(source, "workerThreads", workerThreads, 0, 1024);
        range(source, "maxBodyBytes", maxBodyBytes, 1024, 64 << 20);
        range(source, "maxVotes", maxVotes, 1, 1_000_000);
        range(source, "maxSeriesDays", maxSeriesDays, 2, 100_000);
        range(source, "maxSimNeurons", maxSimNeurons, 1, 10_000_000);
        if (maxSimSynapses < 0 || maxSimSynapses > 1_000_000_000L) fail(source, "maxSimSynapses", "must be in 0..1000000000, got " + maxSimSynapses);
        range(source, "maxSimSteps", maxSimSteps, 1, 10_000_000);
        range(source, "maxRasterSpikes", maxRasterSpikes, 0, 10_000_000);
        range(source, "journalBatchMax", journalBatchMax, 1, 100_000);
        range(source, "answerCacheEntries", answerCacheEntries, 0, 10_000_000);
        if (indexDir == null || indexDir.toString().isBlank()) fail(source, "indexDir", "must not be empty");
        if (Files.exists(indexDir) && !Files.isDirectory(indexDir)) fail(source, "indexDir", "'" + indexDir + "' exists and is not a directory");
        range(source, "maxSimNeuronSteps", maxSimNeuronSteps, 1, 1L << 50);
        range(source, "maxSimSynapticOps", maxSimSynapticOps, 0, 1L << 50);
        range(source, "maxSimRecordedSpikes", maxSimRecordedSpikes, 0, 1L << 31);
        range(source, "maxSimDelayRingBytes", maxSimDelayRingBytes, 1024, 1L << 40);
        range(source, "maxSimDigestSpikes", maxSimDigestSpikes, 0, 1L << 40);
        range(source, "simDeadlineMs", simDeadlineMs, 1, 3_600_000);
        range(source, "simThreads", simThreads, 1, 256);
        range(source, "simQueue", simQueue, 0, 100_000);
        range(source, "forecastThreads", forecastThreads, 0, 1024);
        range(source, "forecastQueue", forecastQueue, 0, 1_000_000);
        range(source, "idleTimeoutSeconds", idleTimeoutSeconds, 1, 86_400);
        range(source, "requestTimeoutMs", requestTimeoutMs, 100, 3_600_000);
        range(source, "maxConnections", maxConnections, 1, 1_000_000);
        range(source, "rateLimitPerSecond", rateLimitPerSecond, 0, 10_000_000);
        range(source, "rateLimitBurst", rateLimitBurst, 0, 100_000_000);
        if (apiKeys == null) fail(source, "apiKeys", "must not be null (empty: no keys)");
        for (String k : apiKeyList())
            if (k.length() < 16) fail(source, "apiKeys", "each key must have at least 16 characters (one has " + k.length() + ")");
        range(source, "offloadBodyBytes", offloadBodyBytes, 0, 64 << 20);
        range(source, "journalMaxRequestBytes", journalMaxRequestBytes, 0, 64 << 20);
        range(source, "journalRetentionDays", journalRetentionDays, 0, 36_500);
        range(source, "journalMaxRows", journalMaxRows, 0, 1L << 40);
        range(source, "journalListMax", journalListMax, 1, 100_000);
        range(source, "simThreadNice", simThreadNice, 0, 19);
        if (!"idle".equals(simThreadPolicy) && !"normal".equals(simThreadPolicy))
            fail(source, "simThreadPolicy", "must be idle or normal, got '" + simThreadPolicy + "'");
        try {
            EnergyProfiles.parse(energyProfiles, "energyProfiles");
        } catch (IllegalArgumentException e) {
            fail(source, "energyProfiles", e.getMessage().substring("energyProfiles: ".length()));
        }
    }

    private static void range(Map<String, String> source, String field, long v, long lo, long hi) {
        if (v < lo || v > hi) fail(source, field, "must be in " + lo + ".." + hi + ", got " + v);
    }

    private static void fail(Map<String, String> source, String field, String why) {
        String from = source.get(field);
        throw new ConfigException("config field " + field + (from == null || from.equals("default") ? "" : " (from " + from + ")") + ": " + why);
    }

    private Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", host); m.put("port", port); m.put("dataDir", dataDir.toString());
        m.put("keystorePassword", keystorePassword); m.put("journalSynchronous", journalSynchronous);
        m.put("eventLoops", eventLoops); m.put("workerThreads", workerThreads); m.put("maxBodyBytes", maxBodyBytes);
        m.put("maxVotes", maxVotes); m.put("maxSeriesDays", maxSeriesDays); m.put("maxSimNeurons", maxSimNeurons);
        m.put("maxSimSynapses", maxSimSynapses); m.put("maxSimSteps", maxSimSteps); m.put("maxRasterSpikes", maxRasterSpikes);
        m.put("journalBatchMax", journalBatchMax); m.put("answerCacheEntries", answerCacheEntries);
        m.put("indexDir", indexDir.toString());
        m.put("maxSimNeuronSteps", maxSimNeuronSteps); m.put("maxSimSynapticOps", maxSimSynapticOps);
        m.put("maxSimRecordedSpikes", maxSimRecordedSpikes); m.put("maxSimDelayRingBytes", maxSimDelayRingBytes);
        m.put("maxSimDigestSpikes", maxSimDigestSpikes);
        m.put("simDeadlineMs", simDeadlineMs); m.put("simThreads", simThreads); m.put("simQueue", simQueue);
        m.put("forecastThreads", forecastThreads); m.put("forecastQueue", forecastQueue);
        m.put("idleTimeoutSeconds", idleTimeoutSeconds); m.put("requestTimeoutMs", requestTimeoutMs);
        m.put("maxConnections", maxConnections); m.put("rateLimitPerSecond", rateLimitPerSecond);
        m.put("rateLimitBurst", rateLimitBurst); m.put("apiKeys", apiKeys); m.put("offloadBodyBytes", offloadBodyBytes);
        m.put("journalMaxRequestBytes", journalMaxRequestBytes); m.put("journalRetentionDays", journalRetentionDays);
        m.put("journalMaxRows", journalMaxRows); m.put("journalListMax", journalListMax);
        m.put("energyProfiles", energyProfiles); m.put("simThreadNice", simThreadNice);
        m.put("simThreadPolicy", simThreadPolicy);
        return m;
    }

    /** What {@code GET /health} shows: everything but the password. */
    public JsonObject publicJson() {
        JsonObject o = new JsonObject(toMap());
        o.remove("keystorePassword");
        o.put("apiKeys", apiKeyList().size() + " configured");
        return o;
    }

    private static ServerConfig fromMap(Map<String, Object> v, Map<String, String> src) {
        return new ServerConfig(str(v, src, "host"), (int) num(v, src, "port"), Path.of(str(v, src, "dataDir")),
                str(v, src, "keystorePassword"), str(v, src, "journalSynchronous").toUpperCase(Locale.ROOT),
                (int) num(v, src, "eventLoops"), (int) num(v, src, "workerThreads"), (int) num(v, src, "maxBodyBytes"),
                (int) num(v, src, "maxVotes"), (int) num(v, src, "maxSeriesDays"), (int) num(v, src, "maxSimNeurons"),
                num(v, src, "maxSimSynapses"), (int) num(v, src, "maxSimSteps"), (int) num(v, src, "maxRasterSpikes"),
                (int) num(v, src, "journalBatchMax"), (int) num(v, src, "answerCacheEntries"),
                Path.of(str(v, src, "indexDir")),
                num(v, src, "maxSimNeuronSteps"), num(v, src, "maxSimSynapticOps"), num(v, src, "maxSimRecordedSpikes"),
                num(v, src, "maxSimDelayRingBytes"), num(v, src, "maxSimDigestSpikes"), (int) num(v, src, "simDeadlineMs"), (int) num(v, src, "simThreads"),
                (int) num(v, src, "simQueue"), (int) num(v, src, "forecastThreads"), (int) num(v, src, "forecastQueue"),
                (int) num(v, src, "idleTimeoutSeconds"), (int) num(v, src, "requestTimeoutMs"), (int) num(v, src, "maxConnections"),
                (int) num(v, src, "rateLimitPerSecond"), (int) num(v, src, "rateLimitBurst"), str(v, src, "apiKeys"),
                (int) num(v, src, "offloadBodyBytes"), (int) num(v, src, "journalMaxRequestBytes"),
                (int) num(v, src, "journalRetentionDays"), num(v, src, "journalMaxRows"), (int) num(v, src, "journalListMax"),
                str(v, src, "energyProfiles"), (int) num(v, src, "simThreadNice"),
                str(v, src, "simThreadPolicy").toLowerCase(Locale.ROOT));
    }

    private static String str(Map<String, Object> v, Map<String, String> src, String field) {
        Object o = v.get(field);
        if (o instanceof String s) return s;
        if (o == null) fail(src, field, "must not be null");
        if (o instanceof Boolean b)
            fail(src, field, "must be a string, got the boolean " + b + " (YAML reads yes/no/on/off as booleans: quote the value)");
        if (o instanceof Number) return o.toString();
        fail(src, field, "must be a string, got " + o.getClass().getSimpleName());
        return null;
    }

    private static long num(Map<String, Object> v, Map<String, String> src, String field) {
        Object o = v.get(field);
        if (o instanceof Integer || o instanceof Long || o instanceof Short) {
            long x = ((Number) o).longValue();
            if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) if (!LONG_FIELDS.contains(field)) fail(src, field, "out of range: " + x);
            return x;
        }
        if (o instanceof String s) {
            try {
                long x = Long.parseLong(s.trim());
                if ((x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) && !LONG_FIELDS.contains(field)) fail(src, field, "out of range: " + x);
                return x;
            } catch (NumberFormatException e) {
                fail(src, field, "must be an integer, got '" + s + "'");
            }
        }
        fail(src, field, "must be an integer, got " + (o == null ? "null" : o + " (" + o.getClass().getSimpleName() + ")"));
        return 0;
    }

    private static Map<String, Object> readFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config file: " + e.getMessage());
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            Object parsed;
            try {
                parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            } catch (RuntimeException e) {
                throw new ConfigException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (parsed == null) return Map.of();
            if (!(parsed instanceof Map<?, ?> m)) throw new ConfigException(file + ": top level must be a mapping of field: value");
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), val));
            return out;
        }
        try {
            return new JsonObject(text).getMap();
        } catch (DecodeException e) {
            throw new ConfigException(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** A bad configuration; the message names the field (or file) and says what is wrong. */
    public static final class ConfigException extends IllegalArgumentException {
        public ConfigException(String message) { super(message); }
    }
}
