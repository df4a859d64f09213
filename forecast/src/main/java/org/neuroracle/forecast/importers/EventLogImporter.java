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
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Imports one CSV of decoded contract event logs (one row per event, an {@code event_name} column, the event's
 * arguments as columns, {@code block_number} and, where known, {@code timestamp}). Multi-line quoted fields
 * (proposal descriptions) are handled by Commons CSV. Block numbers become times by {@link BlockClock}.
 * <p>Outcome labels (the rule of the data README): a cancelled proposal is {@code cancelled}; one that was queued
 * (or executed, for contracts without a queue) {@code passed}; one whose vote ended before the last logged event
 * without being queued {@code defeated}; otherwise {@code pending}. Aragon votes ended unexecuted are labelled by
 * their tally when the parameters file gives {@code support_required_pct}.
 * <p>Names and rules: the DAO is {@code --dao}, else the name of a {@link KnownContracts known contract}, else
 * {@code <format>-<first 8 hex digits of contract_address>}; a log without a contract address needs {@code --dao}.
 * Quorum: {@code --quorum}, else the parameters file, else a known contract's constant, else empty. Voting windows
 * are per proposal: Governor logs carry each proposal's end block; Aragon votes last the {@code voteTime} in force at
 * their start ({@code ChangeVoteTime} events, else the parameters file, else {@code --vote-duration-s}).
 */
public final class EventLogImporter {
    /** Event and column names and support encoding of one contract family. */
    public record Dialect(GovernanceFormat format, String created, List<String> votes, String objection,
                          String queued, String executed, String canceled, List<String> createdId, List<String> voteId,
                          List<String> start, List<String> end, List<String> support, List<String> weight,
                          boolean startIsEventBlock, String periodEvent, List<String> periodColumn) {
        public static Dialect of(GovernanceFormat f) {
            List<String> id = List.of("id", "proposalId", "voteId");
            List<String> weight = List.of("votes", "weight", "votingPower", "stake");
            List<String> support = List.of("support", "supports");
            List<String> period = List.of("newVotingPeriod");
            return switch (f) {
                case COMPOUND_BRAVO, COMPOUND_ALPHA -> new Dialect(f, "ProposalCreated", List.of("VoteCast"), null, "ProposalQueued", "ProposalExecuted", "ProposalCanceled",
                        id, List.of("proposalId", "id"), List.of("startBlock"), List.of("endBlock"), support, weight, false, "VotingPeriodSet", period);
                case OZ_GOVERNOR -> new Dialect(f, "ProposalCreated", List.of("VoteCast", "VoteCastWithParams"), null, "ProposalQueued", "ProposalExecuted", "ProposalCanceled",
                        List.of("proposalId", "id"), List.of("proposalId", "id"), List.of("voteStart", "startBlock"), List.of("voteEnd", "endBlock"), support, weight, false, "VotingPeriodSet", period);
                case AAVE_V2 -> new Dialect(f, "ProposalCreated", List.of("VoteEmitted"), null, "ProposalQueued", "ProposalExecuted", "ProposalCanceled",
                        id, List.of("id", "proposalId"), List.of("startBlock"), List.of("endBlock"), support, weight, false, null, List.of());
                // Lido-style Aragon voting adds an objection phase: CastObjection(voteId, voter, stake) is a vote against.
                case ARAGON -> new Dialect(f, "StartVote", List.of("CastVote"), "CastObjection", null, "ExecuteVote", null,
                        List.of("voteId", "id"), List.of("voteId", "id"), List.of(), List.of(), support, weight, true, "ChangeVoteTime", List.of("voteTime"));
                default -> throw new IllegalArgumentException(f.id() + " is not an event-log format");
            };
        }
    }

    /** Vote events of each family, used to tell a user which format a refused log looks like. */
    private static final Map<String, String> VOTE_EVENT_HINT = Map.of("VoteCast", "compound-bravo, compound-alpha or oz-governor",
            "VoteCastWithParams", "oz-governor", "VoteEmitted", "aave-v2", "CastVote", "aragon", "CastObjection", "aragon");

    private final Dialect d;

    public EventLogImporter(Dialect d) { this.d = d; }

    private record Created(String id, long line, long createdBlock, long created, long startBlock, long endBlock,
                           boolean startIsTime, boolean endIsTime, String proposer) {}

    private record RawVote(String id, long line, long block, long time, String voter, Choice choice, BigDecimal weight) {}

