package org.neuroracle.daoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Set;

/**
 * A sufficient check of the contract's {@code VoteRequest} schema, written out by hand: vertx-json-schema takes
 * about 0.4 ms for a 20-vote body (about 20 us per vote object), which capped the vote route below 2,500
 * requests/s per core before anything else ran. This check only ever says "certainly valid": when it returns
 * false the full schema validator decides and produces the error, so error answers are unchanged. A property test
 * ({@code FastVoteCheckTest}) checks that every body accepted here is accepted by the schema.
 */
final class FastVoteCheck {
    private FastVoteCheck() {}

    private static final Set<String> TOP = Set.of("modelId", "dao", "proposalId", "voteStart", "voteEnd", "quorum", "asOf", "votes");
    private static final Set<String> VOTE = Set.of("timestamp", "voter", "choice", "weight");
    private static final long MAX_UNIX_S = 253_402_300_799L;

    static boolean accepts(Object parsed, int maxVotes) {
        if (!(parsed instanceof JsonObject o)) return false;
        for (String k : o.fieldNames()) if (!TOP.contains(k)) return false;
        if (!text(o.getValue("dao"), 200) || !text(o.getValue("proposalId"), 200)) return false;
        if (!unixSeconds(o.getValue("voteStart")) || !unixSeconds(o.getValue("voteEnd")) || !unixSeconds(o.getValue("asOf"))) return false;
        if (o.containsKey("modelId") && !hex64(o.getValue("modelId"))) return false;
        if (o.containsKey("quorum")) {
            Object q = o.getValue("quorum");
            if (q != null && !(q instanceof String s && decimal(s))) return false;
        }
        if (!(o.getValue("votes") instanceof JsonArray votes) || votes.size() > maxVotes) return false;
        for (int i = 0; i < votes.size(); i++) {
            if (!(votes.getValue(i) instanceof JsonObject v) || v.size() != 4) return false;
            for (Map.Entry<String, Object> e : v) if (!VOTE.contains(e.getKey())) return false;
            if (!unixSeconds(v.getValue("timestamp")) || !text(v.getValue("voter"), 128)) return false;
            Object c = v.getValue("choice");
            if (!"for".equals(c) && !"against".equals(c) && !"abstain".equals(c)) return false;
            if (!(v.getValue("weight") instanceof String w) || !decimal(w)) return false;
        }
        return true;
    }

    /** A string of 1..max code points (JSON Schema lengths count code points, not UTF-16 units). */
    private static boolean text(Object v, int max) {
        if (!(v instanceof String s) || s.isEmpty()) return false;
        return s.length() <= max || s.codePointCount(0, s.length()) <= max;
    }

    /** Only Integer and Long count: other number forms (1.0, big integers) are left to the schema validator. */
    private static boolean unixSeconds(Object v) {
        if (!(v instanceof Integer) && !(v instanceof Long)) return false;
        long x = ((Number) v).longValue();
        return x >= 0 && x <= MAX_UNIX_S;
    }

    private static boolean hex64(Object v) {
        if (!(v instanceof String s) || s.length() != 64) return false;
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }

    /** {@code ^(0|[1-9][0-9]{0,77})(\.[0-9]{1,18})?$}. */
    static boolean decimal(String s) {
        int n = s.length(), i = 0;
        if (n == 0) return false;
        if (s.charAt(0) == '0') i = 1;
        else {
            if (s.charAt(0) < '1' || s.charAt(0) > '9') return false;
            i = 1;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
            if (i > 78) return false;
        }
        if (i == n) return true;
        if (s.charAt(i) != '.') return false;
        int f = ++i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        return i == n && i - f >= 1 && i - f <= 18;
    }
}
