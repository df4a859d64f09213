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

    /** The votes' order: (timestamp, voter, choice, weight). */
    private static final Comparator<Cast> ORDER = (a, b) -> {
        int c = Long.compare(a.timestamp(), b.timestamp());
        if (c == 0) c = a.voter().compareTo(b.voter());
        if (c == 0) c = a.choice().compareTo(b.choice());
        return c != 0 ? c : a.weight().compareTo(b.weight());
    };

    public VoteObservation {
        List<Cast> kept = new ArrayList<>(votes.size());
        for (Cast v : votes) if (v.timestamp() <= asOf) kept.add(v);
        kept.sort(ORDER); // stable, as the stream's sort was
        votes = java.util.Collections.unmodifiableList(kept);
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

    /** The spike encoding of this observation. */
    public org.neuroracle.forecast.encode.InputSpikes encode(VoteEncoder enc) {
        return enc.encode(events(), windowSeconds(), asOf - voteStart, quorum != null && quorum.signum() > 0);
    }

    /** The current for-share (for / (for + against)), or 0.5 before any for/against weight: the share readout's anchor. */
    public double shareAnchor() {
        BigDecimal f = total(Choice.FOR), a = total(Choice.AGAINST);
        return f.add(a).signum() == 0 ? 0.5 : f.divide(f.add(a), MathContext.DECIMAL64).doubleValue();
    }

    /** log10 of the weight cast so far in scale units, floored at -4: the turnout readout's anchor. */
    public double turnoutAnchor() {
        double c = total(null).divide(scale(), MathContext.DECIMAL64).doubleValue();
        return StrictMath.log10(Math.max(1e-4, c));
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
