package org.neuroracle.daoserver;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Callable;

/**
 * A fixed number of threads with a bounded queue, for one kind of work (forecasts, simulations). Each kind has its
 * own, so a flood of one cannot take the threads of the other; a full queue answers at once with 503 and
 * {@code Retry-After} instead of queueing without bound (or timing out).
 */
final class BoundedExecutor implements AutoCloseable {
    private final String name;
    private final ThreadPoolExecutor pool;
    private final int queueCapacity;
    private final AtomicInteger rejected = new AtomicInteger();
    /** What the threads' scheduling priority is, for /health. */
    private volatile String niceStatus = "default priority";

    BoundedExecutor(String name, int threads, int queueCapacity) { this(name, threads, queueCapacity, 0, false); }

    BoundedExecutor(String name, int threads, int queueCapacity, int nice) { this(name, threads, queueCapacity, nice, false); }

    /**
     * {@code nice} > 0: each thread raises its nice value to this when it starts ({@link ThreadNice}); {@code idle}: it
     * moves to SCHED_IDLE first, keeping the nice value as the fallback where that fails.
     */
    BoundedExecutor(String name, int threads, int queueCapacity, int nice, boolean idle) {
        this.name = name;
        this.queueCapacity = queueCapacity;
        BlockingQueue<Runnable> q = queueCapacity == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queueCapacity);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, q,
                r -> Thread.ofPlatform().name("neuroracle-" + name + "-" + n.incrementAndGet()).daemon(true).unstarted(nice <= 0 && !idle ? r : () -> {
                    String why = nice > 0 ? ThreadNice.apply(nice) : null;
                    String status = nice <= 0 ? "default priority" : why == null ? "nice " + nice : "default priority (" + why + ")";
                    if (idle) {
                        String whyNotIdle = ThreadNice.applyIdle();
                        status = whyNotIdle == null ? "SCHED_IDLE" : status + " (" + whyNotIdle + ")";
                    }
                    niceStatus = status;
                    r.run();
                }),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Runs {@code work} on this pool; the future completes on {@code ctx} (the caller's event loop). A full queue fails
     * the future at once with a 503 {@link Problem}.
     */
    <T> Future<T> submit(Context ctx, Callable<T> work) {
        Promise<T> p = Promise.promise();
        try {
            pool.execute(() -> {
                T v;
                try {
                    v = work.call();
                } catch (Throwable t) {
                    ctx.runOnContext(x -> p.fail(t));
                    return;
                }
                ctx.runOnContext(x -> p.complete(v));
            });
        } catch (RejectedExecutionException e) {
            rejected.incrementAndGet();
            return Future.failedFuture(Problem.busy("all " + pool.getMaximumPoolSize() + " " + name + " threads are busy and "
                    + queueCapacity + " requests are waiting; try again shortly", 1));
        }
        return p.future();
    }

    int queued() { return pool.getQueue().size(); }
    int active() { return pool.getActiveCount(); }
    int rejected() { return rejected.get(); }
    String priority() { return niceStatus; }

    @Override public void close() {
        pool.shutdownNow();
    }
}
