package org.neuroracle.forecast.importers;

import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.data.Csv;
import org.neuroracle.forecast.data.DataException;
import org.neuroracle.forecast.data.Decimals;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Outcome;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.Vote;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports one CSV of decoded contract event logs (one row per event, an {@code event_name} column, the event's
 * arguments as columns, {@code block_number} and, where known, {@code timestamp}). Multi-line quoted fields
 * (proposal descriptions) are handled by Commons CSV. Block numbers become times by {@link BlockClock}.
 * <p>Outcome labels (the rule of the data README): a cancelled proposal is {@code cancelled}; one that was queued
 * (or executed, for contracts without a queue) {@code passed}; one whose vote ended before the last logged event
 * without being queued {@code defeated}; otherwise {@code pending}.
 */
public final class EventLogImporter {
    /** Event and column names, support encoding and default quorum of one contract family. */
    public record Dialect(GovernanceFormat format, String defaultDao, String created, List<String> votes,
                          String queued, String executed, String canceled, List<String> createdId, List<String> voteId,
                          List<String> start, List<String> end, List<String> support, List<String> weight,
                          BigDecimal defaultQuorum, boolean startIsEventBlock) {
        public static Dialect of(GovernanceFormat f) {
            List<String> id = List.of("id", "proposalId", "voteId");
            List<String> weight = List.of("votes", "weight", "votingPower", "stake");
            List<String> support = List.of("support", "supports");
            return switch (f) {
                // GovernorAlpha/Bravo quorumVotes() = 400,000 COMP (README of the shared data).
                case COMPOUND_BRAVO -> new Dialect(f, "compound", "ProposalCreated", List.of("VoteCast"), "ProposalQueued", "ProposalExecuted", "ProposalCanceled",
                        id, List.of("proposalId", "id"), List.of("startBlock"), List.of("endBlock"), support, weight, new BigDecimal("400000"), false);
                case COMPOUND_ALPHA -> new Dialect(f, "compound", "ProposalCreated", List.of("VoteCast"), "ProposalQueued", "ProposalExecuted", "ProposalCanceled",
                        id, List.of("proposalId", "id"), List.of("startBlock"), List.of("endBlock"), support, weight, new BigDecimal("400000"), false);
                case OZ_GOVERNOR -> new Dialect(f, "oz-governor", "ProposalCreated", List.of("VoteCast", "VoteCastWithParams"), "ProposalQueued", "ProposalExecuted", "ProposalCanceled",
                        List.of("proposalId", "id"), List.of("proposalId", "id"), List.of("voteStart", "startBlock"), List.of("voteEnd", "endBlock"), support, weight, null, false);
                case AAVE_V2 -> new Dialect(f, "aave", "ProposalCreated", List.of("VoteEmitted"), "ProposalQueued", "ProposalExecuted", "ProposalCanceled",
                        id, List.of("id", "proposalId"), List.of("startBlock"), List.of("endBlock"), support, weight, null, false);
                case ARAGON -> new Dialect(f, "aragon", "StartVote", List.of("CastVote"), null, "ExecuteVote", null,
                        List.of("voteId", "id"), List.of("voteId", "id"), List.of(), List.of(), support, weight, null, true);
                default -> throw new IllegalArgumentException(f.id() + " is not an event-log format");
            };
        }
    }

    private final Dialect d;

    public EventLogImporter(Dialect d) { this.d = d; }

    private record Created(String id, long line, long createdBlock, long created, long startBlock, long endBlock,
                           boolean startIsTime, boolean endIsTime) {}

    private record RawVote(String id, long line, long block, long time, String voter, Choice choice, BigDecimal weight) {}

