package org.neuroracle.forecast.model;

import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.Vote;
import org.neuroracle.forecast.encode.VoteEncoder;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What is known about a proposal at asOf: the window, the quorum (or null) and the votes cast so far (sorted).
 * Both the service (from a query) and training/evaluation (from canonical data) go through this one type, so
 * they compute identical features.
 */
public record VoteObservation(long voteStart, long voteEnd, BigDecimal quorum, long asOf, List<Cast> votes) {
    public record Cast(long timestamp, String voter, Choice choice, BigDecimal weight) {}

    public VoteObservation {
        votes = votes.stream().filter(v -> v.timestamp() <= asOf)
                .sorted(Comparator.comparingLong(Cast::timestamp).thenComparing(Cast::voter).thenComparing(Cast::choice).thenComparing(Cast::weight))
                .toList();
    }

    public static VoteObservation of(Proposal p, List<Vote> all, long asOf) {
        List<Cast> c = new ArrayList<>();
        if (all != null) for (Vote v : all) if (v.timestamp() <= asOf) c.add(new Cast(v.timestamp(), v.voter(), v.choice(), v.weight()));
        return new VoteObservation(p.voteStart(), p.voteEnd(), p.quorum(), asOf, c);
    }

    /** asOf at a fraction of the window (0 = start). */
    public static long asOfAt(Proposal p, double fraction) {
        return p.voteStart() + (long) Math.floor(fraction * p.windowSeconds());
    }

    public long windowSeconds() { return Math.max(1, voteEnd - voteStart); }

    public double elapsedFraction() { return Math.max(0, Math.min(1, (asOf - voteStart) / (double) windowSeconds())); }

    /** The unit weights are measured in: the quorum when known, else the largest single vote so far, else 1 token. */
    public BigDecimal scale() {
        if (quorum != null && quorum.signum() > 0) return quorum;
        BigDecimal max = BigDecimal.ZERO;
        for (Cast v : votes) if (v.weight().compareTo(max) > 0) max = v.weight();
        return max.signum() > 0 ? max : BigDecimal.ONE;
    }

    public BigDecimal total(Choice c) {
        BigDecimal s = BigDecimal.ZERO;
        for (Cast v : votes) if (c == null || v.choice() == c) s = s.add(v.weight());
        return s;
    }

    /** Encoder events: weights in scale units (double is fine here: the encoder only bins them). */
    public VoteEncoder.Event[] events() {
        BigDecimal scale = scale();
        VoteEncoder.Event[] e = new VoteEncoder.Event[votes.size()];
        for (int i = 0; i < e.length; i++) {
            Cast v = votes.get(i);
            e[i] = new VoteEncoder.Event(Math.max(0, v.timestamp() - voteStart), v.choice(), v.weight().divide(scale, MathContext.DECIMAL64).doubleValue());
        }
        return e;
    }
}
