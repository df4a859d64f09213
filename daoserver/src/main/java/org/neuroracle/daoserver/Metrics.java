package org.neuroracle.daoserver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Prometheus text exposition (format 0.0.4) of the service's counters and latency histograms, written by hand:
 * a few {@link LongAdder}s need no metrics library.
 */
public final class Metrics {
    /** Histogram bucket upper bounds in seconds. */
    private static final double[] BUCKETS_S = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};

    /** Per operation: its latency histogram and answer counts by status (no key string built per request). */
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> forecasts = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    private static final class Histogram {
        final LongAdder[] counts = new LongAdder[BUCKETS_S.length + 1];
        final LongAdder sumNanos = new LongAdder();
        /** Index: HTTP status 100..599 minus 100; made on first use. */
        final java.util.concurrent.atomic.AtomicReferenceArray<LongAdder> byStatus = new java.util.concurrent.atomic.AtomicReferenceArray<>(500);
        Histogram() { for (int i = 0; i < counts.length; i++) counts[i] = new LongAdder(); }

        LongAdder status(int status) {
            int i = Math.clamp(status, 100, 599) - 100;
            LongAdder a = byStatus.get(i);
            if (a == null && !byStatus.compareAndSet(i, null, a = new LongAdder())) a = byStatus.get(i);
            return a;
        }
    }

    /** One answered request: {@code operation} is the OpenAPI operation id (or {@code static}, {@code unmatched}). */
    public void request(String operation, int status, long nanos) {
        Histogram h = latency.get(operation);
        if (h == null) h = latency.computeIfAbsent(operation, k -> new Histogram());
        h.status(status).increment();
        double s = nanos / 1e9;
        int b = 0;
        while (b < BUCKETS_S.length && s > BUCKETS_S[b]) b++;
        h.counts[b].increment();
        h.sumNanos.add(nanos);
    }

    private final LongAdder cacheHits = new LongAdder();

    public void cacheHit() { cacheHits.increment(); }

    public void forecast(String kind) { forecasts.computeIfAbsent(kind, k -> new LongAdder()).increment(); }

    /** A value read at scrape time (journal queue depth, rows committed). */
    public void gauge(String name, LongSupplier value) { gauges.put(name, value); }

    public String scrape() {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("# HELP neuroracle_http_requests_total HTTP requests answered, by OpenAPI operation and status.\n");
        sb.append("# TYPE neuroracle_http_requests_total counter\n");
        latency.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            for (int i = 0; i < 500; i++) {
                LongAdder a = e.getValue().byStatus.get(i);
                if (a != null) sb.append("neuroracle_http_requests_total{operation=\"").append(e.getKey()).append("\",status=\"").append(i + 100)
                        .append("\"} ").append(a.sum()).append('\n');
            }
        });
        sb.append("# HELP neuroracle_http_request_duration_seconds Time from request start to the last byte written.\n");
        sb.append("# TYPE neuroracle_http_request_duration_seconds histogram\n");
        latency.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Histogram h = e.getValue();
            long cum = 0;
            for (int i = 0; i < BUCKETS_S.length; i++) {
                cum += h.counts[i].sum();
                sb.append("neuroracle_http_request_duration_seconds_bucket{operation=\"").append(e.getKey()).append("\",le=\"")
                        .append(BUCKETS_S[i]).append("\"} ").append(cum).append('\n');
            }
            cum += h.counts[BUCKETS_S.length].sum();
            sb.append("neuroracle_http_request_duration_seconds_bucket{operation=\"").append(e.getKey()).append("\",le=\"+Inf\"} ").append(cum).append('\n');
            sb.append("neuroracle_http_request_duration_seconds_sum{operation=\"").append(e.getKey()).append("\"} ").append(h.sumNanos.sum() / 1e9).append('\n');
            sb.append("neuroracle_http_request_duration_seconds_count{operation=\"").append(e.getKey()).append("\"} ").append(cum).append('\n');
        });
        sb.append("# HELP neuroracle_forecasts_total Forecasts answered (journaled and signed), by kind.\n");
        sb.append("# TYPE neuroracle_forecasts_total counter\n");
        forecasts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                sb.append("neuroracle_forecasts_total{kind=\"").append(e.getKey()).append("\"} ").append(e.getValue().sum()).append('\n'));
        sb.append("# HELP neuroracle_answer_cache_hits_total Forecasts answered from the answer cache (same request bytes).\n");
        sb.append("# TYPE neuroracle_answer_cache_hits_total counter\n");
        sb.append("neuroracle_answer_cache_hits_total ").append(cacheHits.sum()).append('\n');
        gauges.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            sb.append("# TYPE ").append(e.getKey()).append(e.getKey().endsWith("_total") ? " counter\n" : " gauge\n");
            sb.append(e.getKey()).append(' ').append(e.getValue().getAsLong()).append('\n');
        });
        return sb.toString();
    }
}
