package org.neuroracle.daoserver;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connection edge: at most {@code maxConnections} open (more are closed at once), and a kept-alive connection
 * whose last answer went out must start its next request within {@code requestTimeoutMs}, else it is closed (a
 * started request that is not answered in time gets 408 from the server's per-request timer).
 *
 * <p>Limit: Vert.x 5 hands an HTTP/1.x connection to the server's connection handler only once its first request
 * header is complete, so neither the cap nor the timer sees a client still sending that first header. Such a client
 * holds at most {@code maxHeaderSize} (8 KiB) and is closed after {@code idleTimeoutSeconds} even if it keeps sending:
 * Vert.x's idle timer does not restart on the bytes of an unfinished header (measured on 5.0.5, tested by
 * {@code AttackCatalogueTest}). Counting it against the cap needs h2c off or a reverse proxy (daoserver/README.md).
 */
final class ConnectionGuard {
    private final Vertx vertx;
    private final int maxConnections;
    private final long requestTimeoutMs;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger timedOut = new AtomicInteger();
    private final java.util.Map<HttpConnection, State> states = new java.util.concurrent.ConcurrentHashMap<>();

    /** Touched only on the connection's event loop. */
    private static final class State {
        int inFlight;
        long generation;
    }

    ConnectionGuard(Vertx vertx, int maxConnections, int requestTimeoutMs) {
        this.vertx = vertx;
        this.maxConnections = maxConnections;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    /** The server's connection handler. */
    void onConnection(HttpConnection conn) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            refused.incrementAndGet();
            conn.close();
            return;
        }
        State s = new State();
        states.put(conn, s);
        conn.closeHandler(v -> {
            if (states.remove(conn) != null) open.decrementAndGet();
            s.generation++;
        });
        arm(conn, s);
    }

    /** Closes the connection unless a request starts on it within the timeout. */
    private void arm(HttpConnection conn, State s) {
        long armed = ++s.generation;
        vertx.setTimer(requestTimeoutMs, id -> {
            if (s.inFlight == 0 && s.generation == armed) {
                timedOut.incrementAndGet();
                conn.close();
            }
        });
    }

    /**
     * Called when a request's headers have arrived; counts it until its response has ended. Returns what the
     * caller must run when the response ends (Vert.x keeps one end handler per response, the caller owns it).
     */
    Runnable onRequest(HttpServerRequest req) {
        HttpConnection conn = req.connection();
        State s = states.get(conn);
        if (s == null) return () -> { };
        s.inFlight++;
        s.generation++;
        return () -> {
            s.inFlight--;
            if (s.inFlight == 0) arm(conn, s);
        };
    }

    int open() { return open.get(); }
    int refused() { return refused.get(); }
    int timedOut() { return timedOut.get(); }
}
