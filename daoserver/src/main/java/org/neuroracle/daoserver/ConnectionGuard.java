package org.neuroracle.daoserver;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The connection edge: at most {@code maxConnections} open (more are closed at once); a kept-alive connection whose
 * last answer went out must start its next request within {@code requestTimeoutMs}, else it is closed; a request
 * whose body has not fully arrived within {@code requestTimeoutMs} of its start is handed to {@code onRequestTimeout}
 * (the server answers 408 and closes).
 *
 * <p>Both deadlines are checked by one periodic sweep (every quarter of {@code requestTimeoutMs}, at most 1 s), so
 * they fire between the timeout and the timeout plus one sweep period. A request only writes two fields: before,
 * every request armed and cancelled a Vert.x timer and every answer armed another (about 3 % of the event loops' CPU
 * under wrk, and 10 s of pending timers in Netty's queue). What the sweep finds is acted on on the connection's own
 * event loop, where its state is current.
 *
 * <p>The server runs with HTTP/2 cleartext upgrade off, so Vert.x 5 hands an HTTP/1.x connection to the connection
 * handler at accept: a client still sending its first request header is counted by the cap and is closed when no
 * request has started within {@code requestTimeoutMs}, however it dribbles bytes (tested by
 * {@code AttackCatalogueTest}). With h2c on, Vert.x sniffed the first request before creating the connection and
 * neither the cap nor this sweep saw such a client.
 */
final class ConnectionGuard {
    private final int maxConnections;
    private final long requestTimeoutNanos;
    private final Consumer<HttpServerRequest> onRequestTimeout;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger timedOut = new AtomicInteger();
    private final java.util.Map<HttpConnection, State> states = new java.util.concurrent.ConcurrentHashMap<>();

    /** Written on the connection's event loop, read by the sweep. */
    static final class State {
        final HttpConnection conn;
        final Context context;
        /** Requests started and not yet answered (event loop only). */
        int inFlight;
        /** When the last answer ended (or the connection opened); meaningful while {@link #current} is null. */
        volatile long idleSinceNanos;
        /** The request being received or worked on, null between requests. */
        volatile HttpServerRequest current;
        volatile long requestStartNanos;
        /** The sweep has handed {@link #current} over for its timeout check once already. */
        volatile boolean currentChecked;

        State(HttpConnection conn, Context context, long now) {
            this.conn = conn;
            this.context = context;
            this.idleSinceNanos = now;
        }
    }

    ConnectionGuard(Vertx vertx, int maxConnections, int requestTimeoutMs, Consumer<HttpServerRequest> onRequestTimeout) {
        this.maxConnections = maxConnections;
        this.requestTimeoutNanos = requestTimeoutMs * 1_000_000L;
        this.onRequestTimeout = onRequestTimeout;
        vertx.setPeriodic(Math.max(10, Math.min(1000, requestTimeoutMs / 4)), id -> sweep());
    }

    /** The server's connection handler. */
    void onConnection(HttpConnection conn) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            refused.incrementAndGet();
            conn.close();
            return;
        }
        states.put(conn, new State(conn, Vertx.currentContext(), System.nanoTime()));
        conn.closeHandler(v -> {
            if (states.remove(conn) != null) open.decrementAndGet();
        });
    }

    /**
     * Called when a request's headers have arrived; counts it until {@link #ended} is called for what this returns
     * (null for a connection the guard does not track).
     */
    State onRequest(HttpServerRequest req, long nowNanos) {
        State s = states.get(req.connection());
        if (s == null) return null;
        s.inFlight++;
        s.requestStartNanos = nowNanos;
        s.currentChecked = false;
        s.current = req;
        return s;
    }

    /** The response of a request counted by {@link #onRequest} has ended. */
    void ended(State s) {
        if (s == null) return;
        if (--s.inFlight == 0) {
            s.idleSinceNanos = System.nanoTime();
            s.current = null;
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (State s : states.values()) {
            HttpServerRequest req = s.current;
            if (req == null) {
                if (now - s.idleSinceNanos > requestTimeoutNanos) s.context.runOnContext(v -> {
                    // Checked again where the state is written: a request may have started since the sweep looked.
                    if (s.current == null && System.nanoTime() - s.idleSinceNanos > requestTimeoutNanos && states.containsKey(s.conn)) {
                        timedOut.incrementAndGet();
                        s.conn.close();
                    }
                });
            } else if (!s.currentChecked && now - s.requestStartNanos > requestTimeoutNanos) {
                s.currentChecked = true;
                s.context.runOnContext(v -> {
                    if (s.current == req) onRequestTimeout.accept(req); // the server leaves a fully received request alone
                });
            }
        }
    }

    int open() { return open.get(); }
    int refused() { return refused.get(); }
    int timedOut() { return timedOut.get(); }
}
