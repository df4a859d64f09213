package org.neuroracle.daoserver.oracle;

import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlockNumber;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An RPC endpoint with the faults public providers show: a head that lags behind the blocks already seen (a load
 * balancer's slower backend), eth_getLogs refusing ranges wider than a limit, and an outage (every call refused).
 */
final class FaultyRpc extends HttpService {
    /** Blocks subtracted from eth_blockNumber. */
    final AtomicLong headLag = new AtomicLong();
    /** Widest eth_getLogs range served (blocks); wider ones get an error. 0: no limit. */
    final AtomicLong maxLogRange = new AtomicLong();
    final AtomicInteger refusedGetLogs = new AtomicInteger();
    /** While true every call fails as an unreachable endpoint does. */
    final java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
    /** The first block of every eth_getLogs range asked for, in order. */
    final java.util.List<Long> getLogsFrom = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    FaultyRpc(String url) { super(url); }

    Web3j web3j() { return Web3j.build(this); }

    @Override public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
        if (down.get()) throw new java.net.ConnectException("Connection refused (FaultyRpc is down)");
        if (request.getMethod().equals("eth_getLogs")) {
            var f = (org.web3j.protocol.core.methods.request.EthFilter) request.getParams().getFirst();
            long from = Long.decode(f.getFromBlock().getValue()), to = Long.decode(f.getToBlock().getValue());
            getLogsFrom.add(from);
            if (maxLogRange.get() > 0 && to - from + 1 > maxLogRange.get()) {
                refusedGetLogs.incrementAndGet();
                EthLog err = new EthLog();
                err.setError(new Response.Error(-32005, "query exceeds max block range " + maxLogRange.get()));
                return responseType.cast(err);
            }
        }
        T r = super.send(request, responseType);
        if (r instanceof EthBlockNumber n && headLag.get() > 0 && !n.hasError()) {
            n.setResult("0x" + n.getBlockNumber().subtract(BigInteger.valueOf(headLag.get())).toString(16));
        }
        return r;
    }
}
