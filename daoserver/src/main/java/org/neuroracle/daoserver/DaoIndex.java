package org.neuroracle.daoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.neuroracle.forecast.data.Decimals;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.data.TreasuryData;
import org.neuroracle.forecast.data.TreasuryRow;
import org.neuroracle.forecast.data.Vote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Proposals, votes and treasury series the node already holds, so that a forecast request may name a DAO and a
 * proposal (or an asset) instead of carrying the data. The layout is one folder per DAO under
 * {@link ServerConfig#indexDir()}, each written by {@code neuroracle data import --out INDEX/<dao>}: the canonical
 * {@code proposals.csv} + {@code votes.csv} and/or {@code treasury.csv}, read with the forecast module's own readers.
 * Proposals are indexed by the {@code dao} column of {@code proposals.csv}; treasury series by the folder name
 * (the canonical treasury file has no DAO column).
 *
 * <p>Loaded once, before the server starts, and immutable afterwards, so lookups need no locking; only the DAOs
 * read from the chain change, each swapped whole ({@link #replaceChain}) when its refresher reads a new block. A request
 * resolved here becomes exactly the explicit request a client could have sent; the forecast path then runs on
 * it unchanged, so answer, input hash and attestation are those of that explicit request.
 */
final class DaoIndex {
    private static final Logger LOG = LoggerFactory.getLogger(DaoIndex.class);

    /** One indexed proposal with its votes in the canonical file's (time) order. */
    record IndexedProposal(Proposal proposal, List<Vote> votes) {}

    /** dao -> proposal id -> proposal with its votes in time order. */
    private final Map<String, Map<String, IndexedProposal>> proposals;
    /** dao -> asset -> rows in date order. */
    private final Map<String, Map<String, List<TreasuryRow>>> treasury;
    /** Per DAO and asset, the rows that name a category (a breakdown of {@link #treasury}, for the dashboard). */
    private final Map<String, Map<String, List<TreasuryRow>>> treasuryCategories;

    /** A chain DAO's newest read, the proposals its views are built from, and their version. */
    private record ChainState(ChainDao latest, Map<String, IndexedProposal> proposals, long version, Object key) {}

    /** dao -> chain state: an immutable map swapped whole by {@link #replaceChain} (the refresher's thread). */
    private final java.util.concurrent.atomic.AtomicReference<Map<String, ChainState>> chain = new java.util.concurrent.atomic.AtomicReference<>(Map.of());

    /** dao -> the folders its data was read from (for the optional per-DAO files the dashboard reads). */
    private final Map<String, List<Path>> folders;

    private DaoIndex(Map<String, Map<String, IndexedProposal>> proposals, Map<String, Map<String, List<TreasuryRow>>> treasury,
                     Map<String, List<Path>> folders, Map<String, Map<String, List<TreasuryRow>>> treasuryCategories) {
        this.proposals = proposals;
        this.treasury = treasury;
        this.folders = folders;
        this.treasuryCategories = treasuryCategories;
    }

    static DaoIndex empty() { return new DaoIndex(Map.of(), Map.of(), Map.of(), Map.of()); }

    /**
     * Reads every DAO folder under {@code dir}. A missing {@code dir} is an empty index (logged once); a malformed
     * file stops the start with the reader's message (file, line, field).
     */
    static DaoIndex load(Path dir) {
        if (!Files.isDirectory(dir)) {
            LOG.info("index folder {} does not exist: no DAOs indexed (forecasts need the proposal data or series in the request)", dir);
            return empty();
        }
        List<Path> daoDirs;
        try (Stream<Path> s = Files.list(dir)) {
            daoDirs = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("indexDir " + dir + ": " + e.getMessage(), e);
        }
        Map<String, Map<String, IndexedProposal>> props = new TreeMap<>();
        Map<String, Map<String, List<TreasuryRow>>> series = new TreeMap<>(), categories = new TreeMap<>();
        Map<String, List<Path>> folders = new TreeMap<>();
        int proposalCount = 0, voteCount = 0, rowCount = 0;
        for (Path d : daoDirs) {
            if (Files.exists(d.resolve(GovernanceData.PROPOSALS))) {
                GovernanceData g = GovernanceData.read(d);
                Map<String, List<Vote>> byKey = g.votesByProposal();
                for (Proposal p : g.proposals()) {
                    List<Vote> votes = byKey.getOrDefault(p.key(), List.of());
                    if (!folders.computeIfAbsent(p.dao(), k -> new ArrayList<>()).contains(d)) folders.get(p.dao()).add(d);
                    IndexedProposal prev = props.computeIfAbsent(p.dao(), k -> new TreeMap<>())
                            .put(p.proposalId(), new IndexedProposal(p, List.copyOf(votes)));
                    if (prev != null)
                        throw new IllegalArgumentException("indexDir " + dir + ": proposal " + p.dao() + "/" + p.proposalId()
                                + " appears in two DAO folders (" + d + " and another)");
                    proposalCount++;
                    voteCount += votes.size();
                }
            }
            if (Files.exists(d.resolve(TreasuryData.FILE))) {
                TreasuryData t = TreasuryData.read(d);
                Map<String, List<TreasuryRow>> byAsset = new TreeMap<>();
                t.byAsset().forEach((asset, rows) -> byAsset.put(asset, List.copyOf(rows)));
                series.put(d.getFileName().toString(), Collections.unmodifiableMap(byAsset));
                if (t.hasCategories()) categories.put(d.getFileName().toString(), Collections.unmodifiableMap(t.categoriesByAsset()));
                List<Path> fs = folders.computeIfAbsent(d.getFileName().toString(), k -> new ArrayList<>());
                if (!fs.contains(d)) fs.add(d);
                rowCount += t.rows().size();
            }
        }
        LOG.info("index {}: {} proposals with {} votes in {} DAO(s), {} treasury rows in {} DAO(s)", dir, proposalCount,
                voteCount, props.size(), rowCount, series.size());
        Map<String, List<Path>> frozen = new TreeMap<>();
        folders.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new DaoIndex(Collections.unmodifiableMap(props), Collections.unmodifiableMap(series), Collections.unmodifiableMap(frozen),
                Collections.unmodifiableMap(categories));
    }

    /** This index with DAOs read from the chain added (a DAO of the same name in the index is hidden by it). */
    DaoIndex with(List<ChainDao> chainDaos) {
        if (chainDaos.isEmpty()) return this;
        DaoIndex out = new DaoIndex(proposals, treasury, folders, treasuryCategories);
        for (ChainDao c : chainDaos) out.replaceChain(c);
        return out;
    }

    /**
     * A chain DAO's newest read (the refresher's). Returns whether its proposals, votes or parameter values changed
     * (then the views of the DAO are stale); a read that only moved the block, or that carries a refresh error,
     * keeps the proposals it had, so open proposals' estimated window ends do not make every block a change.
     */
    boolean replaceChain(ChainDao c) {
        Object key = contentKey(c);
        while (true) {
            Map<String, ChainState> before = chain.get();
            ChainState prev = before.get(c.dao());
            ChainState next;
            if (prev != null && (prev.key().equals(key) || c.refreshError() != null))
                next = new ChainState(c, prev.proposals(), prev.version(), prev.key());
            else {
                Map<String, List<Vote>> byProposal = new java.util.HashMap<>();
                for (Vote v : c.votes()) byProposal.computeIfAbsent(v.proposalId(), k -> new ArrayList<>()).add(v);
                Map<String, IndexedProposal> ps = new TreeMap<>();
                for (Proposal p : c.proposals())
                    ps.put(p.proposalId(), new IndexedProposal(p, List.copyOf(byProposal.getOrDefault(p.proposalId(), List.of()))));
                next = new ChainState(c, Collections.unmodifiableMap(ps), prev == null ? 1 : prev.version() + 1, key);
            }
            Map<String, ChainState> after = new TreeMap<>(before);
            after.put(c.dao(), next);
            if (chain.compareAndSet(before, Collections.unmodifiableMap(after))) {
                if (prev == null || next.version() != prev.version())
                    LOG.info("chain DAO {} at block {}: {} proposals with {} votes", c.dao(), c.block(), c.proposals().size(), c.votes().size());
                return prev != null && next.version() != prev.version();
            }
        }
    }

    /** What makes a chain DAO's views differ: proposal ids, outcomes and quorums, the votes, the parameter values. */
    private static Object contentKey(ChainDao c) {
        return List.of(c.proposals().stream().map(p -> p.proposalId() + "|" + p.outcome() + "|" + p.quorum()).toList(), c.votes(),
                c.parameters().stream().map(p -> p.name() + "|" + p.value() + "|" + p.sinceBlock()).toList());
    }

    /** The DAO's newest chain read, or null when it is not a chain DAO. */
    ChainDao chainDao(String dao) {
        ChainState s = chain.get().get(dao);
        return s == null ? null : s.latest();
    }

    /** Changes whenever the DAO's proposals or votes do (a chain DAO's refresh); constant for an indexed DAO. */
    long version(String dao) {
        ChainState s = chain.get().get(dao);
        return s == null ? 0 : s.version();
    }

    /** Every indexed DAO name (with proposals, a treasury series or both, or read from the chain), sorted. */
    java.util.SortedSet<String> daos() {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(proposals.keySet());
        all.addAll(chain.get().keySet());
        all.addAll(treasury.keySet());
        return Collections.unmodifiableSortedSet(all);
    }

    /** The DAO's proposals by id (empty when it has none). */
    Map<String, IndexedProposal> proposalsOf(String dao) {
        ChainState c = chain.get().get(dao);
        return c != null ? c.proposals() : proposals.getOrDefault(dao, Map.of());
    }

    /** The DAO's treasury series by asset, rows in date order (empty when it has none). */
    Map<String, List<TreasuryRow>> treasuryOf(String dao) { return treasury.getOrDefault(dao, Map.of()); }

    /** The DAO's category rows by asset (empty when its treasury.csv has no category column). */
    Map<String, List<TreasuryRow>> treasuryCategoriesOf(String dao) { return treasuryCategories.getOrDefault(dao, Map.of()); }

    /** The index folders the DAO's data came from. */
    List<Path> foldersOf(String dao) { return folders.getOrDefault(dao, List.of()); }

    /** Whether a contract-valid vote body asks for the index (it names a proposal but carries no votes). */
    static boolean isIndexedVote(JsonObject body) { return !body.containsKey("votes"); }

    /** Whether a contract-valid treasury body asks for the index (no series). */
    static boolean isIndexedTreasury(JsonObject body) { return !body.containsKey("series"); }

    /**
     * The explicit vote request equivalent to an indexed one: metadata from {@code proposals.csv}, the votes cast
     * from {@code voteStart} up to {@code asOf}. {@code asOf} defaults to the end of the voting window, or now while
     * the vote is still open (never before {@code voteStart}). Unknown DAO or proposal: 404 naming the field.
     */
    JsonObject resolveVote(JsonObject body, long nowSeconds, int maxVotes) {
        String dao = body.getString("dao"), id = body.getString("proposalId");
        ChainState c = chain.get().get(dao);
        Map<String, IndexedProposal> ofDao = c != null ? c.proposals() : proposals.get(dao);
        if (ofDao == null) throw Problem.notFound("dao", "dao: no proposals of DAO '" + dao + "' are indexed on this node");
        IndexedProposal ip = ofDao.get(id);
        if (ip == null) throw Problem.notFound("proposalId", "proposalId: no proposal '" + id + "' of DAO '" + dao + "' is indexed on this node");
        Proposal p = ip.proposal();
        long asOf = body.containsKey("asOf") ? body.getLong("asOf")
                : Math.max(p.voteStart(), Math.min(p.voteEnd(), nowSeconds));
        JsonArray votes = new JsonArray();
        for (Vote v : ip.votes()) {
            if (v.timestamp() > asOf) break; // time order
            if (v.timestamp() < p.voteStart()) continue; // cast before the window opened: not a vote the contract counts
            votes.add(new JsonObject().put("timestamp", v.timestamp()).put("voter", v.voter())
                    .put("choice", v.choice().label()).put("weight", Decimals.text(v.weight())));
        }
        if (votes.size() > maxVotes)
            throw Problem.unprocessable("proposalId", "proposalId: the indexed proposal has " + votes.size()
                    + " votes up to asOf " + asOf + ", more than this node's maxVotes (" + maxVotes + ")");
        JsonObject explicit = new JsonObject();
        if (body.containsKey("modelId")) explicit.put("modelId", body.getString("modelId"));
        return explicit.put("dao", dao).put("proposalId", id).put("voteStart", p.voteStart()).put("voteEnd", p.voteEnd())
                .put("quorum", p.quorum() == null ? null : Decimals.text(p.quorum())).put("asOf", asOf).put("votes", votes);
    }

    /**
     * The explicit treasury request equivalent to an indexed one: the asset's rows of that DAO (with their
     * {@code periodDays} when the series is not daily), those of the latest {@code maxSeriesDays} days when there are
     * more. Unknown DAO or asset: 404 naming the field.
     */
    JsonObject resolveTreasury(JsonObject body, int maxSeriesDays) {
        String dao = body.getString("dao"), asset = body.getString("asset");
        Map<String, List<TreasuryRow>> ofDao = treasury.get(dao);
        if (ofDao == null) throw Problem.notFound("dao", "dao: no treasury series of DAO '" + dao + "' is indexed on this node");
        List<TreasuryRow> rows = ofDao.get(asset);
        if (rows == null) throw Problem.notFound("asset", "asset: no series of asset '" + asset + "' of DAO '" + dao + "' is indexed on this node");
        if (rows.size() < 2)
            throw Problem.unprocessable("asset", "asset: the indexed series of " + dao + "/" + asset + " has " + rows.size() + " period(s), at least 2 are needed");
        int period = rows.getFirst().periodDays();
        JsonArray series = new JsonArray();
        for (TreasuryRow r : rows.subList(Math.max(0, rows.size() - Math.max(2, maxSeriesDays / period)), rows.size()))
            series.add(new JsonObject().put("date", r.date().toString()).put("inflow", Decimals.text(r.inflow()))
                    .put("outflow", Decimals.text(r.outflow())).put("balance", r.balance() == null ? null : Decimals.text(r.balance())));
        JsonObject explicit = new JsonObject();
        if (body.containsKey("modelId")) explicit.put("modelId", body.getString("modelId"));
        explicit.put("dao", dao).put("asset", asset).put("series", series);
        if (period != 1) explicit.put("periodDays", period);
        if (body.containsKey("horizonsDays")) explicit.put("horizonsDays", body.getJsonArray("horizonsDays").copy());
        return explicit;
    }

    /** Indexed DAOs with proposals, then with treasury series (for {@code /health}). */
    JsonObject summary() {
        java.util.TreeSet<String> withProposals = new java.util.TreeSet<>(proposals.keySet());
        withProposals.addAll(chain.get().keySet());
        return new JsonObject().put("proposalDaos", new JsonArray(new ArrayList<>(withProposals)))
                .put("treasuryDaos", new JsonArray(new ArrayList<>(treasury.keySet())));
    }
}
