package org.neuroracle.daoserver;

import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.Vote;

import java.util.List;

/**
 * A DAO read from its Governor on chain (not from the imported index), served by the dashboard beside the indexed
 * ones: its proposals and their votes, in the canonical records the index holds, the governance parameters the
 * Governor's view calls returned, and the block all of it was read at.
 *
 * @param block         the block everything was read at (0: unknown, e.g. built by hand in a test)
 * @param blockTimeS    that block's timestamp (unix seconds)
 * @param parameters    the parameters read by chain calls (possibly empty), in {@link DaoParams#NAMES} order
 * @param refreshError  null while the last refresh succeeded; else the RPC's error, the data being the last good read
 * @param failingSinceS when the refreshes began failing (unix seconds), or null
 */
public record ChainDao(String dao, List<Proposal> proposals, List<Vote> votes, long block, long blockTimeS,
                       List<Parameter> parameters, String refreshError, Long failingSinceS) {
    public ChainDao {
        proposals = List.copyOf(proposals);
        votes = List.copyOf(votes);
        parameters = List.copyOf(parameters);
    }

    /** Proposals and votes only (no parameters, block unknown). */
    public ChainDao(String dao, List<Proposal> proposals, List<Vote> votes) {
        this(dao, proposals, votes, 0, 0, List.of(), null, null);
    }

    /** The same read, marked as the last good one while refreshes fail. */
    public ChainDao failing(String error, long sinceS) {
        return new ChainDao(dao, proposals, votes, block, blockTimeS, parameters, error, sinceS);
    }

    /**
     * One governance parameter as a view call returned it.
     *
     * @param name          one of {@link DaoParams#NAMES}
     * @param value         decimal string in {@code unit}
     * @param unit          {@code s} for durations, the token's symbol for amounts
     * @param contract      the contract called (the Governor, or its timelock for the timelock delay)
     * @param call          the call as made, e.g. {@code quorum(56)}, {@code votingPeriod()}
     * @param returned      the raw value the call returned (base units, blocks or seconds) with its unit
     * @param readAtBlock   the block the call was made at
     * @param sinceBlock    from when the value holds: the block of the last event that set it, else the earliest
     *                      block this node read the same value at
     * @param sinceExact    true: {@code sinceBlock} is the block of the event {@code sinceEvent}; false: the value
     *                      holds at least since {@code sinceBlock}
     * @param sinceEvent    the event that set it (e.g. {@code VotingPeriodSet}), or null
     * @param sinceTimeS    the timestamp of {@code sinceBlock}
     * @param detail        one readable line: how the value was derived
     */
    public record Parameter(String name, String value, String unit, String contract, String call, String returned,
                            long readAtBlock, long sinceBlock, boolean sinceExact, String sinceEvent, long sinceTimeS, String detail) {
        /** The same value, known to hold at least since an earlier read at {@code block} (time {@code timeS}). */
        public Parameter heldSince(long block, long timeS) {
            return new Parameter(name, value, unit, contract, call, returned, readAtBlock, block, false, null, timeS, detail);
        }
    }
}
