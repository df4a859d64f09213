package org.neuroracle.daoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.data.Decimals;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.Vote;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The governance views of one indexed DAO: its parameters with their sources, its proposals with the served vote
 * forecaster's P(pass) (the trajectory at each vote of an open proposal, the forecasts at 10/25/50% of the window of
 * a decided one), and the reliability of those forecasts. Every forecast is the indexed request
 * {@code {dao, proposalId, asOf}} resolved by {@link DaoIndex} and answered by the same engine as
 * {@code POST /v1/forecasts/vote}, so a point here is what that endpoint answers for the same {@code asOf}.
 * Blocking (runs the forecaster): call on a worker; bounded by {@link #MAX_TRAJECTORY_POINTS} and
 * {@link #MAX_SCORED_PROPOSALS}.
 */
final class GovernanceViews {
    /** Forecasts per open proposal's trajectory; more votes than this are sampled evenly (the last is kept). */
    static final int MAX_TRAJECTORY_POINTS = 60;
    /** Decided proposals scored (the latest by end of window); older ones are listed without forecasts. */
    static final int MAX_SCORED_PROPOSALS = 300;
    /** Fractions of the voting window at which a decided proposal is forecast. */
    static final double[] CHECKPOINTS = {0.10, 0.25, 0.50};
    /** The checkpoint the reliability diagram uses (index into {@link #CHECKPOINTS}). */
    static final int RELIABILITY_CHECKPOINT = 2;
    static final int RELIABILITY_BINS = 10;

    private final DaoIndex index;
    private final ForecastEngine engine;
    private final int maxVotes;

    GovernanceViews(DaoIndex index, ForecastEngine engine, int maxVotes) {
        this.index = index;
        this.engine = engine;
        this.maxVotes = maxVotes;
    }

    // ---- parameters ----------------------------------------------------------------------------------------

    /** Quorum, voting delay and period, proposal threshold, timelock delay: each with value, unit, source, since. */
    JsonObject parameters(String dao, DaoParams params) {
        List<Proposal> byCreated = index.proposalsOf(dao).values().stream().map(DaoIndex.IndexedProposal::proposal)
                .sorted(Comparator.comparingLong(Proposal::created).thenComparing(Proposal::proposalId)).toList();
        String proposalsFile = index.foldersOf(dao).stream().map(d -> d.resolve("proposals.csv"))
                .filter(java.nio.file.Files::exists).map(Object::toString).findFirst().orElse("proposals.csv");
        JsonArray out = new JsonArray();
        for (String name : DaoParams.NAMES) {
            DaoParams.Entry e = params.entries().get(name);
            JsonObject p = new JsonObject().put("name", name);
            if (e != null) {
                p.put("value", e.value()).put("unit", e.unit()).put("since", e.since())
                        .put("source", new JsonObject().put("kind", "params file").put("file", params.file().toString()).put("detail", e.source()));
            } else {
                JsonObject derived = fromData(name, byCreated, proposalsFile);
                if (derived != null) p.mergeIn(derived);
                else p.put("value", null).put("unit", null).put("since", null).put("source", new JsonObject().put("kind", "unknown")
                        .put("detail", "not in the canonical files; state it in " + DaoParams.FILE + " in the DAO's index folder"));
            }
            out.add(p);
        }
        return new JsonObject().put("dao", dao).put("parameters", out)
                .put("chain", new JsonObject().put("configured", false)
                        .put("detail", "no RPC endpoint is configured on this node: no parameter was read by a chain call"));
    }

    /**
     * A chain DAO's parameters as its Governor's view calls returned them: each with the contract, the call, the
     * block read at and since when it holds (the block of the event that set it, else "at least since" the earliest
     * block read with the same value); with the read's block and, while refreshes fail, the error.
     */
    static JsonObject chainParameters(ChainDao c) {
        JsonArray out = new JsonArray();
        for (String name : DaoParams.NAMES) {
            ChainDao.Parameter p = c.parameters().stream().filter(q -> q.name().equals(name)).findFirst().orElse(null);
            JsonObject o = new JsonObject().put("name", name);
            if (p == null) {
                o.put("value", null).put("unit", null).put("since", null).put("source", new JsonObject().put("kind", "unknown")
                        .put("detail", "the Governor " + address(c) + " answers no view call for it at block " + c.block()));
            } else {
                o.put("value", p.value()).put("unit", p.unit()).put("since", date(p.sinceTimeS())).put("sinceBlock", p.sinceBlock())
                        .put("sinceExact", p.sinceExact())
                        .put("source", new JsonObject().put("kind", "chain call").put("contract", p.contract()).put("call", p.call())
                                .put("block", p.readAtBlock()).put("returned", p.returned()).put("event", p.sinceEvent())
                                .put("detail", p.detail() + "; " + (p.sinceExact() ? "set by " + p.sinceEvent() + " in block " + p.sinceBlock()
                                        : "no event sets it on chain: holds at least since block " + p.sinceBlock() + ", the earliest this node read it at")));
            }
            out.add(o);
        }
        return new JsonObject().put("dao", c.dao()).put("parameters", out).put("chain", chainStatus(c));
    }

    /** Where and when a chain DAO was read, and whether its refreshes currently fail. */
    static JsonObject chainStatus(ChainDao c) {
        JsonObject o = new JsonObject().put("configured", true).put("governor", address(c)).put("block", c.block())
                .put("blockTime", c.blockTimeS()).put("refreshError", c.refreshError()).put("failingSince", c.failingSinceS());
        String at = "read from the Governor " + address(c) + " at block " + c.block() + " (" + Instant.ofEpochSecond(c.blockTimeS()) + ") and re-read on new blocks";
        return o.put("detail", c.refreshError() == null ? at
                : at + "; the RPC has failed since " + Instant.ofEpochSecond(c.failingSinceS()) + " (" + c.refreshError() + "): this is the last good read");
    }

    /** The Governor's address: the last part of {@code eip155:<chainId>:<address>}. */
    private static String address(ChainDao c) { return c.dao().substring(c.dao().lastIndexOf(':') + 1); }

    /** A parameter the canonical proposals show: quorum column, vote_start - created, vote_end - vote_start. */
    private static JsonObject fromData(String name, List<Proposal> byCreated, String file) {
        if (byCreated.isEmpty()) return null;
        return switch (name) {
            case "quorum" -> {
                Proposal last = byCreated.getLast();
                if (last.quorum() == null) yield null;
                int i = byCreated.size() - 1;
                while (i > 0 && last.quorum().compareTo(orNeg(byCreated.get(i - 1).quorum())) == 0) i--;
                yield dataEntry(Decimals.text(last.quorum()), "tokens", byCreated.get(i).created(), file,
                        "column quorum of the latest proposal (" + last.proposalId() + "); unchanged since proposal " + byCreated.get(i).proposalId());
            }
            case "votingDelaySeconds" -> observed(byCreated, p -> p.voteStart() - p.created(), file, "vote_start - created");
            case "votingPeriodSeconds" -> observed(byCreated, p -> p.voteEnd() - p.voteStart(), file, "vote_end - vote_start");
            default -> null;
        };
    }

    private static BigDecimal orNeg(BigDecimal q) { return q == null ? BigDecimal.ONE.negate() : q; }

    /**
     * The latest proposal's value, and since when it held: the first proposal of the latest run within 10% of it
     * (block-derived times jitter by seconds, so exact equality would date every value to the latest proposal).
     */
    private static JsonObject observed(List<Proposal> byCreated, java.util.function.ToLongFunction<Proposal> f, String file, String what) {
        Proposal last = byCreated.getLast();
        long v = f.applyAsLong(last);
        int i = byCreated.size() - 1;
        while (i > 0 && Math.abs(f.applyAsLong(byCreated.get(i - 1)) - v) <= Math.max(60, v / 10)) i--;
        return dataEntry(Long.toString(v), "s", byCreated.get(i).created(), file, what + " of the latest proposal (" + last.proposalId()
                + "; times interpolated from blocks by the importer); within 10% since proposal " + byCreated.get(i).proposalId());
    }

    private static JsonObject dataEntry(String value, String unit, long sinceEpochS, String file, String detail) {
        return new JsonObject().put("value", value).put("unit", unit).put("since", date(sinceEpochS))
                .put("source", new JsonObject().put("kind", "data file").put("file", file).put("detail", detail));
    }

    static String date(long epochS) { return Instant.ofEpochSecond(epochS).atOffset(ZoneOffset.UTC).toLocalDate().toString(); }

    // ---- proposals -----------------------------------------------------------------------------------------

    /** Open proposals (outcome pending) with tally and trajectory, decided ones with outcome and checkpoint forecasts. */
    JsonObject proposals(String dao, long nowEpochS) {
        List<DaoIndex.IndexedProposal> all = new ArrayList<>(index.proposalsOf(dao).values());
        all.sort(Comparator.comparingLong((DaoIndex.IndexedProposal ip) -> ip.proposal().voteEnd()).reversed()
                .thenComparing(ip -> ip.proposal().proposalId()));
        JsonArray open = new JsonArray(), decided = new JsonArray(), other = new JsonArray();
        int scored = 0;
        for (DaoIndex.IndexedProposal ip : all) {
            Proposal p = ip.proposal();
            switch (p.outcome()) {
                case PENDING -> open.add(openView(ip, nowEpochS));
                case PASSED, DEFEATED -> decided.add(decidedView(ip, scored++ < MAX_SCORED_PROPOSALS));
                default -> other.add(summary(p).put("tally", tally(ip.votes(), p, p.voteEnd())));
            }
        }
        return new JsonObject().put("dao", dao).put("asOf", nowEpochS)
                .put("bounds", new JsonObject().put("maxTrajectoryPoints", MAX_TRAJECTORY_POINTS).put("maxScoredProposals", MAX_SCORED_PROPOSALS))
                .put("open", open).put("decided", decided).put("cancelled", other);
    }

    private static JsonObject summary(Proposal p) {
        return new JsonObject().put("proposalId", p.proposalId()).put("created", p.created()).put("voteStart", p.voteStart())
                .put("voteEnd", p.voteEnd()).put("quorum", p.quorum() == null ? null : Decimals.text(p.quorum()))
                .put("outcome", p.outcome().label());
    }

    /** Vote weights cast in the window up to {@code asOf}, by choice, as decimal token strings. */
    static JsonObject tally(List<Vote> votes, Proposal p, long asOf) {
        BigDecimal f = BigDecimal.ZERO, a = BigDecimal.ZERO, ab = BigDecimal.ZERO;
        int n = 0;
        for (Vote v : votes) {
            if (v.timestamp() > asOf) break;
            if (v.timestamp() < p.voteStart()) continue;
            n++;
            if (v.choice() == Choice.FOR) f = f.add(v.weight());
            else if (v.choice() == Choice.AGAINST) a = a.add(v.weight());
            else ab = ab.add(v.weight());
        }
        JsonObject t = new JsonObject().put("votes", n).put("for", Decimals.text(f)).put("against", Decimals.text(a))
                .put("abstain", Decimals.text(ab));
        if (p.quorum() != null && p.quorum().signum() > 0)
            t.put("forOfQuorum", f.divide(p.quorum(), java.math.MathContext.DECIMAL64).doubleValue()).put("quorumReached", f.compareTo(p.quorum()) >= 0);
        return t;
    }

    private JsonObject openView(DaoIndex.IndexedProposal ip, long now) {
        Proposal p = ip.proposal();
        long asOf = Math.max(p.voteStart(), Math.min(p.voteEnd(), now));
        JsonObject o = summary(p).put("asOf", asOf).put("tally", tally(ip.votes(), p, asOf))
                .put("secondsLeft", Math.max(0, p.voteEnd() - now))
                .put("windowClosed", now >= p.voteEnd());
        // One forecast at the window's start, then one after each vote (sampled evenly past the bound).
        List<Long> times = new ArrayList<>();
        times.add(p.voteStart());
        for (Vote v : ip.votes()) if (v.timestamp() >= p.voteStart() && v.timestamp() <= asOf) times.add(v.timestamp());
        List<Long> picked = sample(times, MAX_TRAJECTORY_POINTS);
        JsonArray traj = new JsonArray();
        for (long t : picked) {
            JsonObject pt = forecastAt(p, t);
            if (pt != null) traj.add(pt);
        }
        // Sampled only when there were more distinct vote times than points (votes in one block share a time).
        return o.put("trajectory", traj).put("trajectorySampled", times.stream().distinct().count() > picked.size());
    }

    /** Distinct times in order, at most {@code max}, evenly spaced by index, first and last kept. */
    static List<Long> sample(List<Long> times, int max) {
        List<Long> distinct = times.stream().distinct().toList();
        if (distinct.size() <= max) return distinct;
        List<Long> out = new ArrayList<>(max);
        for (int k = 0; k < max; k++) out.add(distinct.get((int) Math.round((double) k * (distinct.size() - 1) / (max - 1))));
        return out.stream().distinct().toList();
    }

    private JsonObject decidedView(DaoIndex.IndexedProposal ip, boolean score) {
        Proposal p = ip.proposal();
        JsonObject o = summary(p).put("tally", tally(ip.votes(), p, p.voteEnd()));
        JsonArray fs = new JsonArray();
        if (score) for (double c : CHECKPOINTS) {
            long t = p.voteStart() + Math.round(c * (p.voteEnd() - p.voteStart()));
            JsonObject pt = forecastAt(p, t);
            fs.add(pt == null ? new JsonObject().put("fraction", c).put("asOf", t).put("pPass", null) : pt.put("fraction", c));
        }
        return o.put("forecasts", fs).put("scored", score);
    }

    /** P(pass) with bounds at {@code asOf}, or null when the node cannot answer it (too many votes, no model). */
    private JsonObject forecastAt(Proposal p, long asOf) {
        try {
            JsonObject req = index.resolveVote(new JsonObject().put("dao", p.dao()).put("proposalId", p.proposalId()).put("asOf", asOf), asOf, maxVotes);
            JsonObject a = engine.vote(req, EnergyProfiles.NONE).answer();
            return new JsonObject().put("asOf", asOf).put("votes", req.getJsonArray("votes").size())
                    .put("elapsed", a.getValue("elapsed")).put("pPass", a.getJsonObject("pPass"));
        } catch (Problem | IllegalArgumentException e) {
            return null;
        }
    }

    // ---- reliability ---------------------------------------------------------------------------------------

    /** Reliability bins and Brier scores of the decided proposals' forecasts (from {@link #proposals}' view). */
    static JsonObject reliability(String dao, JsonObject proposalsView) {
        JsonArray decided = proposalsView.getJsonArray("decided");
        int bins = RELIABILITY_BINS;
        int[] count = new int[bins], passed = new int[bins];
        double[] sumP = new double[bins];
        double[] brier = new double[CHECKPOINTS.length];
        int[] brierN = new int[CHECKPOINTS.length];
        for (int i = 0; i < decided.size(); i++) {
            JsonObject d = decided.getJsonObject(i);
            int y = "passed".equals(d.getString("outcome")) ? 1 : 0;
            JsonArray fs = d.getJsonArray("forecasts");
            for (int c = 0; c < fs.size(); c++) {
                JsonObject pp = fs.getJsonObject(c).getJsonObject("pPass");
                if (pp == null) continue;
                double v = pp.getDouble("value");
                brier[c] += (v - y) * (v - y);
                brierN[c]++;
                if (c == RELIABILITY_CHECKPOINT) {
                    int b = Math.min(bins - 1, (int) Math.floor(v * bins));
                    count[b]++;
                    passed[b] += y;
                    sumP[b] += v;
                }
            }
        }
        JsonArray binsOut = new JsonArray();
        for (int b = 0; b < bins; b++)
            binsOut.add(new JsonObject().put("lower", (double) b / bins).put("upper", (double) (b + 1) / bins).put("count", count[b])
                    .put("meanForecast", count[b] == 0 ? null : sumP[b] / count[b])
                    .put("observedPassRate", count[b] == 0 ? null : (double) passed[b] / count[b]));
        JsonArray scores = new JsonArray();
        for (int c = 0; c < CHECKPOINTS.length; c++)
            scores.add(new JsonObject().put("fraction", CHECKPOINTS[c]).put("proposals", brierN[c])
                    .put("brier", brierN[c] == 0 ? null : brier[c] / brierN[c]));
        return new JsonObject().put("dao", dao).put("fraction", CHECKPOINTS[RELIABILITY_CHECKPOINT]).put("bins", binsOut)
                .put("brier", scores)
                .put("detail", "forecasts of the decided (passed or defeated) proposals at " + (int) (CHECKPOINTS[RELIABILITY_CHECKPOINT] * 100)
                        + "% of their voting window; cancelled proposals are not scored. These scores are in-sample where the served"
                        + " model was trained on these proposals (the bundled vote model was trained on Compound Bravo, Compound Alpha"
                        + " and DAOstack, forecast/README.md): then they show calibration on known data, not forecasting skill");
    }

    /** Number of proposals of the DAO by outcome (cheap, for the DAO list). */
    static JsonObject counts(Map<String, DaoIndex.IndexedProposal> ps) {
        JsonObject o = new JsonObject();
        for (DaoIndex.IndexedProposal ip : ps.values()) o.put(ip.proposal().outcome().label(), o.getInteger(ip.proposal().outcome().label(), 0) + 1);
        return o;
    }
}
