package org.neuroracle.hw;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A ratio between two energy estimates, given only when both are complete and cover the same boundary (a core
 * figure against a board figure differs by ~1000x for reasons that have nothing to do with the workload).
 * Otherwise the result says what is missing, never a number.
 */
public sealed interface EnergyComparison {
    /** {@code a / b}: central value and the widest range the two estimates' bounds allow. */
    record Ratio(String a, String b, double central, double low, double high, Boundary boundary) implements EnergyComparison {
        public String describe() {
            return String.format(Locale.ROOT, "%s / %s = %.3g (range %.3g to %.3g, %s)", a, b, central, low, high, boundary.label());
        }
    }

    /** Why no ratio is given. */
    record NotComparable(String a, String b, List<String> reasons) implements EnergyComparison {
        public String describe() { return a + " vs " + b + ": no ratio: " + String.join("; ", reasons); }
    }

    String describe();

    static EnergyComparison of(EnergyEstimate a, EnergyEstimate b) {
        List<String> reasons = new ArrayList<>();
        incomplete(a, reasons);
        incomplete(b, reasons);
        if (reasons.isEmpty() && a.boundary() != b.boundary())
            reasons.add("boundaries differ (" + a.profile() + " " + a.boundary().label() + ", " + b.profile() + " " + b.boundary().label() + ")");
        if (!reasons.isEmpty()) return new NotComparable(a.profile(), b.profile(), reasons);
        double low = b.upperJoules() > 0 ? a.lowerJoules() / b.upperJoules() : Double.NaN;
        double high = b.lowerJoules() > 0 ? a.upperJoules() / b.lowerJoules() : Double.POSITIVE_INFINITY;
        return new Ratio(a.profile(), b.profile(), a.totalJoules() / b.totalJoules(), low, high, a.boundary());
    }

    private static void incomplete(EnergyEstimate e, List<String> reasons) {
        if (e.complete()) return;
        List<String> what = new ArrayList<>(e.missing());
        if (e.missing().isEmpty() && !e.hasUpperBound()) what.add("no upper bound");
        reasons.add(e.profile() + " is incomplete (" + String.join("; ", what) + ")");
    }

    /** Every pair of complete estimates at the same boundary, in list order. */
    static List<Ratio> allRatios(List<EnergyEstimate> estimates) {
        List<Ratio> out = new ArrayList<>();
        for (int i = 0; i < estimates.size(); i++)
            for (int j = i + 1; j < estimates.size(); j++)
                if (of(estimates.get(i), estimates.get(j)) instanceof Ratio r) out.add(r);
        return out;
    }
}
