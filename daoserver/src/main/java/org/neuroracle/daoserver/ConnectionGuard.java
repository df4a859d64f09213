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
 * <p>The server runs with HTTP/2 cleartext upgrade off, so Vert.x 5 hands an HTTP/1.x connection to the connection
 * handler at accept: a client still sending its first request header is counted by the cap and is closed when no
 * request has started within {@code requestTimeoutMs}, however it dribbles bytes (tested by
 * {@code AttackCatalogueTest}). With h2c on, Vert.x sniffed the first request before creating the connection and
 * neither the cap nor this timer saw such a client.
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
