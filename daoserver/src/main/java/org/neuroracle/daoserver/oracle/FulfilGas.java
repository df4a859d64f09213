package org.neuroracle.daoserver.oracle;

import java.math.BigInteger;

/**
 * The gas limit of a fulfil transaction. Its estimate is taken against the current vote count, but the transaction
 * may be mined as the k-th vote (other nodes' votes land first), when it also pays the agreeing nodes and runs the
 * callback, which NeuroOracle demands up front: {@code gasleft() >= callbackGasLimit * 64/63 + CALLBACK_RESERVE_GAS
 * + PAYOUT_GAS_PER_NODE * votes}. So that reserve, plus the finalising work itself, is always added, whatever the
 * count now.
 */
final class FulfilGas {
    private FulfilGas() {}

    /** NeuroOracle.CALLBACK_RESERVE_GAS: finalisation besides the callback (commitment, flag, event, the call). */
    static final long CALLBACK_RESERVE_GAS = 60_000;
    /** NeuroOracle.PAYOUT_GAS_PER_NODE: one role check and one `owed` credit per agreeing node. */
    static final long PAYOUT_GAS_PER_NODE = 30_000;

    static BigInteger limit(BigInteger estimateWithMargin, long callbackGasLimit, int threshold) {
        // The estimate covers the work up to the contract's gas check; what the check reserves is then spent on
        // payouts and the callback. 10% over the reserve for the payout loop's own bookkeeping.
        long reserve = callbackGasLimit * 64 / 63 + CALLBACK_RESERVE_GAS + PAYOUT_GAS_PER_NODE * Math.max(1, threshold);
        long finalising = reserve + reserve / 10;
        return estimateWithMargin.add(BigInteger.valueOf(finalising));
    }
}
