package org.neuroracle.daoserver;

import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Optional API keys for the expensive endpoints (simulations, journal reads, rasters). Sent as
 * {@code Authorization: Bearer KEY} or {@code X-Api-Key: KEY}; compared in constant time against each configured key
 * (through their sha256, so the comparison time does not depend on key lengths either).
 */
final class ApiKeys {
    private final List<byte[]> hashes;

    ApiKeys(List<String> keys) {
        this.hashes = keys.stream().map(ApiKeys::sha256).toList();
    }

    boolean enabled() { return !hashes.isEmpty(); }

    /** Throws 401 when keys are configured and the request carries none of them. */
    void require(HttpServerRequest req) {
        if (hashes.isEmpty()) return;
        String key = req.getHeader("x-api-key");
        String auth = req.getHeader("authorization");
        if (key == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) key = auth.substring(7).strip();
        if (key == null) throw Problem.unauthorized("this endpoint needs an API key: send Authorization: Bearer KEY or X-Api-Key: KEY");
        byte[] h = sha256(key);
        boolean ok = false;
        for (byte[] k : hashes) ok |= MessageDigest.isEqual(k, h);
        if (!ok) throw Problem.unauthorized("the API key is not one of this node's keys");
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
