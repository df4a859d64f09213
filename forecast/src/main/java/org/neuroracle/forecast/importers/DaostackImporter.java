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
import java.util.Map;
import java.util.Set;

/**
 * Imports the DAOstack subgraph export of Grasia/dao-network-analysis: {@code proposals.csv}, {@code votes.csv} and
 * (optionally) {@code daos.csv} for names. {@code --in} is the folder or its proposals.csv.
 * <ul>
 *   <li>window: createdAt .. executedAt, or expiresInQueueAt when never executed ({@code closingAt} in this export
 *   is not a unix time and is ignored);</li>
 *   <li>quorum: queuedVoteRequiredPercentage of totalRepWhenCreated (the absolute majority a non-boosted proposal
 *   needs; boosted ones pass on relative majority);</li>
 *   <li>outcome: executed with winningOutcome Pass = passed; Fail (executed or expired in queue) = defeated;
 *   still Boosted/Queued/PreBoosted = pending;</li>
 *   <li>votes: outcome Pass = for, Fail = against; reputation in wei.</li>
 * </ul>
 */
public final class DaostackImporter {
    public ImportResult read(Path in, ImportOptions o) {
        Path dir = Files.isDirectory(in) ? in : in.toAbsolutePath().getParent();
        Path proposalsFile = Files.isDirectory(in) ? in.resolve("proposals.csv") : in;
        Map<String, String> names = new HashMap<>();
        Path daos = dir.resolve("daos.csv");
        if (Files.isRegularFile(daos)) {
            Map<String, Integer> seen = new HashMap<>();
            List<String[]> rows = new ArrayList<>();
            Csv.read(daos, ',', r -> rows.add(new String[]{r.get("id").toLowerCase(java.util.Locale.ROOT), r.get("name")}));
            for (String[] r : rows) seen.merge(r[1], 1, Integer::sum);
            // Two DAOs may share a name: those get the first 8 hex digits of their address appended.
            for (String[] r : rows) names.put(r[0], clean(seen.get(r[1]) > 1 || r[1].isBlank() ? r[1] + "-" + r[0].substring(2, 10) : r[1]));
        }
        List<Proposal> proposals = new ArrayList<>();
        Map<String, String> daoOf = new HashMap<>();
        Set<String> ids = new HashSet<>();
        long[] pending = {0};
        Csv.read(proposalsFile, ',', r -> {
            String id = r.get("id");
            if (id.isEmpty()) throw r.error("id", "empty");
            if (!ids.add(id)) throw r.error("id", "duplicate proposal " + id);
            String daoAddr = r.get("dao").toLowerCase(java.util.Locale.ROOT);
            String dao = o.dao() != null ? o.dao() : names.getOrDefault(daoAddr, daoAddr);
            long created = r.longValue("createdAt");
            String executedAt = r.get("executedAt");
            long end = executedAt.isEmpty() ? r.longValue("expiresInQueueAt") : Csv.parseLong(executedAt);
            String stage = r.get("stage"), win = r.get("winningOutcome");
            Outcome outcome;
            if (stage.equals("Executed") && win.equals("Pass")) outcome = Outcome.PASSED;
            else if ((stage.equals("Executed") || stage.equals("ExpiredInQueue")) && win.equals("Fail")) outcome = Outcome.DEFEATED;
            else if (stage.equals("ExpiredInQueue")) outcome = Outcome.DEFEATED;
            else { outcome = Outcome.PENDING; pending[0]++; }
            BigDecimal quorum = null;
            String pct = r.get("queuedVoteRequiredPercentage"), rep = r.get("totalRepWhenCreated");
            try {
                if (!pct.isEmpty() && !rep.isEmpty())
                    quorum = Decimals.canonical(Decimals.fromBaseUnits(rep, o.decimals()).multiply(Decimals.parse(pct)).movePointLeft(2));
            } catch (NumberFormatException e) {
                throw r.error("totalRepWhenCreated", "'" + rep + "' or queuedVoteRequiredPercentage '" + pct + "' is not a number");
            }
            if (o.quorum() != null) quorum = o.quorum();
            proposals.add(new Proposal(dao, id, created, created, Math.max(created, end), quorum, outcome, r.has("proposer") ? r.get("proposer") : null));
            daoOf.put(id, dao);
        });
        List<Vote> votes = new ArrayList<>();
        long[] orphan = {0}, voteEvents = {0};
        Path votesFile = dir.resolve("votes.csv");
        if (!Files.isRegularFile(votesFile)) throw new DataException(votesFile + ": no such file (DAOstack import needs proposals.csv and votes.csv side by side)");
        Csv.read(votesFile, ',', r -> {
            voteEvents[0]++;
            String pid = r.get("proposal");
            String dao = daoOf.get(pid);
            if (dao == null) { orphan[0]++; return; }
            Choice c = switch (r.get("outcome")) {
                case "Pass" -> Choice.FOR;
                case "Fail" -> Choice.AGAINST;
                default -> throw r.error("outcome", "'" + r.get("outcome") + "' is not Pass or Fail");
            };
            BigDecimal w;
            try { w = Decimals.fromBaseUnits(r.get("reputation"), o.decimals()); } catch (NumberFormatException e) { throw r.error("reputation", "'" + r.get("reputation") + "' is not an amount in wei"); }
            if (w.signum() < 0) throw r.error("reputation", "negative");
            votes.add(new Vote(dao, pid, r.longValue("createdAt"), r.get("voter"), c, w));
        });
        List<String> notes = new ArrayList<>();
        if (orphan[0] > 0) notes.add(orphan[0] + " orphan vote(s) on proposals absent from proposals.csv: left out");
        if (pending[0] > 0) notes.add(pending[0] + " proposal(s) still boosted/queued at export time are labelled pending");
        notes.add("closingAt is ignored (not a unix time in this export); the window ends at executedAt or expiresInQueueAt");
        return new ImportResult(new GovernanceData(proposals, votes), proposals.size(), voteEvents[0], notes);
    }

    private static String clean(String name) {
        String s = name.strip().replaceAll("[\\s,]+", "-");
        return s.isEmpty() ? "unnamed" : s;
    }
}
