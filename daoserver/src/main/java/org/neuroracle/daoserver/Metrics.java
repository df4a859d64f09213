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

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> forecasts = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    private static final class Histogram {
        final LongAdder[] counts = new LongAdder[BUCKETS_S.length + 1];
        final LongAdder sumNanos = new LongAdder();
        Histogram() { for (int i = 0; i < counts.length; i++) counts[i] = new LongAdder(); }
    }

    /** One answered request: {@code operation} is the OpenAPI operation id (or {@code static}, {@code unmatched}). */
    public void request(String operation, int status, long nanos) {
        requests.computeIfAbsent(operation + "\u0000" + status, k -> new LongAdder()).increment();
        Histogram h = latency.computeIfAbsent(operation, k -> new Histogram());
        double s = nanos / 1e9;
        int b = 0;
        while (b < BUCKETS_S.length && s > BUCKETS_S[b]) b++;
        h.counts[b].increment();
        h.sumNanos.add(nanos);
    }

    public void forecast(String kind) { forecasts.computeIfAbsent(kind, k -> new LongAdder()).increment(); }

    /** A value read at scrape time (journal queue depth, rows committed). */
    public void gauge(String name, LongSupplier value) { gauges.put(name, value); }

    public String scrape() {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("# HELP neuroracle_http_requests_total HTTP requests answered, by OpenAPI operation and status.\n");
        sb.append("# TYPE neuroracle_http_requests_total counter\n");
        requests.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String[] k = e.getKey().split("\u0000");
            sb.append("neuroracle_http_requests_total{operation=\"").append(k[0]).append("\",status=\"").append(k[1])
                    .append("\"} ").append(e.getValue().sum()).append('\n');
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
        gauges.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            sb.append("# TYPE ").append(e.getKey()).append(e.getKey().endsWith("_total") ? " counter\n" : " gauge\n");
            sb.append(e.getKey()).append(' ').append(e.getValue().getAsLong()).append('\n');
        });
        return sb.toString();
    }
}
