package org.neuroracle.daoserver;

import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.Vote;

import java.util.List;

/**
 * A DAO read from its Governor on chain (not from the imported index), served by the dashboard beside the indexed
 * ones: its proposals and their votes, in the canonical records the index holds.
 */
public record ChainDao(String dao, List<Proposal> proposals, List<Vote> votes) {
    public ChainDao {
        proposals = List.copyOf(proposals);
        votes = List.copyOf(votes);
    }
}
