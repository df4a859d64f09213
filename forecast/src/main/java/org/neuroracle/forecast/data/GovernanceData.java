package org.neuroracle.forecast.data;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The canonical governance data set: {@code proposals.csv} and {@code votes.csv} (ARCHITECTURE.md). Written sorted
 * (proposals by dao, created, id; votes by dao, proposal, timestamp, voter) with LF line ends, so the same data
 * always give the same bytes.
 */
public record GovernanceData(List<Proposal> proposals, List<Vote> votes) {
    public static final String PROPOSALS = "proposals.csv";
    public static final String VOTES = "votes.csv";
    static final String[] PROPOSAL_HEADER = {"dao", "proposal_id", "created", "vote_start", "vote_end", "quorum", "outcome", "proposer"};
    static final String[] VOTE_HEADER = {"dao", "proposal_id", "timestamp", "voter", "choice", "weight"};

    public GovernanceData {
        proposals = proposals.stream().sorted(Comparator.comparing(Proposal::dao).thenComparingLong(Proposal::created)
                .thenComparing(Proposal::proposalId)).toList();
        votes = votes.stream().sorted(Comparator.comparing(Vote::dao).thenComparing(Vote::proposalId)
                .thenComparingLong(Vote::timestamp).thenComparing(Vote::voter)).toList();
    }

    /** Votes grouped by proposal key, each list in time order. */
    public Map<String, List<Vote>> votesByProposal() {
        Map<String, List<Vote>> m = new LinkedHashMap<>();
        for (Vote v : votes) m.computeIfAbsent(v.proposalKey(), k -> new ArrayList<>()).add(v);
        return m;
    }

    public Set<String> daos() {
        Set<String> s = new java.util.TreeSet<>();
        for (Proposal p : proposals) s.add(p.dao());
        return s;
    }

    /**
     * Reads and merges canonical data folders. The same proposal (DAO and id) in two folders is an error naming both
     * files: two imports that name different DAOs alike (or one import given twice) must not silently mix.
     */
    public static GovernanceData readAll(List<Path> dirs) {
        if (dirs == null || dirs.isEmpty()) throw new IllegalArgumentException("--data: at least one folder is required");
        Map<String, Path> where = new java.util.HashMap<>();
        List<Proposal> ps = new ArrayList<>();
        List<Vote> vs = new ArrayList<>();
        for (Path d : dirs) {
            GovernanceData g = read(d);
            for (Proposal p : g.proposals) {
                Path prev = where.putIfAbsent(p.key(), d);
                if (prev != null)
                    throw new DataException("proposal " + p.dao() + "/" + p.proposalId() + " is in both " + prev.resolve(PROPOSALS) + " and "
                            + d.resolve(PROPOSALS) + ": give one of the imports its own --dao name");
            }
            ps.addAll(g.proposals);
            vs.addAll(g.votes);
        }
        return new GovernanceData(ps, vs);
    }

    public GovernanceData merge(GovernanceData other) {
        List<Proposal> p = new ArrayList<>(proposals);
        p.addAll(other.proposals);
        List<Vote> v = new ArrayList<>(votes);
        v.addAll(other.votes);
        return new GovernanceData(p, v);
    }

    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(dir.resolve(PROPOSALS), StandardCharsets.UTF_8);
                 CSVPrinter out = new CSVPrinter(w, format(PROPOSAL_HEADER))) {
                for (Proposal p : proposals)
                    out.printRecord(p.dao(), p.proposalId(), p.created(), p.voteStart(), p.voteEnd(), Decimals.text(p.quorum()), p.outcome().label(),
                            p.proposer() == null ? "" : p.proposer());
            }
            try (Writer w = Files.newBufferedWriter(dir.resolve(VOTES), StandardCharsets.UTF_8);
                 CSVPrinter out = new CSVPrinter(w, format(VOTE_HEADER))) {
                for (Vote v : votes)
                    out.printRecord(v.dao(), v.proposalId(), v.timestamp(), v.voter(), v.choice().label(), Decimals.text(v.weight()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    static CSVFormat format(String[] header) {
        return CSVFormat.RFC4180.builder().setHeader(header).setRecordSeparator('\n').get();
    }

    /** Reads a canonical data directory, checking every field; errors name file, line and field. */
    public static GovernanceData read(Path dir) {
        List<Proposal> proposals = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Csv.read(dir.resolve(PROPOSALS), ',', r -> {
            String dao = r.get("dao"), id = r.get("proposal_id");
            if (dao.isEmpty()) throw r.error("dao", "empty");
            if (id.isEmpty()) throw r.error("proposal_id", "empty");
            long created = r.longValue("created"), start = r.longValue("vote_start"), end = r.longValue("vote_end");
            String q = r.get("quorum");
            BigDecimal quorum;
            try { quorum = q.isEmpty() ? null : Decimals.parse(q); } catch (NumberFormatException e) { throw r.error("quorum", "'" + q + "' is not a decimal amount"); }
            Outcome o = Outcome.parse(r.get("outcome"));
            if (o == null) throw r.error("outcome", "'" + r.get("outcome") + "' is not one of passed, defeated, cancelled, pending");
            if (end < start) throw r.error("vote_end", end + " is before vote_start " + start);
            // proposer is optional: files written before it existed (and hand-made ones) have no such column.
            Proposal p = new Proposal(dao, id, created, start, end, quorum, o, r.has("proposer") ? r.get("proposer") : null);
            if (!keys.add(p.key())) throw r.error("proposal_id", "duplicate proposal " + dao + "/" + id);
            proposals.add(p);
        });
        List<Vote> votes = new ArrayList<>();
        Csv.read(dir.resolve(VOTES), ',', r -> {
            String dao = r.get("dao"), id = r.get("proposal_id");
            if (!keys.contains(dao + "\u0000" + id)) throw r.error("proposal_id", "vote for unknown proposal " + dao + "/" + id);
            Choice c = Choice.parse(r.get("choice"));
            if (c == null) throw r.error("choice", "'" + r.get("choice") + "' is not one of for, against, abstain");
            String w = r.get("weight");
            BigDecimal weight;
            try { weight = Decimals.parse(w); } catch (NumberFormatException e) { throw r.error("weight", "'" + w + "' is not a decimal amount"); }
            if (weight.signum() < 0) throw r.error("weight", "negative");
            votes.add(new Vote(dao, id, r.longValue("timestamp"), r.get("voter"), c, weight));
        });
        return new GovernanceData(proposals, votes);
    }
}
