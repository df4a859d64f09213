package org.neuroracle.daoserver.oracle;

import org.neuroracle.daoserver.ChainDao;
import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.data.Outcome;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.Vote;
import org.neuroracle.forecast.service.VoteQuery;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.Log;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A whole DAO read from its Governor, for the dashboard ({@code serve --rpc URL --governor ADDR}): every proposal
 * from the Governor's {@code ProposalCreated} logs, each read by the same {@link GovernorReader} the oracle node
 * uses (snapshot, deadline, quorum, votes) as of one block, with its outcome from {@code state(id)}. OpenZeppelin
 * Governor and GovernorBravo share the {@code ProposalCreated} signature.
 */
public final class ChainDaoReader {
    private ChainDaoReader() {}

    @SuppressWarnings("rawtypes")
    static final Event PROPOSAL_CREATED = new Event("ProposalCreated", List.of(new TypeReference<Uint256>() {},
            new TypeReference<Address>() {}, new TypeReference<DynamicArray<Address>>() {}, new TypeReference<DynamicArray<Uint256>>() {},
            new TypeReference<DynamicArray<Utf8String>>() {}, new TypeReference<DynamicArray<DynamicBytes>>() {},
            new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<Utf8String>() {}));
    static final String PROPOSAL_CREATED_TOPIC = EventEncoder.encode(PROPOSAL_CREATED);

    /**
     * The DAO {@code eip155:<chainId>:<governor>} as of {@code asOfBlock}, with its governance parameters by view
     * calls ({@link GovernorParamsReader}). Proposals whose voting has not started at that block are listed without votes.
     *
     * @throws IllegalArgumentException when the address is no Governor this reader knows
     * @throws IOException              on RPC failures
     */
    public static ChainDao read(Web3j web3j, long chainId, String governor, long asOfBlock, int maxVotes) throws IOException {
        ChainReader chain = new ChainReader(web3j, asOfBlock);
        String dao = "eip155:" + chainId + ":" + governor.toLowerCase();
        List<Proposal> proposals = new ArrayList<>();
        List<Vote> votes = new ArrayList<>();
        Set<BigInteger> seen = new LinkedHashSet<>();
        for (Log log : chain.logs(governor, List.of(PROPOSAL_CREATED_TOPIC), null, null, 0)) {
            // proposalId and proposer are the first two head words (static types); the arrays after them are not needed.
            String data = org.web3j.utils.Numeric.cleanHexPrefix(log.getData());
            if (data.length() < 128) continue;
            BigInteger id = new BigInteger(data.substring(0, 64), 16);
            if (!seen.add(id)) continue;
            String proposer = "0x" + data.substring(64 + 24, 128);
            long created = chain.time(log.getBlockNumber().longValueExact());
            Outcome outcome = outcome(chain, governor, id);
            VoteQuery q;
            try {
                q = GovernorReader.read(chain, chainId, governor, id, maxVotes);
            } catch (IllegalArgumentException notStarted) {
                // Voting has not started at asOfBlock (or the proposal cannot be read): listed, without votes.
                GovernorReader.Proposal p = GovernorReader.proposal(chain, governor, id);
                long start = created + Math.max(0, p.snapshotBlock() - log.getBlockNumber().longValueExact()) * GovernorReader.SECONDS_PER_BLOCK;
                long end = start + Math.max(1, p.deadlineBlock() - p.snapshotBlock()) * GovernorReader.SECONDS_PER_BLOCK;
                proposals.add(new Proposal(dao, id.toString(), created, start, end, quorum(p.quorumWei(), p.decimals()), outcome, proposer));
                continue;
            }
            proposals.add(new Proposal(dao, id.toString(), created, q.voteStart(), q.voteEnd(), q.quorum() == null ? null : new BigDecimal(q.quorum()),
                    outcome, proposer));
            for (VoteQuery.VoteEvent v : q.votes()) {
                votes.add(new Vote(dao, id.toString(), v.timestamp(), v.voter(), Choice.parse(v.choice()), new BigDecimal(v.weight())));
            }
        }
        return new ChainDao(dao, proposals, votes, asOfBlock, chain.time(asOfBlock), GovernorParamsReader.read(chain, governor), null, null);
    }

    /** {@code state(id)}: Pending 0, Active 1, Canceled 2, Defeated 3, Succeeded 4, Queued 5, Expired 6, Executed 7 (both governors). */
    static Outcome outcome(ChainReader chain, String governor, BigInteger id) throws IOException {
        List<Type> s = chain.call(governor, NeuroOracleAbi.call("state(uint256)", new Uint256(id)), GovernorReader.refs(new TypeReference<Uint8>() {}));
        if (s == null) return Outcome.PENDING;
        return switch (GovernorReader.num(s.get(0)).intValueExact()) {
            case 2 -> Outcome.CANCELLED;
            case 3 -> Outcome.DEFEATED;
            case 4, 5, 6, 7 -> Outcome.PASSED; // the vote passed (Expired: passed, never queued in time)
            default -> Outcome.PENDING;
        };
    }

    private static BigDecimal quorum(BigInteger wei, int decimals) {
        return wei.signum() > 0 ? new BigDecimal(GovernorReader.tokens(wei, decimals)) : null;
    }
}
