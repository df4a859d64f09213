package org.neuroracle.hw;

import java.util.List;

/**
 * Energy of one workload on one profile: dynamic (count x energy per event) and static (static power x wall time)
 * apart, with a lower and an upper bound on the total.
 * <ul>
 * <li>A part the profile's numbers cannot support is {@code NaN} and {@link #missing()} says why; never a made-up
 *     zero.</li>
 * <li>{@code lowerJoules} is the sum of the lower ends of the known parts: a true lower bound even when parts are
 *     missing, because no part is negative. {@code upperJoules} is finite only when every part is known (the sum of
 *     their upper ends) or when the profile publishes a maximum power (max power x the longest wall time);
 *     otherwise {@code NaN} (unbounded).</li>
 * <li>{@code kind} is the weakest kind among the inputs used, {@code boundary} the widest boundary (both null when
 *     nothing could be estimated).</li>
 * </ul>
 *
 * @param terms           each charged term: the dynamic ones, then the static one, then the max-power envelope
 * @param wallSeconds     wall-clock run time (steps x time step), NaN when no time step is known
 * @param wallSource      where the time step came from (profile entry, or a measurement on the backend that ran)
 */
public record EnergyEstimate(String profile, double dynamicJoules, double idleJoules, double lowerJoules, double upperJoules,
                             Kind kind, Boundary boundary, List<String> sources, Kind dynamicKind, Kind idleKind,
                             double wallSeconds, String wallSource, List<Term> terms, List<String> missing) {
    public EnergyEstimate {
        sources = List.copyOf(sources);
        terms = List.copyOf(terms);
        missing = List.copyOf(missing);
    }

    /**
     * One charged term: {@code count} events (or seconds) of {@code what} at {@code joulesEach} (joules, or watts
     * for the static term), with the lower and upper end its figure's bound allows ({@code +Infinity}: unbounded).
     */
    public record Term(String what, String field, double count, double joulesEach, double joules, double lowJoules,
                       double highJoules, Kind kind, Boundary boundary, String source) {}

    /** Dynamic plus static where known; NaN when neither is known. The central value between the bounds. */
    public double totalJoules() {
        if (Double.isNaN(dynamicJoules) && Double.isNaN(idleJoules)) return Double.NaN;
        return (Double.isNaN(dynamicJoules) ? 0 : dynamicJoules) + (Double.isNaN(idleJoules) ? 0 : idleJoules);
    }

    public boolean hasDynamic() { return !Double.isNaN(dynamicJoules); }

    public boolean hasIdle() { return !Double.isNaN(idleJoules); }

    public boolean hasUpperBound() { return !Double.isNaN(upperJoules) && !Double.isInfinite(upperJoules); }

    /** Every counted event charged, static power and wall time known, and both bounds finite. */
    public boolean complete() { return missing.isEmpty() && hasDynamic() && hasIdle() && hasUpperBound() && !Double.isNaN(lowerJoules); }

    /** One line: {@code 1.2 mJ [1.0 mJ, 8.6 J] (measured, board)} or what is missing. */
    public String describe() {
        return Units.si(totalJoules(), "J") + " [" + Units.si(lowerJoules, "J") + ", " + (hasUpperBound() ? Units.si(upperJoules, "J") : "unbounded")
                + "] (" + (kind == null ? "-" : kind.label()) + ", " + (boundary == null ? "-" : boundary.label()) + (complete() ? ", complete" : ", incomplete") + ")";
    }
}
