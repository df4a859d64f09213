package org.neuroracle.forecast.synth;

import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Vote;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Contribution bounding with the voter as the privacy unit: each voter keeps the votes on at most
 * {@code maxProposals} proposals (its earliest, by time then proposal id), so adding or removing one voter changes
 * at most that many proposals. The choice depends on the voter's own votes only, which is what makes the bound a
 * bound: whether a vote is kept never depends on another voter.
 */
public final class VoterBound {
    private VoterBound() {}

    public record Bounded(GovernanceData data, int maxProposals, int votersCut, int votesDropped) {}

    public static Bounded bound(GovernanceData d, int maxProposals) {
        if (maxProposals < 1) throw new IllegalArgumentException("max proposals per voter: must be >= 1, got " + maxProposals);
        Map<String, List<Vote>> byVoter = new HashMap<>();
        for (Vote v : d.votes()) byVoter.computeIfAbsent(v.dao() + "\u0000" + v.voter(), k -> new ArrayList<>()).add(v);
        List<Vote> kept = new ArrayList<>();
        int cut = 0, dropped = 0;
        for (List<Vote> vs : byVoter.values()) {
            vs.sort(Comparator.comparingLong(Vote::timestamp).thenComparing(Vote::proposalId));
            Set<String> proposals = new HashSet<>();
            boolean wasCut = false;
            for (Vote v : vs) {
                if (proposals.contains(v.proposalId()) || proposals.size() < maxProposals) { proposals.add(v.proposalId()); kept.add(v); }
                else { dropped++; wasCut = true; }
            }
            if (wasCut) cut++;
        }
        return new Bounded(new GovernanceData(d.proposals(), kept), maxProposals, cut, dropped);
    }
}
