package org.neuroracle.daoserver.oracle;

import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;

import java.io.IOException;

/**
 * The one source of nonces for a node account. Taking nonces from the node's own counter (not from the RPC for each
 * transaction) keeps back-to-back sends from colliding; it re-reads the chain's pending count at start, after a
 * rejected send ("nonce too low", a dropped transaction) and after a reorg, which may have un-mined our transactions.
 */
public final class NonceManager {
    private final Web3j web3j;
    private final String address;
    private long next = -1;

    public NonceManager(Web3j web3j, String address) {
        this.web3j = web3j;
        this.address = address;
    }

    /** Takes the next nonce. */
    public synchronized long take() throws IOException {
        if (next < 0) resync();
        return next++;
    }

    /** Forgets the local counter; the next {@link #take()} asks the chain again. */
    public synchronized void invalidate() { next = -1; }

    public synchronized void resync() throws IOException {
        var r = web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send();
        if (r.hasError()) throw new IOException("eth_getTransactionCount " + address + ": " + r.getError().getMessage());
        next = r.getTransactionCount().longValueExact();
    }
}