    public ImportResult read(Path file, ImportOptions o) {
        String dao = o.dao() != null ? o.dao() : d.defaultDao();
        BlockClock clock = new BlockClock();
        Map<String, Created> created = new LinkedHashMap<>();
        List<RawVote> raw = new ArrayList<>();
        Set<String> queued = new HashSet<>(), executed = new HashSet<>(), canceled = new HashSet<>();
        long[] lastTime = {Long.MIN_VALUE};
        long[] voteEvents = {0}, createdEvents = {0};
        Csv.read(file, ',', r -> {
            String ev = r.get("event_name");
            long block = r.has("block_number") && !r.get("block_number").isEmpty() ? r.longValue("block_number") : -1;
            long time = Long.MIN_VALUE;
            if (r.has("timestamp") && !r.get("timestamp").isEmpty()) {
                try { time = Timestamps.parse(r.get("timestamp")); } catch (RuntimeException e) { throw r.error("timestamp", "'" + r.get("timestamp") + "' is not an ISO date-time or unix time"); }
                if (block >= 0) clock.observe(block, time);
                lastTime[0] = Math.max(lastTime[0], time);
            }
            if (ev.equals(d.created())) {
                createdEvents[0]++;
                String id = id(r, d.createdId());
                if (created.containsKey(id)) throw r.error(d.createdId().getFirst(), "proposal " + id + " is created twice");
                long sb, eb;
                boolean sTime = false, eTime = false;
                if (d.startIsEventBlock()) {
                    sb = block;
                    eb = -1;
                } else {
                    sb = longOf(r, d.start());
                    eb = longOf(r, d.end());
                    // OpenZeppelin governors on a timestamp clock (ERC-6372) log seconds instead of blocks.
                    sTime = sb > 1_000_000_000L;
                    eTime = eb > 1_000_000_000L;
                }
                created.put(id, new Created(id, r.line(), block, time, sb, eb, sTime, eTime));
            } else if (d.votes().contains(ev)) {
                voteEvents[0]++;
                String id = id(r, d.voteId());
                String voter = r.get("voter");
                if (voter.isEmpty()) throw r.error("voter", "empty");
                raw.add(new RawVote(id, r.line(), block, time, voter, choice(r), weight(r, o.decimals())));
            } else if (ev.equals(d.queued())) queued.add(id(r, d.createdId()));
            else if (ev.equals(d.executed())) executed.add(id(r, d.createdId()));
            else if (ev.equals(d.canceled())) canceled.add(id(r, d.createdId()));
        });
        if (created.isEmpty()) throw new DataException(file + ": no " + d.created() + " events: is this a " + d.format().id() + " log?");
        String where = file.toString();
        BigDecimal quorum = o.quorum() != null ? o.quorum() : d.defaultQuorum();
        List<Proposal> proposals = new ArrayList<>();
        Map<String, Proposal> byId = new LinkedHashMap<>();
        for (Created c : created.values()) {
            String at = where + ":" + c.line();
            long createdAt = c.created() != Long.MIN_VALUE ? c.created() : clock.timeOf(c.createdBlock(), at);
            long start = c.startIsTime() ? c.startBlock() : c.startBlock() < 0 ? createdAt : clock.timeOf(c.startBlock(), at);
            long end = d.startIsEventBlock() ? start + o.voteDurationSeconds() : c.endIsTime() ? c.endBlock() : clock.timeOf(c.endBlock(), at);
            Outcome outcome;
            if (canceled.contains(c.id())) outcome = Outcome.CANCELLED;
            else if (queued.contains(c.id()) || executed.contains(c.id())) outcome = Outcome.PASSED; // executed implies queued
            else if (end < lastTime[0]) outcome = Outcome.DEFEATED;
            else outcome = Outcome.PENDING;
            Proposal p = new Proposal(dao, c.id(), createdAt, start, Math.max(start, end), quorum, outcome);
            proposals.add(p);
            byId.put(c.id(), p);
        }
        List<Vote> votes = new ArrayList<>();
        long orphan = 0;
        for (RawVote v : raw) {
            if (!byId.containsKey(v.id())) { orphan++; continue; }
            long t = v.time() != Long.MIN_VALUE ? v.time() : clock.timeOf(v.block(), where + ":" + v.line());
            votes.add(new Vote(dao, v.id(), t, v.voter(), v.choice(), v.weight()));
        }
        List<String> notes = new ArrayList<>();
        if (orphan > 0) notes.add(orphan + " vote(s) for proposals created before this log began were left out");
        if (quorum == null) notes.add("quorum unknown for " + d.format().id() + ": left empty (pass --quorum TOKENS to set it)");
        return new ImportResult(new GovernanceData(proposals, votes), createdEvents[0], voteEvents[0], notes);
    }

    private static String id(Csv.Row r, List<String> cols) {
        String v = r.first(cols.toArray(String[]::new));
        if (v.isEmpty()) throw r.error(cols.getFirst(), "missing proposal id");
        return Decimals.integerId(v);
    }

    private static long longOf(Csv.Row r, List<String> cols) {
        String v = r.first(cols.toArray(String[]::new));
        if (v.isEmpty()) throw r.error(cols.getFirst(), "missing");
        try { return Csv.parseLong(v); } catch (RuntimeException e) { throw r.error(cols.getFirst(), "'" + v + "' is not a block number"); }
    }

    private Choice choice(Csv.Row r) {
        String v = r.first(d.support().toArray(String[]::new));
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "0", "0.0", "false" -> Choice.AGAINST;
            case "1", "1.0", "true" -> Choice.FOR;
            case "2", "2.0" -> Choice.ABSTAIN;
            default -> throw r.error(d.support().getFirst(), "'" + v + "' is not a support value (0/1/2 or true/false)");
        };
    }

    private BigDecimal weight(Csv.Row r, int decimals) {
        String v = r.first(d.weight().toArray(String[]::new));
        if (v.isEmpty()) throw r.error(d.weight().getFirst(), "missing vote weight");
        try {
            BigDecimal w = Decimals.fromBaseUnits(v, decimals);
            if (w.signum() < 0) throw r.error(d.weight().getFirst(), "negative vote weight " + v);
            return w;
        } catch (NumberFormatException e) {
            throw r.error(d.weight().getFirst(), "'" + v + "' is not an amount in base units");
        }
    }
}
