package org.neuroracle.daoserver.oracle;

import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;

import java.io.IOException;

/**
 * The one source of nonces for an account. Nonces come from a local counter (back-to-back sends do not collide),
 * seeded from the chain's pending count. A nonce that was taken but never broadcast (the RPC refused the
 * transaction, the claim failed) is given back with {@link #release}, so no later transaction waits behind a gap;
 * after a reorg or a dropped transaction {@link #invalidate} makes the next take ask the chain again.
 */
public final class NonceManager {
    private final Web3j web3j;
    private final String address;
    private long next = -1;

    public NonceManager(Web3j web3j, String address) {
        this.web3j = web3j;
        this.address = address;
    }

    public synchronized long take() throws IOException {
        if (next < 0) resync();
        return next++;
    }

    /**
     * Gives back a nonce whose transaction never left. When it was the last one taken the counter steps back;
     * otherwise later nonces are out already and the chain is asked again (a gap would block all of them).
     */
    public synchronized void release(long nonce) {
        if (next == nonce + 1) next = nonce;
        else next = -1;
    }

    /** Forgets the local counter; the next {@link #take()} asks the chain again. */
    public synchronized void invalidate() { next = -1; }

    public synchronized void resync() throws IOException {
        var r = web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send();
        if (r.hasError()) throw new IOException("eth_getTransactionCount " + address + ": " + r.getError().getMessage());
        next = r.getTransactionCount().longValueExact();
    }
}
