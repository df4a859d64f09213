package org.neuroracle.snn.cpu;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sense-reversing barrier that spins: a step of a small network takes microseconds, far less than the cost of
 * parking and waking a thread, so waiting threads spin with {@link Thread#onSpinWait()}. After a while they
 * yield instead, so an oversubscribed machine (more runnable threads than cores) does not burn whole time slices.
 */
final class SpinBarrier {
    static final int SPIN_LIMIT = 20_000;
    private final int parties;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean sense;

    SpinBarrier(int parties) { this.parties = parties; }

    /** @param localSense the caller's sense, flipped on every call; returns the new value to keep. */
    boolean await(boolean localSense) {
        boolean next = !localSense;
        if (waiting.incrementAndGet() == parties) {
            waiting.set(0);
            sense = next;
        } else {
            int spins = 0;
            while (sense != next) {
                if (++spins < SPIN_LIMIT) Thread.onSpinWait();
                else Thread.yield();
            }
        }
        return next;
    }
}
