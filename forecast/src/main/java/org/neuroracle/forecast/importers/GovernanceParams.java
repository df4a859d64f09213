package org.neuroracle.forecast.importers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.neuroracle.forecast.data.DataException;
import org.neuroracle.forecast.data.Decimals;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A governance-parameters file ({@code data import --params FILE}, YAML): the rules a log does not carry, each
 * with the block or date it applies from. Example (forecast/examples/params/compound-bravo.yaml):
 * <pre>
 * dao: compound-bravo
 * source: GovernorBravoDelegate quorumVotes(), votingPeriod at deployment and its VotingPeriodSet event
 * periods:
 *   - from_block: 12006099        # the contract's first block in the log
 *     quorum: 400000              # tokens the for side needs
 *     voting_period_blocks: 17280
 *   - from_block: 12266840        # VotingPeriodSet(17280 -> 19710)
 *     voting_period_blocks: 19710
 * </pre>
 * Fields of a period (all optional, each in force from its {@code from_block} or {@code from_date} until a later
 * period sets it again): {@code quorum} (tokens), {@code voting_period_s} or {@code voting_period_blocks},
 * {@code support_required_pct} (share of for among for+against a vote needs, 0..100). A proposal takes the values
 * in force at its start (block when the log has blocks, else time). Unknown fields are errors naming the file.
 */
public record GovernanceParams(String dao, List<Period> periods) {
    /** One row of parameters; fromBlock or fromTime (unix seconds) is set, the other is -1. */
    public record Period(long fromBlock, long fromTime, BigDecimal quorum, Long votingPeriodSeconds, Long votingPeriodBlocks,
                         BigDecimal supportRequiredPct) {}

    /** The values in force at a point (any may be null when no period set it). */
    public record InForce(BigDecimal quorum, Long votingPeriodSeconds, Long votingPeriodBlocks, BigDecimal supportRequiredPct) {}

    private static final Set<String> FIELDS = Set.of("from_block", "from_date", "quorum", "voting_period_s", "voting_period_blocks", "support_required_pct");

    public static GovernanceParams none() { return new GovernanceParams(null, List.of()); }

    public static GovernanceParams read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new DataException(file + ": not a readable YAML parameters file: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) throw new DataException(file + ": expected a mapping with 'periods'");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("dao", "source", "periods").contains(f)) throw new DataException(file + ": " + f + ": unknown field (dao, source, periods)");
        }
        JsonNode ps = root.path("periods");
        if (!ps.isArray() || ps.isEmpty()) throw new DataException(file + ": periods: expected a non-empty list");
        List<Period> out = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            JsonNode p = ps.get(i);
            String at = file + ": periods[" + i + "]";
            if (!p.isObject()) throw new DataException(at + ": expected a mapping");
            for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!FIELDS.contains(f)) throw new DataException(at + "." + f + ": unknown field (" + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
            boolean hasBlock = p.has("from_block"), hasDate = p.has("from_date");
            if (hasBlock == hasDate) throw new DataException(at + ": exactly one of from_block and from_date is required");
            long fromBlock = -1, fromTime = -1;
            if (hasBlock) {
                if (!p.get("from_block").canConvertToLong() || p.get("from_block").asLong() < 0) throw new DataException(at + ".from_block: expected a block number");
                fromBlock = p.get("from_block").asLong();
            } else {
                try { fromTime = LocalDate.parse(p.get("from_date").asText()).atStartOfDay().toEpochSecond(ZoneOffset.UTC); }
                catch (RuntimeException e) { throw new DataException(at + ".from_date: '" + p.get("from_date").asText() + "' is not a date (YYYY-MM-DD)"); }
            }
            BigDecimal quorum = amount(p, "quorum", at);
            BigDecimal support = amount(p, "support_required_pct", at);
            if (support != null && support.compareTo(new BigDecimal(100)) > 0) throw new DataException(at + ".support_required_pct: must be 0..100");
            Long vs = positive(p, "voting_period_s", at), vb = positive(p, "voting_period_blocks", at);
            if (vs != null && vb != null) throw new DataException(at + ": give voting_period_s or voting_period_blocks, not both");
            out.add(new Period(fromBlock, fromTime, quorum, vs, vb, support));
        }
        boolean blocks = out.getFirst().fromBlock() >= 0;
        for (int i = 0; i < out.size(); i++)
            if ((out.get(i).fromBlock() >= 0) != blocks)
                throw new DataException(file + ": periods[" + i + "]: all periods must use from_block, or all from_date");
        out.sort(Comparator.comparingLong(p -> blocks ? p.fromBlock() : p.fromTime()));
        String dao = root.hasNonNull("dao") ? root.get("dao").asText() : null;
        return new GovernanceParams(dao == null || dao.isBlank() ? null : dao, List.copyOf(out));
    }

    private static BigDecimal amount(JsonNode p, String f, String at) {
        if (!p.has(f)) return null;
        try {
            BigDecimal v = Decimals.canonical(new BigDecimal(p.get(f).asText()));
            if (v.signum() < 0) throw new DataException(at + "." + f + ": must not be negative");
            return v;
        } catch (NumberFormatException e) {
            throw new DataException(at + "." + f + ": '" + p.get(f).asText() + "' is not a number");
        }
    }

    private static Long positive(JsonNode p, String f, String at) {
        if (!p.has(f)) return null;
        if (!p.get(f).canConvertToLong() || p.get(f).asLong() <= 0) throw new DataException(at + "." + f + ": expected a positive integer");
        return p.get(f).asLong();
    }

    public boolean isEmpty() { return periods.isEmpty(); }

    public boolean byBlock() { return !periods.isEmpty() && periods.getFirst().fromBlock() >= 0; }

    /** The values in force at a block (when the periods are by block) or a unix time (when by date). */
    public InForce at(long block, long time) {
        BigDecimal q = null, s = null;
        Long vs = null, vb = null;
        for (Period p : periods) {
            long from = byBlock() ? p.fromBlock() : p.fromTime();
            long now = byBlock() ? block : time;
            if (from > now) break;
            if (p.quorum() != null) q = p.quorum();
            if (p.supportRequiredPct() != null) s = p.supportRequiredPct();
            if (p.votingPeriodSeconds() != null) { vs = p.votingPeriodSeconds(); vb = null; }
            if (p.votingPeriodBlocks() != null) { vb = p.votingPeriodBlocks(); vs = null; }
        }
        return new InForce(q, vs, vb, s);
    }
}
