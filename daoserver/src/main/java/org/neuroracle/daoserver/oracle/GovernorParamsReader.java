package org.neuroracle.daoserver.oracle;

import org.neuroracle.daoserver.ChainDao;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.Log;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Governor's governance parameters by view calls at one block, each with the call, the contract and since when
 * it holds: OpenZeppelin Governor ({@code quorum(timepoint)}, {@code votingDelay()}, {@code votingPeriod()},
 * {@code proposalThreshold()}, the timelock's {@code getMinDelay()}) and GovernorBravo ({@code quorumVotes()}, the
 * same three getters, the Compound Timelock's {@code delay()}). "Since" is the block of the last event that set the
 * value ({@code QuorumNumeratorUpdated}, {@code VotingDelaySet}, {@code VotingPeriodSet},
 * {@code ProposalThresholdSet}, {@code MinDelayChange} / {@code NewDelay}); where the chain has no such event (Bravo's
 * constant quorum), the value holds at least since the block it was read at. A parameter the contract does not
 * answer is left out.
 */
final class GovernorParamsReader {
    private GovernorParamsReader() {}

    private static final String VOTING_DELAY_SET = topic("VotingDelaySet");
    private static final String VOTING_PERIOD_SET = topic("VotingPeriodSet");
    private static final String PROPOSAL_THRESHOLD_SET = topic("ProposalThresholdSet");
    private static final String QUORUM_NUMERATOR_UPDATED = topic("QuorumNumeratorUpdated");
    private static final String MIN_DELAY_CHANGE = topic("MinDelayChange");
    /** Compound Timelock: {@code NewDelay(uint256 indexed newDelay)}. */
    private static final String NEW_DELAY = EventEncoder.encode(new Event("NewDelay", List.of(new TypeReference<Uint256>(true) {})));

    /** {@code name(uint256 old, uint256 new)}: the shape of every setter event here but Compound's NewDelay. */
    private static String topic(String name) {
        return EventEncoder.encode(new Event(name, List.of(new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {})));
    }

    static List<ChainDao.Parameter> read(ChainReader chain, String governor) throws IOException {
        return read(chain, governor, SetterEvents.none()).parameters();
    }

    /** The parameters and the setter events seen up to the read's block (for the next read to scan only newer blocks). */
    record Params(List<ChainDao.Parameter> parameters, SetterEvents setters) {}

    /**
     * The newest setter log of each topic per contract (lower-case address), from logs scanned up to {@code block};
     * immutable, so a failed read leaves the previous one intact.
     */
    record SetterEvents(long block, Map<String, Map<String, Log>> byContract) {
        SetterEvents { byContract = Map.copyOf(byContract); }

        static SetterEvents none() { return new SetterEvents(-1, Map.of()); }
    }

    /** As {@link #read(ChainReader, String)}, scanning setter logs only after {@code known.block()}. */
    static Params read(ChainReader chain, String governor, SetterEvents known) throws IOException {
        long at = chain.asOfBlock();
        if (known.block() >= at) known = SetterEvents.none();
        Map<String, Map<String, Log>> seen = new HashMap<>();
        // The latest setter event of each kind, by topic.
        Map<String, Log> last = latest(chain, governor, known, seen, List.of(VOTING_DELAY_SET, VOTING_PERIOD_SET, PROPOSAL_THRESHOLD_SET, QUORUM_NUMERATOR_UPDATED));
        String token = address(chain, governor, "token()");
        if (token == null) token = address(chain, governor, "comp()");
        int decimals = token == null ? 18 : GovernorReader.decimals(chain, token);
        String symbol = token == null ? null : string(chain, token, "symbol()");
        String unit = symbol == null || symbol.isBlank() ? "tokens" : symbol;
        List<Type> mode = chain.call(governor, NeuroOracleAbi.call("CLOCK_MODE()"), GovernorReader.refs(new TypeReference<Utf8String>() {}));
        boolean timestampClock = mode != null && mode.get(0).getValue().toString().contains("mode=timestamp");

        List<ChainDao.Parameter> out = new ArrayList<>();
        // Quorum: OpenZeppelin's quorum(timepoint) needs a past timepoint; Bravo's quorumVotes() is a constant.
        long timepoint = timestampClock ? chain.time(at) - 1 : at - 1;
        BigInteger q = uint(chain, governor, NeuroOracleAbi.call("quorum(uint256)", new Uint256(BigInteger.valueOf(Math.max(0, timepoint)))));
        if (q != null) {
            BigInteger num = uint(chain, governor, NeuroOracleAbi.call("quorumNumerator()"));
            BigInteger den = uint(chain, governor, NeuroOracleAbi.call("quorumDenominator()"));
            String fraction = num != null && den != null ? "quorumNumerator() / quorumDenominator() = " + num + " / " + den + " of the votes supply at "
                    + (timestampClock ? "time " : "block ") + timepoint : "the Governor's quorum at " + timepoint;
            out.add(param(chain, "quorum", GovernorReader.tokens(q, decimals), unit, governor, "quorum(" + timepoint + ")", q + " base units (" + decimals + " decimals)",
                    last.get(QUORUM_NUMERATOR_UPDATED), "QuorumNumeratorUpdated", fraction + "; the supply moves it, the numerator's event dates it"));
        } else {
            BigInteger bravo = uint(chain, governor, NeuroOracleAbi.call("quorumVotes()"));
            if (bravo != null)
                out.add(param(chain, "quorum", GovernorReader.tokens(bravo, decimals), unit, governor, "quorumVotes()", bravo + " base units (" + decimals + " decimals)",
                        null, null, "GovernorBravo's constant quorumVotes(); no event sets it"));
        }
        String clockUnit = timestampClock ? "s" : "blocks";
        duration(chain, out, "votingDelaySeconds", governor, "votingDelay()", clockUnit, last.get(VOTING_DELAY_SET), "VotingDelaySet");
        duration(chain, out, "votingPeriodSeconds", governor, "votingPeriod()", clockUnit, last.get(VOTING_PERIOD_SET), "VotingPeriodSet");
        BigInteger threshold = uint(chain, governor, NeuroOracleAbi.call("proposalThreshold()"));
        if (threshold != null)
            out.add(param(chain, "proposalThreshold", GovernorReader.tokens(threshold, decimals), unit, governor, "proposalThreshold()",
                    threshold + " base units (" + decimals + " decimals)", last.get(PROPOSAL_THRESHOLD_SET), "ProposalThresholdSet", "votes needed to propose"));
        String timelock = address(chain, governor, "timelock()");
        if (timelock != null && !timelock.equals("0x0000000000000000000000000000000000000000")) {
            Map<String, Log> tl = latest(chain, timelock, known, seen, List.of(MIN_DELAY_CHANGE, NEW_DELAY));
            BigInteger d = uint(chain, timelock, NeuroOracleAbi.call("getMinDelay()"));
            if (d != null)
                out.add(param(chain, "timelockDelaySeconds", d.toString(), "s", timelock, "getMinDelay()", d + " s", tl.get(MIN_DELAY_CHANGE), "MinDelayChange",
                        "the TimelockController named by the Governor's timelock()"));
            else if ((d = uint(chain, timelock, NeuroOracleAbi.call("delay()"))) != null)
                out.add(param(chain, "timelockDelaySeconds", d.toString(), "s", timelock, "delay()", d + " s", tl.get(NEW_DELAY), "NewDelay",
                        "the Compound Timelock named by the Governor's timelock()"));
        }
        return new Params(out, new SetterEvents(at, seen));
    }

    private static void duration(ChainReader chain, List<ChainDao.Parameter> out, String name, String governor, String call, String clockUnit,
                                 Log event, String eventName) throws IOException {
        BigInteger v = uint(chain, governor, NeuroOracleAbi.call(call));
        if (v == null) return;
        boolean blocks = clockUnit.equals("blocks");
        String seconds = blocks ? v.multiply(BigInteger.valueOf(GovernorReader.SECONDS_PER_BLOCK)).toString() : v.toString();
        String returned = v + " " + (blocks && v.equals(BigInteger.ONE) ? "block" : clockUnit);
        out.add(param(chain, name, seconds, "s", governor, call, returned, event, eventName,
                blocks ? v + " blocks of the Governor's block-number clock at " + GovernorReader.SECONDS_PER_BLOCK + " s per block" : "the Governor's timestamp clock, in seconds"));
    }

    private static ChainDao.Parameter param(ChainReader chain, String name, String value, String unit, String contract, String call, String returned,
                                            Log event, String eventName, String detail) throws IOException {
        long at = chain.asOfBlock();
        long since = event == null ? at : event.getBlockNumber().longValueExact();
        return new ChainDao.Parameter(name, value, unit, contract.toLowerCase(), call, returned, at, since, event != null,
                event == null ? null : eventName, chain.time(since), detail);
    }

    /**
     * The newest log of each topic0 the contract emitted up to the pinned block: those {@code known} holds for the
     * contract, updated by the logs after {@code known.block()} (all logs for a contract not seen before), recorded in {@code seen}.
     */
    private static Map<String, Log> latest(ChainReader chain, String contract, SetterEvents known, Map<String, Map<String, Log>> seen,
                                           List<String> topics) throws IOException {
        String key = contract.toLowerCase();
        Map<String, Log> before = known.byContract().get(key);
        Map<String, Log> out = new HashMap<>(before == null ? Map.of() : before);
        for (Log l : chain.logs(contract, topics, null, null, before == null ? 0 : known.block() + 1)) {
            out.put(l.getTopics().getFirst(), l); // oldest first: the last one wins
        }
        seen.put(key, Map.copyOf(out));
        return out;
    }

    private static BigInteger uint(ChainReader chain, String to, String data) throws IOException {
        List<Type> r = chain.call(to, data, GovernorReader.uints(1));
        return r == null ? null : GovernorReader.num(r.get(0));
    }

    private static String address(ChainReader chain, String to, String signature) throws IOException {
        List<Type> r = chain.call(to, NeuroOracleAbi.call(signature), GovernorReader.refs(new TypeReference<Address>() {}));
        return r == null ? null : r.get(0).toString();
    }

    private static String string(ChainReader chain, String to, String signature) throws IOException {
        List<Type> r = chain.call(to, NeuroOracleAbi.call(signature), GovernorReader.refs(new TypeReference<Utf8String>() {}));
        return r == null ? null : r.get(0).getValue().toString();
    }
}
