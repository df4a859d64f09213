package org.neuroracle.daoserver;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-client token buckets: {@code ratePerSecond} tokens a second up to {@code burst}; a request takes one. Keyed by
 * the client's address (never a header, which a client could set to anything). Idle buckets are dropped when the
 * table grows, so a scan over many addresses cannot grow it without bound.
 */
final class ClientRateLimiter {
    private static final int MAX_CLIENTS = 100_000;

    private final double ratePerNano;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long lastNanos;
        Bucket(double tokens, long now) { this.tokens = tokens; this.lastNanos = now; }
    }

    ClientRateLimiter(int ratePerSecond, int burst) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = Math.max(1, burst);
    }

    /** 0 when the request may go on, else the seconds after which one token will be there (for Retry-After). */
    int acquire(String client, long nowNanos) {
        if (buckets.size() > MAX_CLIENTS) evictFull(nowNanos);
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, nowNanos));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (nowNanos - b.lastNanos) * ratePerNano);
            b.lastNanos = nowNanos;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return (int) Math.ceil((1 - b.tokens) / ratePerNano / 1e9);
        }
    }

    /** Drops buckets that have refilled (their clients have been quiet): forgetting them changes nothing. */
    private void evictFull(long nowNanos) {
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().tokens + (nowNanos - e.getValue().lastNanos) * ratePerNano >= burst;
            }
        });
    }
}
