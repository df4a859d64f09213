package org.neuroracle.daoserver.oracle;

import org.neuroracle.daoserver.ChainDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps the dashboard's chain DAOs ({@code serve --rpc --governor}) current: every poll interval it asks for the
 * head and, when a new block is there, reads each Governor as of that block with {@link ChainDaoReader}, scanning only
 * the blocks after the last good read (everything again after a reorg), and hands the read to the sink. An RPC failure is logged once per outage (and once when it ends); the sink then gets the
 * last good read marked {@link ChainDao#failing failing}, so the pages keep their last good view and say since when
 * it is stale. One daemon thread; reads never overlap.
 */
public final class ChainDaoRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChainDaoRefresher.class);
    /** Default and bounds of the poll interval (seconds): about one mainnet block; at most an hour. */
    public static final int DEFAULT_POLL_SECONDS = 12, MIN_POLL_SECONDS = 1, MAX_POLL_SECONDS = 3600;

    private final Web3j web3j;
    private final long chainId;
    private final List<String> governors;
    private final int maxVotes;
    private final int pollSeconds;
    /** governor (lower case) -> its last good read. */
    private final Map<String, ChainDao> last = new LinkedHashMap<>();
    /** governor -> what its last good read saw, so the next one scans only newer blocks. */
    private final Map<String, ChainDaoReader.Index> index = new LinkedHashMap<>();
    /** governor -> since when its reads fail (unix seconds); absent while they succeed. */
    private final Map<String, Long> failingSince = new LinkedHashMap<>();
    private long lastHead = -1;
    private volatile ScheduledExecutorService timer;

    public ChainDaoRefresher(Web3j web3j, long chainId, List<String> governors, int maxVotes, int pollSeconds) {
        if (pollSeconds < MIN_POLL_SECONDS || pollSeconds > MAX_POLL_SECONDS)
            throw new IllegalArgumentException("chainPollSeconds: must be " + MIN_POLL_SECONDS + ".." + MAX_POLL_SECONDS + ", got " + pollSeconds);
        this.web3j = web3j;
        this.chainId = chainId;
        this.governors = governors.stream().map(String::toLowerCase).toList();
        this.maxVotes = maxVotes;
        this.pollSeconds = pollSeconds;
    }

    public int pollSeconds() { return pollSeconds; }

    /**
     * The first read of every Governor at the head (blocking, before the service starts).
     *
     * @throws IOException on RPC failures: the start fails, there is no last good view yet
     */
    public synchronized List<ChainDao> readAll() throws IOException {
        long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        List<ChainDao> out = new ArrayList<>();
        for (String g : governors) {
            ChainDaoReader.Read r = ChainDaoReader.readAfter(web3j, chainId, g, head, maxVotes, null);
            last.put(g, r.dao());
            index.put(g, r.index());
            out.add(r.dao());
        }
        lastHead = head;
        return out;
    }

    /** Polls every {@link #pollSeconds()} on a daemon thread, handing each new read to {@code sink}. */
    public synchronized void start(Consumer<ChainDao> sink) {
        if (timer != null) throw new IllegalStateException("already started");
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("neuroracle-chain-dao").unstarted(r));
        timer.scheduleWithFixedDelay(() -> {
            try {
                pollOnce(sink);
            } catch (RuntimeException e) {
                LOG.warn("chain DAO refresh: {}", e.toString()); // never kills the timer
            }
        }, pollSeconds, pollSeconds, TimeUnit.SECONDS);
    }

    /**
     * One poll: nothing when the head has not moved; else each Governor read at the head. Returns the number of
     * Governors read successfully.
     */
    public synchronized int pollOnce(Consumer<ChainDao> sink) {
        long head;
        try {
            head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException | RuntimeException e) {
            for (String g : governors) failed(g, e, sink);
            return 0;
        }
        if (head == lastHead && failingSince.isEmpty()) return 0;
        int ok = 0;
        for (String g : governors) {
            ChainDaoReader.Read r;
            try {
                r = ChainDaoReader.readAfter(web3j, chainId, g, head, maxVotes, index.get(g));
            } catch (IOException | RuntimeException e) {
                failed(g, e, sink);
                continue;
            }
            index.put(g, r.index());
            ChainDao d = keepEarliestSince(last.get(g), r.dao());
            last.put(g, d);
            Long since = failingSince.remove(g);
            if (since != null) LOG.info("chain DAO {}: the RPC answers again (failing since {}); read at block {}", d.dao(), since, head);
            sink.accept(d);
            ok++;
        }
        if (ok == governors.size()) lastHead = head;
        return ok;
    }

    private void failed(String governor, Exception e, Consumer<ChainDao> sink) {
        if (failingSince.containsKey(governor)) return; // logged and marked when the outage began
        long now = System.currentTimeMillis() / 1000;
        failingSince.put(governor, now);
        ChainDao good = last.get(governor);
        LOG.warn("chain DAO eip155:{}:{}: refresh failed ({}); keeping the view of block {} until the RPC answers again", chainId, governor,
                e.getMessage(), good == null ? "none" : good.block());
        if (good != null) sink.accept(good.failing(String.valueOf(e.getMessage()), now));
    }

    /** A parameter no event dates holds at least since the earliest block this node read the same value at. */
    static ChainDao keepEarliestSince(ChainDao prev, ChainDao next) {
        if (prev == null) return next;
        List<ChainDao.Parameter> ps = new ArrayList<>();
        for (ChainDao.Parameter p : next.parameters()) {
            ChainDao.Parameter before = prev.parameters().stream().filter(q -> q.name().equals(p.name())).findFirst().orElse(null);
            ps.add(!p.sinceExact() && before != null && !before.sinceExact() && before.value().equals(p.value()) && before.sinceBlock() < p.sinceBlock()
                    ? p.heldSince(before.sinceBlock(), before.sinceTimeS()) : p);
        }
        return new ChainDao(next.dao(), next.proposals(), next.votes(), next.block(), next.blockTimeS(), ps, null, null);
    }

    /** Stops polling (a read in progress is interrupted); does not wait for the lock a read holds. */
    @Override public void close() {
        ScheduledExecutorService t = timer;
        if (t != null) t.shutdownNow();
    }
}
