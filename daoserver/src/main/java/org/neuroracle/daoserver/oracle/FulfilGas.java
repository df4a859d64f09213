package org.neuroracle.daoserver.oracle;

import java.math.BigInteger;

/**
 * The gas limit of a fulfil transaction. Its estimate is taken against the current vote count, but the transaction
 * may be mined as the k-th vote (other nodes' votes land first), when it also pays the agreeing nodes and runs the
 * callback, which NeuroOracle demands up front: {@code gasleft() >= callbackGasLimit * 64/63 + 10000}. So the
 * finalising work is always added, whatever the count now.
 */
final class FulfilGas {
    private FulfilGas() {}

    /** Finalisation outside the callback: deleting the commitment, the finalised flag, the event. */
    static final long FINALISE_GAS = 60_000;
    /** Per agreeing node: one role check and one `owed` credit (a fresh storage slot in the worst case). */
    static final long PAYOUT_GAS_PER_NODE = 30_000;
    /** The contract's own reserve in the InsufficientGas check. */
    static final long CALLBACK_RESERVE_GAS = 10_000;

    static BigInteger limit(BigInteger estimateWithMargin, long callbackGasLimit, int threshold) {
        long finalising = callbackGasLimit * 64 / 63 + CALLBACK_RESERVE_GAS + FINALISE_GAS + PAYOUT_GAS_PER_NODE * Math.max(1, threshold);
        return estimateWithMargin.add(BigInteger.valueOf(finalising));
    }
}
