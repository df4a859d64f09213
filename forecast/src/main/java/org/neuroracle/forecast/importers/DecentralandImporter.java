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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Imports Decentraland DAO's transparency export of its Snapshot space (github.com/Decentraland-DAO/transparency):
 * {@code proposals.csv} ({@code Snapshot ID, Author, Type, Started, Ended, Threshold, Status, ...}) and
 * {@code votes.csv} ({@code Member, Proposal ID} = the Snapshot ID, {@code Created, Choice, VP}). {@code --in} is
 * the folder.
 * <ul>
 *   <li>outcome, from {@code Status} (the DAO's own decision): {@code enacted} and {@code passed} = passed;
 *   {@code rejected} = defeated; {@code finished} = passed: a poll whose winning option reached the threshold and
 *   closed with a result that is not a binding accept/reject (all 107 in the export reached it; Decentraland rejects
 *   a poll that misses it); {@code active} = pending;</li>
 *   <li>quorum = {@code Threshold}, the VP the winning option needs (empty where the export gives 0);</li>
 *   <li>window {@code Started} .. {@code Ended}; created = {@code Started} (the export has no creation time);</li>
 *   <li>choices: yes/for/agree-like = for; no/against/disagree and "Invalid question/options" (a reject option in
 *   Decentraland's ballots) = against; abstain = abstain; every other option of a multi-option poll = for (a vote
 *   for one of the proposed outcomes, which is what lets a poll finish); voters are lower-cased addresses.</li>
 * </ul>
 * Votes whose Snapshot ID is not in proposals.csv are orphan votes: left out and reported as such.
 */
public final class DecentralandImporter {
    public static final String DEFAULT_DAO = "decentraland";

    public ImportResult read(Path in, ImportOptions o) {
        Path dir = Files.isDirectory(in) ? in : in.toAbsolutePath().getParent();
        Path pf = dir.resolve("proposals.csv"), vf = dir.resolve("votes.csv");
        for (Path f : List.of(pf, vf))
            if (!Files.isRegularFile(f)) throw new DataException(f + ": no such file (decentraland-snapshot needs proposals.csv and votes.csv side by side)");
        List<String> header = Csv.header(pf, ',');
        if (!header.contains("Snapshot ID") || !header.contains("Threshold") || !header.contains("Status"))
            throw new DataException(pf + ": not a Decentraland transparency export (needs Snapshot ID, Threshold, Status columns; found "
                    + String.join(", ", header.stream().limit(8).toList()) + ")" + (header.contains("winningOutcome") ? "; this looks like a daostack export (try --format daostack)" : ""));
        String dao = o.dao() != null ? o.dao() : DEFAULT_DAO;
        List<Proposal> proposals = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, Long> statuses = new TreeMap<>();
        long[] noThreshold = {0};
        Csv.read(pf, ',', r -> {
            String id = r.get("Snapshot ID");
            if (id.isEmpty()) throw r.error("Snapshot ID", "empty");
            if (!ids.add(id)) throw r.error("Snapshot ID", "duplicate proposal " + id);
            long start = time(r, "Started"), end = time(r, "Ended");
            if (end < start) throw r.error("Ended", "is before Started");
            String status = r.get("Status").strip().toLowerCase(Locale.ROOT);
            Outcome outcome = switch (status) {
                case "enacted", "passed", "finished" -> Outcome.PASSED;
                case "rejected" -> Outcome.DEFEATED;
                case "active", "pending" -> Outcome.PENDING;
                default -> throw r.error("Status", "'" + r.get("Status") + "' is not one of enacted, passed, finished, rejected, active");
            };
            statuses.merge(status, 1L, Long::sum);
            BigDecimal quorum = null;
            String th = r.get("Threshold");
            try {
                if (!th.isEmpty() && Decimals.parse(th).signum() > 0) quorum = Decimals.canonical(Decimals.parse(th));
                else noThreshold[0]++;
            } catch (NumberFormatException e) {
                throw r.error("Threshold", "'" + th + "' is not a number");
            }
            if (o.quorum() != null) quorum = o.quorum();
            String author = r.has("Author") ? r.get("Author").toLowerCase(Locale.ROOT) : null;
            proposals.add(new Proposal(dao, id, start, start, end, quorum, outcome, author));
        });
        List<Vote> votes = new ArrayList<>();
        long[] events = {0};
        Map<String, Long> orphans = new TreeMap<>();
        Csv.read(vf, ',', r -> {
            events[0]++;
            String pid = r.get("Proposal ID");
            if (!ids.contains(pid)) { orphans.merge(pid, 1L, Long::sum); return; }
            String voter = r.get("Member").strip().toLowerCase(Locale.ROOT);
            if (voter.isEmpty()) throw r.error("Member", "empty");
            BigDecimal vp;
            try { vp = Decimals.canonical(Decimals.parse(r.get("VP"))); } catch (NumberFormatException e) { throw r.error("VP", "'" + r.get("VP") + "' is not a number"); }
            if (vp.signum() < 0) throw r.error("VP", "negative");
            votes.add(new Vote(dao, pid, time(r, "Created"), voter, choice(r.get("Choice")), vp));
        });
        List<String> notes = new ArrayList<>();
        notes.add("status -> outcome: " + statuses + " (enacted, passed, finished = passed; rejected = defeated; active = pending)");
        if (noThreshold[0] > 0) notes.add(noThreshold[0] + " proposal(s) with Threshold 0: quorum left empty");
        if (!orphans.isEmpty())
            notes.add(orphans.values().stream().mapToLong(Long::longValue).sum() + " orphan vote(s) on " + orphans.size()
                    + " Snapshot proposal(s) absent from proposals.csv: left out");
        return new ImportResult(new GovernanceData(proposals, votes), proposals.size(), events[0], notes);
    }

    static Choice choice(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("abstain")) return Choice.ABSTAIN;
        if (s.equals("no") || s.startsWith("no ") || s.startsWith("no,") || s.startsWith("no.") || s.startsWith("no!") || s.equals("nay")
                || s.startsWith("against") || s.startsWith("disagree") || s.startsWith("reject") || s.startsWith("invalid question")) return Choice.AGAINST;
        return Choice.FOR;
    }

    private static long time(Csv.Row r, String col) {
        String v = r.get(col);
        try { return Timestamps.parse(v); } catch (RuntimeException e) { throw r.error(col, "'" + v + "' is not an ISO date-time"); }
    }
}
