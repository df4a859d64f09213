package org.neuroracle.hw;

import java.util.List;

/**
 * Energy of one workload on one profile, dynamic (work-proportional) and idle (static power x run time) apart.
 * A part that the profile's published numbers cannot support is {@code NaN} and {@link #missing()} says why;
 * never a made-up zero. {@code kind} is the weakest kind among the inputs used; {@code boundary} the widest
 * boundary among them (both null when nothing could be estimated).
 *
 * @param terms     each charged term (count x energy per event) of the dynamic part, then the idle term
 * @param missing   what could not be charged and why, in words
 * @param durationSeconds wall-clock run time assumed for idle energy (NaN when unknown)
 */
public record EnergyEstimate(String profile, double dynamicJoules, double idleJoules, Kind kind, Boundary boundary,
                             List<String> sources, Kind dynamicKind, Boundary dynamicBoundary, Kind idleKind,
                             Boundary idleBoundary, double durationSeconds, List<Term> terms, List<String> missing) {
    public EnergyEstimate {
        sources = List.copyOf(sources);
        terms = List.copyOf(terms);
        missing = List.copyOf(missing);
    }

    /** One charged term: {@code count} events of {@code what} at {@code joulesEach}, from profile field {@code field}. */
    public record Term(String what, String field, double count, double joulesEach, double joules, Kind kind,
                       Boundary boundary, String source) {}

    /** Dynamic plus idle where known; NaN when neither is known. */
    public double totalJoules() {
        if (Double.isNaN(dynamicJoules) && Double.isNaN(idleJoules)) return Double.NaN;
        return (Double.isNaN(dynamicJoules) ? 0 : dynamicJoules) + (Double.isNaN(idleJoules) ? 0 : idleJoules);
    }

    public boolean hasDynamic() { return !Double.isNaN(dynamicJoules); }

    public boolean hasIdle() { return !Double.isNaN(idleJoules); }

    /** Both parts known and every counted event charged. */
    public boolean complete() { return hasDynamic() && hasIdle() && missing.isEmpty(); }
}
