package org.neuroracle.daoserver.oracle;

/**
 * Fault injection for the crash tests: with {@code -Dneuroracle.oracle.pauseAt=NAME} the node stops at that point
 * (prints {@code neuroracle-pause NAME} and sleeps), so a test can kill the process with SIGKILL exactly there.
 * Without the property, {@link #reach} does nothing.
 */
final class CrashPoints {
    private CrashPoints() {}

    /** After the fulfilment is claimed in the store, before its transaction is broadcast. */
    static final String AFTER_CLAIM = "after-claim";
    /** After the broadcast, before the receipt is seen. */
    static final String AFTER_BROADCAST = "after-broadcast";

    private static final String PAUSE_AT = System.getProperty("neuroracle.oracle.pauseAt");

    static void reach(String name) {
        if (!name.equals(PAUSE_AT)) return;
        System.out.println("neuroracle-pause " + name);
        System.out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
