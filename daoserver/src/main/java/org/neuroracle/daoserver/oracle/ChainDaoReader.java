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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    /** ProposalCanceled(uint256): the same in OpenZeppelin's Governor and GovernorBravo; the one outcome change after a decided vote. */
    static final String PROPOSAL_CANCELED_TOPIC = EventEncoder.encode(new Event("ProposalCanceled", List.of(new TypeReference<Uint256>() {})));

    /**
     * The DAO {@code eip155:<chainId>:<governor>} as of {@code asOfBlock}, with its governance parameters by view
     * calls ({@link GovernorParamsReader}). Proposals whose voting has not started at that block are listed without votes.
     *
     * @throws IllegalArgumentException when the address is no Governor this reader knows
     * @throws IOException              on RPC failures
     */
    public static ChainDao read(Web3j web3j, long chainId, String governor, long asOfBlock, int maxVotes) throws IOException {
        return readAfter(web3j, chainId, governor, asOfBlock, maxVotes, null).dao();
    }

    /** A read and what the next read needs to scan only the blocks after it. */
    public record Read(ChainDao dao, Index index) {}

    /**
     * One Governor as read at {@code block}: each proposal in {@code ProposalCreated} order with its votes, and the
     * newest parameter-setter events per contract. Held by the refresher between reads; never shared across threads.
     */
    public record Index(long block, String blockHash, List<Entry> entries, GovernorParamsReader.SetterEvents setters) {
        public Index { entries = List.copyOf(entries); }
    }

    /** One proposal as last read: its created block (for the not-started estimate), the canonical record and its votes. */
    record Entry(BigInteger id, long createdBlock, Proposal proposal, List<Vote> votes) {
        Entry { votes = List.copyOf(votes); }
    }

    /**
     * The DAO as of {@code asOfBlock}, scanning only the blocks after {@code previous.block()} (the whole chain when
     * {@code previous} is null or not older). A proposal is read again when it is new, was cancelled in those blocks,
     * or was undecided at the previous read (its votes, window and outcome can still move); a decided proposal
     * cannot change but by {@code ProposalCanceled}, so it is kept as read. When the previous block is no longer
     * canonical (a reorg), everything is read again. The result equals a whole read at the same block.
     */
    public static Read readAfter(Web3j web3j, long chainId, String governor, long asOfBlock, int maxVotes, Index previous) throws IOException {
        ChainReader chain = new ChainReader(web3j, asOfBlock);
        if (previous != null && (previous.block() >= asOfBlock || !chain.block(previous.block()).getHash().equalsIgnoreCase(previous.blockHash()))) {
            previous = null;
        }
        String dao = "eip155:" + chainId + ":" + governor.toLowerCase();
        long from = previous == null ? 0 : previous.block() + 1;
        Map<BigInteger, Entry> entries = new LinkedHashMap<>();
        Set<BigInteger> again = new LinkedHashSet<>();
        if (previous != null) {
            for (Entry e : previous.entries()) {
                entries.put(e.id(), e);
                if (e.proposal().outcome() == Outcome.PENDING) again.add(e.id());
            }
        }
        Map<BigInteger, Log> created = new LinkedHashMap<>(); // the first ProposalCreated of each new id, in log order
        for (Log log : chain.logs(governor, List.of(PROPOSAL_CREATED_TOPIC, PROPOSAL_CANCELED_TOPIC), null, null, from)) {
            String data = org.web3j.utils.Numeric.cleanHexPrefix(log.getData());
            if (data.length() < 64) continue;
            BigInteger id = new BigInteger(data.substring(0, 64), 16);
            if (log.getTopics().getFirst().equals(PROPOSAL_CANCELED_TOPIC)) {
                if (entries.containsKey(id)) again.add(id);
            } else if (data.length() >= 128 && !entries.containsKey(id)) {
                created.putIfAbsent(id, log);
            }
        }
        for (BigInteger id : again) {
            Entry e = entries.get(id);
            entries.put(id, entry(chain, chainId, governor, dao, id, e.createdBlock(), e.proposal().proposer(), maxVotes));
        }
        for (Map.Entry<BigInteger, Log> c : created.entrySet()) {
            // proposalId and proposer are the first two head words (static types); the arrays after them are not needed.
            String data = org.web3j.utils.Numeric.cleanHexPrefix(c.getValue().getData());
            entries.put(c.getKey(), entry(chain, chainId, governor, dao, c.getKey(), c.getValue().getBlockNumber().longValueExact(),
                    "0x" + data.substring(64 + 24, 128), maxVotes));
        }
        List<Proposal> proposals = new ArrayList<>();
        List<Vote> votes = new ArrayList<>();
        for (Entry e : entries.values()) {
            proposals.add(e.proposal());
            votes.addAll(e.votes());
        }
        GovernorParamsReader.SetterEvents setters = previous == null ? GovernorParamsReader.SetterEvents.none() : previous.setters();
        GovernorParamsReader.Params params = GovernorParamsReader.read(chain, governor, setters);
        ChainDao read = new ChainDao(dao, proposals, votes, asOfBlock, chain.time(asOfBlock), params.parameters(), null, null);
        return new Read(read, new Index(asOfBlock, chain.block(asOfBlock).getHash(), List.copyOf(entries.values()), params.setters()));
    }

    /** One proposal as of the chain's pinned block: its record, outcome and votes (none before voting starts). */
    private static Entry entry(ChainReader chain, long chainId, String governor, String dao, BigInteger id, long createdBlock, String proposer,
                               int maxVotes) throws IOException {
        long created = chain.time(createdBlock);
        Outcome outcome = outcome(chain, governor, id);
        VoteQuery q;
        try {
            q = GovernorReader.read(chain, chainId, governor, id, maxVotes);
        } catch (IllegalArgumentException notStarted) {
            // Voting has not started at asOfBlock (or the proposal cannot be read): listed, without votes.
            GovernorReader.Proposal p = GovernorReader.proposal(chain, governor, id);
            long start = created + Math.max(0, p.snapshotBlock() - createdBlock) * GovernorReader.SECONDS_PER_BLOCK;
            long end = start + Math.max(1, p.deadlineBlock() - p.snapshotBlock()) * GovernorReader.SECONDS_PER_BLOCK;
            return new Entry(id, createdBlock, new Proposal(dao, id.toString(), created, start, end, quorum(p.quorumWei(), p.decimals()), outcome, proposer), List.of());
        }
        List<Vote> votes = new ArrayList<>();
        for (VoteQuery.VoteEvent v : q.votes()) {
            votes.add(new Vote(dao, id.toString(), v.timestamp(), v.voter(), Choice.parse(v.choice()), new BigDecimal(v.weight())));
        }
        return new Entry(id, createdBlock, new Proposal(dao, id.toString(), created, q.voteStart(), q.voteEnd(),
                q.quorum() == null ? null : new BigDecimal(q.quorum()), outcome, proposer), votes);
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
