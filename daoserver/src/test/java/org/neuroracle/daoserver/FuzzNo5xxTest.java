package org.neuroracle.daoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: whatever arrives at the forecast and simulation endpoints (valid requests with one value replaced by
 * any JSON value, fields removed or added, random bytes), the node answers 2xx or a 4xx problem naming a field,
 * never a 5xx. Runs against the bundled forecast models.
 */
class FuzzNo5xxTest {
    static DaoServer server;
    static Path dir;

    @BeforeContainer static void start() throws Exception {
        dir = Files.createTempDirectory("neuroracle-fuzz");
        server = TestServers.start(TestServers.config(dir, TestServers.fixtureIndex()), ForecastEngine.bundledOrUnavailable());
    }

    @AfterContainer static void stop() throws Exception {
        server.close();
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    static final JsonObject VOTE = new JsonObject("""
            {"dao":"compound","proposalId":"42","voteStart":1000,"voteEnd":2000,"asOf":1500,"quorum":"400000",
             "votes":[{"timestamp":1100,"voter":"0xabc","choice":"for","weight":"12.5"},
                      {"timestamp":1200,"voter":"0xdef","choice":"against","weight":"3"}]}""");
    static final JsonObject TREASURY = new JsonObject("""
            {"dao":"d","asset":"ETH","horizonsDays":[1,7,30],"series":[
              {"date":"2024-01-01","inflow":"10","outflow":"2","balance":"100"},
              {"date":"2024-01-02","inflow":"0","outflow":"5","balance":"105"},
              {"date":"2024-01-03","inflow":"1.5","outflow":"0","balance":null}]}""");

    /** The indexed shapes (the fixture index has compound/117 and compound's COMP series). */
    static final JsonObject INDEXED_VOTE = new JsonObject("{\"dao\":\"compound\",\"proposalId\":\"117\",\"asOf\":1700130000}");
    static final JsonObject INDEXED_TREASURY = new JsonObject("{\"dao\":\"compound\",\"asset\":\"COMP\",\"horizonsDays\":[1,7,30]}");

    @Provide Arbitrary<Object> anyJson() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of("NaN", "-1", "1e400", "", "0x", "for", "2024-02-30", "-0", "1.0000000000000000001").map(s -> (Object) s),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 253402300800L).map(l -> (Object) l),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        return Arbitraries.oneOf(leaf,
                leaf.list().ofMaxSize(3).map(l -> (Object) new JsonArray(l)),
                Arbitraries.strings().alpha().ofMaxLength(5).flatMap(k -> leaf.map(v -> (Object) new JsonObject().put(k, v))));
    }

    /** A JSON-pointer-ish path into the body: a top-level key, or a key of the first list element. */
    @Provide Arbitrary<String> path() {
        return Arbitraries.of("dao", "proposalId", "voteStart", "voteEnd", "asOf", "quorum", "votes", "modelId", "extra",
                "votes.0.timestamp", "votes.0.voter", "votes.0.choice", "votes.0.weight", "votes.0.x",
                "asset", "series", "horizonsDays", "series.0.date", "series.0.inflow", "series.1.outflow", "series.2.balance",
                "steps", "builtin", "network", "seed", "backend", "record");
    }

    static JsonObject mutate(JsonObject base, String path, Object value, boolean remove) {
        JsonObject b = base.copy();
        String[] parts = path.split("\\.");
        Object target = b;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = target instanceof JsonObject o ? o.getValue(parts[i])
                    : target instanceof JsonArray a && Integer.parseInt(parts[i]) < a.size() ? a.getValue(Integer.parseInt(parts[i])) : null;
            if (next == null) return b;
            target = next;
        }
        String last = parts[parts.length - 1];
        if (target instanceof JsonObject o) {
            if (remove) o.remove(last);
            else o.put(last, value);
        }
        return b;
    }

    private static void assertNo5xx(String path, String body) throws Exception {
        HttpResponse<String> r = TestServers.post(server, path, "application/json", body);
        assertTrue(r.statusCode() < 500, "5xx for " + path + " " + body + " -> " + r.statusCode() + " " + r.body());
        if (r.statusCode() >= 400) {
            assertEquals(Problem.CONTENT_TYPE, r.headers().firstValue("content-type").orElse(""));
            assertNotNull(new JsonObject(r.body()).getString("field"), r.body());
        } else {
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    @Property(tries = 150) void voteMutationsNever5xx(@ForAll("path") String path, @ForAll("anyJson") Object value, @ForAll boolean remove) throws Exception {
        assertNo5xx("/v1/forecasts/vote", mutate(VOTE, path, value, remove).encode());
    }

    @Property(tries = 150) void treasuryMutationsNever5xx(@ForAll("path") String path, @ForAll("anyJson") Object value, @ForAll boolean remove) throws Exception {
        assertNo5xx("/v1/forecasts/treasury", mutate(TREASURY, path, value, remove).encode());
    }

    @Property(tries = 80) void indexedVoteMutationsNever5xx(@ForAll("path") String path, @ForAll("anyJson") Object value, @ForAll boolean remove) throws Exception {
        assertNo5xx("/v1/forecasts/vote", mutate(INDEXED_VOTE, path, value, remove).encode());
    }

    @Property(tries = 80) void indexedTreasuryMutationsNever5xx(@ForAll("path") String path, @ForAll("anyJson") Object value, @ForAll boolean remove) throws Exception {
        assertNo5xx("/v1/forecasts/treasury", mutate(INDEXED_TREASURY, path, value, remove).encode());
    }

    @Property(tries = 60) void simulationMutationsNever5xx(@ForAll("path") String path, @ForAll("anyJson") Object value, @ForAll boolean remove) throws Exception {
        JsonObject sim = new JsonObject().put("builtin", "cuba-fixed").put("steps", 5);
        assertNo5xx("/v1/simulations", mutate(sim, path, value, remove).encode());
    }

    /** A network file touching every section: populations and models, connectors, delays, inputs, probes. */
    static final JsonObject NETWORK = new JsonObject("""
            {"format": "neuroracle-network/1", "name": "fuzz", "dt_ms": 1.0, "seed": 7,
             "populations": [
               {"name": "in", "size": 20, "model": {"type": "poisson-source", "rate_hz": 80}},
               {"name": "out", "size": 30, "model": {"type": "cuba-lif-fixed", "du": [80], "dv": 20, "vth": 10,
                "bias_mant": 0, "bias_exp": 0, "refractory_steps": 2}},
               {"name": "arr", "size": 4, "model": {"type": "spike-source-array", "spikes": [[1, 0], [3, 2]]}}],
             "projections": [
               {"name": "p", "pre": "in", "post": "out", "channel": 0,
                "connector": {"type": "fixed-probability", "p": 0.3}, "weight": {"uniform": [20, 60]}, "weight_exp": 4,
                "delay_steps": {"uniform": [1, 3]}},
               {"name": "q", "pre": "arr", "post": "out", "channel": 0, "connector": {"type": "explicit", "synapses": [[0, 1, 5], [2, 3, 7, 2]]},
                "weight": 1, "weight_exp": 0},
               {"name": "r", "pre": "in", "post": "out", "channel": 0, "connector": {"type": "fixed-fan-in", "fan_in": 3}, "weight": 2,
                "weight_exp": 1, "delay_steps": 2}],
             "background": [{"population": "out", "channel": 0, "rate_hz": 100, "weight": 3}],
             "record": {"spikes": [{"population": "out"}], "state": [{"population": "out", "variable": "v", "neurons": [0, 1], "every_steps": 2}]}}""");

    @Provide Arbitrary<String> networkPath() {
        return Arbitraries.of("format", "dt_ms", "seed", "name", "populations", "projections", "background", "currents", "record", "extra",
                "populations.0.size", "populations.0.model", "populations.0.model.type", "populations.0.model.rate_hz", "populations.0.name",
                "populations.1.size", "populations.1.model.du", "populations.1.model.dv", "populations.1.model.vth",
                "populations.1.model.bias_mant", "populations.1.model.bias_exp", "populations.1.model.refractory_steps",
                "populations.1.initial", "populations.2.model.spikes", "populations.2.size",
                "projections.0.pre", "projections.0.post", "projections.0.channel", "projections.0.connector",
                "projections.0.connector.type", "projections.0.connector.p", "projections.0.weight", "projections.0.weight_exp",
                "projections.0.delay_steps", "projections.1.connector.synapses", "projections.2.connector.fan_in",
                "projections.2.delay_steps", "projections.2.weight",
                "background.0.rate_hz", "background.0.population", "background.0.weight", "background.0.channel",
                                "record.spikes", "record.spikes.0.population", "record.state.0.variable", "record.state.0.neurons",
                "record.state.0.every_steps");
    }

    /** Network-file values that stress bounds: huge sizes, rates, delays, deep or long arrays. */
    @Provide Arbitrary<Object> networkValue() {
        return Arbitraries.oneOf(anyJson(),
                Arbitraries.of(20_000L, 20_001L, 2_000_000_000L, 4096L, 4097L, 65_536L, -1L, 0L).map(l -> (Object) l),
                Arbitraries.of(1e9, 1e300, -0.0, 0.5, 1.0000001).map(d -> (Object) d),
                Arbitraries.of("matrix-market", "all-to-all", "one-to-one", "explicit", "csr", "fixed-fan-in", "poisson-source",
                        "cuba-lif-fixed", "lif", "alif", "izhikevich", "spike-source-array", "coba", "rk4").map(x -> (Object) x),
                Arbitraries.just(new JsonObject().put("uniform", new JsonArray().add(1).add(4096))),
                Arbitraries.just(new JsonArray(java.util.Collections.nCopies(3000, 1))));
    }

    @Property(tries = 200) void networkFileMutationsNever5xx(@ForAll("networkPath") String path, @ForAll("networkValue") Object value,
                                                           @ForAll boolean remove, @ForAll("steps") int steps) throws Exception {
        JsonObject network = mutate(NETWORK, path, value, remove);
        assertNo5xx("/v1/simulations", new JsonObject().put("network", network).put("steps", steps).encode());
    }

    /** The base network file itself runs (so the mutations start from a valid request). */
    @net.jqwik.api.Example void baseNetworkFileRuns() throws Exception {
        HttpResponse<String> r = TestServers.post(server, "/v1/simulations", "application/json",
                new JsonObject().put("network", NETWORK).put("steps", 20).put("record", true).encode());
        assertEquals(200, r.statusCode(), r.body());
    }

    @Provide Arbitrary<Integer> steps() { return Arbitraries.of(1, 20, 10_000); }

    @Property(tries = 100) void randomTextNever5xx(@ForAll("garbage") String body, @ForAll("endpoint") String endpoint) throws Exception {
        assertNo5xx(endpoint, body);
    }

    @Provide Arbitrary<String> endpoint() { return Arbitraries.of("/v1/forecasts/vote", "/v1/forecasts/treasury", "/v1/simulations"); }

    @Provide Arbitrary<String> garbage() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                Combinators.combine(Arbitraries.of("{", "[", "{\"dao\":", "{\"votes\":[{", "\"", "nul"), Arbitraries.strings().ofMaxLength(40))
                        .as((a, b) -> a + b),
                Arbitraries.of(List.of("{}", "[]", "null", "1", "\"x\"", "{\"dao\":NaN}", "{\"asOf\":1e999}", "\uFEFF{}")));
    }
}
