package org.neuroracle.forecast.service;

import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.data.Decimals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A vote forecast request: what is known about one proposal at {@code asOf} (unix seconds). {@code quorum} and
 * every {@code weight} are decimal token amounts as strings (never binary floats, so the hash is exact).
 * {@link #validate()} throws {@link IllegalArgumentException} whose message starts with the JSON field path.
 */
public record VoteQuery(String dao, String proposalId, long voteStart, long voteEnd, String quorum, long asOf,
                        List<VoteEvent> votes) {

    public VoteQuery {
        votes = votes == null ? null : List.copyOf(votes);
    }

    /** One cast vote: choice is for, against or abstain. */
    public record VoteEvent(long timestamp, String voter, String choice, String weight) {}

    /** The 10 kB of a typical request stays far below this; the bound keeps one request from starving a worker. */
    public static final int MAX_VOTES = 100_000;

    public VoteQuery validate() {
        validateWindow();
        for (int i = 0; i < votes.size(); i++) validVote(i);
        return this;
    }

    /** Everything {@link #validate()} checks before the votes. */
    private void validateWindow() {
        if (dao == null || dao.isBlank()) throw new IllegalArgumentException("dao: required");
        if (proposalId == null || proposalId.isBlank()) throw new IllegalArgumentException("proposalId: required");
        if (voteStart < 0) throw new IllegalArgumentException("voteStart: must be unix seconds >= 0, got " + voteStart);
        if (voteEnd <= voteStart) throw new IllegalArgumentException("voteEnd: must be after voteStart (" + voteStart + "), got " + voteEnd);
        if (asOf < voteStart) throw new IllegalArgumentException("asOf: must be at or after voteStart (" + voteStart + "), got " + asOf);
        if (quorum != null) {
            BigDecimal q = amount(quorum, "quorum");
            if (q.signum() <= 0) throw new IllegalArgumentException("quorum: must be positive, got " + quorum);
        }
        if (votes == null) throw new IllegalArgumentException("votes: required (may be empty)");
        if (votes.size() > MAX_VOTES) throw new IllegalArgumentException("votes: at most " + MAX_VOTES + " votes, got " + votes.size());
    }

    /** Vote i checked as {@link #validate()} checks it, parsed once: stripped voter, choice, canonical weight. */
    private ParsedVote validVote(int i) {
        VoteEvent v = votes.get(i);
        if (v == null) throw new IllegalArgumentException("votes[" + i + "]: null");
        if (v.timestamp() < voteStart || v.timestamp() > asOf)
            throw new IllegalArgumentException("votes[" + i + "].timestamp: " + v.timestamp() + " is outside voteStart..asOf (" + voteStart + ".." + asOf + ")");
        if (v.voter() == null || v.voter().isBlank()) throw new IllegalArgumentException("votes[" + i + "].voter: required");
        Choice c = Choice.parse(v.choice());
        if (c == null) throw new IllegalArgumentException("votes[" + i + "].choice: must be for, against or abstain, got " + v.choice());
        BigDecimal w = amount(v.weight(), "votes[" + i + "].weight");
        if (w.signum() < 0) throw new IllegalArgumentException("votes[" + i + "].weight: must not be negative, got " + v.weight());
        return new ParsedVote(v.timestamp(), v.voter().strip(), c, Decimals.canonical(w));
    }

    /** One validated vote: voter stripped, weight in canonical form (what the hash and the forecast both use). */
    public record ParsedVote(long timestamp, String voter, Choice choice, BigDecimal weight) {}

    /** The validated query's {@link #canonicalBytes()} and its votes parsed once, in request order. */
    public record Canonical(byte[] bytes, List<ParsedVote> votes) {}

    /** {@link #canonicalBytes()} with the parsed votes, so a forecast parses each weight once instead of three times. */
    public Canonical canonical() {
        validateWindow();
        List<ParsedVote> parsed = new ArrayList<>(votes.size());
        for (int i = 0; i < votes.size(); i++) parsed.add(validVote(i));
        return new Canonical(canonicalBytes(parsed), parsed);
    }

    private static BigDecimal amount(String s, String field) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException(field + ": required decimal amount");
        try {
            return Decimals.parse(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + s + "' is not a decimal amount");
        }
    }

    public BigDecimal quorumAmount() { return quorum == null ? null : Decimals.canonical(Decimals.parse(quorum)); }

    /**
     * The canonical bytes hashed into {@code inputHash}: one line per field, votes sorted by (timestamp, voter,
     * choice, weight) with amounts in plain canonical decimal form, so equivalent requests hash alike.
     */
    public byte[] canonicalBytes() { return canonical().bytes(); }

    private byte[] canonicalBytes(List<ParsedVote> parsed) {
        StringBuilder sb = new StringBuilder("neuroracle-vote-query/1\n");
        sb.append("dao=").append(escape(dao)).append('\n');
        sb.append("proposalId=").append(escape(proposalId)).append('\n');
        sb.append("voteStart=").append(voteStart).append('\n');
        sb.append("voteEnd=").append(voteEnd).append('\n');
        sb.append("quorum=").append(quorum == null ? "" : Decimals.text(quorumAmount())).append('\n');
        sb.append("asOf=").append(asOf).append('\n');
        List<Row> rows = new ArrayList<>(parsed.size());
        for (ParsedVote v : parsed) rows.add(new Row(v.timestamp(), v.voter(), v.choice().label(), v.weight().toPlainString())); // canonical already
        rows.sort(null);
        for (Row r : rows) sb.append("vote=").append(r.timestamp).append(',').append(escape(r.voter)).append(',').append(r.choice).append(',').append(r.weight).append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One canonical vote line's fields, ordered by (timestamp, voter, choice, weight) as the hashed text is. */
    private record Row(long timestamp, String voter, String choice, String weight) implements Comparable<Row> {
        @Override public int compareTo(Row o) {
            int c = Long.compare(timestamp, o.timestamp);
            if (c == 0) c = voter.compareTo(o.voter);
            if (c == 0) c = choice.compareTo(o.choice);
            return c != 0 ? c : weight.compareTo(o.weight);
        }
    }

    static String escape(String s) {
        return s.strip().replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,");
    }
}