    public ImportResult read(Path file, ImportOptions o) {
        BlockClock clock = new BlockClock();
        Map<String, Created> created = new LinkedHashMap<>();
        List<RawVote> raw = new ArrayList<>();
        Set<String> queued = new HashSet<>(), executed = new HashSet<>(), canceled = new HashSet<>();
        Map<String, Long> eventCounts = new TreeMap<>();
        TreeMap<Long, Long> periodChanges = new TreeMap<>(); // block -> new voting period (blocks, or seconds for Aragon)
        Set<String> addresses = new LinkedHashSet<>();
        Set<String> supportValues = new HashSet<>();
        boolean[] hasReason = {false};
        long[] lastTime = {Long.MIN_VALUE};
        long[] voteEvents = {0}, createdEvents = {0};
        Csv.read(file, ',', r -> {
            if (!r.has("event_name")) throw r.error("event_name", "missing column: an event-log CSV needs event_name (is this a " + d.format().id() + " log?)");
            String ev = r.get("event_name");
            if (ev.isEmpty()) return;
            eventCounts.merge(ev, 1L, Long::sum);
            if (r.has("contract_address") && !r.get("contract_address").isEmpty()) addresses.add(r.get("contract_address").toLowerCase(Locale.ROOT));
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
                    sb = longOf(r, d.start(), true);
                    eb = longOf(r, d.end(), false);
                    // OpenZeppelin governors on a timestamp clock (ERC-6372) log seconds instead of blocks.
                    sTime = sb > 1_000_000_000L;
                    eTime = eb > 1_000_000_000L;
                }
                String proposer = r.first("proposer", "creator");
                created.put(id, new Created(id, r.line(), block, time, sb, eb, sTime, eTime, proposer.isEmpty() ? null : proposer));
            } else if (d.votes().contains(ev) || ev.equals(d.objection())) {
                voteEvents[0]++;
                String id = id(r, d.voteId());
                String voter = r.get("voter");
                if (voter.isEmpty()) throw r.error("voter", "empty");
                Choice c;
                if (ev.equals(d.objection())) c = Choice.AGAINST;
                else {
                    String sv = r.first(d.support().toArray(String[]::new));
                    supportValues.add(sv.toLowerCase(Locale.ROOT));
                    c = choice(r);
                }
                if (r.has("reason") && !r.get("reason").isEmpty()) hasReason[0] = true;
                raw.add(new RawVote(id, r.line(), block, time, voter, c, weight(r, o.decimals())));
            } else if (ev.equals(d.queued())) queued.add(id(r, d.createdId()));
            else if (ev.equals(d.executed())) executed.add(id(r, d.createdId()));
            else if (ev.equals(d.canceled())) canceled.add(id(r, d.createdId()));
            else if (ev.equals(d.periodEvent())) {
                String v = r.first(d.periodColumn().toArray(String[]::new));
                if (v.isEmpty()) throw r.error(d.periodColumn().getFirst(), "missing new voting period");
                if (block < 0) throw r.error("block_number", ev + " needs a block number to know where it applies");
                try { periodChanges.put(block, Csv.parseLong(v)); } catch (RuntimeException e) { throw r.error(d.periodColumn().getFirst(), "'" + v + "' is not a whole number"); }
            }
        });
        refuseOtherFormats(file, eventCounts, supportValues, hasReason[0], addresses);
        String where = file.toString();
        KnownContracts.Known known = addresses.size() == 1 ? KnownContracts.of(addresses.iterator().next()) : null;
        String dao = daoName(file, o, addresses, known);
        GovernanceParams params = o.params();
        List<Proposal> proposals = new ArrayList<>();
        Map<String, Proposal> byId = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        long windowsFromParams = 0, windowsFromEvents = 0;
        Map<String, BigDecimal> supportRequired = new HashMap<>();
        for (Created c : created.values()) {
            String at = where + ":" + c.line();
            long createdAt = c.created() != Long.MIN_VALUE ? c.created() : clock.timeOf(c.createdBlock(), at);
            long start = c.startIsTime() ? c.startBlock() : c.startBlock() < 0 ? createdAt : clock.timeOf(c.startBlock(), at);
            GovernanceParams.InForce pf = params.at(c.startIsTime() ? -1 : c.startBlock(), start);
            long end;
            if (c.endIsTime()) end = c.endBlock();
            else if (c.endBlock() >= 0) end = clock.timeOf(c.endBlock(), at);
            else {
                // No end in the event: the voting period in force at the start (log event, then params, then the option).
                Map.Entry<Long, Long> change = c.startBlock() >= 0 ? periodChanges.floorEntry(c.startBlock()) : null;
                if (change != null) {
                    windowsFromEvents++;
                    end = d.startIsEventBlock() ? start + change.getValue() : clock.timeOf(c.startBlock() + change.getValue(), at);
                } else if (pf.votingPeriodSeconds() != null) { windowsFromParams++; end = start + pf.votingPeriodSeconds(); }
                else if (pf.votingPeriodBlocks() != null && c.startBlock() >= 0) { windowsFromParams++; end = clock.timeOf(c.startBlock() + pf.votingPeriodBlocks(), at); }
                else if (d.startIsEventBlock()) end = start + o.voteDurationSeconds();
                else throw new DataException(at + ": " + String.join("/", d.end()) + ": missing, and no voting period is known (add voting_period_blocks to --params)");
            }
            BigDecimal quorum = o.quorum() != null ? o.quorum() : pf.quorum() != null ? pf.quorum() : known != null ? known.quorum() : null;
            if (pf.supportRequiredPct() != null) supportRequired.put(c.id(), pf.supportRequiredPct());
            Outcome outcome;
            if (canceled.contains(c.id())) outcome = Outcome.CANCELLED;
            else if (queued.contains(c.id()) || executed.contains(c.id())) outcome = Outcome.PASSED; // executed implies queued
            else if (end < lastTime[0]) outcome = Outcome.DEFEATED;
            else outcome = Outcome.PENDING;
            Proposal p = new Proposal(dao, c.id(), createdAt, start, Math.max(start, end), quorum, outcome, c.proposer());
            proposals.add(p);
            byId.put(c.id(), p);
        }
        List<Vote> votes = new ArrayList<>();
        Map<String, Long> orphans = new TreeMap<>();
        for (RawVote v : raw) {
            if (!byId.containsKey(v.id())) { orphans.merge(v.id(), 1L, Long::sum); continue; }
            long t = v.time() != Long.MIN_VALUE ? v.time() : clock.timeOf(v.block(), where + ":" + v.line());
            votes.add(new Vote(dao, v.id(), t, v.voter(), v.choice(), v.weight()));
        }
        if (d.format() == GovernanceFormat.ARAGON && !supportRequired.isEmpty()) proposals = relabelByTally(proposals, votes, supportRequired, executed, notes);
        if (!orphans.isEmpty()) {
            long n = orphans.values().stream().mapToLong(Long::longValue).sum();
            notes.add(n + " orphan vote(s) on " + orphans.size() + " proposal id(s) with no " + d.created() + " in this log (e.g. "
                    + String.join(", ", orphans.keySet().stream().limit(5).toList()) + "): left out");
        }
        if (windowsFromEvents > 0) notes.add(windowsFromEvents + " voting window(s) from the " + d.periodEvent() + " in force at their start");
        if (windowsFromParams > 0) notes.add(windowsFromParams + " voting window(s) from the parameters file");
        if (known != null && o.dao() == null) notes.add("contract " + addresses.iterator().next() + " is " + known.dao() + " (quorum " + known.quorum().toPlainString() + " from " + known.source() + ")");
        if (proposals.stream().anyMatch(p -> p.quorum() == null))
            notes.add("quorum unknown for " + proposals.stream().filter(p -> p.quorum() == null).count() + " proposal(s): left empty (give it with --params FILE or --quorum TOKENS)");
        return new ImportResult(new GovernanceData(proposals, votes), createdEvents[0], voteEvents[0], notes);
    }

    /** A log of another family (or the wrong Compound generation) is refused with the format it looks like. */
    private void refuseOtherFormats(Path file, Map<String, Long> counts, Set<String> supportValues, boolean hasReason, Set<String> addresses) {
        long own = counts.getOrDefault(d.created(), 0L);
        long ownVotes = d.votes().stream().mapToLong(e -> counts.getOrDefault(e, 0L)).sum() + (d.objection() == null ? 0 : counts.getOrDefault(d.objection(), 0L));
        for (var e : VOTE_EVENT_HINT.entrySet()) {
            boolean mine = d.votes().contains(e.getKey()) || e.getKey().equals(d.objection());
            if (!mine && ownVotes == 0 && counts.getOrDefault(e.getKey(), 0L) > 0)
                throw new DataException(file + ": not a log of format " + d.format().id() + ": it has no " + String.join("/", d.votes()) + " events but "
                        + counts.get(e.getKey()) + " " + e.getKey() + " (try --format " + e.getValue() + ")");
        }
        if (own == 0) throw new DataException(file + ": not a log of format " + d.format().id() + ": no " + d.created() + " events (events seen: "
                + String.join(", ", counts.keySet().stream().limit(8).toList()) + ")");
        if (addresses.size() > 1)
            throw new DataException(file + ": events of " + addresses.size() + " contracts (" + String.join(", ", addresses) + "): import one contract per file");
        KnownContracts.Known k = addresses.size() == 1 ? KnownContracts.of(addresses.iterator().next()) : null;
        if (k != null && k.format() != d.format())
            throw new DataException(file + ": contract " + addresses.iterator().next() + " is " + k.dao() + ", a " + k.format().id() + " log (use --format " + k.format().id() + ")");
        boolean abstain = supportValues.contains("2") || supportValues.contains("2.0");
        boolean booleans = !supportValues.isEmpty() && supportValues.stream().allMatch(v -> v.equals("true") || v.equals("false"));
        if (d.format() == GovernanceFormat.COMPOUND_ALPHA && (abstain || hasReason))
            throw new DataException(file + ": not a log of format compound-alpha: its VoteCast has " + (abstain ? "support 2 (abstain)" : "a reason") + ", which GovernorAlpha never logs (try --format compound-bravo)");
        if (d.format() == GovernanceFormat.COMPOUND_BRAVO && booleans)
            throw new DataException(file + ": not a log of format compound-bravo: every VoteCast support is true/false, GovernorAlpha's encoding (try --format compound-alpha)");
    }

    private String daoName(Path file, ImportOptions o, Set<String> addresses, KnownContracts.Known known) {
        if (o.dao() != null) return o.dao();
        if (known != null) return known.dao();
        if (addresses.size() == 1) {
            String a = addresses.iterator().next();
            return d.format().id() + "-" + (a.startsWith("0x") ? a.substring(2, Math.min(a.length(), 10)) : a);
        }
        throw new DataException(file + ": no contract_address column to name the DAO by: give --dao NAME (formats never default to another DAO's name)");
    }

    /** Aragon: a vote that ended unexecuted is passed when its tally met the support and quorum in force. */
    private static List<Proposal> relabelByTally(List<Proposal> ps, List<Vote> votes, Map<String, BigDecimal> support, Set<String> executed, List<String> notes) {
        Map<String, BigDecimal[]> tally = new HashMap<>();
        for (Vote v : votes) {
            BigDecimal[] t = tally.computeIfAbsent(v.proposalId(), k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            if (v.choice() == Choice.FOR) t[0] = t[0].add(v.weight());
            else if (v.choice() == Choice.AGAINST) t[1] = t[1].add(v.weight());
        }
        List<Proposal> out = new ArrayList<>();
        long relabelled = 0;
        for (Proposal p : ps) {
            BigDecimal s = support.get(p.proposalId());
            if (p.outcome() == Outcome.DEFEATED && s != null && !executed.contains(p.proposalId())) {
                BigDecimal[] t = tally.getOrDefault(p.proposalId(), new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
                BigDecimal both = t[0].add(t[1]);
                boolean supported = both.signum() > 0 && t[0].divide(both, MathContext.DECIMAL64).movePointRight(2).compareTo(s) > 0;
                boolean quorate = p.quorum() == null || t[0].compareTo(p.quorum()) >= 0;
                if (supported && quorate) {
                    p = new Proposal(p.dao(), p.proposalId(), p.created(), p.voteStart(), p.voteEnd(), p.quorum(), Outcome.PASSED, p.proposer());
                    relabelled++;
                }
            }
            out.add(p);
        }
        if (relabelled > 0) notes.add(relabelled + " unexecuted Aragon vote(s) met support_required_pct and quorum: labelled passed");
        return out;
    }

    private static String id(Csv.Row r, List<String> cols) {
        String v = r.first(cols.toArray(String[]::new));
        if (v.isEmpty()) throw r.error(cols.getFirst(), "missing proposal id");
        return Decimals.integerId(v);
    }

    private static long longOf(Csv.Row r, List<String> cols, boolean required) {
        String v = r.first(cols.toArray(String[]::new));
        if (v.isEmpty()) {
            if (required) throw r.error(cols.getFirst(), "missing");
            return -1;
        }
        try { return Csv.parseLong(v); } catch (RuntimeException e) { throw r.error(cols.getFirst(), "'" + v + "' is not a block number"); }
    }

    private Choice choice(Csv.Row r) {
        String v = r.first(d.support().toArray(String[]::new));
        return switch (v.toLowerCase(Locale.ROOT)) {
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
