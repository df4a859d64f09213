package org.neuroracle.forecast.data;

import java.math.BigDecimal;

/** One row of the canonical {@code votes.csv}: weight is a token amount (wei already divided out). */
public record Vote(String dao, String proposalId, long timestamp, String voter, Choice choice, BigDecimal weight) {
    public Vote {
        if (choice == null) throw new IllegalArgumentException("choice: required");
        if (weight == null || weight.signum() < 0) throw new IllegalArgumentException("weight: must be a non-negative amount");
    }

    public String proposalKey() { return dao + "\u0000" + proposalId; }
}
