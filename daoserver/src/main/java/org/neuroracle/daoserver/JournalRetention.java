package org.neuroracle.daoserver;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;

/**
 * The journal's retention, in bounded batches: one call deletes at most {@link #BATCH} of the oldest rows beyond the
 * retention count or age. Both deletes walk the primary key from the oldest row, so a call reads at most a batch of
 * rows whatever the table's size (ids grow with time; a row received out of order is caught by a later batch). The
 * writer runs one batch per transaction between its commits, so retention never holds it for one long DELETE.
 */
final class JournalRetention {
    static final int BATCH = 1000;

    private final Journal.Policy policy;
    private final LongAdder deleted = new LongAdder();
    private final LongAdder batches = new LongAdder();

    JournalRetention(Journal.Policy policy) { this.policy = policy; }

    boolean enabled() { return policy.retentionDays() > 0 || policy.maxRows() > 0; }

    /** One batch on {@code s}'s connection (the caller commits); {@code newestId}: the newest committed id. */
    int batch(Statement s, long newestId) throws SQLException {
        if (!enabled()) return 0;
        int byAge = 0, byCount = 0;
        if (policy.retentionDays() > 0) {
            long cutoff = System.currentTimeMillis() - policy.retentionDays() * 86_400_000L;
            byAge = deleted(s, "DELETE FROM journal WHERE id IN (SELECT id FROM (SELECT id, received_ms FROM journal"
                    + " ORDER BY id LIMIT " + BATCH + ") WHERE received_ms < " + cutoff + ")");
        }
        if (policy.maxRows() > 0)
            byCount = deleted(s, "DELETE FROM journal WHERE id IN (SELECT id FROM journal WHERE id <= "
                    + (newestId - policy.maxRows()) + " ORDER BY id LIMIT " + BATCH + ")");
        deleted.add(byAge + byCount);
        batches.increment();
        // A full batch of either kind means more may be due.
        return Math.max(byAge, byCount);
    }

    /**
     * Runs a DELETE and returns the journal rows it deleted. Not {@code executeUpdate}'s count: the driver counts the
     * rows the delete trigger removed from the request-key table too ({@link JournalSchema}), which doubled it and
     * ended a backlog's batches after the first; SQL's {@code changes()} counts the statement's own rows only.
     */
    private static int deleted(Statement s, String delete) throws SQLException {
        s.executeUpdate(delete);
        try (ResultSet rs = s.executeQuery("SELECT changes()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    long deleted() { return deleted.sum(); }
    long batches() { return batches.sum(); }
}
