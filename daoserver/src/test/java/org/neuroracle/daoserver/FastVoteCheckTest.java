package org.neuroracle.daoserver;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written vote check never accepts what the contract's schema rejects, and accepts ordinary requests. */
class FastVoteCheckTest {
    static final ServerConfig CONFIG = ServerConfig.load(null, Map.of("NEURORACLE_MAX_VOTES", "50"));
    static final BodyValidators SCHEMA = new BodyValidators(Contract.forValidator(Contract.load(CONFIG)), CONFIG.maxVotes(), "forecastVote");
    final FuzzNo5xxTest generators = new FuzzNo5xxTest();

    @Provide Arbitrary<Object> anyJson() { return generators.anyJson(); }

    @Provide Arbitrary<String> path() { return generators.path(); }

    @Property(tries = 2000) void acceptedOnlyWhenTheSchemaAccepts(@ForAll("path") String path, @ForAll("anyJson") Object value,
                                                                   @ForAll boolean remove) {
        Object body = Json.decodeValue(FuzzNo5xxTest.mutate(FuzzNo5xxTest.VOTE, path, value, remove).encode());
        if (FastVoteCheck.accepts(body, CONFIG.maxVotes()))
            assertTrue(SCHEMA.schemaAccepts("forecastVote", body), "fast check accepted a body the schema rejects: " + body);
    }

    @Property(tries = 500) void decimalsAgreeWithThePattern(@ForAll("decimals") String s) {
        assertTrue(FastVoteCheck.decimal(s) == s.matches("^(0|[1-9][0-9]{0,77})(\\.[0-9]{1,18})?$"), s);
    }

    @Provide Arbitrary<String> decimals() {
        return Arbitraries.strings().withChars("0123456789.-e+ ").ofMaxLength(24);
    }

    @Test void ordinaryRequestsTakeTheFastPath() {
        for (Buffer b : LoadClient.voteBodies(64, 20)) {
            Object body = Json.decodeValue(b);
            assertTrue(FastVoteCheck.accepts(body, 50), b.toString());
            assertTrue(SCHEMA.schemaAccepts("forecastVote", body));
        }
        assertTrue(FastVoteCheck.accepts(new JsonObject(FuzzNo5xxTest.VOTE.encode()), 50));
        assertFalse(FastVoteCheck.accepts(Json.decodeValue(LoadClient.voteBodies(1, 51).get(0)), 50), "more votes than maxVotes");
    }
}
