package org.neuroracle.bench.validation;

import org.neuroracle.bench.validation.SpikeStatistics.PopulationStatistics;

import java.util.ArrayList;
import java.util.List;

/** Compares measured statistics with a network's {@link ReferenceRanges}. */
public final class Validation {
    private Validation() {}

    public enum Metric {
        RATE_HZ("rate_hz"), CV_ISI("cv_isi"), CORRELATION("correlation");
        public final String key;
        Metric(String key) { this.key = key; }

        double of(PopulationStatistics s) {
            return switch (this) {
                case RATE_HZ -> s.rateHz();
                case CV_ISI -> s.cvIsi();
                case CORRELATION -> s.correlation();
            };
        }
    }

    /** One range a statistic must fall in: {@code population} is a name or {@code *} for every population. */
    public record Range(String population, Metric metric, double low, double high, String source) {
        public Range {
            if (!(high >= low)) throw new IllegalArgumentException("reference range " + population + "/" + metric.key + ": high " + high + " < low " + low);
        }

        boolean covers(String pop) { return population.equals("*") || population.equals(pop); }
    }

    /** The outcome of one range check. A NaN statistic (e.g. no neuron fired enough for a CV) fails. */
    public record Check(String population, Metric metric, double value, double low, double high, boolean pass, String source) {}

    public static List<Check> check(List<PopulationStatistics> stats, List<Range> ranges) {
        List<Check> out = new ArrayList<>();
        for (PopulationStatistics s : stats)
            for (Range r : ranges)
                if (r.covers(s.population())) {
                    double v = r.metric().of(s);
                    out.add(new Check(s.population(), r.metric(), v, r.low(), r.high(), v >= r.low() && v <= r.high(), r.source()));
                }
        return out;
    }

    public static boolean allPass(List<Check> checks) {
        for (Check c : checks) if (!c.pass()) return false;
        return true;
    }
}
