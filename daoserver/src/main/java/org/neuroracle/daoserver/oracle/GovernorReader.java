package org.neuroracle.daoserver.oracle;

import org.neuroracle.forecast.data.Decimals;
import org.neuroracle.forecast.service.VoteQuery;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.Log;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a proposal's canonical {@link VoteQuery} from a Governor's own state as of the pinned block: the
 * proposal's snapshot and deadline, the quorum and the token's decimals by view calls, the votes from
 * {@code VoteCast} / {@code VoteCastWithParams} logs. OpenZeppelin Governor (GovernorCountingSimple, block-number
 * clock, votes-quorum fraction) and Compound GovernorBravo are read; their vote events have the same signature.
 *
 * <p>Times: votes and asOf are the timestamps of their blocks; a deadline past the pinned block has no timestamp yet,
 * so it is placed {@link #SECONDS_PER_BLOCK} per block after the pinned block (every node computes the same).
 */
public final class GovernorReader {
    /** Ethereum mainnet's slot time since the merge. */
    public static final long SECONDS_PER_BLOCK = 12;

    @SuppressWarnings("rawtypes")
    static final Event VOTE_CAST = new Event("VoteCast", List.of(new TypeReference<Address>(true) {},
            new TypeReference<Uint256>() {}, new TypeReference<Uint8>() {}, new TypeReference<Uint256>() {},
            new TypeReference<Utf8String>() {}));
    @SuppressWarnings("rawtypes")
    static final Event VOTE_CAST_WITH_PARAMS = new Event("VoteCastWithParams", List.of(new TypeReference<Address>(true) {},
            new TypeReference<Uint256>() {}, new TypeReference<Uint8>() {}, new TypeReference<Uint256>() {},
            new TypeReference<Utf8String>() {}, new TypeReference<DynamicBytes>() {}));
    static final String VOTE_CAST_TOPIC = EventEncoder.encode(VOTE_CAST);
    static final String VOTE_CAST_WITH_PARAMS_TOPIC = EventEncoder.encode(VOTE_CAST_WITH_PARAMS);

    private GovernorReader() {}

    /** What the Governor says about the proposal at the pinned block. */
    record Proposal(String flavour, long snapshotBlock, long deadlineBlock, BigInteger quorumWei, int decimals) {}

    /**
     * @throws IllegalArgumentException when the governor or proposal cannot be forecast (unknown proposal, voting not
     *                                  started, a timestamp clock, more than maxVotes votes): the request is rejected
     * @throws IOException              on RPC failures (transient: retried)
     */
    public static VoteQuery read(ChainReader chain, long chainId, String governor, BigInteger proposalId, int maxVotes) throws IOException {
        Proposal p = proposal(chain, governor, proposalId);
        long asOf = chain.asOfBlock();
        if (asOf <= p.snapshotBlock()) {
            throw new IllegalArgumentException("proposalId: voting on proposal " + proposalId + " has not started at block " + asOf
                    + " (snapshot block " + p.snapshotBlock() + ")");
        }
        List<VoteQuery.VoteEvent> votes = new ArrayList<>();
        for (Log log : chain.logs(governor, List.of(VOTE_CAST_TOPIC, VOTE_CAST_WITH_PARAMS_TOPIC), null, null, p.snapshotBlock() + 1)) {
            Event e = log.getTopics().get(0).equals(VOTE_CAST_TOPIC) ? VOTE_CAST : VOTE_CAST_WITH_PARAMS;
            @SuppressWarnings("rawtypes")
            List<Type> d = FunctionReturnDecoder.decode(log.getData(), e.getNonIndexedParameters());
            if (d.size() < 3 || !((BigInteger) d.get(0).getValue()).equals(proposalId)) continue;
            int support = ((BigInteger) d.get(1).getValue()).intValueExact();
            String choice = switch (support) {
                case 0 -> "against";
                case 1 -> "for";
                case 2 -> "abstain";
                default -> throw new IllegalArgumentException("governor: vote with support " + support + " (not GovernorCountingSimple)");
            };
            if (votes.size() >= maxVotes) {
                throw new IllegalArgumentException("proposalId: more than " + maxVotes + " votes up to block " + asOf);
            }
            String voter = "0x" + log.getTopics().get(1).substring(26);
            votes.add(new VoteQuery.VoteEvent(chain.time(log.getBlockNumber().longValueExact()), voter, choice,
                    tokens((BigInteger) d.get(2).getValue(), p.decimals())));
        }
        long asOfTime = chain.time(asOf);
        long start = chain.time(p.snapshotBlock());
        long end = p.deadlineBlock() <= asOf ? chain.time(p.deadlineBlock()) : asOfTime + (p.deadlineBlock() - asOf) * SECONDS_PER_BLOCK;
        String quorum = p.quorumWei().signum() > 0 ? tokens(p.quorumWei(), p.decimals()) : null;
        return new VoteQuery("eip155:" + chainId + ":" + governor.toLowerCase(), proposalId.toString(), start,
                Math.max(end, start + 1), quorum, asOfTime, votes).validate();
    }

    static Proposal proposal(ChainReader chain, String governor, BigInteger proposalId) throws IOException {
        List<Type> snap = chain.call(governor, NeuroOracleAbi.call("proposalSnapshot(uint256)", new Uint256(proposalId)), uints(1));
        if (snap != null) {
            long snapshot = num(snap.get(0)).longValueExact();
            if (snapshot == 0) throw new IllegalArgumentException("proposalId: governor " + governor + " has no proposal " + proposalId);
            List<Type> mode = chain.call(governor, NeuroOracleAbi.call("CLOCK_MODE()"), refs(new TypeReference<Utf8String>() {}));
            if (mode != null && !mode.get(0).getValue().toString().contains("mode=blocknumber")) {
                throw new IllegalArgumentException("governor: clock " + mode.get(0).getValue() + " is not supported (block-number clocks only)");
            }
            long deadline = num(chain.call(governor, NeuroOracleAbi.call("proposalDeadline(uint256)", new Uint256(proposalId)), uints(1)).get(0)).longValueExact();
            List<Type> q = chain.call(governor, NeuroOracleAbi.call("quorum(uint256)", new Uint256(BigInteger.valueOf(snapshot))), uints(1));
            List<Type> token = chain.call(governor, NeuroOracleAbi.call("token()"), refs(new TypeReference<Address>() {}));
            return new Proposal("openzeppelin", snapshot, deadline, q == null ? BigInteger.ZERO : num(q.get(0)),
                    token == null ? 18 : decimals(chain, token.get(0).toString()));
        }
        // Compound GovernorBravo: proposals(id) = (id, proposer, eta, startBlock, endBlock, for, against, abstain, canceled, executed)
        List<Type> bravo = chain.call(governor, NeuroOracleAbi.call("proposals(uint256)", new Uint256(proposalId)), refs(
                new TypeReference<Uint256>() {}, new TypeReference<Address>() {}, new TypeReference<Uint256>() {},
                new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {},
                new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<Bool>() {},
                new TypeReference<Bool>() {}));
        if (bravo == null) throw new IllegalArgumentException("governor: " + governor + " is neither an OpenZeppelin Governor nor a GovernorBravo");
        if (num(bravo.get(0)).signum() == 0) throw new IllegalArgumentException("proposalId: governor " + governor + " has no proposal " + proposalId);
        List<Type> q = chain.call(governor, NeuroOracleAbi.call("quorumVotes()"), uints(1));
        List<Type> comp = chain.call(governor, NeuroOracleAbi.call("comp()"), refs(new TypeReference<Address>() {}));
        // Bravo counts votes from startBlock's checkpoint: startBlock plays the snapshot's part.
        return new Proposal("bravo", num(bravo.get(3)).longValueExact(), num(bravo.get(4)).longValueExact(),
                q == null ? BigInteger.ZERO : num(q.get(0)), comp == null ? 18 : decimals(chain, comp.get(0).toString()));
    }

    static int decimals(ChainReader chain, String token) throws IOException {
        List<Type> d = chain.call(token, NeuroOracleAbi.call("decimals()"), refs(new TypeReference<Uint8>() {}));
        return d == null ? 18 : num(d.get(0)).intValueExact();
    }

    /** Base units to canonical decimal token text (never exponent notation). */
    static String tokens(BigInteger wei, int decimals) {
        return Decimals.text(new BigDecimal(wei).movePointLeft(decimals));
    }

    @SuppressWarnings("rawtypes")
    static BigInteger num(Type t) { return (BigInteger) t.getValue(); }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<TypeReference<Type>> uints(int n) {
        List l = new ArrayList();
        for (int i = 0; i < n; i++) l.add(new TypeReference<Uint256>() {});
        return l;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<TypeReference<Type>> refs(TypeReference<?>... r) { return (List) List.of(r); }
}
