package org.neuroracle.forecast.data;

import java.math.BigDecimal;

/**
 * One row of the canonical {@code proposals.csv}. Times are unix seconds; {@code quorum} is a token amount or
 * null when the contract's rule is not known; {@code proposer} (optional last column) is the proposing address or
 * author, or null when the source does not say (the vote forecaster's proposer-record feature needs it).
 */
public record Proposal(String dao, String proposalId, long created, long voteStart, long voteEnd, BigDecimal quorum,
                       Outcome outcome, String proposer) {
    public Proposal(String dao, String proposalId, long created, long voteStart, long voteEnd, BigDecimal quorum, Outcome outcome) {
        this(dao, proposalId, created, voteStart, voteEnd, quorum, outcome, null);
    }

    public Proposal {
        if (dao == null || dao.isBlank()) throw new IllegalArgumentException("dao: required");
        if (proposalId == null || proposalId.isBlank()) throw new IllegalArgumentException("proposal_id: required");
        if (voteEnd < voteStart) throw new IllegalArgumentException("proposal " + dao + "/" + proposalId + ": vote_end " + voteEnd + " is before vote_start " + voteStart);
        if (quorum != null && quorum.signum() < 0) throw new IllegalArgumentException("proposal " + dao + "/" + proposalId + ": quorum is negative");
        if (outcome == null) throw new IllegalArgumentException("proposal " + dao + "/" + proposalId + ": outcome required");
        if (proposer != null && proposer.isBlank()) proposer = null;
    }

    public String key() { return dao + "\u0000" + proposalId; }

    public long windowSeconds() { return Math.max(1, voteEnd - voteStart); }
}
