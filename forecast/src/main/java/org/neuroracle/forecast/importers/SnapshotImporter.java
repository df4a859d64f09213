package org.neuroracle.forecast.importers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.data.DataException;
import org.neuroracle.forecast.data.Decimals;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Outcome;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.Vote;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Imports a Snapshot hub GraphQL export: a JSON object with {@code proposals} and {@code votes} arrays (or the same
 * under {@code data}). Proposal: id, space.id (or space), created, start, end, quorum, choices, state, scores.
 * Vote: voter, created, proposal.id (or proposal), choice (1-based index), vp (voting power in tokens).
 * Only proposals whose choices map onto for/against(/abstain) are imported (Yes/For/Yae, No/Against/Nay,
 * Abstain); others are left out and counted. Outcome: closed with for > against and total >= quorum = passed,
 * closed otherwise = defeated, active/pending = pending. Errors name the file and the JSON path.
 */
public final class SnapshotImporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ImportResult read(Path file, ImportOptions o) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            // Some Jackson errors (a nesting limit) carry no location.
            String at = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            String why = e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException ? "nested deeper or longer than the JSON reader allows"
                    : e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            throw new DataException(file + at + ": malformed JSON: " + why);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage());
        }
        if (root != null && root.has("data")) root = root.get("data");
        if (root == null || !root.path("proposals").isArray()) throw new DataException(file + ": proposals: expected an array of Snapshot proposals");
        String f = file.toString();
        List<Proposal> proposals = new ArrayList<>();
        Map<String, Choice[]> mapping = new HashMap<>();
        Map<String, String> daoOf = new HashMap<>();
        long skipped = 0;
        java.util.Set<String> skippedIds = new java.util.HashSet<>();
        JsonNode ps = root.get("proposals");
        for (int i = 0; i < ps.size(); i++) {
            JsonNode p = ps.get(i);
            String at = f + ": proposals[" + i + "]";
            String id = text(p, "id", at);
            JsonNode sp = p.path("space");
            String dao = o.dao() != null ? o.dao() : sp.isObject() ? text(sp, "id", at + ".space") : text(p, "space", at);
            JsonNode choices = p.path("choices");
            if (!choices.isArray()) throw new DataException(at + ".choices: expected an array");
            Choice[] map = new Choice[choices.size()];
            boolean hasFor = false, hasAgainst = false, ok = true;
            for (int c = 0; c < choices.size(); c++) {
                map[c] = label(choices.get(c).asText());
                if (map[c] == null) ok = false;
                else if (map[c] == Choice.FOR) hasFor = true;
                else if (map[c] == Choice.AGAINST) hasAgainst = true;
            }
            if (!ok || !hasFor || !hasAgainst) { skipped++; skippedIds.add(id); continue; }
            long created = num(p, "created", at), start = num(p, "start", at), end = num(p, "end", at);
            if (end < start) throw new DataException(at + ".end: " + end + " is before start " + start);
            BigDecimal quorum = p.hasNonNull("quorum") && p.get("quorum").asDouble() > 0 ? Decimals.canonical(new BigDecimal(p.get("quorum").asText())) : null;
            if (o.quorum() != null) quorum = o.quorum();
            String state = p.path("state").asText("closed").toLowerCase(Locale.ROOT);
            Outcome outcome = Outcome.PENDING;
            if (state.equals("closed")) {
                JsonNode scores = p.path("scores");
                if (!scores.isArray() || scores.size() != map.length) throw new DataException(at + ".scores: a closed proposal needs one score per choice");
                double forS = 0, againstS = 0, total = 0;
                for (int c = 0; c < map.length; c++) {
                    double s = scores.get(c).asDouble();
                    total += s;
                    if (map[c] == Choice.FOR) forS += s;
                    if (map[c] == Choice.AGAINST) againstS += s;
                }
                boolean quorumMet = quorum == null || total >= quorum.doubleValue();
                outcome = forS > againstS && quorumMet ? Outcome.PASSED : Outcome.DEFEATED;
            }
            proposals.add(new Proposal(dao, id, created, start, end, quorum, outcome, p.path("author").asText(null)));
            mapping.put(id, map);
            daoOf.put(id, dao);
        }
        List<Vote> votes = new ArrayList<>();
        JsonNode vs = root.path("votes");
        long voteEvents = 0, orphan = 0, onSkipped = 0;
        if (!vs.isMissingNode() && !vs.isArray()) throw new DataException(f + ": votes: expected an array");
        for (int i = 0; i < vs.size(); i++) {
            voteEvents++;
            JsonNode v = vs.get(i);
            String at = f + ": votes[" + i + "]";
            JsonNode pr = v.path("proposal");
            String pid = pr.isObject() ? text(pr, "id", at + ".proposal") : text(v, "proposal", at);
            Choice[] map = mapping.get(pid);
            if (map == null) { if (skippedIds.contains(pid)) onSkipped++; else orphan++; continue; }
            JsonNode ch = v.get("choice");
            if (ch == null || !ch.canConvertToInt() || ch.asInt() < 1 || ch.asInt() > map.length)
                throw new DataException(at + ".choice: expected a 1-based choice index 1.." + map.length);
            JsonNode vp = v.get("vp");
            if (vp == null || !vp.isNumber() || vp.asDouble() < 0) throw new DataException(at + ".vp: expected a non-negative number");
            votes.add(new Vote(daoOf.get(pid), pid, num(v, "created", at), text(v, "voter", at), map[ch.asInt() - 1], Decimals.canonical(new BigDecimal(vp.asText()))));
        }
        List<String> notes = new ArrayList<>();
        if (skipped > 0) notes.add(skipped + " proposal(s) with choices other than for/against/abstain were left out");
        if (onSkipped > 0) notes.add(onSkipped + " vote(s) on those left-out proposals");
        if (orphan > 0) notes.add(orphan + " orphan vote(s) on proposals absent from the export: left out");
        return new ImportResult(new GovernanceData(proposals, votes), ps.size(), voteEvents, notes);
    }

    static Choice label(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "for", "yes", "yae", "yea", "approve", "in favor", "in favour" -> Choice.FOR;
            case "against", "no", "nay", "reject" -> Choice.AGAINST;
            case "abstain" -> Choice.ABSTAIN;
            default -> null;
        };
    }

    private static String text(JsonNode n, String field, String at) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) throw new DataException(at + "." + field + ": required text");
        return v.asText();
    }

    private static long num(JsonNode n, String field, String at) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong()) throw new DataException(at + "." + field + ": expected unix seconds");
        return v.asLong();
    }
}
